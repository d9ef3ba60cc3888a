import ConformChecks
import ConformFindings

/// GitHub-flavoured Markdown for a CI job summary or a pull-request comment: a verdict line, a summary table,
/// coverage per operation, and the findings of each operation as a table. Long runs are capped per operation
/// (job summaries have a size limit); the JSON and HTML reports keep everything.
public struct MarkdownReporter: Reporter {
    /// Findings shown per operation before the rest are counted.
    public var findingsPerOperation = 50

    public init() {}

    /// Written whole: the page is capped per operation, so it stays small however long the run.
    public func write<Output: TextOutputStream>(_ report: ConformanceReport, to output: inout Output) {
        output.write(page(report))
    }

    private func page(_ report: ConformanceReport) -> String {
        let document = report.contract.document
        var lines: [String] = []
        lines.append("## \(report.conformant ? "✅" : "❌") \(Self.cell(report.name)): " + VerdictText.phrase(report))
        lines.append("")
        if !report.checksTraffic {
            lines.append(VerdictText.descriptionOnly)
            lines.append("")
        }
        var about = "`\(Self.code(report.specPath))` · OpenAPI \(document.version.text)"
        if !document.title.isEmpty { about += " · \(Self.cell(document.title))" + (document.apiVersion.isEmpty ? "" : " \(Self.cell(document.apiVersion))") }
        if report.checksTraffic { about += " · traffic: " + report.sources.map { "`\(Self.code(report.paths($0)))`" }.joined(separator: ", ") }
        lines.append(about)
        lines.append("")
        lines += summaryTable(report)
        lines += ruleTable(report)
        lines += findingSection("Description findings", FindingGroup.sameMessage(report.descriptionFindings), report: report)
        if report.checksTraffic {
            lines.append("")
            lines += coverageSection(report)
            lines += operationSections(report)
        }
        lines += findingSection("Unreadable traffic", FindingGroup.each(report.unreadable), report: report)
        lines.append("")
        lines.append("<sub>\(ToolInfo.name) \(ToolInfo.version) · failing severity: \(report.threshold) · \(ReportDate.iso8601(report.generatedAt))</sub>")
        return lines.joined(separator: "\n") + "\n"
    }

    private func summaryTable(_ report: ConformanceReport) -> [String] {
        let coverage = report.coverage
        var header = ["Errors", "Warnings", "Notes"]
        var values = [report.count(.error), report.count(.warning), report.count(.note)].map(String.init)
        if report.checksTraffic {
            header = ["Exchanges", "Passed", "Failed"] + header + ["Coverage"]
            values = [report.exchangeCount, report.passedCount, report.failedCount].map(String.init) + values
                + ["\(PercentText.format(coverage.percent)) (\(coverage.seenCount)/\(coverage.documentedCount))"]
        }
        var lines = ["| " + header.joined(separator: " | ") + " |", "|" + String(repeating: "---:|", count: header.count), "| " + values.joined(separator: " | ") + " |"]
        if let minimum = report.minimumCoverage {
            lines.append("")
            lines.append(report.belowMinimumCoverage
                ? "❌ Coverage \(PercentText.format(coverage.percent)) is under the required \(PercentText.format(minimum))."
                : "Coverage meets the required \(PercentText.format(minimum)).")
        }
        if !report.unreadable.isEmpty {
            lines += ["", "❌ " + CountText.phrase(report.unreadable.count, "traffic entry", plural: "traffic entries") + " could not be read."]
        }
        if let skipped = VerdictText.skipped(report) { lines += ["", skipped] }
        if report.baselined > 0 {
            lines += ["", CountText.phrase(report.baselined, "known finding") + (report.baselined == 1 ? " is" : " are") + " in the baseline and not counted."]
        }
        return lines
    }

    private func coverageSection(_ report: ConformanceReport) -> [String] {
        let coverage = report.coverage
        var lines = ["### Coverage", "", TextReporter.coverageSentence(coverage).prefix(1).uppercased() + TextReporter.coverageSentence(coverage).dropFirst() + ".", ""]
        lines.append("| Operation | Exchanges | Failed | Documented responses | Undocumented responses seen |")
        lines.append("|---|---:|---:|---|---|")
        for row in coverage.rows {
            let cells = row.cells.map { cell in
                Self.symbol(cell.tally.state) + " " + Self.cell(cell.key.description + (cell.mediaType.map { " \($0)" } ?? ""))
            }.joined(separator: "<br>")
            let undocumented = row.undocumented.map { "\(Self.cell($0.label)) ×\($0.tally.exchanges)" }.joined(separator: "<br>")
            lines.append("| `\(Self.code(row.operation.description))` | \(row.tally.exchanges) | \(row.tally.failed) | \(cells.isEmpty ? "none" : cells) | \(undocumented) |")
        }
        if coverage.unrouted.exchanges > 0 {
            lines.append("| not routed to any operation | \(coverage.unrouted.exchanges) | \(coverage.unrouted.failed) | | |")
        }
        lines.append("")
        lines.append("✅ passed · ❌ failed · ☑️ exercised, body not validated · ⬜ never seen")
        if !coverage.notValidated.isEmpty {
            lines.append("")
            lines.append("**Not validated**")
            lines.append("")
            for note in coverage.notValidated {
                lines.append("- " + (note.operation.map { "`\(Self.code($0.description))`: " } ?? "") + Self.cell(note.message) + " (\(CountText.phrase(note.count, "exchange")))")
            }
        }
        return lines
    }

