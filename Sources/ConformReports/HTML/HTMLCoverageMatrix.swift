import ConformChecks
import ConformFindings
import ConformSpec

/// The coverage section: one row per operation, one column per documented response key, each cell a chip per
/// documented media type in the state its exchanges left it; then a legend, the responses never seen and the
/// bodies that could not be validated.
struct HTMLCoverageMatrix {
    let report: ConformanceReport
    /// Where each operation's findings are on the page, to link rows to them; the nil key is traffic routed nowhere.
    let anchors: [OperationKey?: String]

    /// Lists of never-seen responses longer than this start folded.
    private static let neverSeenOpenLimit = 20

    func render() -> String {
        let coverage = report.coverage
        let sentence = TextReporter.coverageSentence(coverage)
        var html = "<section id=\"coverage\" aria-labelledby=\"coverage-title\">\n<h2 id=\"coverage-title\">Coverage</h2>\n"
        html += "<p>\(HTMLDocument.text(sentence.prefix(1).uppercased() + sentence.dropFirst())).</p>\n"
        if let minimum = report.minimumCoverage {
            html += report.belowMinimumCoverage
                ? "<p><strong>✗ Under the required \(PercentText.format(minimum)) (--min-coverage).</strong></p>\n"
                : "<p>✓ Meets the required \(PercentText.format(minimum)) (--min-coverage).</p>\n"
        }
        let common = Self.commonMediaType(coverage)
        if let common { html += "<p>Every documented response body is <code>\(HTMLDocument.text(common))</code>.</p>\n" }
        html += "<div class=\"scroll\">\n<table class=\"matrix\">\n" + header(coverage.columns) + "<tbody>\n"
        for row in coverage.rows { html += render(row, columns: coverage.columns, common: common) }
        if coverage.unrouted.exchanges > 0 {
            let name = anchors[nil].map { "<a href=\"#\($0)\">Not routed to any operation</a>" } ?? "Not routed to any operation"
            html += "<tr><th scope=\"row\">\(name)</th>"
                + "<td class=\"num\">\(Self.exchanges(coverage.unrouted))</td>"
                + String(repeating: "<td class=\"none\"></td>", count: coverage.columns.count) + "<td></td></tr>\n"
        }
        html += "</tbody>\n</table>\n</div>\n" + Self.legend
        html += neverSeen(coverage) + notValidated(coverage)
        return html + "</section>\n"
    }

    private func header(_ columns: [ResponseKey]) -> String {
        var html = "<thead><tr><th scope=\"col\">Operation</th><th scope=\"col\" class=\"num\">Exchanges</th>"
        html += columns.map { "<th scope=\"col\">\(HTMLDocument.text($0.description))</th>" }.joined()
        return html + "<th scope=\"col\">Undocumented seen</th></tr></thead>\n"
    }

    /// The one media type of every documented response body, when there is one: said once above the matrix, so
    /// its chips need only a state and a count and a description with many statuses fits the screen's width.
    private static func commonMediaType(_ coverage: Coverage) -> String? {
        let types = Set(coverage.rows.flatMap { $0.cells.compactMap(\.mediaType) })
        return types.count == 1 ? types.first : nil
    }

    private func render(_ row: Coverage.Row, columns: [ResponseKey], common: String?) -> String {
        var name = HTMLDocument.operation(row.operation)
        if let anchor = anchors[.some(row.operation)] { name = "<a href=\"#\(anchor)\">\(name)</a>" }
        if let id = row.operationID { name += "<span class=\"op-id\">\(HTMLDocument.text(id))</span>" }
        var html = "<tr><th scope=\"row\">\(name)</th><td class=\"num\">\(Self.exchanges(row.tally))</td>"
        for column in columns {
            let chips = row.cells.filter { $0.key == column }.map { cell in
                Self.chip(
                    state: cell.tally.state, label: cell.mediaType == common ? nil : cell.mediaType ?? "no body", tally: cell.tally,
                    about: "\(column) \(cell.mediaType ?? "without a body")")
            }
            html += chips.isEmpty ? "<td class=\"none\"></td>" : "<td><div class=\"chips\">\(chips.joined())</div></td>"
        }
        let undocumented = row.undocumented.map { response in
            Self.chip(state: response.tally.state, label: response.label, tally: response.tally, about: "undocumented \(response.label)")
        }
        return html + (undocumented.isEmpty ? "<td></td>" : "<td><div class=\"chips\">\(undocumented.joined())</div></td>") + "</tr>\n"
    }

