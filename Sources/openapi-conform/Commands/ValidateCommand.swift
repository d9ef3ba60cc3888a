import Foundation
import OpenAPIConform

/// `openapi-conform validate --spec SPEC TRAFFIC...`: check recorded exchanges against a description.
struct ValidateCommand: Command {
    static let spec = CommandSpec(
        name: "validate",
        abstract: "Check recorded traffic (HAR, JSONL, VCR cassettes, Pact files) against a description.",
        discussion: """
            Each exchange is routed to its operation and its parameters, security, request body, status, \
            response headers and response body are checked. '-' reads traffic, or with --spec - the description, \
            from standard input (one of the two).
            Reports: text (default), json, junit, sarif, markdown, html or github (GitHub Actions annotations); \
            --report writes more formats from the same run. Coverage counts the documented (operation, status, \
            media type) responses the traffic reached.
            Exit status: 0 conformant, 1 findings at the failing severity or coverage under --min-coverage, \
            2 usage error, unreadable input (a missing --baseline file too), no exchange checked at all (an empty \
            capture, a --host no exchange went to; not with --shard) or a report that cannot be written.
            """,
        options: [
            OptionSpec("--spec", valueName: "spec", required: true, help: "The OpenAPI description (YAML or JSON); '-' reads standard input."),
        ] + RunOptions.options + TrafficScopeOptions.options + BaselineOptions.options + [QuietOption.option],
        positionals: [PositionalSpec(name: "traffic", help: "Traffic files; '-' reads standard input.", repeating: true)])

    let run: RunOptions
    let traffic: [String]
    let baseline: BaselineOptions
    let scope: TrafficScopeOptions

    init(_ arguments: ParsedArguments) throws(UsageError) {
        run = try RunOptions(arguments)
        traffic = arguments.positionals
        baseline = try BaselineOptions(arguments)
        scope = try TrafficScopeOptions(arguments)
        try SpecInput.checkOneReader(spec: run.specPath, inputs: traffic, noun: "traffic")
    }

    func run() async -> ExitStatus {
        var pipeline = SpecInput.run(run.specPath, configPath: run.configPath, lint: false)
        run.configure(&pipeline)
        scope.apply(to: &pipeline)
        switch baseline.load() {
        case .success(let known): pipeline.baseline = known
        case .failure(let error):
            Console.error(error.message)
            return .usageOrInput
        }
        let inputs: [TrafficInput] = traffic.map { path in
            path == "-" ? .bytes([UInt8](FileHandle.standardInput.readDataToEndOfFile()), name: "<stdin>") : .file(path)
        }
        let progressLine = ProgressLine(label: "validate", enabled: !run.quiet)
        pipeline.progress = { progressLine.update($0) }
        let report: ConformanceReport
        do {
            report = try await pipeline.report(inputs)
        } catch {
            progressLine.finish()
            Console.error(FindingText.render(error))
            return .usageOrInput
        }
        progressLine.finish()
        ConfigNotice.show(report.contract.config, quiet: run.quiet, humanOutput: run.reports.main.format == .text || run.reports.main.path != nil)

        if baseline.update {
            return baseline.write(report.findings, locator: report.contract.bundle, paths: report.paths)
        }
        let status = run.finish(report)
        return scope.shard == nil ? NothingChecked.exitStatus(status, report) : status
    }
}
