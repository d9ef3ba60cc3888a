import ConformChecks
import ConformHTTP
import ConformTestSupport
import ConformTraffic
import ConformValues
import Foundation
import OpenAPIConform
import Testing

@testable import ConformLive

/// The mock over real sockets: what a client of the mocked API sends (its own Host, the servers' base path) is
/// answered as the description says, and the session's report holds every exchange.
@Suite struct MockServerTests {
    static let orders = TestPaths.fixture("ConformLiveTests", "orders.yaml")
    static let bundled = ["asset", "cadana", "codat", "qonto"].map { TestPaths.repositoryRoot + "/specs/\($0)/openapi.yaml" }

    /// The bytes of a request as a client sends it: origin-form target, the Host of the API's own server.
    static func bytes(_ request: HTTPRequest, host: String) -> [UInt8] {
        var text = "\(request.method) \(request.url) HTTP/1.1\r\nHost: \(host)\r\n"
        for (name, value) in request.headers { text += "\(name): \(value)\r\n" }
        let body = request.body.wireBytes
        if !body.isEmpty { text += "Content-Length: \(body.count)\r\n" }
        return Array((text + "\r\n").utf8) + body
    }

    static func withMock<T>(_ spec: String, _ body: (Contract, MockServer, UInt16) throws -> T) throws -> T {
        let contract = try Contract(path: spec)
        let server = MockServer(contract: contract, name: "test", configuration: HTTPServerConfiguration(), seed: 5)
        let port = try server.start()
        defer { server.stop() }
        return try body(contract, server, port)
    }

    static func host(_ contract: Contract) -> String {
        contract.document.servers.first.flatMap { URL(string: $0.url)?.host } ?? "localhost"
    }

    /// Every operation of every bundled description through one keep-alive connection: answered 2xx, and each
    /// exchange recorded from the wire passes `validate`.
    @Test(arguments: bundled + [orders])
    func everyOperationIsServedOverHTTP(_ spec: String) throws {
        try Self.withMock(spec) { contract, server, port in
            let client = try RawHTTPClient(port: port)
            let base = contract.document.servers.first.map { RequestURL($0.url).path } ?? ""
            let synthesizer = RequestSynthesizer(contract: contract, base: base)
            var sent = 0
            for operation in contract.document.operations {
                let request = try synthesizer.request(for: operation, seed: 11).get()
                client.send(Self.bytes(request, host: Self.host(contract)))
                let wire = try client.readResponse(headRequest: request.method == "HEAD")
                sent += 1
                #expect((200..<300).contains(wire.status), "\(operation.key): \(wire.status) \(wire.text)")
                let response = HTTPResponse(
                    status: wire.status, headers: HTTPHeaders(wire.headers), body: wire.body.isEmpty ? .none : .bytes(wire.body))
                let recorded = contract.validate(HTTPExchange(request: request, response: response))
                #expect(recorded.passed, "\(operation.key): \(recorded)")
            }
            let report = server.report
            #expect(report.results.count == sent)
            #expect(report.conformant)
        }
    }

    @Test func anInvalidRequestGetsAProblemWithItsFindings() throws {
        try Self.withMock(Self.orders) { _, server, port in
            let client = try RawHTTPClient(port: port)
            client.send("GET /v1/orders?limit=1000 HTTP/1.1\r\nHost: api.orders.example.com\r\nAuthorization: Bearer sk_live_abcdef\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 400)
            #expect(response.header("Content-Type") == "application/problem+json")
            let problem = try JSONReader.parse(response.body)
            #expect(problem["status"] == 400)
            #expect(problem["findings"]?.arrayValue?.first?["rule"] == "request-parameter-invalid")
            #expect(!server.report.conformant)
        }
    }

    /// A proxy-style absolute-form target is read for its path: the mock stands in for any host.
    @Test func anAbsoluteFormTargetIsServed() throws {
        try Self.withMock(Self.orders) { _, _, port in
            let client = try RawHTTPClient(port: port)
            client.send("GET http://elsewhere.example/v1/orders HTTP/1.1\r\nHost: elsewhere.example\r\nAuthorization: Bearer sk_test_123456\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 200, "\(response.text)")
            #expect(response.header("X-RateLimit-Remaining") != nil)
        }
    }

    @Test func headIsAnsweredWithTheHeadOfGET() throws {
        try Self.withMock(Self.orders) { _, _, port in
            let client = try RawHTTPClient(port: port)
            client.send("HEAD /v1/orders HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer sk_test_123456\r\n\r\n")
            let head = try client.readResponse(headRequest: true)
            #expect(head.status == 200)
            #expect(Int(head.header("Content-Length") ?? "0") ?? 0 > 0)
            client.send("GET /v1/nothing HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().status == 404)
        }
    }
}
