import ConformChecks
import ConformFindings
import Foundation

/// The index of a multi-API run: one table row per API with its figures and verdict, linking to the API's
/// report folder. Self-contained like the per-API page, and without a script: there is nothing to filter.
public enum HTMLIndexPage {
    /// One API of the run.
    public struct Entry: Sendable {
        public var name: String
        /// The API's report folder relative to the index, ending in `/` (`cadana/`).
        public var folder: String
        public var report: ConformanceReport?
        /// Why the API could not be loaded, when it could not.
        public var loadError: String?

        public init(name: String, folder: String, report: ConformanceReport? = nil, loadError: String? = nil) {
            self.name = name
            self.folder = folder
            self.report = report
            self.loadError = loadError
        }
    }

    /// The other files of an API's folder, linked from its row.
    static let otherFormats: [ReportFormat] = [.markdown, .json, .junit, .sarif]

    private static let numberColumns = ["Exchanges", "Passed", "Failed", "Errors", "Warnings", "Coverage"]

    public static func render(_ entries: [Entry], generatedAt: Date) -> String {
        let reports = entries.compactMap(\.report)
        let conformant = reports.filter(\.conformant).count
        let unloaded = entries.filter { $0.report == nil }.count
        var body = "<header>\n<p class=\"eyebrow\">\(ToolInfo.name) run</p>\n<h1>\(CountText.phrase(entries.count, "API"))</h1>\n"
        body += conformant == entries.count
            ? "<p class=\"verdict pass\">✓ All conformant</p>\n"
            : "<p class=\"verdict fail\">✗ Not all conformant</p>\n"
        var parts = ["\(conformant) conformant", "\(reports.count - conformant) not conformant"]
        if unloaded > 0 { parts.append("\(unloaded) could not be loaded") }
        parts.append("generated \(HTMLDocument.time(generatedAt)) by \(ToolInfo.name) \(ToolInfo.version)")
        body += "<p>\(parts.joined(separator: " · "))</p>\n</header>\n"
        body += "<div class=\"scroll\">\n<table class=\"index\">\n<thead><tr><th scope=\"col\">API</th><th scope=\"col\">Description</th>"
            + "<th scope=\"col\">OpenAPI</th>" + numberColumns.map { "<th scope=\"col\" class=\"num\">\($0)</th>" }.joined()
            + "<th scope=\"col\">Verdict</th><th scope=\"col\">Other formats</th></tr></thead>\n<tbody>\n"
        body += entries.map(row).joined()
        body += "</tbody>\n" + (reports.count > 1 ? totals(reports) : "") + "</table>\n</div>\n"
        return HTMLDocument.render(title: "\(ToolInfo.name): \(CountText.phrase(entries.count, "API"))", body: body, script: false)
    }

    private static func row(_ entry: Entry) -> String {
        let folder = HTMLDocument.relativeLink(entry.folder)
        guard let report = entry.report else {
            let reason = entry.loadError.map { "Could not be loaded:<pre class=\"wrap\">\(HTMLDocument.text($0))</pre>" } ?? "No report."
            return "<tr><td>\(HTMLDocument.text(entry.name))</td><td colspan=\"\(numberColumns.count + 2)\">\(reason)</td>"
                + "<td><span class=\"badge error\">✗ not loaded</span></td><td></td></tr>\n"
        }
        let link = "<a href=\"\(HTMLDocument.attribute(folder + ReportFormat.html.fileName))\">\(HTMLDocument.text(entry.name))</a>"
        let files = otherFormats.map { format in
            "<a href=\"\(HTMLDocument.attribute(folder + format.fileName))\">\(format.fileName)</a>"
        }.joined(separator: " ")
        let verdict = report.conformant ? "<span class=\"badge pass\">✓ conformant</span>" : "<span class=\"badge error\">✗ not conformant</span>"
        return "<tr><td>\(link)</td><td>\(HTMLDocument.path(report.specPath))</td>"
            + "<td>\(HTMLDocument.text(report.contract.document.version.text))</td>"
            + numbers(of: [report]).map { "<td class=\"num\">\($0)</td>" }.joined()
            + "<td>\(verdict)</td><td class=\"files\">\(files)</td></tr>\n"
    }

    /// The figures of the number columns, summed over `reports`.
    private static func numbers(of reports: [ConformanceReport]) -> [String] {
        let exchanges = reports.reduce(0) { $0 + $1.exchangeCount }
        let failed = reports.reduce(0) { $0 + $1.failedCount }
        let seen = reports.reduce(0) { $0 + $1.coverage.seenCount }
        let documented = reports.reduce(0) { $0 + $1.coverage.documentedCount }
        let percent = documented == 0 ? 100 : Double(seen) * 100 / Double(documented)
        return [
            HTMLDocument.count(exchanges), HTMLDocument.count(exchanges - failed), HTMLDocument.count(failed),
            HTMLDocument.count(reports.reduce(0) { $0 + $1.count(.error) }),
            HTMLDocument.count(reports.reduce(0) { $0 + $1.count(.warning) }),
            PercentText.format(percent),
        ]
    }

    private static func totals(_ reports: [ConformanceReport]) -> String {
        "<tfoot><tr><th scope=\"row\" colspan=\"3\">All loaded APIs</th>"
            + numbers(of: reports).map { "<td class=\"num\">\($0)</td>" }.joined() + "<td></td><td></td></tr></tfoot>\n"
    }
}
