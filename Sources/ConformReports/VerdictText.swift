import ConformChecks
import ConformFindings

/// The run's verdict in words, as every format that words it says it. A report about the description alone
/// (`lint`, no traffic) never calls the API conformant, since it saw no traffic to judge: it says whether the
/// description passes.
package enum VerdictText {
    /// `Conformant`, `Not conformant`, `Description passes`, `Description fails`.
    package static func headline(_ report: ConformanceReport) -> String {
        switch (report.checksTraffic, report.conformant) {
        case (true, true): "Conformant"
        case (true, false): "Not conformant"
        case (false, true): "Description passes"
        case (false, false): "Description fails"
        }
    }

    /// The headline in running text: `conformant`, `description fails`.
    package static func phrase(_ report: ConformanceReport) -> String {
        headline(report).lowercased()
    }

    /// Said under the verdict of a report without traffic, so that a reader does not take it for one about the API.
    package static let descriptionOnly = "No traffic was checked: this report is about the description alone."

    /// Said under the verdict when `--host` left exchanges out: they were neither passed nor failed.
    package static func skipped(_ report: ConformanceReport) -> String? {
        guard report.skippedCount > 0 else { return nil }
        let hosts = report.skipped.map { "\($0.host) \($0.exchanges)" }.joined(separator: ", ")
        let verb = report.skippedCount == 1 ? "was" : "were"
        return "\(CountText.phrase(report.skippedCount, "exchange")) to other hosts (\(hosts)) \(verb) not checked (--host)."
    }
}