    /// Findings per rule and severity: repeated findings are one row each below, so the counts are here.
    private func ruleTable(_ report: ConformanceReport) -> [String] {
        let tally = RuleTally(report)
        guard !tally.rows.isEmpty else { return [] }
        return ["", "### Findings by rule", "", "| Rule | Severity | Findings |", "|---|---|---:|"]
            + tally.rows.map { "| `\($0.rule.name)` | \(Self.severity($0.severity)) | \(NumberText.grouped($0.count)) |" }
    }

    private func operationSections(_ report: ConformanceReport) -> [String] {
        var lines: [String] = []
        for group in report.resultsByOperation {
            let arranged = OperationFindings(group.results)
            guard !arranged.isEmpty else { continue }
            let failed = group.results.failedCount
            lines.append("")
            lines.append("### " + (group.operation.map { "`\(Self.code($0.description))`" } ?? "Not routed to any operation")
                + " — \(failed) of \(CountText.phrase(group.results.count, "exchange")) failed")
            lines.append("")
            // A repeated finding is one row that stands for all its occurrences.
            var rows: [(row: String, findings: Int)] = arranged.repeated.map { (groupRow($0, report: report), $0.count) }
            for exchange in arranged.exchanges {
                rows += exchange.findings.map { (findingRow($0, report: report, exchange: exchange.result), 1) }
            }
            lines += Self.findingHeader(exchange: true) + rows.prefix(findingsPerOperation).map(\.row)
            let unshown = rows.dropFirst(findingsPerOperation).reduce(0) { $0 + $1.findings }
            if unshown > 0 {
                lines.append("")
                lines.append("… and \(unshown) more findings on this operation (see the JSON or HTML report).")
            }
        }
        return lines
    }

    /// A titled table of findings that belong to no exchange; nothing when there are none.
    private func findingSection(_ title: String, _ groups: [FindingGroup], report: ConformanceReport) -> [String] {
        guard !groups.isEmpty else { return [] }
        let rows = groups.flatMap { group in
            group.isRepeated ? [groupRow(group, report: report)] : group.examples.map { findingRow($0, report: report, exchange: nil) }
        }
        return ["", "### \(title)", ""] + Self.findingHeader(exchange: false) + rows
    }

    private static func findingHeader(exchange: Bool) -> [String] {
        exchange
            ? ["| Exchange | Severity | Rule | Spec | Message |", "|---|---|---|---|---|"]
            : ["| Severity | Rule | Location | Message |", "|---|---|---|---|"]
    }

    private func findingRow(_ finding: Finding, report: ConformanceReport, exchange: ExchangeResult?) -> String {
        let label = exchange.map { "\(report.paths($0.source))" + ($0.status.map { " → \($0)" } ?? "") }
        return row(finding, report: report, label: label.map { Self.cell($0) }, extra: nil)
    }

    /// One row for a repeated finding: its count where the exchange goes (for traffic), and examples under the message.
    private func groupRow(_ group: FindingGroup, report: ConformanceReport) -> String {
        let examples = FindingText(locator: report.contract.bundle, colour: false, paths: report.paths).examples(of: group)
        let traffic = group.kind == .sameFinding && group.first.exchange != nil
        return row(
            group.first, report: report, label: traffic ? Self.cell(group.countText) : nil,
            extra: (traffic ? "" : group.countText + "; ") + examples)
    }

    private func row(_ finding: Finding, report: ConformanceReport, label: String?, extra: String?) -> String {
        let location = report.location(of: finding).map { "`\(Self.code($0.description))`" } ?? ""
        var message = Self.cell(finding.message)
        if !finding.notes.isEmpty { message += "<br>" + finding.notes.map { Self.cell($0) }.joined(separator: "<br>") }
        if let extra { message += "<br>" + Self.cell(extra) }
        let columns = [Self.severity(finding.severity), "`\(finding.rule.name)`", location, message]
        guard let label else { return "| " + columns.joined(separator: " | ") + " |" }
        return "| " + ([label] + columns).joined(separator: " | ") + " |"
    }

    private static func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: return "❌ error"
        case .warning: return "⚠️ warning"
        case .note: return "ℹ️ note"
        }
    }

    private static func symbol(_ state: Coverage.CellState) -> String {
        switch state {
        case .passed: return "✅"
        case .failed: return "❌"
        case .exercised: return "☑️"
        case .neverSeen: return "⬜"
        }
    }

    /// Text for a table cell: pipes, HTML and Markdown emphasis escaped, line breaks kept as `<br>`, long text cut.
    static func cell(_ text: String, limit: Int = 400) -> String {
        var clipped = text
        if clipped.count > limit { clipped = String(clipped.prefix(limit)) + "…" }
        var result = ""
        for character in clipped {
            switch character {
            case "|": result += "\\|"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "\\", "*", "_", "`", "[", "]", "#", "~": result += "\\" + String(character)
            case "\n": result += "<br>"
            case "\r": continue
            default: result.append(character)
            }
        }
        return result
    }

    /// Text inside a code span: backticks cannot be escaped there, so they become `'`; pipes still break tables.
    static func code(_ text: String) -> String {
        text.replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
