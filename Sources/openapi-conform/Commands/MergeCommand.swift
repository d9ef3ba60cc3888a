import Foundation
import OpenAPIConform

/// `openapi-conform merge --spec SPEC report-1.json … report-N.json`: the JSON reports of `validate --shard K/N`
/// put together into the report one run over all the traffic writes, in every format.
struct MergeCommand: Command {
    static let spec = CommandSpec(
        name: "merge",
        abstract: "Put the JSON reports of 'validate --shard K/N' together into the report of the whole run.",
        discussion: """
            Give the description and the options the shards were given (--config, --baseline, --fail-on, \
            --min-coverage, --limit, --allow-external-refs) and every shard's JSON report (--format json), in any order: exchanges and unreadable \
            entries are put back in input order, so coverage, counts, verdicts and every report format are what one \
            run over all the traffic gives (apart from the time it was written).
            Exit status: as 'validate': 0 conformant, 1 findings at the failing severity or coverage under \
            --min-coverage, 2 usage error, a report that cannot be read or belongs to another run, shards that \
            checked no exchange between them, or a report that cannot be written.
            """,
        options: [
            OptionSpec("--spec", valueName: "spec", required: true, help: "The OpenAPI description the shards checked against."),
        ] + RunOptions.options + BaselineOptions.options + [QuietOption.option],
        positionals: [PositionalSpec(name: "reports", help: "The shards' JSON reports.", repeating: true)])

    let run: RunOptions
    let files: [String]
    let baseline: BaselineOptions

    init(_ arguments: ParsedArguments) throws(UsageError) {
        run = try RunOptions(arguments)
        files = arguments.positionals
        baseline = try BaselineOptions(arguments)
        if files.isEmpty { throw .missingRequired("reports") }
    }

    func run() async -> ExitStatus {
        var pipeline = SpecInput.run(run.specPath, configPath: run.configPath, lint: false)
        run.configure(&pipeline)
        switch baseline.load() {
        case .success(let known): pipeline.baseline = known
        case .failure(let error):
            Console.error(error.message)
            return .usageOrInput
        }
        let contract: Contract
        do {
            contract = try pipeline.contract()
        } catch {
            Console.error(FindingText.render(error))
            return .usageOrInput
        }
        let report: ConformanceReport
        do {
            report = try ReportMerge.merge(files, contract: contract)
        } catch {
            Console.error("error: \(error)")
            return .usageOrInput
        }
        if baseline.update {
            return baseline.write(report.findings, locator: report.contract.bundle, paths: report.paths)
        }
        return NothingChecked.exitStatus(run.finish(report), report)
    }
}
