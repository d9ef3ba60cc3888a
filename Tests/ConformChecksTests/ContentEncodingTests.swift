import ConformTestSupport
import Foundation
import OpenAPIConform
import Testing

@testable import ConformChecks

/// A body kept as it went over the wire, under its `Content-Encoding` (a cassette of raw bytes, a proxied
/// exchange), is checked inflated; one this tool cannot undo is noted, and one that breaks its coding is a finding.
@Suite struct ContentEncodingTests {
    static let spec = TestPaths.fixture("ConformLiveTests", "orders.yaml")

    static func coded(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture("ConformTrafficTests", "coding/\(name)"))))
    }

    static func result(body: [UInt8], coding: String) throws -> ExchangeResult {
        let contract = try Contract(path: spec)
        let request = HTTPRequest(
            method: "GET", url: "https://api.orders.example.com/v1/orders", headers: HTTPHeaders([("Authorization", "Bearer tok_123456")]))
        let response = HTTPResponse(
            status: 200, headers: HTTPHeaders([("Content-Type", "application/json"), ("Content-Encoding", coding), ("X-RateLimit-Remaining", "4")]),
            body: .bytes(body))
        return contract.validate(HTTPExchange(request: request, response: response))
    }

    @Test func aGzipBodyIsCheckedInflated() throws {
        let valid = Array(#"{"data":[],"has_more":false}"#.utf8)
        let gzipped: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF, 1, UInt8(valid.count), 0, ~UInt8(valid.count), 0xFF]
            + valid + Self.littleEndian(0xF9A3_44B6) + Self.littleEndian(UInt32(valid.count))
        #expect(try Self.result(body: gzipped, coding: "gzip").findings.isEmpty)
        // The schema judges what it inflates to: the fixture's orders lack `created`.
        let orders = try Self.result(body: try Self.coded("orders.json.gz"), coding: "gzip")
        #expect(orders.findings.contains { $0.rule == .responseBodyInvalid && $0.message.contains("created") }, "\(orders.findings.map(\.message).prefix(2))")
    }

    @Test func aCodingThatCannotBeUndoneIsNoted() throws {
        let result = try Self.result(body: try Self.coded("noise.bin"), coding: "br")
        #expect(result.passed)
        #expect(result.findings.map(\.rule) == [.notValidated])
        #expect(result.findings.first?.message == "the response body is Content-Encoding br, which this tool does not decode, so its media type and schema are not checked")
    }

    @Test func aBodyThatBreaksItsCodingIsAFinding() throws {
        let result = try Self.result(body: try Self.coded("bad-crc.json.gz"), coding: "gzip")
        #expect(result.findings.map(\.message) == ["the body is Content-Encoding gzip but does not inflate: the CRC-32 does not match the data"])
        #expect(!result.passed)
    }

    static func littleEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)]
    }
}
