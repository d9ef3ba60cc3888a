import ConformCheckSupport
import ConformTestSupport
import Foundation
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
        #expect(report.exchangeCount == 9)
        #expect(report.failedCount == 0)
        #expect(report.skipped.map { "\($0.host) \($0.exchanges)" } == ["cdn.example.net 1", "stats.example.net 1"])
        #expect(report.skippedCount == 2)
        #expect(!report.results.contains { $0.findings.contains { $0.rule == .requestUnknownServer } })
    }

    @Test func withoutAHostListEveryExchangeIsChecked() async throws {
        let report = try await ConformanceRun(name: "notes", specPath: Self.spec, lint: false).report([.file(Self.capture)])
        #expect(report.exchangeCount == 11)
        #expect(report.skipped.isEmpty)
    }

    /// Entries are read and checked on all cores in batches; the report must be the one a single worker gives,
    /// wherever batches and worker slices fall: JSONL, HAR with other hosts, a file that cannot be opened between
    /// them, and a recording with an unreadable line.
    @Test(arguments: [(workers: 2, batchSize: 1), (workers: 4, batchSize: 3), (workers: 3, batchSize: 512)])
    func anyNumberOfWorkersGivesTheOneWorkerReport(workers: Int, batchSize: Int) async throws {
        let inputs: [TrafficInput] = [
            .file(TrafficSupport.rulesTraffic), .file(Self.capture), .file("/nonexistent/traffic.har"), .file(ReportFixture.traffic),
        ]
        func json(workers: Int, batchSize: Int) async throws -> String {
            let contract = try Contract(path: TrafficSupport.rulesSpec)
            var report = ConformanceReport(name: "rules", contract: contract, generatedAt: ReportFixture.date)
            var validation = TrafficValidation(contract: contract)
            validation.workers = workers
            validation.batchSize = batchSize
            await validation.run(inputs, into: &report)
            return JSONReporter().render(report) + TextReporter().render(report)
        }
        let oneWorker = try await json(workers: 1, batchSize: 512)
        #expect(oneWorker.contains("\"unreadable\": ["))
        #expect(try await json(workers: workers, batchSize: batchSize) == oneWorker)
    }
}
