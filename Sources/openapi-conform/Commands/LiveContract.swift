import ConformLive
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

    /// Prints an exchange's findings as it passes (only those at the failing severity with `--quiet`), one line
    /// each: the exchange (`proxy#3 GET /v1/orders?limit=1000 → 400`, credentials masked) and the located finding.
    static func findingPrinter(_ contract: Contract, quiet: Bool) -> @Sendable (ExchangeResult) -> Void {
        let text = FindingText(locator: contract.bundle, colour: false, paths: .currentDirectory)
        let failOn = contract.failOn
        return { result in
            let shown = result.findings.filter { !quiet || $0.severity >= failOn }
            guard !shown.isEmpty else { return }
            let exchange = "\(result.source) \(result.method) \(result.url ?? result.operation?.path ?? "")" + (result.status.map { " → \($0)" } ?? "")
            Console.error(shown.map { "\(exchange): \(text.line($0))" }.joined(separator: "\n"))
        }
    }

    /// The `--record` file, opened: `.some(nil)` when none was asked for, nil (after saying why) when it cannot be
    /// written. Credentials are masked in it as in reports; their names stay, so it validates the same.
    static func openRecording(_ path: String?, contract: Contract) -> LiveRecording?? {
        guard let path else { return .some(nil) }
        do {
            return .some(try LiveRecording(path: path, redactor: contract.redactor, creatorVersion: ToolInfo.version))
        } catch {
            Console.error("error: cannot write \(path): \(error)")
            return nil
        }
    }

    /// Closes the recording; false (after saying why) when some of it could not be written.
    static func closeRecording(_ recording: LiveRecording?) -> Bool {
        guard let recording, let error = recording.close() else { return true }
        Console.error("error: the recording \(recording.path) could not be written completely: \(error)")
        return false
    }
}
