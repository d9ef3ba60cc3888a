import ConformChecks
import ConformFindings
import ConformValues

/// One finding as a list item: severity badge, rule, message, notes, where it points in the description (with
/// the source line) and in the payload, and the expected and actual values. The `data-` attributes are what the
/// page's filter reads.
struct HTMLFinding {
    let report: ConformanceReport

    func render(_ finding: Finding) -> String {
        let rule = HTMLDocument.attribute(finding.rule.name)
        var html = "<li class=\"finding\" data-severity=\"\(finding.severity.rawValue)\" data-rule=\"\(rule)\">\n"
        html += "<p class=\"head\">\(Self.badge(finding.severity)) <code>\(HTMLDocument.text(finding.rule.name))</code>"
        if let side = finding.side { html += " <span class=\"muted\">\(side.rawValue)</span>" }
        html += "</p>\n<p class=\"message\">\(HTMLDocument.text(finding.message))</p>\n"
        if !finding.notes.isEmpty {
            html += "<ul class=\"notes\">" + finding.notes.map { "<li>\(HTMLDocument.text($0))</li>" }.joined() + "</ul>\n"
        }
        let facts = facts(of: finding)
        if !facts.isEmpty {
            html += "<dl class=\"facts\">" + facts.map { "<dt>\($0.term)</dt><dd>\($0.value)</dd>" }.joined() + "</dl>\n"
        }
        if let location = report.location(of: finding), let line = report.sourceLine(of: finding) {
            html += "<pre>\(HTMLDocument.text(Self.snippet(line: line, column: location.column)))</pre>\n"
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

    /// The source line with a caret under the column. Indentation is dropped (a nested YAML key would start half
    /// a phone screen to the right), and a long line is cut to a window around the column: minified JSON holds a
    /// whole description on one line.
    static func snippet(line: String, column: Int, before: Int = 60, width: Int = 160) -> String {
        var scalars = Array(line.unicodeScalars)
        var column = column
        let indentation = min(scalars.prefix { $0 == " " || $0 == "\t" }.count, column - 1)
        scalars.removeFirst(indentation)
        column -= indentation
        var text = ""
        if column - 1 > before {
            let cut = column - 1 - before
            scalars.removeFirst(min(cut, scalars.count))
            column -= cut - 1
            text = "…"
        }
        text.unicodeScalars.append(contentsOf: scalars.prefix(width))
        if scalars.count > width { text += "…" }
        return Snippet.render(line: text, column: column)
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

    /// An exchange with findings: its label (entry, request, status, comment), then its findings, at most `limit`.
    func render(_ result: ExchangeResult, limit: Int) -> String {
        let source = "\(report.paths(result.source))"
        let verdict = result.verdict == .fail ? "<span class=\"badge error\">✗ fail</span>" : "<span class=\"badge pass\">✓ pass</span>"
        var html = "<article class=\"exchange\" data-group>\n"
        html += "<p class=\"exchange-label label\">\(verdict) <code>\(HTMLDocument.text(source))</code> "
            + "\(HTMLDocument.text(TextReporter.label(of: result), limit: 600))</p>\n<ul class=\"findings\">\n"
        for finding in result.findings.prefix(limit) { html += render(finding) }
        html += "</ul>\n"
        if result.findings.count > limit {
            html += "<p class=\"more\">… and \(HTMLDocument.count(result.findings.count - limit)) more findings on this exchange; "
                + "report.json has them all.</p>\n"
        }
        return html + "</article>\n"
    }
}
