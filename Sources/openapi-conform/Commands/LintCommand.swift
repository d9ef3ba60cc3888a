import OpenAPIConform

/// `openapi-conform lint SPEC`: load a description, print a one-screen summary and its findings.
struct LintCommand: Command {
    static let spec = CommandSpec(
        name: "lint",
        abstract: "Check an OpenAPI 3.0 or 3.1 description and summarise it.",
        discussion: """
            Loads the description and every file its $refs reach, builds the model and reports unresolved \
            $refs, path parameters missing from templates or operations, duplicate operationIds, operations \
            without responses and security requirements naming undefined schemes.
            Exit status: 0 no findings at the failing severity, 1 findings, 2 the description cannot be read.
            """,
        options: [
            OptionSpec(
                "--format", valueName: "format",
                help: "Output format: text and json describe the description; junit, sarif, markdown and html are the reports of validate without traffic.",
                allowedValues: ReportFormat.allCases.map(\.rawValue), defaultValue: "text"),
            OptionSpec("--output", short: "o", valueName: "file", help: "Write the output to this file instead of standard output."),
            FailurePolicy.option,
            ConfigOption.option,
            OptionSpec("--quiet", short: "q", kind: .flag, help: "Print findings only, without the summary."),
        ],
        positionals: [PositionalSpec(name: "spec", help: "The entry file of the description (YAML or JSON).")])

    let specPath: String
    let format: String
    let threshold: Severity
    let quiet: Bool
    let configPath: String?
    let outputPath: String?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        specPath = arguments.positionals[0]
        format = arguments.value("--format") ?? "text"
        threshold = FailurePolicy.threshold(arguments)
        quiet = arguments.flag("--quiet")
        configPath = arguments.value("--config")
        outputPath = arguments.value("--output")
    }

    func run() async -> ExitStatus {
        var pipeline = ConformanceRun(name: ConformanceRun.name(of: specPath), specPath: specPath, configPath: configPath, lint: true)
        pipeline.failOn = threshold
        let report: ConformanceReport
        do {
            report = try await pipeline.report()
        } catch {
            Console.error(error.description)
            return .usageOrInput
        }
        let contract = report.contract
        let written = emit { output in
            switch format {
            case "json":
                output.write(LintJSON.render(contract) + "\n")
            case "text":
                let text = FindingText(locator: contract.bundle, colour: outputPath == nil && Console.stdoutWantsColour)
                if !quiet { output.write(LintSummary.render(contract) + "\n") }
                for finding in contract.findings { output.write(text.render(finding) + "\n") }
                if !quiet { output.write(LintSummary.tally(contract.findings) + "\n") }
            default:
                var stream = output
                ReportFormat(rawValue: format)?.reporter().write(report, to: &stream)
            }
        }
        guard written else { return .usageOrInput }
        return report.conformant ? .success : .findings
    }

    /// Sends what `body` writes to --output (atomically) or to standard output.
    private func emit(_ body: (ReportStream) -> Void) -> Bool {
        guard let outputPath else {
            Console.stream(body)
            return true
        }
        do {
            try ReportFile.write(to: outputPath, body)
            return true
        } catch {
            Console.error("error: cannot write \(outputPath): \(error.localizedDescription)")
            return false
        }
    }
}
