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
    static let cases = RuleCase.pairs(for: trafficRules)

    /// The fixture traffic, checked once for the whole suite; each case reads its own exchange from it.
    static let report = Task {
        try await TrafficSupport.check(spec: TrafficSupport.rulesSpec, traffic: [TrafficSupport.rulesTraffic])
    }

    /// A `fires` exchange has its rule among its findings and no other rule, so the exchange shows that rule alone;
    /// a `quiet` exchange, the near-twin that stays within the contract, lacks it.
    @Test(arguments: cases)
    func trafficRuleFiresOnlyWhereItShould(_ rule: RuleCase) async throws {
        let result = try #require(try await Self.report.value.results.first { $0.comment == rule.id }, "rules.jsonl has no exchange '\(rule.id)'")
        let found = Set(result.findings.map(\.rule))
        let messages = result.findings.map { "\($0.rule.name): \($0.message)" }
        switch rule.kind {
        case .fires:
            #expect(found.contains(rule.rule), "\(rule.rule.name) should fire: \(messages)")
            #expect(found.subtracting([rule.rule]).isEmpty, "only \(rule.rule.name) should fire: \(messages)")
        case .quiet:
            #expect(!found.contains(rule.rule), "\(rule.rule.name) should stay quiet: \(messages)")
        }
    }

    /// The cases above come from the catalogue, so this is what a new traffic rule without exchanges fails first.
    /// An exchange whose id names no case (a typo, a renamed rule) would be checked by nothing, so it fails too;
    /// `traffic-unreadable`'s exchanges belong to `aBrokenLineIsLocatedAndTheRestIsStillChecked`.
    @Test func everyTrafficRuleHasAFiresAndAQuietExchange() async throws {
        let ids = try await Self.report.value.results.compactMap(\.comment)
        let expected = Self.cases.map(\.id)
        let missing = expected.filter { !ids.contains($0) }
        #expect(missing.isEmpty, "rules.jsonl has no exchange for: \(missing.joined(separator: ", "))")
        let stray = ids.filter { !expected.contains($0) && !$0.hasPrefix("\(RuleID.trafficUnreadable.name):") }
        #expect(stray.isEmpty, "rules.jsonl has exchanges no case checks: \(stray.joined(separator: ", "))")
    }

    @Test func aBrokenLineIsLocatedAndTheRestIsStillChecked() async throws {
        let report = try await Self.report.value
        let unreadable = try #require(report.unreadable.first)
        #expect(report.unreadable.count == 1)
        #expect(unreadable.rule == .trafficUnreadable)
        #expect(unreadable.sourceLocation?.line == 37)
        #expect(unreadable.message.hasPrefix("entry 36 could not be read: expected a JSON value"))
        #expect(report.results.last?.comment == "traffic-unreadable:quiet")
    }

    @Test func findingsSayWhichSideAndWhere() async throws {
        let report = try await Self.report.value
        let invalid = try #require(report.results.first { $0.comment == "response-body-invalid:fires" })
        let finding = try #require(invalid.findings.first)
        #expect(finding.side == .response)
        #expect(finding.operation?.description == "GET /items")
        #expect(finding.instancePointer?.description == "/0/id")
        #expect(finding.message == "response body /0/id: \"not-a-uuid\" is not a valid UUID: expected 8-4-4-4-12 hex digits")
        let location = try #require(finding.specPointer.flatMap(report.contract.bundle.location(of:)))
        #expect(location.line == 85)  // `id: {type: string, format: uuid, readOnly: true}` in Item
        #expect(finding.exchange?.index == 30)
    }
}
