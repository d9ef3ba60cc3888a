import OpenAPIConform

/// What the commands that check against a description and write a conformance report (`validate`, `merge`,
/// `mock`, `probe`, `proxy`) read alike: `CheckOptions` (the description's path, what fails, the config, the limits,
/// `--quiet`; read through this type's members) and where the report goes. One home for reading them, for applying
/// them to the run, and for turning the finished report into an exit status, so that an option means the same on
/// each.
@dynamicMemberLookup
struct RunOptions {
    /// `--spec` of the session commands (`validate` and `merge` say more about theirs).
    static let specOption = OptionSpec("--spec", valueName: "spec", required: true, help: "The OpenAPI description (YAML or JSON).")
    /// Report outputs, failing severity, config and limits, in the order every such command lists them.
    static let options: [OptionSpec] = ReportOptions.options + CheckOptions.options

    let check: CheckOptions
    let reports: ReportOptions

    init(_ arguments: ParsedArguments) throws(UsageError) {
        // Report options are checked first: of several bad options, a report option is the one an error names.
        reports = try ReportOptions(arguments)
        check = try CheckOptions(arguments)
    }

    subscript<Value>(dynamicMember member: KeyPath<CheckOptions, Value>) -> Value {
        check[keyPath: member]
    }

    /// Gives `run` the limits, failing severity and minimum coverage these options name.
    func configure(_ run: inout ConformanceRun) {
        check.configure(&run)
        run.minimumCoverage = reports.minimumCoverage
    }

    /// The run a live session (`mock`, `probe`, `proxy`) checks with: named after the description, without lint
    /// (a session reports traffic).
    var sessionRun: ConformanceRun {
        var run = ConformanceRun(name: ConformanceRun.name(of: check.specPath), specPath: check.specPath, configPath: check.configPath, lint: false)
        configure(&run)
        return run
    }

    /// Writes the report where it was asked for and gives the exit status: 2 when it cannot be written, when
    /// traffic could not be read or on `otherFailure` (an unreachable API, a recording that could not be
    /// written); else 1 when findings or coverage under `--min-coverage` fail it (said on standard error), 0 when
    /// nothing does.
    func finish(_ given: ConformanceReport, otherFailure: Bool = false) -> ExitStatus {
        var report = given
        // A session's report is made by its server, not by the run: the gate is set on it here.
        if let minimum = reports.minimumCoverage { report.minimumCoverage = minimum }
        let written = reports.write(report, quiet: check.quiet)
        KeptUntilExit.keep(report)
        if !report.unreadable.isEmpty || !written || otherFailure { return .usageOrInput }
        if let minimum = report.minimumCoverage, report.belowMinimumCoverage {
            Console.error("error: \(report.coverage.seenCount) of \(report.coverage.documentedCount) documented responses seen; --min-coverage requires \(PercentText.format(minimum))")
        }
        return report.conformant ? .success : .findings
    }
}
