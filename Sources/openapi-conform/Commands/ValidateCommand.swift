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
        let description: Description
        var validation: TrafficValidation
        do {
            let config = try ConformConfig.resolve(explicit: configPath, spec: specPath)
            description = try Description.load(path: specPath, config: config)
            validation = TrafficValidation(description: description)
            if let baselinePath, !updateBaseline, FileManager.default.fileExists(atPath: baselinePath) {
                validation.baseline = try Baseline.load(path: baselinePath)
            }
        } catch {
            Console.error(error.description)
            return .usageOrInput
        }
        let inputs: [TrafficInput] = traffic.map { path in
            path == "-" ? .bytes([UInt8](FileHandle.standardInput.readDataToEndOfFile()), name: "<stdin>") : .file(path)
        }
        let progressLine = ProgressLine(label: "validate")
        validation.progress = { progressLine.update($0) }
        let checked = await validation.run(inputs)
        progressLine.finish()

        if updateBaseline, let baselinePath {
            do {
                try Baseline.write(checked.findings, to: baselinePath)
                Console.out("wrote \(Set(checked.findings.filter { $0.severity >= .warning }.map(\.fingerprint)).count) fingerprints to \(baselinePath)")
                return .success
            } catch {
                Console.error("error: cannot write \(baselinePath): \(error.localizedDescription)")
                return .usageOrInput
            }
        }
        let report = ConformanceReport(
            name: Self.name(of: specPath), description: description, traffic: checked,
            trafficFiles: inputs.map(\.name), threshold: threshold, minimumCoverage: reports.minimumCoverage)
        let written = reports.write(report)
        if !checked.unreadable.isEmpty || !written { return .usageOrInput }
        if let minimum = reports.minimumCoverage, report.belowMinimumCoverage {
            Console.error("error: \(report.coverage.seenCount) of \(report.coverage.documentedCount) documented responses seen; --min-coverage requires \(PercentText.format(minimum))")
        }
        return report.conformant ? .success : .findings
    }

    /// The API's name in reports: the description's folder for `specs/<api>/openapi.yaml`, else its file name.
    static func name(of specPath: String) -> String {
        let url = URL(fileURLWithPath: specPath)
        let file = url.deletingPathExtension().lastPathComponent
        return ["openapi", "swagger", "api"].contains(file.lowercased()) ? url.deletingLastPathComponent().lastPathComponent : file
    }
}
