import ConformTestSupport
import Foundation
import Testing

import ConformCheckSupport
import OpenAPIConform

@testable import ConformReports

/// Golden files: every format rendered from the same fixed run (`ReportFixture`) must equal its file under
/// Fixtures/snapshots/. After a deliberate change, refresh them with `RECORD_SNAPSHOTS=1 swift test` and review
/// the diff like any other change. SARIF's `%SRCROOT%` (the checkout's folder) is written as `file:///REPOSITORY/`.
@Suite struct ReportSnapshotTests {
    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

    static func snapshotPath(_ format: ReportFormat) -> String {
        TestPaths.fixture("ConformReportsTests", "snapshots/\(format.fileName)")
    }

    /// The checkout's own folder, which SARIF names as `%SRCROOT%`, as it stands in the golden files: the same
    /// on every machine.
    static let repositoryURI = "file://" + SARIFArtifact.encode(TestPaths.repositoryRoot) + "/"
    static let recordedRepositoryURI = "file:///REPOSITORY/"

    @Test(arguments: ReportFormat.allCases)
    func matchesTheGoldenFile(_ format: ReportFormat) async throws {
        let rendered = format.reporter(colour: false).render(try await ReportFixture.report())
            .replacingOccurrences(of: Self.repositoryURI, with: Self.recordedRepositoryURI)
        let path = Self.snapshotPath(format)
        if Self.recording {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try rendered.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let golden = try #require(
            try? String(contentsOfFile: path, encoding: .utf8),
            "no golden file at \(path); record it with RECORD_SNAPSHOTS=1")
        if rendered != golden {
            let renderedLines = rendered.split(separator: "\n", omittingEmptySubsequences: false)
            let goldenLines = golden.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(renderedLines, goldenLines).enumerated().first { $0.element.0 != $0.element.1 }
            let where_ = first.map { "line \($0.offset + 1):\n  golden:   \($0.element.1)\n  rendered: \($0.element.0)" }
                ?? "lengths differ: \(goldenLines.count) golden lines, \(renderedLines.count) rendered"
            Issue.record("the \(format) report differs from \(path); \(where_)\nIf the change is intended, refresh with RECORD_SNAPSHOTS=1.")
        }
    }

    @Test func renderingIsDeterministic() async throws {
        let first = try await ReportFixture.report()
        let second = try await ReportFixture.report()
        for format in ReportFormat.allCases {
            #expect(format.reporter().render(first) == format.reporter().render(second), "\(format) differs between two runs")
        }
    }
}
