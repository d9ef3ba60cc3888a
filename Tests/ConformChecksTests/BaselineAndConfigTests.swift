import ConformFindings
import ConformTestSupport
import Foundation
import Testing

import ConformCheckSupport
import OpenAPIConform

@testable import ConformChecks

/// The baseline makes CI fail only on new findings; config severities and ignores adjust what fails.
@Suite struct BaselineAndConfigTests {
    @Test func aBaselineOfTodaysFindingsLeavesNothingFailing() async throws {
        let first = try await TrafficSupport.check(spec: TrafficSupport.rulesSpec, traffic: [TrafficSupport.rulesTraffic])
        #expect(first.failedCount > 0)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(Self.baselineFile(first.findings).utf8).write(to: URL(fileURLWithPath: path))
        let baseline = try Baseline.load(path: path)
        let second = try await TrafficSupport.check(spec: TrafficSupport.rulesSpec, traffic: [TrafficSupport.rulesTraffic], baseline: baseline)
        #expect(second.failedCount == 0)
        #expect(second.baselined == first.results.flatMap(\.findings).filter { $0.severity >= .warning }.count)
    }

    /// A baseline file listing these findings' fingerprints (the file `validate --update-baseline` writes is tested
    /// with the reports).
    static func baselineFile(_ findings: [Finding]) -> String {
        let entries = Set(findings.filter { $0.severity >= .warning }.map(\.fingerprint)).sorted().map { "{\"fingerprint\": \"\($0)\"}" }
        return "{\"version\": 1, \"findings\": [\(entries.joined(separator: ", "))]}"
    }

    @Test func fingerprintsIgnoreValuesAndArrayPositions() {
        let base = Finding(rule: .responseBodyInvalid, message: "a", operation: OperationKey(method: "GET", path: "/items"), side: .response,
                           instancePointer: JSONPointer(tokens: ["3", "id"]), actual: "x")
        var other = base
        other.message = "b"
        other.actual = "y"
        other.instancePointer = JSONPointer(tokens: ["7", "id"])
        #expect(base.fingerprint == other.fingerprint)
        other.instancePointer = JSONPointer(tokens: ["7", "name"])
        #expect(base.fingerprint != other.fingerprint)
    }

    @Test func ignoresAndSeveritiesFromTheConfig() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString).yaml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("""
            rules:
              request-parameter-unknown: off
              response-header-invalid: warning
            ignore:
              - rule: request-unknown-path
              - rule: response-status-undocumented
                operation: listItems
            """.utf8).write(to: URL(fileURLWithPath: path))
        let config = try ConformConfig.load(path: path)
        let report = try await TrafficSupport.check(spec: TrafficSupport.rulesSpec, traffic: [TrafficSupport.rulesTraffic], config: config)
        let rules = Set(report.findings.map(\.rule))
        #expect(!rules.contains(.requestParameterUnknown))
        #expect(!rules.contains(.requestUnknownPath))
        #expect(!rules.contains(.responseStatusUndocumented))
        #expect(report.findings.filter { $0.rule == .responseHeaderInvalid }.allSatisfy { $0.severity == .warning })
    }

    @Test func configMistakesAreLocated() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).yaml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("rules:\n  request-body-invalidd: off\n".utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: LoadError.self) { try ConformConfig.load(path: path) }
        #expect(error?.description == """
            \(path):2:3: error: unknown rule 'request-body-invalidd'; did you mean 'request-body-invalid'?
                request-body-invalidd: off
                ^
            """)
    }
}
