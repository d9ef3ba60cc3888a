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
            Exit status: 0 conformant, 1 findings at the failing severity, 2 usage error or unreadable input.
            """,
        options: [
            OptionSpec("--spec", valueName: "spec", required: true, help: "The OpenAPI description (YAML or JSON)."),
            OptionSpec("--format", valueName: "format", help: "Output format.", allowedValues: ["text", "json"], defaultValue: "text"),
            FailurePolicy.option,
            ConfigOption.option,
            OptionSpec("--baseline", valueName: "file", help: "Known findings (by fingerprint) that do not fail the run."),
            OptionSpec("--update-baseline", kind: .flag, help: "Write the current findings to the --baseline file and exit 0."),
        ],
        positionals: [PositionalSpec(name: "traffic", help: "Traffic files; '-' reads standard input.", repeating: true)])

    let specPath: String
    let traffic: [String]
    let format: String
    let threshold: Severity
    let configPath: String?
    let baselinePath: String?
    let updateBaseline: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        specPath = arguments.value("--spec") ?? ""
        traffic = arguments.positionals
        format = arguments.value("--format") ?? "text"
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
        let report = await validation.run(inputs)

        if updateBaseline, let baselinePath {
            do {
                try Baseline.write(report.findings, to: baselinePath)
                Console.out("wrote \(Set(report.findings.filter { $0.severity >= .warning }.map(\.fingerprint)).count) fingerprints to \(baselinePath)")
                return .success
            } catch {
                Console.error("error: cannot write \(baselinePath): \(error.localizedDescription)")
                return .usageOrInput
            }
        }
        switch format {
        case "json": Console.out(TrafficJSON.render(report, description: description))
        default: Console.out(TrafficText.render(report, description: description, colour: Console.stdoutWantsColour))
        }
        if !report.unreadable.isEmpty { return .usageOrInput }
        return FailurePolicy.exitStatus(for: report.findings, threshold: threshold)
    }
}
