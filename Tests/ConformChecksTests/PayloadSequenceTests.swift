import ConformFindings
import ConformTestSupport
import Testing

import OpenAPIConform

@testable import ConformChecks

/// `payload` against a media type with an OpenAPI 3.2 `itemSchema`: the file is read a chunk at a time and each
/// item checked on its own (`Fixtures/oas32/streams.yaml`, payloads in `Fixtures/oas32/payloads`).
@Suite struct PayloadSequenceTests {
    struct PayloadCase: CustomTestStringConvertible, Sendable {
        var file: String
        var selector: PayloadSelector
        var valid: Bool
        /// `rule pointer line: message start` per finding.
        var findings: [String]
        var testDescription: String { file }
    }

    static let logs = PayloadSelector.response(operation: "streamLogs", status: "200", contentType: "application/jsonl")

    static let cases: [PayloadCase] = [
        PayloadCase(file: "logs-valid.jsonl", selector: logs, valid: true, findings: []),
        PayloadCase(file: "logs-bad.jsonl", selector: logs, valid: false, findings: [
            "response-body-invalid /1/level 2: line 2 /level: -2 is less than the minimum 0",
            "response-body-invalid /2 3: line 3 is not JSON",
        ]),
        PayloadCase(file: "logs-cut.jsonl", selector: logs, valid: true, findings: [
            "body-stream-truncated - -: the payload ends inside line 2",
        ]),
        PayloadCase(
            file: "logs.json-seq", selector: .response(operation: "streamLogs", status: "200", contentType: "application/json-seq"),
            valid: false, findings: ["response-body-invalid /1 -: record 2: "]),
        PayloadCase(file: "events.sse", selector: .response(operation: "streamEvents", status: "200", contentType: nil), valid: false, findings: [
            "response-body-invalid /1/event -: event 2 /event: ",
        ]),
        PayloadCase(file: "logs-valid.jsonl", selector: .request(operation: "uploadLogs", contentType: nil), valid: true, findings: []),
    ]

    static func contract() throws -> Contract {
        try Contract(path: TestPaths.fixture("ConformChecksTests", "oas32/streams.yaml"), config: ConformConfig())
    }

    static func check(_ file: String, _ selector: PayloadSelector) throws -> PayloadResult {
        try PayloadValidator(selector, contract: contract()).validate(file: TestPaths.fixture("ConformChecksTests", "oas32/payloads/" + file))
    }

    @Test(arguments: cases)
    func eachItemIsCheckedOnItsOwn(_ test: PayloadCase) throws {
        let result = try Self.check(test.file, test.selector)
        let found = result.findings.map { finding in
            "\(finding.rule.name) \(finding.instancePointer?.description ?? "-") \(finding.sourceLocation.map { String($0.line) } ?? "-"): \(finding.message)"
        }
        #expect(result.loadError == nil)
        #expect(result.isValid == test.valid, "\(found)")
        #expect(found.count == test.findings.count, "\(found)")
        for (line, expected) in zip(found, test.findings) {
            #expect(line.hasPrefix(expected), "\(line) should start with \(expected)")
        }
    }

    @Test func manyFailingItemsAreCountedNotListed() throws {
        let result = try Self.check("logs-many-bad.jsonl", Self.logs)
        #expect(result.findings.count == PayloadValidator.reportedItems + 1)
        #expect(result.findings.last?.message == "10 more items fail, not listed (only the first 20 failing items are)")
    }

    /// A `multipart/mixed` file has no Content-Type to carry its boundary, so `payload` says so rather than guess.
    @Test func multipartMixedIsAUsageProblem() throws {
        #expect(throws: PayloadTarget.Problem.self) {
            try PayloadValidator(.response(operation: "batch", status: "200", contentType: nil), contract: Self.contract())
        }
    }
}
