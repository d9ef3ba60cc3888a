import ConformFindings
import ConformTestSupport
import Testing

import ConformCheckSupport
import OpenAPIConform

@testable import ConformChecks

/// Every traffic rule has an exchange where it fires and one where it stays quiet, in
/// `Fixtures/rules/rules.jsonl` (ids `<rule>:fires` and `<rule>:quiet`) against `Fixtures/rules/openapi.yaml`.
@Suite struct ExchangeRuleTests {
    static let trafficRules: [RuleID] = RuleID.catalogue.filter { $0.name.hasPrefix("request-") || $0.name.hasPrefix("response-") || $0 == .notValidated }

    @Test func everyTrafficRuleFiresAndStaysQuietWhereItShould() async throws {
        let report = try await TrafficSupport.check(spec: TrafficSupport.rulesSpec, traffic: [TrafficSupport.rulesTraffic])
        var covered: Set<String> = []
        for result in report.results {
            let parts = try #require(result.comment?.split(separator: ":").map(String.init))
            let (rule, kind) = (parts[0], parts[1])
            let rules = Set(result.findings.map(\.rule.name))
            if kind == "fires" {
                #expect(rules.contains(rule), "\(rule) should fire: \(result.findings.map(\.message))")
                #expect(rules.subtracting([rule]).isEmpty, "only \(rule) should fire: \(rules)")
            } else {
                #expect(!rules.contains(rule), "\(rule) should stay quiet: \(result.findings.map(\.message))")
            }
            covered.insert("\(rule):\(kind)")
        }
        for rule in Self.trafficRules {
            #expect(covered.contains("\(rule.name):fires") && covered.contains("\(rule.name):quiet"), "no fixture pair for \(rule.name)")
        }
    }

    @Test func aBrokenLineIsLocatedAndTheRestIsStillChecked() async throws {
        let report = try await TrafficSupport.check(spec: TrafficSupport.rulesSpec, traffic: [TrafficSupport.rulesTraffic])
        let unreadable = try #require(report.unreadable.first)
        #expect(report.unreadable.count == 1)
        #expect(unreadable.rule == .trafficUnreadable)
        #expect(unreadable.sourceLocation?.line == 35)
        #expect(unreadable.message.hasPrefix("entry 34 could not be read: expected a JSON value"))
        #expect(report.results.last?.comment == "traffic-unreadable:quiet")
    }

    @Test func findingsSayWhichSideAndWhere() async throws {
        let report = try await TrafficSupport.check(spec: TrafficSupport.rulesSpec, traffic: [TrafficSupport.rulesTraffic])
        let invalid = try #require(report.results.first { $0.comment == "response-body-invalid:fires" })
        let finding = try #require(invalid.findings.first)
        #expect(finding.side == .response)
        #expect(finding.operation?.description == "GET /items")
        #expect(finding.instancePointer?.description == "/0/id")
        #expect(finding.message == "response body /0/id: \"not-a-uuid\" is not a valid UUID: expected 8-4-4-4-12 hex digits")
        let location = try #require(finding.specPointer.flatMap(report.contract.bundle.location(of:)))
        #expect(location.line == 85)  // `id: {type: string, format: uuid, readOnly: true}` in Item
        #expect(finding.exchange?.index == 28)
    }
}
