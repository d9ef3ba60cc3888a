import ConformCheckSupport
import ConformTestSupport
import OpenAPIConform
import Testing

/// Reading traffic files into a report: a captured session holds requests to many hosts, and a run can keep only
/// the API's.
@Suite struct TrafficValidationTests {
    static let spec = TestPaths.fixture("ConformChecksTests", "captures/notes.yaml")
    static let capture = TestPaths.fixture("ConformChecksTests", "captures/browser.har")

    @Test func exchangesToOtherHostsAreCountedAsSkippedNotChecked() async throws {
        var run = ConformanceRun(name: "notes", specPath: Self.spec, lint: false)
        run.hosts = ["Notes.Example.com"]
        let report = try await run.report([.file(Self.capture)])
        #expect(report.exchangeCount == 8)
        #expect(report.failedCount == 0)
        #expect(report.skipped.map { "\($0.host) \($0.exchanges)" } == ["cdn.example.net 1", "stats.example.net 1"])
        #expect(report.skippedCount == 2)
        #expect(!report.results.contains { $0.findings.contains { $0.rule == .requestUnknownServer } })
    }

    @Test func withoutAHostListEveryExchangeIsChecked() async throws {
        let report = try await ConformanceRun(name: "notes", specPath: Self.spec, lint: false).report([.file(Self.capture)])
        #expect(report.exchangeCount == 10)
        #expect(report.skipped.isEmpty)
    }
}
