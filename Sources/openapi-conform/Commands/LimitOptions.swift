import OpenAPIConform

/// `--limit NAME=VALUE`, `--allow-external-refs` and `--allow-remote-refs`, shared by every command that reads a
/// description or traffic: the bounds on hostile input (README: "Limits") and where `$ref`s may reach.
enum LimitOptions {
    static let options = [
        OptionSpec(
            "--limit", valueName: "name=value", kind: .repeated,
            help: "Set a bound on hostile input, over the config's 'limits:' (depth, alias-expansion, document-bytes, string-bytes, ref-hops, files, pattern-length, body-bytes, findings-per-exchange, schema-depth); sizes take KiB, MiB or GiB."),
        OptionSpec("--allow-external-refs", kind: .flag, help: "Let relative $refs reach files outside the description's folder."),
        OptionSpec(
            "--allow-remote-refs", kind: .flag,
            help: "Fetch $refs to http(s) URLs (10 s and the document-bytes limit each); without it they are reported unresolved."),
    ]

    static func overrides(_ arguments: ParsedArguments) throws(UsageError) -> LimitOverrides {
        let assignments = arguments.values("--limit")
        do {
            return try LimitOverrides(
                assignments: assignments, allowExternalReferences: arguments.flag("--allow-external-refs"),
                allowRemoteReferences: arguments.flag("--allow-remote-refs"))
        } catch {
            throw .malformedValue(option: "--limit", value: String(error.assignment.prefix(64)), problem: error.message)
        }
    }
}
