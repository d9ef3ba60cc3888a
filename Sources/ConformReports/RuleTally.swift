import ConformChecks
import ConformFindings

/// Findings counted per rule and severity, most frequent first: with findings grouped, a report's summary says how
/// many of each there were (a line in text, a table in Markdown and HTML).
package struct RuleTally: Sendable {
    package struct Row: Sendable, Equatable {
        package var rule: RuleID
        package var severity: Severity
        package var count: Int
    }

    /// Most findings first, then by rule name and severity (worst first).
    package private(set) var rows: [Row] = []

    /// Rules named on the text line before the rest are counted.
    static let rulesOnLine = 6

    package init(_ findings: some Sequence<Finding>) {
        var counts: [RuleSeverity: Int] = [:]
        Self.count(findings, into: &counts)
        self.init(counts)
    }

    /// Every finding of a report: the description's, each exchange's (counted as the report took them in) and the
    /// unreadable entries'.
    package init(_ report: ConformanceReport) {
        var counts = report.exchangeRuleCounts
        Self.count(report.descriptionFindings, into: &counts)
        Self.count(report.unreadable, into: &counts)
        self.init(counts)
    }

    private init(_ counts: [RuleSeverity: Int]) {
        rows = counts.map { Row(rule: $0.key.rule, severity: $0.key.severity, count: $0.value) }.sorted {
            ($1.count, $0.rule.name, $1.severity) < ($0.count, $1.rule.name, $0.severity)
        }
    }

    private static func count(_ findings: some Sequence<Finding>, into counts: inout [RuleSeverity: Int]) {
        for finding in findings { counts[RuleSeverity(finding), default: 0] += 1 }
    }

    /// `by rule: response-body-invalid 2,000 · request-security-missing 3`, or nil when no rule has more than one
    /// finding (then the findings listed above say as much). A rule with findings at several severities counts once.
    package var line: String? {
        var perRule: [(rule: RuleID, count: Int)] = []
        for row in rows {
            if let index = perRule.firstIndex(where: { $0.rule == row.rule }) {
                perRule[index].count += row.count
            } else {
                perRule.append((row.rule, row.count))
            }
        }
        guard perRule.contains(where: { $0.count > 1 }) else { return nil }
        perRule.sort { ($1.count, $0.rule.name) < ($0.count, $1.rule.name) }
        var parts = perRule.prefix(Self.rulesOnLine).map { "\($0.rule.name) \(NumberText.grouped($0.count))" }
        if perRule.count > Self.rulesOnLine { parts.append("\(perRule.count - Self.rulesOnLine) more rules") }
        return "by rule: " + parts.joined(separator: " · ")
    }
}
