import ConformFindings
import ConformTestSupport
import Testing

import ConformCheckSupport
import OpenAPIConform

@testable import ConformChecks

/// OpenAPI 3.2 sequential bodies in recorded exchanges (`Fixtures/oas32/streams.yaml`, with `streams.jsonl` and the
/// same exchanges as `streams.har`): each item checked against `itemSchema` on its own, its findings pointing at the
/// item and naming it as a person counts it, a stream cut short a note only.
@Suite struct SequentialBodyTests {
    struct Expected: Sendable {
        var rule: RuleID
        var side: ExchangeSide
        var pointer: String?
        /// The start of the message.
        var message: String
    }

    struct StreamCase: CustomTestStringConvertible, Sendable {
        var id: String
        var passes: Bool
        var findings: [Expected]
        var testDescription: String { id }
    }

    static let cases: [StreamCase] = [
        StreamCase(id: "jsonl-valid", passes: true, findings: []),
        StreamCase(id: "jsonl-item-invalid", passes: false, findings: [
            Expected(rule: .responseBodyInvalid, side: .response, pointer: "/2/level", message: "response body line 4 /level: -1 is less than the minimum 0"),
        ]),
        StreamCase(id: "jsonl-not-json", passes: false, findings: [
            Expected(rule: .responseBodyInvalid, side: .response, pointer: "/1", message: "response body line 2 is not JSON"),
        ]),
        StreamCase(id: "jsonl-truncated", passes: true, findings: [
            Expected(rule: .bodyStreamTruncated, side: .response, pointer: nil, message: "response body ends inside line 2"),
        ]),
        StreamCase(id: "json-seq-cut", passes: true, findings: [
            Expected(rule: .bodyStreamTruncated, side: .response, pointer: nil, message: "response body ends inside record 2"),
        ]),
        StreamCase(id: "excerpt-too-long", passes: false, findings: [
            Expected(rule: .responseBodyInvalid, side: .response, pointer: "", message: "response body: "),
        ]),
        StreamCase(id: "sse-valid", passes: true, findings: []),
        StreamCase(id: "sse-enum", passes: false, findings: [
            Expected(rule: .responseBodyInvalid, side: .response, pointer: "/1/event", message: "response body event 2 /event: "),
        ]),
        StreamCase(id: "sse-missing-event", passes: false, findings: [
            Expected(rule: .responseBodyInvalid, side: .response, pointer: "/1", message: "response body event 2: "),
        ]),
        StreamCase(id: "sse-truncated", passes: true, findings: [
            Expected(rule: .bodyStreamTruncated, side: .response, pointer: nil, message: "response body ends inside event 2"),
        ]),
        StreamCase(id: "multipart-mixed", passes: false, findings: [
            Expected(rule: .responseBodyInvalid, side: .response, pointer: "/1/n", message: "response body part 2 /n: "),
        ]),
        StreamCase(id: "ndjson-request", passes: false, findings: [
            Expected(rule: .requestBodyInvalid, side: .request, pointer: "/1", message: "request body line 2: "),
        ]),
    ]

    /// The same exchanges recorded as JSON Lines and as a HAR.
    static let reports = Task {
        var reports: [String: ConformanceReport] = [:]
        for format in ["jsonl", "har"] {
            reports[format] = try await TrafficSupport.check(
                spec: TestPaths.fixture("ConformChecksTests", "oas32/streams.yaml"),
                traffic: [TestPaths.fixture("ConformChecksTests", "oas32/streams.\(format)")])
        }
        return reports
    }

    static func result(_ id: String, in format: String = "jsonl") async throws -> ExchangeResult {
        let report = try #require(try await reports.value[format])
        return try #require(report.results.first { $0.comment == id }, "streams.\(format) has no exchange '\(id)'")
    }

    @Test(arguments: cases, ["jsonl", "har"])
    func eachItemIsCheckedOnItsOwn(_ test: StreamCase, _ format: String) async throws {
        let result = try await Self.result(test.id, in: format)
        let messages = result.findings.map { "\($0.rule.name) \($0.instancePointer?.description ?? "-"): \($0.message)" }
        #expect(result.passed == test.passes, "\(messages)")
        #expect(result.findings.count == test.findings.count, "\(messages)")
        for (finding, expected) in zip(result.findings, test.findings) {
            #expect(finding.rule == expected.rule, "\(messages)")
            #expect(finding.side == expected.side)
            #expect(finding.instancePointer?.description == expected.pointer, "\(messages)")
            #expect(finding.message.hasPrefix(expected.message), "\(finding.message)")
        }
    }

    /// A truncated stream is a note: below every failing severity, so the exchange passes on its items.
    @Test func truncationIsANote() {
        #expect(RuleID.bodyStreamTruncated.defaultSeverity == .note)
    }

    /// Twenty-five bad lines: the first twenty have findings, one more finding counts the other five.
    @Test func manyFailingItemsAreCountedNotListed() async throws {
        let result = try await Self.result("jsonl-many-bad")
        #expect(result.findings.count == ExchangeCheck.reportedItems + 1)
        #expect(result.findings.dropLast().allSatisfy { $0.rule == .responseBodyInvalid && $0.message.contains("/level") })
        #expect(result.findings.last?.message == "response body: 5 more items fail their item schema, not listed (only the first 20 failing items are)")
    }

    /// The media type's `itemSchema` is compiled with the description's other schemas, so lint and checks reach it.
    @Test func itemSchemasAreCompiled() async throws {
        let contract = try #require(try await Self.reports.value["jsonl"]).contract
        let events = try #require(contract.document.operations.first { $0.operationID == "streamEvents" })
        let media = try #require(events.responses.first?.content.first)
        let pointer = try #require(media.itemSchema)
        #expect(contract.schemas.schema(at: pointer) != nil)
    }
}
