import ConformFindings
import ConformTestSupport
import ConformValues
import Foundation
import Testing

import ConformCheckSupport
import OpenAPIConform

@testable import ConformReports

/// The HTML report and the index page of a multi-API run: self-contained, escaped, deterministic, and, where
/// Chromium is installed, run in a real browser that must log nothing to the console.
@Suite struct HTMLReportTests {
    static let date = Date(timeIntervalSince1970: 1_790_000_000)

    /// specs/cadana checked against its bundled traffic, paths shown relative to the repository.
    static func cadanaReport() async throws -> ConformanceReport {
        try await report("cadana")
    }

    /// A bundled API checked against its bundled traffic.
    static func report(_ api: String) async throws -> ConformanceReport {
        let spec = TestPaths.bundledSpec(api)
        let trafficPath = TestPaths.repositoryRoot + "/specs/\(api)/traffic.har"
        let contract = try Contract(path: spec)
        var report = ConformanceReport(name: api, contract: contract, generatedAt: date, paths: PathDisplay(base: TestPaths.repositoryRoot))
        await TrafficValidation(contract: contract).run([.file(trafficPath)], into: &report)
        return report
    }

    @Test func pageIsOneSelfContainedFile() async throws {
        let html = HTMLReporter().render(try await Self.cadanaReport())
        Self.expectSelfContained(html)
        #expect(html.hasPrefix("<!doctype html>\n<html lang=\"en\">"))
        #expect(html.contains("<meta name=\"viewport\""))
        #expect(html.contains("<title>cadana: "))
        #expect(Self.occurrences(of: "<script>", in: html) == 1)
        #expect(Self.occurrences(of: "<style>", in: html) == 1)
        #expect(Self.matches(#"<[a-z][^>]*\son[a-z]+\s*="#, in: html).isEmpty, "inline event handlers")
    }

