import ConformChecks
import ConformFindings

/// The top of the page: what was checked against what, the verdict with its reasons, and the summary figures.
struct HTMLReportHeader {
    let report: ConformanceReport

    /// Traffic files listed before the rest are counted (a run can read a folder of recordings).
    private static let trafficFilesShown = 20

    func render() -> String {
        let document = report.contract.document
        var html = "<header>\n<p class=\"eyebrow\">\(ToolInfo.name) report</p>\n<h1>\(HTMLDocument.text(report.name))</h1>\n"
        html += report.conformant
            ? "<p class=\"verdict pass\">✓ \(VerdictText.headline(report))</p>\n"
            : "<p class=\"verdict fail\">✗ \(VerdictText.headline(report))</p>\n"
        html += "<ul class=\"reasons\">" + reasons().map { "<li>\(HTMLDocument.text($0))</li>" }.joined() + "</ul>\n"
        var meta: [(String, String)] = [
            ("Description", HTMLDocument.path(report.specPath)),
            ("OpenAPI", HTMLDocument.text(document.version.text)),
        ]
        if !document.title.isEmpty {
            meta.append(("Title", HTMLDocument.text(document.title + (document.apiVersion.isEmpty ? "" : " · version \(document.apiVersion)"))))
        }
        if report.checksTraffic {
            var files = report.sources.prefix(Self.trafficFilesShown).map { source in
                "<li>" + (source.file.map { HTMLDocument.path(report.paths($0)) } ?? "live: \(HTMLDocument.text(source.description))") + "</li>"
            }
            if report.sources.count > Self.trafficFilesShown {
                files.append("<li>… and \(HTMLDocument.count(report.sources.count - Self.trafficFilesShown)) more</li>")
            }
            meta.append(("Traffic", "<ul>\(files.joined())</ul>"))
        }
        let gate = report.minimumCoverage.map { ", coverage under \(PercentText.format($0))" } ?? ""
        meta.append(("Fails on", "\(report.threshold) or worse\(gate)"))
        meta.append(("Generated", HTMLDocument.time(report.generatedAt) + " by \(ToolInfo.name) \(ToolInfo.version)"))
        html += "<dl class=\"meta\">\n" + meta.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>\n" }.joined() + "</dl>\n</header>\n"
        return html + summary()
    }

    /// Why the run passed or failed, one sentence per cause.
    private func reasons() -> [String] {
        let failing = Severity.allCases.filter { $0 >= report.threshold }.reduce(0) { $0 + report.count($1) }
        var reasons: [String] = []
        if failing > 0 {
            reasons.append(report.threshold == .error
                ? "\(CountText.phrase(failing, "error")) found."
                : "\(CountText.phrase(failing, "finding")) at \(report.threshold) severity or worse.")
        }
        if !report.unreadable.isEmpty {
            reasons.append(CountText.phrase(report.unreadable.count, "traffic entry", plural: "traffic entries") + " could not be read.")
        }
        if let minimum = report.minimumCoverage, report.belowMinimumCoverage {
            reasons.append("Coverage \(PercentText.format(report.coverage.percent)) is under the required \(PercentText.format(minimum)).")
        }
        if reasons.isEmpty {
            var sentence = "No finding at \(report.threshold) severity or worse"
            if report.checksTraffic { sentence += ", every traffic entry read" }
            if let minimum = report.minimumCoverage { sentence += ", coverage meets the required \(PercentText.format(minimum))" }
            reasons.append(sentence + ".")
        }
        if !report.checksTraffic { reasons.append(VerdictText.descriptionOnly) }
        if let skipped = VerdictText.skipped(report) { reasons.append(skipped) }
        if report.baselined > 0 {
            let verb = report.baselined == 1 ? "is" : "are"
            reasons.append("\(CountText.phrase(report.baselined, "known finding")) in the baseline \(verb) not counted.")
        }
        return reasons
    }

    private func summary() -> String {
        var stats: [(label: String, value: String, bad: Bool)] = []
        if report.checksTraffic {
            stats.append(("Exchanges", HTMLDocument.count(report.exchangeCount), false))
            stats.append(("Passed", HTMLDocument.count(report.passedCount), false))
            stats.append(("Failed", HTMLDocument.count(report.failedCount), report.failedCount > 0))
        }
        let errors = report.count(.error)
        let warnings = report.count(.warning)
        stats.append(("Errors", HTMLDocument.count(errors), errors > 0))
        stats.append(("Warnings", HTMLDocument.count(warnings), warnings > 0 && report.threshold <= .warning))
        stats.append(("Notes", HTMLDocument.count(report.count(.note)), false))
        if report.checksTraffic {
            let coverage = report.coverage
            stats.append(("Coverage", PercentText.format(coverage.percent)
                + " <small>\(coverage.seenCount) of \(coverage.documentedCount)</small>", report.belowMinimumCoverage))
        }
        let items = stats.map { "<div class=\"stat\(($0.bad ? " bad" : ""))\"><dt>\($0.label)</dt><dd>\($0.value)</dd></div>" }
        return "<section aria-label=\"Summary\">\n<dl class=\"stats\">\n" + items.joined(separator: "\n") + "\n</dl>\n" + rules() + "</section>\n"
    }

    /// Findings per rule and severity, most first: with repeated findings shown once below, the counts are here.
    private func rules() -> String {
        let tally = RuleTally(report)
        guard !tally.rows.isEmpty else { return "" }
        var html = "<details class=\"operation\"\(tally.rows.count <= 10 ? " open" : "")>\n<summary>Findings by rule "
            + "<span class=\"outcome\">· \(CountText.phrase(Set(tally.rows.map(\.rule)).count, "rule"))</span></summary>\n<div class=\"body\">\n"
        html += "<table class=\"rules\">\n<thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">Severity</th>"
            + "<th scope=\"col\" class=\"num\">Findings</th></tr></thead>\n<tbody>\n"
        for row in tally.rows {
            html += "<tr><td><code>\(HTMLDocument.text(row.rule.name))</code></td><td>\(HTMLFinding.badge(row.severity))</td>"
                + "<td class=\"num\">\(HTMLDocument.count(row.count))</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n</div>\n</details>\n"
    }
}