    /// `12` or `12 (3 ✗)`: a row's exchanges and how many failed.
    private static func exchanges(_ tally: Coverage.Tally) -> String {
        HTMLDocument.count(tally.exchanges) + (tally.failed > 0 ? " <small>(\(HTMLDocument.count(tally.failed)) ✗)</small>" : "")
    }

    static func symbol(_ state: Coverage.CellState) -> String {
        switch state {
        case .passed: return "✓"
        case .failed: return "✗"
        case .exercised: return "◐"
        case .neverSeen: return "–"
        }
    }

    /// A chip: the state's symbol, the label and the exchange count as text; the full tally in the tooltip.
    /// A nil label is the matrix's common media type, said above it.
    static func chip(state: Coverage.CellState, label: String?, tally: Coverage.Tally, about: String) -> String {
        var title = "\(about): \(Self.describe(state))"
        if tally.exchanges > 0 {
            title += "; \(CountText.phrase(tally.exchanges, "exchange")), \(tally.passed) passed, \(tally.failed) failed"
            if tally.notValidated > 0 { title += ", \(tally.notValidated) with a body not validated" }
        }
        var count = "×\(HTMLDocument.count(tally.exchanges))"
        if tally.failed > 0 { count += ", \(HTMLDocument.count(tally.failed)) failed" }
        let text = label.map { "&nbsp;" + HTMLDocument.breakingAfterSlashes($0, limit: 200) } ?? ""
        return "<span class=\"chip \(state.rawValue)\" title=\"\(HTMLDocument.attribute(title))\"><span>\(symbol(state))\(text)</span> "
            + "<span class=\"n\">\(count)</span></span>"
    }

    static func describe(_ state: Coverage.CellState) -> String {
        switch state {
        case .passed: return "passed"
        case .failed: return "failed"
        case .exercised: return "exercised, some body not validated"
        case .neverSeen: return "never seen"
        }
    }

    private static let legend: String = {
        let items = Coverage.CellState.allCases.map { state in
            let meaning = switch state {
            case .passed: "every exchange passed"
            case .failed: "at least one exchange failed"
            case .exercised: "seen, nothing failed, but some body could not be validated"
            case .neverSeen: "documented, never seen"
            }
            let name = describe(state).prefix { $0 != "," }
            return "<li><span class=\"chip \(state.rawValue)\"><span>\(symbol(state))&nbsp;\(name)</span></span> \(meaning)</li>"
        }
        return "<ul class=\"legend\" aria-label=\"Legend\">" + items.joined() + "<li>empty cell: not documented for the operation</li></ul>\n"
    }()

    private func neverSeen(_ coverage: Coverage) -> String {
        let neverSeen = coverage.neverSeen
        guard !neverSeen.isEmpty else { return "" }
        let open = neverSeen.count <= Self.neverSeenOpenLimit ? " open" : ""
        var html = "<details class=\"operation\"\(open)>\n<summary>Documented responses never seen "
            + "<span class=\"outcome\">· \(HTMLDocument.count(neverSeen.count))</span></summary>\n<div class=\"body\"><ul>\n"
        for (operation, cell) in neverSeen {
            html += "<li>\(HTMLDocument.operation(operation)) → \(HTMLDocument.text(cell.key.description))"
                + (cell.mediaType.map { " <code>\(HTMLDocument.text($0))</code>" } ?? " <span class=\"muted\">no body</span>") + "</li>\n"
        }
        return html + "</ul></div>\n</details>\n"
    }

    private func notValidated(_ coverage: Coverage) -> String {
        guard !coverage.notValidated.isEmpty else { return "" }
        var html = "<h3>Not validated</h3>\n<p class=\"muted\">Bodies seen but not checked against a schema; "
            + "their cells count as exercised, not passed.</p>\n<ul>\n"
        for note in coverage.notValidated {
            html += "<li>" + (note.operation.map { HTMLDocument.operation($0) + ": " } ?? "")
                + "\(HTMLDocument.text(note.message)) <span class=\"muted\">(\(CountText.phrase(note.count, "exchange")))</span></li>\n"
        }
        return html + "</ul>\n"
    }
}