    @Test func hostileTextIsEscapedEverywhere() async throws {
        let base = try await Self.cadanaReport()
        let hostile = Finding(
            rule: .specStructure, severity: .error, message: "<script>alert(1)</script>",
            instancePointer: JSONPointer(tokens: ["<b>"]), expected: "\"><script>alert(2)</script>",
            actual: "</pre><img src=x onerror=alert(3)>", notes: ["<iframe srcdoc='x'>"])
        var contract = base.contract
        contract.findings.append(hostile)
        var report = ConformanceReport(
            name: "<script>alert(0)</script>", contract: contract, sources: base.sources,
            minimumCoverage: base.minimumCoverage, generatedAt: base.generatedAt, paths: base.paths)
        for result in base.results { report.add(result) }
        let html = HTMLReporter().render(report)
        #expect(Self.occurrences(of: "<script", in: html) == 1)
        for raw in ["alert(0)</script>", "<img src=x", "<iframe", "<b>"] { #expect(!html.contains(raw), "\(raw) is not escaped") }
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&lt;/pre&gt;&lt;img src=x onerror=alert(3)&gt;"))
    }

    @Test func sameReportRendersByteIdentical() async throws {
        let first = HTMLReporter().render(try await Self.cadanaReport())
        let second = HTMLReporter().render(try await Self.cadanaReport())
        #expect(first == second)
        #expect(first.contains("2026-09-21T14:13:20Z"), "the report's own date, not the clock")
    }

    @Test func matrixHasARowPerOperationAndAColumnPerDocumentedResponse() async throws {
        let report = try await Self.cadanaReport()
        let html = HTMLReporter().render(report)
        let matrix = try #require(Self.section(of: html, from: "<table class=\"matrix\">", to: "</table>"))
        let rows = report.coverage.rows.count + (report.coverage.unrouted.exchanges > 0 ? 1 : 0)
        #expect(Self.occurrences(of: "<tr><th scope=\"row\">", in: matrix) == rows)
        for column in report.coverage.columns { #expect(matrix.contains("<th scope=\"col\">\(column)</th>")) }
        let chips = Self.occurrences(of: "<span class=\"chip ", in: matrix)
        #expect(chips == report.coverage.documentedCount + report.coverage.rows.reduce(0) { $0 + $1.undocumented.count })
        let legend = try #require(Self.section(of: html, from: "<ul class=\"legend\"", to: "</ul>"))
        for state in Coverage.CellState.allCases { #expect(legend.contains("<span class=\"chip \(state.rawValue)\">")) }
    }

    @Test func exchangesBeyondTheCapAreCountedNotShown() async throws {
        let report = try await Self.cadanaReport()
        var reporter = HTMLReporter()
        reporter.exchangesPerOperation = 0
        let html = reporter.render(report)
        let withFindings = report.results.filter { !$0.findings.isEmpty }.count
        #expect(withFindings > 0)
        #expect(!html.contains("<article class=\"exchange\""))
        #expect(html.contains("more exchanges with findings on this operation are not shown here; report.json has them all."))
    }

    @Test func indexPageHasARowPerAPIAndShowsLoadErrors() async throws {
        let html = HTMLIndexPage.render(
            [
                .init(name: "cadana", folder: "cadana/", report: try await Self.cadanaReport()),
                .init(name: "broken", folder: "broken/", loadError: "specs/broken/openapi.yaml:3:1: <not yaml>"),
            ], generatedAt: Self.date)
        Self.expectSelfContained(html)
        #expect(!html.contains("<script"))
        for format in [ReportFormat.html, .markdown, .json, .junit, .sarif] {
            #expect(html.contains("<a href=\"cadana/\(format.fileName)\">"), "link to \(format.fileName)")
            #expect(!html.contains("broken/\(format.fileName)"))
        }
        #expect(html.contains("<code>specs/<wbr>cadana/<wbr>openapi.yaml</code>"))
        #expect(html.contains("Could not be loaded:<pre class=\"wrap\">specs/broken/openapi.yaml:3:1: &lt;not yaml&gt;</pre>"))
        #expect(Self.occurrences(of: "<tbody>", in: html) == 1)
        #expect(Self.occurrences(of: "</tr>\n", in: html) == 2, "a row per API")
    }

    @Test func indexLinksStayRelativePaths() async throws {
        let html = HTMLIndexPage.render(
            [.init(name: "x", folder: "javascript:alert(1)//", report: try await Self.cadanaReport())], generatedAt: Self.date)
        #expect(!html.contains("javascript:"))
        #expect(html.contains("<a href=\"javascript%3Aalert%281%29//report.html\">"))
    }

    @Test func sourceSnippetsDropIndentationAndStayNarrow() async throws {
        let html = HTMLReporter().render(try await Self.cadanaReport())
        let snippets = Self.matches(#"<pre>[^<]*</pre>"#, in: html)
        #expect(!snippets.isEmpty)
        for snippet in snippets {
            #expect(!snippet.hasPrefix("<pre>    "), "indentation is dropped: \(snippet)")
            for line in snippet.split(separator: "\n") { #expect(line.count <= Snippet.width + 20) }
        }
    }

    // MARK: In a browser

    @Test(.enabled(if: Chromium.path != nil, "chromium is not installed (apt-get install chromium)"))
    func chromiumRunsThePageWithoutConsoleMessages() async throws {
        let report = try await Self.cadanaReport()
        let run = try Chromium.load(HTMLReporter().render(report))
        #expect(run.console.isEmpty, "console: \(run.console.joined(separator: "\n"))")
        #expect(run.dom.contains("<table class=\"matrix\">"))
        #expect(run.dom.contains("<div class=\"toolbar\" id=\"filters\" role=\"search\">"), "the script reveals the toolbar")
        // An item of a repeated finding counts for data-count findings.
        let items = Self.occurrences(of: "<li class=\"finding\"", in: run.dom)
        let findings = items + Self.matches(#"data-count="(\d+)""#, in: run.dom).reduce(0) { total, match in
            total + (Int(match.dropFirst("data-count=\"".count).dropLast()) ?? 1) - 1
        }
        #expect(items > 0)
        #expect(run.dom.contains("<output aria-live=\"polite\">\(findings) findings</output>"))
    }

    /// The page takes the screen's width: at 1280 pixels the coverage matrix of a bundled API fits without
    /// scrolling sideways.
    @Test(.enabled(if: Chromium.path != nil, "chromium is not installed (apt-get install chromium)"))
    func theMatrixFitsAWideScreen() async throws {
        let measure = """
            <script>
            const scroller = document.querySelector(".scroll");
            document.body.dataset.overflow = String(scroller.scrollWidth > scroller.clientWidth);
            document.body.dataset.width = String(document.querySelector("main").clientWidth);
            </script>
            </body>
            """
        for api in ["asset", "cadana", "codat", "qonto"] {
            let html = HTMLReporter().render(try await Self.report(api))
            let run = try Chromium.load(html.replacingOccurrences(of: "</body>", with: measure), width: 1280)
            #expect(run.dom.contains("data-overflow=\"false\""), "\(api): \(Self.matches(#"<body[^>]*>"#, in: run.dom))")
        }
    }

    @Test func thePageHasNoFixedMaximumWidth() async throws {
        let html = HTMLReporter().render(try await Self.cadanaReport())
        #expect(!html.contains("max-width:1200px"))
        #expect(html.contains("main{margin:0;padding:16px 24px}"))
    }

    /// Guards the check above against going blind: a script that throws must show up as a console message.
    @Test(.enabled(if: Chromium.path != nil, "chromium is not installed (apt-get install chromium)"))
    func aBrokenScriptIsCaughtOnTheConsole() async throws {
        let html = HTMLReporter().render(try await Self.cadanaReport())
            .replacingOccurrences(of: "\"use strict\";", with: "\"use strict\";\nnoSuchFunction();")
        let run = try Chromium.load(html)
        #expect(run.console.contains { $0.contains("noSuchFunction is not defined") }, "console: \(run.console)")
    }

    @Test(.enabled(if: Chromium.path != nil, "chromium is not installed (apt-get install chromium)"))
    func filtersHideFindingsAndEmptiedGroups() async throws {
        let html = HTMLReporter().render(try await Self.cadanaReport())
        let untick = """
            <script>
            const box = document.querySelector("input[name=severity][value=error]");
            box.checked = false;
            box.dispatchEvent(new Event("change", {bubbles: true}));
            </script>
            </body>
            """
        let run = try Chromium.load(html.replacingOccurrences(of: "</body>", with: untick))
        #expect(run.console.isEmpty, "console: \(run.console.joined(separator: "\n"))")
        let errors = Self.occurrences(of: "<li class=\"finding\" data-severity=\"error\"", in: run.dom)
        #expect(errors > 0)
        #expect(Self.matches(#"<li class="finding" data-severity="error" data-rule="[^"]*" hidden="">"#, in: run.dom).count == errors)
        #expect(Self.matches(#"<output aria-live="polite">\d+ of \d+ findings shown</output>"#, in: run.dom).count == 1)
    }

    // MARK: Helpers

    static func expectSelfContained(_ html: String) {
        #expect(!html.contains("<link"))
        #expect(!html.contains("@import"))
        #expect(!html.contains("url("))
        #expect(Self.matches(#"(src|href|action)\s*=\s*["']?\s*(https?:)?//"#, in: html).isEmpty, "a network reference")
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            + "script-src 'unsafe-inline'; img-src data:\">"))
    }

    static func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return ["bad pattern \(pattern)"] }
        let range = NSRange(text.startIndex..., in: text)
        return expression.matches(in: text, range: range).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }

    static func section(of text: String, from start: String, to end: String) -> String? {
        guard let lower = text.range(of: start), let upper = text.range(of: end, range: lower.upperBound..<text.endIndex) else { return nil }
        return String(text[lower.lowerBound..<upper.upperBound])
    }
}
