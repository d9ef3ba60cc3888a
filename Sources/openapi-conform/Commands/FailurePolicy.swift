import OpenAPIConform

/// The `--fail-on` option shared by commands that report findings.
enum FailurePolicy {
    static let option = OptionSpec(
        "--fail-on", valueName: "severity",
        help: "Lowest severity that makes the exit code 1.",
        allowedValues: ["error", "warning"], defaultValue: "error")

    static func threshold(_ arguments: ParsedArguments) -> Severity {
        arguments.value("--fail-on") == "warning" ? .warning : .error
    }

    static func exitStatus(for findings: [Finding], threshold: Severity) -> ExitStatus {
        findings.contains { $0.severity >= threshold } ? .findings : .success
    }
}
