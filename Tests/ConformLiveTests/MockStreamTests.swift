import ConformTestSupport
import ConformTraffic
import OpenAPIConform
import Testing

@testable import ConformLive

/// The mock's answer for OpenAPI 3.2 sequential media types (`ConformChecksTests/Fixtures/oas32/streams.yaml`):
/// a few items generated from `itemSchema` (or the items of a generated array, for a `schema` alone), written in
/// the media type's format, and the recorded exchange passes the item checks.
@Suite struct MockStreamTests {
    static let spec = TestPaths.fixture("ConformChecksTests", "oas32/streams.yaml")

    struct StreamCase: CustomTestStringConvertible, Sendable {
        var path: String
        var accept: String
        /// The Content-Type's start: `multipart/mixed` carries its boundary after it.
        var contentType: String
        var testDescription: String { "\(path) \(accept)" }
    }

    static let cases: [StreamCase] = [
        StreamCase(path: "/logs", accept: "application/jsonl", contentType: "application/jsonl"),
        StreamCase(path: "/logs", accept: "application/json-seq", contentType: "application/json-seq"),
        StreamCase(path: "/excerpt", accept: "application/jsonl", contentType: "application/jsonl"),
        StreamCase(path: "/events", accept: "text/event-stream", contentType: "text/event-stream"),
        StreamCase(path: "/batch", accept: "multipart/mixed", contentType: "multipart/mixed; boundary="),
    ]

    @Test(arguments: cases)
    func aStreamAnswerPassesTheItemChecks(_ test: StreamCase) throws {
        let contract = try Contract(path: Self.spec)
        let responder = MockResponder(contract: contract, seed: 7)
        var headers = HTTPHeaders()
        headers.append(name: "Accept", value: test.accept)
        let request = HTTPRequest(method: "GET", url: "https://api.example.com\(test.path)", headers: headers, body: .none)
        for number in 1...3 {
            let answer = responder.answer(request, number: number)
            #expect(answer.response.status == 200, "\(answer.result)")
            #expect(answer.response.headers["Content-Type"]?.hasPrefix(test.contentType) == true)
            guard case .bytes(let bytes) = answer.response.body else {
                Issue.record("no body")
                continue
            }
            let recorded = contract.validate(HTTPExchange(request: request, response: answer.response))
            #expect(recorded.passed && recorded.findings.isEmpty, "\(recorded)\n\(String(decoding: bytes, as: UTF8.self))")
        }
    }

    /// Three items, each on its own line: the answer is a stream, not one value.
    @Test func jsonLinesAnswerHasOneItemALine() throws {
        let contract = try Contract(path: Self.spec)
        var headers = HTTPHeaders()
        headers.append(name: "Accept", value: "application/jsonl")
        let answer = MockResponder(contract: contract, seed: 7).answer(HTTPRequest(method: "GET", url: "https://api.example.com/logs", headers: headers, body: .none), number: 1)
        guard case .bytes(let bytes) = answer.response.body else { throw NoBody() }
        #expect(bytes.filter { $0 == 0x0A }.count == MockStream.itemCount)
    }

    struct NoBody: Error {}
}
