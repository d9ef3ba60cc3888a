import OpenAPIConform

/// The contract a live command (`mock`, `probe`) serves or checks against: loaded once at start, its config line
/// shown; nil after saying why it cannot be loaded (the command then exits 2).
enum LiveContract {
    static func load(_ pipeline: ConformanceRun, quiet: Bool) -> Contract? {
        let contract: Contract
        do {
            contract = try pipeline.contract()
        } catch {
            Console.error(FindingText.render(error))
            return nil
        }
        ConfigNotice.show(contract.config, quiet: quiet, humanOutput: true)
        return contract
    }

    /// Prints an exchange's findings as it passes (only those at the failing severity with `--quiet`), one located
    /// line each with the spec line, on standard error.
    static func findingPrinter(_ contract: Contract, quiet: Bool) -> @Sendable (ExchangeResult) -> Void {
        let text = FindingText(locator: contract.bundle, colour: false, paths: .currentDirectory)
        let failOn = contract.failOn
        return { result in
            let shown = result.findings.filter { !quiet || $0.severity >= failOn }
            guard !shown.isEmpty else { return }
            Console.error(shown.map { text.render($0) }.joined(separator: "\n"))
        }
    }
}
