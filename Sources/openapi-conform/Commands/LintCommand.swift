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
            OptionSpec("--format", valueName: "format", help: "Output format.", allowedValues: ["text", "json"], defaultValue: "text"),
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

    init(_ arguments: ParsedArguments) throws(UsageError) {
        specPath = arguments.positionals[0]
        format = arguments.value("--format") ?? "text"
        threshold = FailurePolicy.threshold(arguments)
        quiet = arguments.flag("--quiet")
        configPath = arguments.value("--config")
    }

    func run() async -> ExitStatus {
        let report: LintReport
        do {
            let config = try ConformConfig.resolve(explicit: configPath, spec: specPath)
            report = try SpecLinter(config: config).lint(path: specPath)
        } catch {
            Console.error(error.description)
            return .usageOrInput
        }
        switch format {
        case "json":
            Console.out(LintJSON.render(report))
        default:
            let text = FindingText(locator: report.bundle, colour: Console.stdoutWantsColour)
            if !quiet { Console.out(LintSummary.render(report)) }
            for finding in report.findings { Console.out(text.render(finding)) }
            if !quiet { Console.out(LintSummary.tally(report)) }
        }
        return FailurePolicy.exitStatus(for: report.findings, threshold: threshold)
    }
}
