import ConformFindings
import OpenAPIConform

/// A run of `validate` or `merge` that checked no exchange fails with exit status 2, its report still written: an
/// empty capture, a recording step that wrote nothing, or a `--host` that no exchange went to would otherwise pass
/// a CI job forever with "0 exchanges". One shard of many may hold none (`--shard`), so a shard is not held to it;
/// `merge` of the shards is.
enum NothingChecked {
    /// What to say on standard error, or nil when some exchange was checked or some entry could not be read (which
    /// fails the run already, and says why).
    static func problem(_ report: ConformanceReport) -> String? {
        guard report.exchangeCount == 0, report.unreadable.isEmpty else { return nil }
        guard report.skippedCount > 0 else { return "no exchange was checked: the traffic holds none" }
        let hosts = report.skipped.prefix(5).map { "\($0.host) (\($0.exchanges))" }
            + (report.skipped.count > 5 ? ["\(report.skipped.count - 5) more"] : [])
        return "no exchange was checked: all \(report.skippedCount) went to hosts --host does not name: "
            + ListText.joined(hosts, "and")
    }

    /// `status` (the report already written), or 2 with the problem said when nothing was checked.
    static func exitStatus(_ status: ExitStatus, _ report: ConformanceReport) -> ExitStatus {
        guard let problem = problem(report) else { return status }
        Console.error("error: \(problem)")
        return .usageOrInput
    }
}
