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
}
