import OpenAPIConform

/// What every command that checks something against a description reads alike: the description's path, the
/// severity that fails, the config, the limits and `--quiet`. `RunOptions` adds the report options of the commands
/// that write a conformance report; `payload`, which writes its own output, takes these alone.
struct CheckOptions {
    /// Failing severity, config and limits, in the order the commands list them.
    static let options: [OptionSpec] = [FailurePolicy.option, ConfigOption.option] + LimitOptions.options

    let specPath: String
    let threshold: Severity
    let configPath: String?
    let limits: LimitOverrides
    let quiet: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        specPath = arguments.value("--spec") ?? ""
        threshold = FailurePolicy.threshold(arguments)
        configPath = arguments.value("--config")
        limits = try LimitOptions.overrides(arguments)
        quiet = arguments.flag("--quiet")
    }

    /// Gives `run` the limits and failing severity these options name.
    func configure(_ run: inout ConformanceRun) {
        run.limitOverrides = limits
        run.failOn = threshold
    }
}
