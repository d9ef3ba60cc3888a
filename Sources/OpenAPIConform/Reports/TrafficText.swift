import ConformFindings

/// `validate`'s terminal output: each exchange with findings, its findings located in the spec, then a summary.
public enum TrafficText {
    public static func render(_ report: TrafficReport, description: Description, colour: Bool) -> String {
        let text = FindingText(locator: description.bundle, colour: colour)
        var lines: [String] = []
        for result in report.results where !result.findings.isEmpty {
            var heading = "\(result.source.file)#\(result.source.index)  \(result.method) \(result.url ?? result.operation ?? "")"
            if let status = result.status { heading += " → \(status)" }
            if let comment = result.comment, !comment.isEmpty { heading += "  (\(comment))" }
            lines.append(heading)
            for finding in result.findings {
                lines.append(text.render(finding).split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n"))
            }
        }
        for finding in report.unreadable {
            lines.append(text.render(finding))
        }
        lines.append(summary(report))
        return lines.joined(separator: "\n")
    }

    public static func summary(_ report: TrafficReport) -> String {
        let findings = report.findings
        let passed = report.results.count - report.failedCount
        var parts = [
            "\(LintSummary.plural(report.results.count, "exchange")): \(passed) passed, \(report.failedCount) failed",
            [LintSummary.plural(findings.filter { $0.severity == .error }.count, "error"),
             LintSummary.plural(findings.filter { $0.severity == .warning }.count, "warning"),
             LintSummary.plural(findings.filter { $0.severity == .note }.count, "note")].joined(separator: ", "),
        ]
        if !report.unreadable.isEmpty { parts.append("\(LintSummary.plural(report.unreadable.count, "unreadable entry")) ") }
        if report.baselined > 0 { parts.append("\(report.baselined) in the baseline") }
        return parts.joined(separator: " · ")
    }
}
