import ConformCheckSupport
import ConformTestSupport
import Foundation
import OpenAPIConform
import Testing

/// "Failed" means one thing: an exchange fails when a finding reaches the failing severity, and every format, the
/// coverage cells and the run's verdict say so alike. An exchange whose only finding is a warning fails under
/// `failOn: .warning` and passes under `.error`, in each of them.
@Suite struct VerdictTests {
    /// The rules fixture's request-parameter-unknown:fires exchange: one warning and nothing else.
    static func report(failOn: Severity) async throws -> ConformanceReport {
        let lines = try String(contentsOfFile: TrafficSupport.rulesTraffic, encoding: .utf8).split(separator: "\n")
        let line = try #require(lines.first { $0.contains("\"request-parameter-unknown:fires\"") })
        let traffic = FileManager.default.temporaryDirectory.appendingPathComponent("warning-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: traffic) }
        try (line + "\n").write(toFile: traffic, atomically: true, encoding: .utf8)
        return try await TrafficSupport.check(spec: TrafficSupport.rulesSpec, traffic: [traffic], failOn: failOn)
    }

    @Test(arguments: [Severity.error, .warning])
    func everyFormatGivesTheSameVerdict(_ failOn: Severity) async throws {
        let report = try await Self.report(failOn: failOn)
        let fails = failOn == .warning
        let result = try #require(report.results.first)
        #expect(result.findings.map(\.severity) == [.warning])
        #expect(result.passed == !fails)
        #expect(report.failedCount == (fails ? 1 : 0))
        #expect(report.conformant == !fails)
        let cell = try #require(report.coverage.rows.first { $0.operation.description == "GET /items" }?.cells.first { $0.tally.exchanges > 0 })
        #expect(cell.tally.state == (fails ? .failed : .passed))

        let text = TextReporter().render(report)
        #expect(text.contains(fails ? "1 exchange: 0 passed, 1 failed" : "1 exchange: 1 passed, 0 failed"))
        #expect(text.contains(fails ? "GET /items · 1 exchange, 1 failed" : "GET /items · 1 exchange, all passed, 1 with warnings or notes"))

        let json = JSONReporter().render(report)
        #expect(json.contains("\"verdict\": \"\(fails ? "fail" : "pass")\""))
        #expect(json.contains("\"failed\": \(fails ? 1 : 0)"))
        #expect(json.contains("\"conformant\": \(!fails)"))

        let junit = JUnitReporter().render(report)
        let suite = try #require(junit.components(separatedBy: "<testsuite ").first { $0.contains("name=\"GET /items\"") })
        #expect(suite.contains("failures=\"\(fails ? 1 : 0)\""))

        let sarif = SARIFReporter().render(report)
        #expect(sarif.contains("\"level\": \"\(fails ? "error" : "warning")\""))
        #expect(sarif.contains("\"severity\": \"warning\""))

        let markdown = MarkdownReporter().render(report)
        #expect(markdown.contains("`GET /items` — \(fails ? 1 : 0) of 1 exchange failed"))
        #expect(markdown.hasPrefix(fails ? "## ❌" : "## ✅"))

        let html = HTMLReporter().render(report)
        #expect(html.contains(fails ? "<span class=\"badge error\">✗ fail</span>" : "<span class=\"badge pass\">✓ pass</span>"))
        #expect(html.contains(fails ? "<p class=\"verdict fail\">" : "<p class=\"verdict pass\">"))
    }

    /// A report without traffic (`lint`) saw no exchange, so no format calls the API conformant: the verdict is the
    /// description's.
    @Test(arguments: [("specs/qonto/openapi.yaml", true), ("Tests/CLITests/Fixtures/broken-ref.yaml", false)])
    func aDescriptionOnlyReportJudgesTheDescription(_ spec: String, _ passes: Bool) async throws {
        let report = try await ConformanceRun(name: "api", specPath: TestPaths.repositoryRoot + "/" + spec, lint: true).report()
        #expect(report.conformant == passes)
        let html = HTMLReporter().render(report)
        #expect(html.contains(passes ? "<p class=\"verdict pass\">✓ Description passes</p>" : "<p class=\"verdict fail\">✗ Description fails</p>"))
        #expect(!html.contains("onformant"), "no word about conformance of traffic never seen")
        #expect(html.contains("No traffic was checked: this report is about the description alone."))
        let markdown = MarkdownReporter().render(report)
        #expect(markdown.hasPrefix(passes ? "## ✅ api: description passes\n" : "## ❌ api: description fails\n"))
        #expect(!markdown.contains("onformant"))
    }
}
