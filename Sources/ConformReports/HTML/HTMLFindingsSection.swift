import ConformChecks
import ConformFindings

/// The findings part of the page: the filter toolbar, the description's own findings, the exchanges with
/// findings operation by operation, and unreadable traffic entries. A finding that repeats is shown once with its
/// count (`FindingGroup`, `OperationFindings`).
///
/// A run can hold hundreds of thousands of exchanges, so each operation shows at most `exchangesPerOperation`
/// of its exchanges with findings and says how many more there are; report.json keeps every one.
struct HTMLFindingsSection {
    /// The exchanges with findings of one operation (or of none, for traffic routed nowhere).
    struct Group {
        var operation: OperationKey?
        var operationID: String?
        /// The element id the coverage matrix links to.
        var anchor: String
        var exchanges: Int
        var failed: Int
        var withFindings: Int
        /// Findings that repeat across the operation's exchanges or array items, each shown once.
        var repeated: [FindingGroup]
        /// Exchanges listed with the findings no repeated group holds.
        var listed: Int
        var shown: [OperationFindings.Exchange]
    }

    let report: ConformanceReport
    let groups: [Group]
    /// The description's findings, one message at many places shown once.
    let descriptionGroups: [FindingGroup]
    var findingsPerExchange: Int

    init(report: ConformanceReport, exchangesPerOperation: Int, findingsPerExchange: Int) {
        self.report = report
        self.findingsPerExchange = findingsPerExchange
        descriptionGroups = FindingGroup.sameMessage(report.descriptionFindings)
        let operationIDs = Dictionary(
            report.coverage.rows.map { ($0.operation, $0.operationID) }, uniquingKeysWith: { first, _ in first })
        groups = report.resultsByOperation.enumerated().compactMap { index, group in
            let arranged = OperationFindings(group.results)
            guard !arranged.isEmpty else { return nil }
            return Group(
                operation: group.operation, operationID: group.operation.flatMap { operationIDs[$0] ?? nil },
                anchor: group.operation == nil ? "unrouted" : "op-\(index + 1)",
                exchanges: group.results.count, failed: group.results.failedCount,
                withFindings: group.results.withFindingsCount, repeated: arranged.repeated,
                listed: arranged.exchanges.count, shown: Array(arranged.exchanges.prefix(exchangesPerOperation)))
        }
    }

    /// Element ids of the operations listed here, by operation name (nil for traffic routed nowhere), for links
    /// from the matrix.
    var anchors: [OperationKey?: String] {
        Dictionary(groups.map { ($0.operation, $0.anchor) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every finding the page shows, in page order (a repeated group by its first finding).
    private var shownFindings: [Finding] {
        descriptionGroups.flatMap { $0.isRepeated ? [$0.first] : $0.examples }
            + groups.flatMap { group in group.repeated.map(\.first) + group.shown.flatMap { $0.findings.prefix(findingsPerExchange) } }
            + report.unreadable
    }

    func render() -> String {
        let findings = shownFindings
        var html = "<section id=\"findings\" aria-labelledby=\"findings-title\">\n<h2 id=\"findings-title\">Findings</h2>\n"
        guard !findings.isEmpty || !groups.isEmpty else { return html + "<p>No findings.</p>\n</section>\n" }
        if !findings.isEmpty { html += toolbar(rules: Set(findings.map(\.rule.name)).sorted()) }
        let finding = HTMLFinding(report: report)
        if !descriptionGroups.isEmpty {
            html += "<section data-group>\n<h3>Description</h3>\n<ul class=\"findings\">\n"
            html += descriptionGroups.map(finding.render).joined()
            html += "</ul>\n</section>\n"
        }
        if !groups.isEmpty {
            html += "<section data-group>\n<h3>Exchanges</h3>\n"
            let quiet = max(0, report.coverage.rows.count - groups.filter { $0.operation != nil }.count)
            if quiet > 0 {
                html += "<p class=\"muted\">\(CountText.phrase(quiet, "operation")) with no findings \(quiet == 1 ? "is" : "are") not listed.</p>\n"
            }
            for group in groups { html += render(group, finding: finding) }
            html += "</section>\n"
        }
        if !report.unreadable.isEmpty {
            html += "<section data-group>\n<h3>Unreadable traffic</h3>\n<ul class=\"findings\">\n"
            html += report.unreadable.map(finding.render).joined()
            html += "</ul>\n</section>\n"
        }
        return html + "</section>\n"
    }

    /// The toolbar starts hidden: without the script it could do nothing, and every finding is shown anyway.
    private func toolbar(rules: [String]) -> String {
        var html = "<div class=\"toolbar\" id=\"filters\" role=\"search\" hidden>\n<fieldset><legend>Severity</legend>"
        for severity in Severity.allCases.reversed() {
            html += "<label><input type=\"checkbox\" name=\"severity\" value=\"\(severity.rawValue)\" checked> \(severity.rawValue)</label>"
        }
        html += "</fieldset>\n<label>Rule <select name=\"rule\"><option value=\"\">all rules</option>"
        html += rules.map { "<option>\(HTMLDocument.text($0))</option>" }.joined()
        html += "</select></label>\n"
        html += "<input type=\"search\" name=\"q\" placeholder=\"Search messages, URLs, pointers\" aria-label=\"Search findings\">\n"
        return html + "<output aria-live=\"polite\"></output>\n</div>\n"
    }

    private func render(_ group: Group, finding: HTMLFinding) -> String {
        let open = group.failed > 0 ? " open" : ""
        var html = "<details class=\"operation\" id=\"\(group.anchor)\" data-group\(open)>\n<summary class=\"label\">"
        html += group.operation.map(HTMLDocument.operation) ?? "Not routed to any operation"
        if let id = group.operationID { html += " <span class=\"muted\">\(HTMLDocument.text(id))</span>" }
        html += " <span class=\"outcome\">· \(HTMLDocument.count(group.failed)) of \(CountText.phrase(group.exchanges, "exchange")) failed"
        html += ", \(HTMLDocument.count(group.withFindings)) with findings</span></summary>\n<div class=\"body\">\n"
        if !group.repeated.isEmpty {
            html += "<article class=\"repeated\" data-group>\n<p class=\"exchange-label label\">Repeated across this operation's exchanges</p>\n"
                + "<ul class=\"findings\">\n" + group.repeated.map(finding.render).joined() + "</ul>\n</article>\n"
        }
        for exchange in group.shown { html += finding.render(exchange, limit: findingsPerExchange) }
        if group.listed > group.shown.count {
            html += "<p class=\"more\">… and \(HTMLDocument.count(group.listed - group.shown.count)) more exchanges with findings "
                + "on this operation are not shown here; report.json has them all.</p>\n"
        }
        return html + "</div>\n</details>\n"
    }
}
