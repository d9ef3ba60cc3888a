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
        lines.append("## \(report.conformant ? "✅" : "❌") \(Self.cell(report.name)): " + (report.conformant ? "conformant" : "not conformant"))
        lines.append("")
        var about = "`\(Self.code(report.specPath))` · OpenAPI \(document.version.text)"
        if !document.title.isEmpty { about += " · \(Self.cell(document.title))" + (document.apiVersion.isEmpty ? "" : " \(Self.cell(document.apiVersion))") }
        if report.checksTraffic { about += " · traffic: " + report.sources.map { "`\(Self.code(report.paths($0)))`" }.joined(separator: ", ") }
        lines.append(about)
        lines.append("")
        lines += summaryTable(report)
        lines += findingSection("Description findings", report.descriptionFindings, report: report)
        if report.checksTraffic {
            lines.append("")
            lines += coverageSection(report)
            lines += operationSections(report)
        }
        lines += findingSection("Unreadable traffic", report.unreadable, report: report)
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

    private func operationSections(_ report: ConformanceReport) -> [String] {
        var lines: [String] = []
        for group in report.resultsByOperation {
            let withFindings = group.results.filter { !$0.findings.isEmpty }
            guard !withFindings.isEmpty else { continue }
            let failed = group.results.filter { !$0.passed }.count
            lines.append("")
            lines.append("### " + (group.operation.map { "`\(Self.code($0.description))`" } ?? "Not routed to any operation")
                + " — \(failed) of \(CountText.phrase(group.results.count, "exchange")) failed")
            lines.append("")
            var shown = 0
            var rows: [String] = []
            for result in withFindings {
                for finding in result.findings {
                    shown += 1
                    if shown <= findingsPerOperation { rows.append(findingRow(finding, report: report, exchange: result)) }
                }
            }
            lines += Self.findingHeader(exchange: true) + rows
            if shown > findingsPerOperation {
                lines.append("")
                lines.append("… and \(shown - findingsPerOperation) more findings on this operation (see the JSON or HTML report).")
            }
        }
        return lines
    }

    /// A titled table of findings that belong to no exchange; nothing when there are none.
    private func findingSection(_ title: String, _ findings: [Finding], report: ConformanceReport) -> [String] {
        guard !findings.isEmpty else { return [] }
        return ["", "### \(title)", ""] + findingTable(findings, report: report, exchange: nil)
    }

    private func findingTable(_ findings: [Finding], report: ConformanceReport, exchange: ExchangeResult?) -> [String] {
        Self.findingHeader(exchange: false) + findings.map { findingRow($0, report: report, exchange: nil) }
    }

    private static func findingHeader(exchange: Bool) -> [String] {
        exchange
            ? ["| Exchange | Severity | Rule | Spec | Message |", "|---|---|---|---|---|"]
            : ["| Severity | Rule | Location | Message |", "|---|---|---|---|"]
    }

    private func findingRow(_ finding: Finding, report: ConformanceReport, exchange: ExchangeResult?) -> String {
        let location = report.location(of: finding).map { "`\(Self.code($0.description))`" } ?? ""
        var message = Self.cell(finding.message)
        if !finding.notes.isEmpty { message += "<br>" + finding.notes.map { Self.cell($0) }.joined(separator: "<br>") }
        let columns = [Self.severity(finding.severity), "`\(finding.rule.name)`", location, message]
        guard let exchange else { return "| " + columns.joined(separator: " | ") + " |" }
        let label = "\(report.paths(exchange.source))" + (exchange.status.map { " → \($0)" } ?? "")
        return "| " + ([Self.cell(label)] + columns).joined(separator: " | ") + " |"
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
