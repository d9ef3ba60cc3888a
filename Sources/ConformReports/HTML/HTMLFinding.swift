import ConformChecks
import ConformFindings
import ConformValues

/// One finding as a list item: severity badge, rule, message, notes, where it points in the description (with
/// the source line) and in the payload, and the expected and actual values. The `data-` attributes are what the
/// page's filter reads.
struct HTMLFinding {
    let report: ConformanceReport

    func render(_ finding: Finding) -> String {
        render(finding, repeated: nil)
    }

    /// A group of findings: finding by finding when it is small, else its first finding once, with the count
    /// and a few examples. `data-count` is how many findings the item stands for, which the filter counts.
    func render(_ group: FindingGroup) -> String {
        guard group.isRepeated else { return group.examples.map(render).joined() }
        return render(group.first, repeated: group)
    }

    private func render(_ finding: Finding, repeated group: FindingGroup?) -> String {
        let rule = HTMLDocument.attribute(finding.rule.name)
        let count = group.map { " data-count=\"\($0.count)\"" } ?? ""
        var html = "<li class=\"finding\" data-severity=\"\(finding.severity.rawValue)\" data-rule=\"\(rule)\"\(count)>\n"
        html += "<p class=\"head\">\(Self.badge(finding.severity)) <code>\(HTMLDocument.text(finding.rule.name))</code>"
        if let side = finding.side { html += " <span class=\"muted\">\(side.rawValue)</span>" }
        if let group { html += " <span class=\"times\">\(HTMLDocument.text(group.countText))</span>" }
        html += "</p>\n<p class=\"message\">\(HTMLDocument.text(finding.message))</p>\n"
        if let group {
            let text = FindingText(locator: report.contract.bundle, colour: false, paths: report.paths)
            html += "<p class=\"examples muted\">\(HTMLDocument.text(text.examples(of: group)))</p>\n"
        }
        if !finding.notes.isEmpty {
            html += "<ul class=\"notes\">" + finding.notes.map { "<li>\(HTMLDocument.text($0))</li>" }.joined() + "</ul>\n"
        }
        let facts = facts(of: finding)
        if !facts.isEmpty {
            html += "<dl class=\"facts\">" + facts.map { "<dt>\($0.term)</dt><dd>\($0.value)</dd>" }.joined() + "</dl>\n"
        }
        if let location = report.location(of: finding), let line = report.sourceLine(of: finding) {
            html += "<pre>\(HTMLDocument.text(Snippet.render(line: line, column: location.column, dropIndentation: true)))</pre>\n"
        }
        return html + "</li>\n"
    }

    /// The labelled values under the message; `value` is already HTML.
    private func facts(of finding: Finding) -> [(term: String, value: String)] {
        var facts: [(String, String)] = []
        if let location = report.location(of: finding) {
            facts.append(("spec", "<code>\(HTMLDocument.text(location.description))</code>"))
        } else if let pointer = finding.specPointer {
            facts.append(("spec", "<code>\(HTMLDocument.text(report.paths(pointer.file) + "#" + pointer.pointer.description))</code>"))
        }
        if let pointer = finding.instancePointer {
            facts.append(("instance", "<code>\(HTMLDocument.text(pointer.tokens.isEmpty ? "(the whole value)" : pointer.description))</code>"))
        }
        if let expected = finding.expected { facts.append(("expected", "<code>\(HTMLDocument.text(expected, limit: 1_000))</code>")) }
        if let actual = finding.actual { facts.append(("actual", "<code>\(HTMLDocument.text(actual, limit: 1_000))</code>")) }
        return facts
    }

    /// A severity as a badge that says its name and carries a symbol, never colour alone.
    static func badge(_ severity: Severity) -> String {
        let symbol = switch severity {
        case .error: "✗"
        case .warning: "!"
        case .note: "i"
        }
        return "<span class=\"badge \(severity.rawValue)\">\(symbol) \(severity.rawValue)</span>"
    }

    /// An exchange with findings: its label (entry, request, status, comment), then its findings that no repeated
    /// group above it holds, at most `limit`.
    func render(_ exchange: OperationFindings.Exchange, limit: Int) -> String {
        let result = exchange.result
        let source = "\(report.paths(result.source))"
        let verdict = result.verdict == .fail ? "<span class=\"badge error\">✗ fail</span>" : "<span class=\"badge pass\">✓ pass</span>"
        var html = "<article class=\"exchange\" data-group>\n"
        html += "<p class=\"exchange-label label\">\(verdict) <code>\(HTMLDocument.text(source))</code> "
            + "\(HTMLDocument.text(TextReporter.label(of: result), limit: 600))</p>\n<ul class=\"findings\">\n"
        for finding in exchange.findings.prefix(limit) { html += render(finding) }
        html += "</ul>\n"
        if exchange.findings.count > limit {
            html += "<p class=\"more\">… and \(HTMLDocument.count(exchange.findings.count - limit)) more findings on this exchange; "
                + "report.json has them all.</p>\n"
        }
        return html + "</article>\n"
    }
}
