import Foundation
import OpenAPIConform

/// `openapi-conform validate --spec SPEC TRAFFIC...`: check recorded exchanges against a description.
struct ValidateCommand: Command {
    static let spec = CommandSpec(
        name: "validate",
        abstract: "Check recorded traffic (HAR, JSONL, VCR cassettes, Pact files) against a description.",
        discussion: """
            Each exchange is routed to its operation and its parameters, security, request body, status, \
            response headers and response body are checked. '-' reads traffic from standard input.
            Reports: text (default), json, junit, sarif, markdown or html; --report writes more formats from the \
            same run. Coverage counts the documented (operation, status, media type) responses the traffic reached.
            Exit status: 0 conformant, 1 findings at the failing severity or coverage under --min-coverage, \
            2 usage error, unreadable input or a report that cannot be written.
            """,
        options: [
            OptionSpec("--spec", valueName: "spec", required: true, help: "The OpenAPI description (YAML or JSON)."),
        ] + ReportOptions.options + [
            FailurePolicy.option,
            ConfigOption.option,
            OptionSpec("--baseline", valueName: "file", help: "Known findings (by fingerprint) that do not fail the run."),
            OptionSpec("--update-baseline", kind: .flag, help: "Write the current findings to the --baseline file and exit 0."),
        ],
        positionals: [PositionalSpec(name: "traffic", help: "Traffic files; '-' reads standard input.", repeating: true)])

    let specPath: String
    let traffic: [String]
    let reports: ReportOptions
    let threshold: Severity
    let configPath: String?
    let baselinePath: String?
    let updateBaseline: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        specPath = arguments.value("--spec") ?? ""
        traffic = arguments.positionals
        reports = try ReportOptions(arguments)
        threshold = FailurePolicy.threshold(arguments)
        configPath = arguments.value("--config")
        baselinePath = arguments.value("--baseline")
        updateBaseline = arguments.flag("--update-baseline")
        if updateBaseline && baselinePath == nil {
            throw .invalidCombination("--update-baseline needs --baseline <file> to write to.")
        }
    }

    func run() async -> ExitStatus {
        var pipeline = ConformanceRun(name: ConformanceRun.name(of: specPath), specPath: specPath, configPath: configPath, lint: false)
        pipeline.failOn = threshold
        pipeline.minimumCoverage = reports.minimumCoverage
        do {
            if let baselinePath, !updateBaseline, FileManager.default.fileExists(atPath: baselinePath) {
                pipeline.baseline = try Baseline.load(path: baselinePath)
            }
        } catch {
            Console.error(error.description)
            return .usageOrInput
        }
        let inputs: [TrafficInput] = traffic.map { path in
            path == "-" ? .bytes([UInt8](FileHandle.standardInput.readDataToEndOfFile()), name: "<stdin>") : .file(path)
        }
        let progressLine = ProgressLine(label: "validate")
        pipeline.progress = { progressLine.update($0) }
        let report: ConformanceReport
        do {
            report = try await pipeline.report(inputs)
        } catch {
            progressLine.finish()
            Console.error(error.description)
            return .usageOrInput
        }
        progressLine.finish()

        if updateBaseline, let baselinePath {
            do {
                let findings = report.findings
                try BaselineFile.write(findings, locator: report.contract.bundle, to: baselinePath, paths: report.paths)
                Console.out("wrote \(Set(findings.filter { $0.severity >= .warning }.map(\.fingerprint)).count) fingerprints to \(baselinePath)")
                return .success
            } catch {
                Console.error("error: cannot write \(baselinePath): \(error.localizedDescription)")
                return .usageOrInput
            }
        }
        let written = reports.write(report)
        if !report.unreadable.isEmpty || !written { return .usageOrInput }
        if let minimum = reports.minimumCoverage, report.belowMinimumCoverage {
            Console.error("error: \(report.coverage.seenCount) of \(report.coverage.documentedCount) documented responses seen; --min-coverage requires \(PercentText.format(minimum))")
        }
        return report.conformant ? .success : .findings
    }
}
