import ConformTestSupport
import Foundation

@testable import OpenAPIConform

/// Runs a traffic check the way `validate` does, from test code.
enum TrafficSupport {
    static func check(spec: String, traffic: [String], config: ConformConfig? = nil, baseline: Baseline? = nil) async throws -> (Description, TrafficReport) {
        let description = try Description.load(path: spec, config: config ?? ConformConfig.resolve(explicit: nil, spec: spec))
        var validation = TrafficValidation(description: description, baseline: baseline)
        validation.batchSize = 64
        return (description, await validation.run(traffic.map { .file($0) }))
    }

    static var rulesSpec: String { TestPaths.fixture("OpenAPIConformTests", "rules/openapi.yaml") }
    static var rulesTraffic: String { TestPaths.fixture("OpenAPIConformTests", "rules/rules.jsonl") }
}

/// The fixed run every report test renders: Fixtures/reports (a small pets API and traffic that touches every
/// part of a report: passing, failing and unchecked bodies, an undocumented status, an unknown path, credentials
/// in the query, a cookie and an Authorization header, an unreadable line), at a fixed time, paths shown relative
/// to the repository.
enum ReportFixture {
    static var spec: String { TestPaths.fixture("OpenAPIConformTests", "reports/openapi.yaml") }
    static var traffic: String { TestPaths.fixture("OpenAPIConformTests", "reports/traffic.jsonl") }
    static let date = Date(timeIntervalSince1970: 1_795_000_000)

    static func report(threshold: Severity = .error, minimumCoverage: Double? = nil) async throws -> ConformanceReport {
        var run = ConformanceRun(name: "pets", specPath: spec, trafficPaths: [traffic], config: try ConformConfig.resolve(explicit: nil, spec: spec))
        run.threshold = threshold
        run.minimumCoverage = minimumCoverage
        return try await run.report(paths: PathDisplay(base: TestPaths.repositoryRoot), at: date)
    }
}
