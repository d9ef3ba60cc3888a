import OpenAPIConform

/// `openapi-conform lint SPEC`: load a description, print a one-screen summary and its findings.
struct LintCommand: Command {
    static let spec = CommandSpec(
        name: "lint",
        abstract: "Check an OpenAPI 3.0 or 3.1 description and summarise it.",
        discussion: """
            Loads the description and every file its $refs reach, builds the model and reports unresolved \
            $refs, path parameters missing from templates or operations, duplicate operationIds, operations \
            without responses and security requirements naming undefined schemes. '-' reads the description \
            from standard input; its relative $refs then resolve against the working directory.
            Exit status: 0 no findings at the failing severity, 1 findings, 2 the description, the config or the \
            baseline cannot be read.
            """,
        options: [
            OptionSpec(
                "--format", valueName: "format",
                help: "Output format: text and json describe the description; junit, sarif, markdown and html are the reports of validate without traffic; github writes GitHub Actions annotations.",
                allowedValues: ReportFormat.allCases.map(\.rawValue), defaultValue: "text"),
            OptionSpec("--output", short: "o", valueName: "file", help: "Write the output to this file instead of standard output."),
            FailurePolicy.option,
            ConfigOption.option,
        ] + LimitOptions.options + BaselineOptions.options + [QuietOption.option],
        positionals: [PositionalSpec(name: "spec", help: "The entry file of the description (YAML or JSON); '-' reads standard input.")])

    let specPath: String
    let format: ReportFormat
    let threshold: Severity
    let quiet: Bool
    let configPath: String?
    let limits: LimitOverrides
    let outputPath: String?
    let baseline: BaselineOptions

    init(_ arguments: ParsedArguments) throws(UsageError) {
        specPath = arguments.positionals[0]
        format = ReportFormat(rawValue: arguments.value("--format") ?? "text") ?? .text
        threshold = FailurePolicy.threshold(arguments)
        quiet = arguments.flag("--quiet")
        configPath = arguments.value("--config")
        limits = try LimitOptions.overrides(arguments)
        outputPath = arguments.value("--output")
        baseline = try BaselineOptions(arguments)
    }

    func run() async -> ExitStatus {
        var pipeline = SpecInput.run(specPath, configPath: configPath, lint: true)
        pipeline.limitOverrides = limits
        pipeline.failOn = threshold
        switch baseline.load() {
        case .success(let known): pipeline.baseline = known
        case .failure(let error):
            Console.error(error.message)
            return .usageOrInput
        }
        let report: ConformanceReport
        do {
            report = try await pipeline.report()
        } catch {
            Console.error(FindingText.render(error))
            return .usageOrInput
        }
        let contract = report.contract
        ConfigNotice.show(contract.config, quiet: quiet, humanOutput: format == .text || outputPath != nil)
        if baseline.update {
            return baseline.write(contract.findings, locator: contract.bundle, paths: report.paths)
        }
        let written = OutputFile.emit(to: outputPath) { output in
            var stream = output
            switch format {
            case .json:
                stream.write(LintJSON.render(contract) + "\n")
            case .text:
                LintSummary.text(contract, colour: outputPath == nil && Console.stdoutWantsColour, quiet: quiet, to: &stream)
            default:
                format.reporter(quiet: quiet).write(report, to: &stream)
            }
        }
        guard written else { return .usageOrInput }
        return report.conformant ? .success : .findings
    }
}
