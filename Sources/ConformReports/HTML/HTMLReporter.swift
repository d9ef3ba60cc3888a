import ConformChecks
import ConformFindings
/// One self-contained HTML page per API: verdict and summary, the coverage matrix, then every finding, filterable
/// by severity, rule and text. No external assets and a CSP that forbids the network, readable on a phone and
/// in print, and byte-identical for the same report (no random ids, no clock but `generatedAt`).
///
/// Everything interpolated is escaped: messages and URLs come from recorded traffic and are hostile input.
public struct HTMLReporter: Reporter {
    /// Exchanges with findings shown per operation before the rest are only counted; report.json keeps all.
    public var exchangesPerOperation = 200
    /// Findings shown per exchange before the rest are only counted.
    public var findingsPerExchange = 50

    public init() {}

    /// Written whole: the page is capped per operation, so it stays small however long the run.
    public func write<Output: TextOutputStream>(_ report: ConformanceReport, to output: inout Output) {
        output.write(page(report))
    }

    private func page(_ report: ConformanceReport) -> String {
        let findings = HTMLFindingsSection(
            report: report, exchangesPerOperation: exchangesPerOperation, findingsPerExchange: findingsPerExchange)
        var body = HTMLReportHeader(report: report).render()
        if report.checksTraffic {
            body += HTMLCoverageMatrix(report: report, anchors: findings.anchors).render()
        }
        body += findings.render()
        body += "<footer>\(ToolInfo.name) \(ToolInfo.version) · \(HTMLDocument.time(report.generatedAt)) · "
            + "report.json holds every exchange and finding.</footer>\n"
        return HTMLDocument.render(title: "\(report.name): \(VerdictText.phrase(report)) · \(ToolInfo.name)", body: body, script: true)
    }
}
