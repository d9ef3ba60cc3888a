import ConformTestSupport
import Foundation
import OpenAPIConform

/// Runs a traffic check the way `validate` does, from test code.
public enum TrafficSupport {
    public static func check(
        spec: String, traffic: [String], config: ConformConfig? = nil, baseline: Baseline? = nil, failOn: Severity = .error,
        lint: Bool = false
    ) async throws -> ConformanceReport {
        let contract = try Contract(path: spec, config: config, lint: lint, failOn: failOn, baseline: baseline)
        var report = ConformanceReport(name: ConformanceRun.name(of: spec), contract: contract)
        var validation = TrafficValidation(contract: contract)
        validation.batchSize = 64
        await validation.run(traffic.map { .file($0) }, into: &report)
        return report
    }

    /// A rule table's fixtures: `Tests/ConformChecksTests/Fixtures/rules`.
    public static var rulesSpec: String { TestPaths.fixture("ConformChecksTests", "rules/openapi.yaml") }
    public static var rulesTraffic: String { TestPaths.fixture("ConformChecksTests", "rules/rules.jsonl") }
}

/// The fixed run every report test renders: Fixtures/pets (a small pets API and traffic
/// that touches every part of a report: passing, failing and unchecked bodies, an undocumented status, an unknown
/// path, credentials in the query, a cookie and an Authorization header, an unreadable line), at a fixed time,
/// paths shown relative to the repository.
public enum ReportFixture {
    public static var spec: String { TestPaths.fixture("ConformCheckSupport", "pets/openapi.yaml") }
    public static var traffic: String { TestPaths.fixture("ConformCheckSupport", "pets/traffic.jsonl") }
    public static let date = Date(timeIntervalSince1970: 1_795_000_000)

    public static func report(threshold: Severity = .error, minimumCoverage: Double? = nil) async throws -> ConformanceReport {
        var run = ConformanceRun(name: "pets", specPath: spec, lint: true)
        run.failOn = threshold
        run.minimumCoverage = minimumCoverage
        return try await run.report([.file(traffic)], paths: PathDisplay(base: TestPaths.repositoryRoot), at: date)
    }
}
