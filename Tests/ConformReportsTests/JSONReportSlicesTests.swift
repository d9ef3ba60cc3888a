import ConformTestSupport
import Foundation
import Testing

import ConformCheckSupport
import OpenAPIConform

@testable import ConformReports

/// The JSON report renders its exchanges in slices on all cores; the document must be byte for byte the one a single
/// thread writes, wherever the slices and the windows of slices fall.
@Suite struct JSONReportSlicesTests {
    /// The pets recording (passing, failing and unreadable entries, credentials to redact) 120 times over: 1,320
    /// entries, so slices of 7 make 170 slices in many windows.
    static func report() async throws -> ConformanceReport {
        let lines = try String(contentsOfFile: ReportFixture.traffic, encoding: .utf8)
        let traffic = FileManager.default.temporaryDirectory.appendingPathComponent("slices-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: traffic) }
        try String(repeating: lines.hasSuffix("\n") ? lines : lines + "\n", count: 120).write(toFile: traffic, atomically: true, encoding: .utf8)
        let run = ConformanceRun(name: "pets", specPath: ReportFixture.spec, lint: true)
        return try await run.report([.file(traffic)], paths: PathDisplay(base: TestPaths.repositoryRoot), at: ReportFixture.date)
    }

    @Test(arguments: [1, 7, 64, 1_000])
    func slicedOutputIsTheOneThreadOutput(exchangesPerSlice: Int) async throws {
        let report = try await Self.report()
        #expect(report.results.count > 1_000)
        var oneThread = JSONReporter()
        oneThread.exchangesPerSlice = .max
        var sliced = JSONReporter()
        sliced.exchangesPerSlice = exchangesPerSlice
        let expected = oneThread.render(report)
        #expect(sliced.render(report) == expected)
        #expect(expected.components(separatedBy: "\"verdict\": ").count - 1 == report.results.count)
    }
}
