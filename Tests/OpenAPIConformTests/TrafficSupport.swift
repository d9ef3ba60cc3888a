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
