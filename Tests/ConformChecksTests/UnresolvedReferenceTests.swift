import ConformCheckSupport
import ConformTestSupport
import OpenAPIConform
import Testing

/// A `$ref` that leads nowhere is a load finding of the description, and an exchange whose check reached the part
/// it stands for is never a pass: it fails with `spec-ref-unresolved`, pointing at the reference. Exchanges whose
/// check did not need that part are judged as usual.
@Suite struct UnresolvedReferenceTests {
    static let spec = TestPaths.fixture("ConformChecksTests", "unresolved/openapi.yaml")
    static let traffic = TestPaths.fixture("ConformChecksTests", "unresolved/traffic.jsonl")

    struct Case: CustomTestStringConvertible, Sendable {
        /// The exchange's `id` in traffic.jsonl.
        var exchange: String
        /// The `$ref` member the finding must point at; nil when the exchange must pass.
        var reference: String?
        var side: ExchangeSide?
        var testDescription: String { exchange }
    }

    static let cases: [Case] = [
        Case(exchange: "path item", reference: "/paths/~1archive/$ref", side: .request),
        Case(exchange: "parameter", reference: "/paths/~1things/get/parameters/0/$ref", side: .request),
        Case(exchange: "request body", reference: "/paths/~1things/post/requestBody/$ref", side: .request),
        Case(exchange: "response header", reference: "/paths/~1things~1{id}/get/responses/200/headers/X-Rate-Limit/$ref", side: .response),
        Case(exchange: "response", reference: "/paths/~1things~1{id}/get/responses/404/$ref", side: .response),
        Case(exchange: "operation", reference: "/paths/~1things~1{id}/put/$ref", side: .request),
        Case(exchange: "media type", reference: "/paths/~1things~1{id}/patch/requestBody/content/application~1json/$ref", side: .request),
        Case(exchange: "schema", reference: "/paths/~1owners~1{id}/get/responses/200/content/application~1json/schema/properties/pet/$ref", side: .response),
        Case(exchange: "schema not reached", reference: nil, side: nil),
    ]

    @Test(arguments: cases)
    func anExchangeThatReachesABrokenReferenceFails(_ expected: Case) async throws {
        let report = try await TrafficSupport.check(spec: Self.spec, traffic: [Self.traffic])
        let result = try #require(report.results.first { $0.comment == expected.exchange })
        guard let reference = expected.reference else {
            #expect(result.passed, "\(result.findings)")
            #expect(result.findings.isEmpty, "\(result.findings)")
            return
        }
        #expect(!result.passed)
        #expect(result.findings.map(\.rule) == [.specRefUnresolved], "\(result.findings)")
        let finding = try #require(result.findings.first)
        #expect(finding.specPointer?.pointer.description == reference)
        #expect(finding.side == expected.side)
        #expect(finding.message.contains("resolves nowhere"))
    }

    @Test func theDescriptionReportsEachBrokenReferenceOnce() throws {
        let contract = try Contract(path: Self.spec)
        let unresolved = contract.findings.filter { $0.rule == .specRefUnresolved }
        #expect(Set(unresolved.compactMap { $0.specPointer?.pointer.description }) == Set(Self.cases.compactMap(\.reference)))
        #expect(unresolved.count == Self.cases.count - 1)
    }

    @Test func lintDoesNotBlameOperationsForWhatTheirBrokenReferencesHide() throws {
        let contract = try Contract(path: Self.spec, lint: true)
        let rules = Set(contract.findings.map(\.rule))
        #expect(rules == [.specRefUnresolved, .specRefMisplaced], "\(contract.findings)")
    }
}
