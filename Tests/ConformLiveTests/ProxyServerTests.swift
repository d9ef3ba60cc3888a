import ConformChecks
import ConformFindings
import ConformHTTP
import ConformTestSupport
import ConformTraffic
import ConformValues
import Foundation
import OpenAPIConform
import Testing

@testable import ConformLive

/// The proxy over real sockets, in front of the mock or of small servers with a known behaviour: what passes is
/// checked and recorded, the recording validates to the same findings, `enforce` stops invalid requests, and the
/// upstream's failures become 502 and 504.
@Suite struct ProxyServerTests {
    static let orders = TestPaths.fixture("ConformLiveTests", "orders.yaml")
    static let token = "Authorization: Bearer sk_test_proxy\r\n"

    /// Findings as the proxy saw them, from its threads.
    final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private var results: [ExchangeResult] = []
        func add(_ result: ExchangeResult) { lock.withLock { results.append(result) } }
        var all: [ExchangeResult] { lock.withLock { results } }
    }

    /// A proxy in front of `upstream` (started on port 0 by the caller), always stopped.
    static func withProxy<T>(
        upstream port: UInt16, enforce: Bool = false, timeout: Duration = .seconds(5), record: String? = nil,
        _ body: (UInt16, ProxyServer, Seen) throws -> T
    ) throws -> T {
        let contract = try Contract(path: orders)
        var options = ProxyServer.Options(upstream: try HTTPUpstream(parsing: "http://127.0.0.1:\(port)"))
        options.enforce = enforce
        options.timeout = timeout
        let seen = Seen()
        let recording = try record.map { try LiveRecording(path: $0, redactor: contract.redactor, creatorVersion: "test") }
        var onRecord: (@Sendable (RecordedExchange) -> Void)?
        if let recording { onRecord = { recording.append($0) } }
        let proxy = ProxyServer(
            contract: contract, name: "test", options: options, configuration: HTTPServerConfiguration(),
            onExchange: { seen.add($0) }, onRecord: onRecord)
        let proxyPort = try proxy.start()
        defer {
            proxy.stop()
            _ = recording?.close()
        }
        return try body(proxyPort, proxy, seen)
    }

    static func withMock<T>(_ body: (UInt16, MockServer) throws -> T) throws -> T {
        let mock = MockServer(contract: try Contract(path: orders), name: "upstream", configuration: HTTPServerConfiguration())
        let port = try mock.start()
        defer { mock.stop() }
        return try body(port, mock)
    }

    static let requests = [
        "GET /v1/orders?limit=2 HTTP/1.1\r\nHost: x\r\n\(token)\r\n",
        "GET /v1/orders?limit=1000 HTTP/1.1\r\nHost: x\r\n\(token)\r\n",
        "GET /v1/orders/ord_1NvX HTTP/1.1\r\nHost: x\r\n\(token)\r\n",
        "POST /v1/orders HTTP/1.1\r\nHost: x\r\n\(token)Content-Type: application/json\r\nContent-Length: 14\r\n\r\n{\"amount\": 10}",
        "GET /v1/nowhere HTTP/1.1\r\nHost: x\r\n\r\n",
    ]

    /// Valid and invalid requests pass through; each is recorded, and `validate` of the recording finds what the
    /// proxy found, exchange by exchange.
    @Test func theRecordingValidatesToTheSameFindings() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("proxy-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let recording = folder + "/traffic.har"
        let (seen, statuses, upstreamPort) = try Self.withMock { mockPort, _ in
            try Self.withProxy(upstream: mockPort, record: recording) { port, _, seen in
                let client = try RawHTTPClient(port: port)
                var statuses: [Int] = []
                for request in Self.requests {
                    client.send(request)
                    statuses.append(try client.readResponse().status)
                }
                return (seen, statuses, mockPort)
            }
        }
        #expect(statuses == [200, 400, 200, 400, 404], "the mock's answers, passed back")
        var config = ConformConfig()
        config.servers = ["http://127.0.0.1:\(upstreamPort)/v1"]
        let contract = try Contract(path: Self.orders, config: config)
        let report = await contract.validate(traffic: [.file(recording)])
        // The same findings by identity (rule, operation, side, pointers; the path for an unknown one). The
        // recording's masked credentials add a note of their own (their presence was checked, not their values).
        func identities(_ result: ExchangeResult) -> [String] {
            result.findings.filter { $0.severity >= .warning }.map { "\($0.rule.name) \($0.fingerprint)" }
        }
        let proxied = seen.all.map(identities)
        let recorded = report.results.map(identities)
        #expect(recorded.count == Self.requests.count)
        for (index, pair) in zip(proxied, recorded).enumerated() where pair.0 != pair.1 {
            Issue.record("exchange \(index): proxy \(pair.0)\nvalidate \(pair.1)")
        }
        #expect(proxied.joined().contains { $0.hasPrefix("request-parameter-invalid") })
        #expect(proxied.joined().contains { $0.hasPrefix("request-unknown-path") })
        let har = try String(contentsOfFile: recording, encoding: .utf8)
        #expect(!har.contains("sk_test_proxy"), "credentials are masked in the recording")
    }

    /// With `enforce`, invalid requests are answered by the proxy as the mock would and never reach the upstream.
    @Test func enforceStopsInvalidRequests() throws {
        let upstreamCount = try Self.withMock { mockPort, mock in
            try Self.withProxy(upstream: mockPort, enforce: true) { port, _, _ in
                let client = try RawHTTPClient(port: port)
                client.send(Self.requests[1])
                let refused = try client.readResponse()
                #expect(refused.status == 400)
                #expect(refused.header("Conform-Findings")?.contains("request-parameter-invalid") == true)
                client.send(Self.requests[0])
                #expect(try client.readResponse().status == 200)
            }
            return mock.report.results.count
        }
        #expect(upstreamCount == 1, "only the valid request reached the upstream")
    }

    /// A browser's CORS preflight is the API's to answer, even under `enforce` and though the description does not
    /// document OPTIONS: it reaches the upstream (here the mock, which answers it) and is noted, not refused.
    @Test func enforceLetsAPreflightThrough() throws {
        try Self.withMock { mockPort, _ in
            try Self.withProxy(upstream: mockPort, enforce: true) { port, _, seen in
                let client = try RawHTTPClient(port: port)
                client.send("OPTIONS /v1/orders HTTP/1.1\r\nHost: x\r\nOrigin: http://localhost:3000\r\nAccess-Control-Request-Method: POST\r\n\r\n")
                let preflight = try client.readResponse()
                #expect(preflight.status == 204)
                #expect(preflight.header("Access-Control-Allow-Origin") == "http://localhost:3000")
                let result = try #require(seen.all.first)
                #expect(result.passed)
                #expect(result.findings.map(\.rule) == [.notValidated], "\(result.findings.map(\.message))")
            }
        }
    }

    /// A client that takes br and zstd (every browser) is offered to the API without them, so that a body comes
    /// back in a coding the proxy can undo; a gzip body is checked inflated and passed on as it came.
    @Test func aCompressedAnswerIsCheckedInflatedAndPassedOnAsItCame() throws {
        let gzipped = Array(try Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture("ConformTrafficTests", "coding/orders.json.gz"))))
        let offered = LockedLines()
        let upstream = HTTPServer(configuration: HTTPServerConfiguration()) { request in
            offered.append(request.header("Accept-Encoding") ?? "(none)")
            return HTTPServerResponse(
                status: 200, headers: [("Content-Type", "application/json"), ("Content-Encoding", "gzip"), ("X-RateLimit-Remaining", "9")],
                body: gzipped)
        }
        let upstreamPort = try upstream.start()
        defer { upstream.stop() }
        try Self.withProxy(upstream: upstreamPort) { port, _, seen in
            let client = try RawHTTPClient(port: port)
            client.send("GET /v1/orders HTTP/1.1\r\nHost: x\r\n\(Self.token)Accept-Encoding: gzip, deflate, br, zstd\r\n\r\n")
            let answer = try client.readResponse()
            #expect(answer.status == 200)
            #expect(answer.body == gzipped, "the client gets the bytes the API sent")
            client.send("GET /v1/orders HTTP/1.1\r\nHost: x\r\n\(Self.token)Accept-Encoding: br;q=1.0, zstd\r\n\r\n")
            _ = try client.readResponse()
            #expect(offered.all == ["gzip, deflate", "(none)"])
            let result = try #require(seen.all.first)
            #expect(result.mediaType == "application/json")
            #expect(!result.findings.contains { $0.message.contains("not valid JSON") || $0.rule == .notValidated }, "\(result.findings.map(\.message).prefix(3))")
        }
    }

    @Test func anUpstreamThatIsDownIs502AndOneTooSlow504() throws {
        let refusing = try RefusingPort()
        let closedPort = refusing.port
        try Self.withProxy(upstream: closedPort) { port, _, _ in
            let client = try RawHTTPClient(port: port)
            client.send(Self.requests[0])
            let response = try client.readResponse()
            #expect(response.status == 502)
            #expect(response.text.contains("127.0.0.1:\(closedPort)"))
        }
        withExtendedLifetime(refusing) {}
        var slowConfiguration = HTTPServerConfiguration()
        slowConfiguration.threads = 1
        let slow = HTTPServer(configuration: slowConfiguration) { _, reply in
            DispatchQueue.global().asyncAfter(deadline: .now() + 1.5) { reply.send(HTTPServerResponse(status: 200)) }
        }
        let slowPort = try slow.start()
        defer { slow.stop() }
        try Self.withProxy(upstream: slowPort, timeout: .milliseconds(300)) { port, _, _ in
            let client = try RawHTTPClient(port: port)
            client.send(Self.requests[0])
            #expect(try client.readResponse().status == 504)
        }
    }

    /// Hop-by-hop fields stay on their hop (RFC 9110 §7.6.1), both ways; everything else passes as it was, in order,
    /// repeated names kept; Via is added.
    @Test func hopByHopFieldsStayOnTheirHop() throws {
        let upstream = HTTPServer(configuration: HTTPServerConfiguration()) { request in
            let names = request.headers.map(\.name).joined(separator: ",")
            return HTTPServerResponse(
                status: 200,
                headers: [("X-B", "1"), ("X-A", "2"), ("x-b", "3"), ("Trailer", "X-Checksum"), ("Upgrade", "h2c"),
                          ("Proxy-Authenticate", "Basic"), ("Content-Type", "text/plain"), ("X-Seen", names)],
                body: Array("ok".utf8))
        }
        let upstreamPort = try upstream.start()
        defer { upstream.stop() }
        try Self.withProxy(upstream: upstreamPort) { port, _, _ in
            let client = try RawHTTPClient(port: port)
            client.send("GET /v1/health HTTP/1.1\r\nHost: x\r\nConnection: X-Private\r\nX-Private: 1\r\nTE: trailers\r\nX-Kept: yes\r\n\r\n")
            let response = try client.readResponse()
            let seen = response.header("X-Seen") ?? ""
            #expect(!seen.contains("X-Private") && !seen.contains("TE"), "\(seen)")
            #expect(seen.contains("X-Kept") && seen.contains("Via"), "\(seen)")
            #expect(response.headers.filter { $0.name.lowercased().hasPrefix("x-") && $0.name != "X-Seen" }.map { "\($0.name)=\($0.value)" } == ["X-B=1", "X-A=2", "x-b=3"])
            #expect(response.header("Trailer") == nil && response.header("Upgrade") == nil && response.header("Proxy-Authenticate") == nil)
            #expect(response.header("Via") == "1.1 openapi-conform")
            #expect(response.text == "ok")
        }
    }

    /// Request smuggling against the proxy: each attempt is refused by the proxy's own parser (400, or 501 for an
    /// unknown coding) and its connection closed; the upstream, which counts what reaches it, sees nothing, and a
    /// plain request afterwards does reach it, re-framed with a Content-Length of the proxy's own.
    @Test func aSmugglingAttemptNeverReachesTheUpstream() throws {
        let reached = LockedLines()
        let upstream = HTTPServer(configuration: HTTPServerConfiguration()) { request in
            reached.append("\(request.method) \(request.target) \(request.headers.filter { ["content-length", "transfer-encoding"].contains($0.name.lowercased()) }.map { "\($0.name): \($0.value)" })")
            return HTTPServerResponse(status: 200, headers: [("Content-Type", "text/plain")], body: Array("ok".utf8))
        }
        let upstreamPort = try upstream.start()
        defer { upstream.stop() }
        let hidden = "GET /v1/smuggled HTTP/1.1\r\nHost: x\r\n\r\n"
        let attempts = [
            "POST /v1/orders HTTP/1.1\r\nHost: x\r\nContent-Length: 44\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n\(hidden)",
            "POST /v1/orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n\(hidden)",
            "POST /v1/orders HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: 41\r\n\r\n\(hidden)",
            "POST /v1/orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n\(hidden)",
            "POST /v1/orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n\(hidden)",
            "POST /v1/orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n\(hidden)",
            "POST /v1/orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\nxx\r\n0\r\n\r\n\(hidden)",
        ]
        try Self.withProxy(upstream: upstreamPort) { port, _, _ in
            for attempt in attempts {
                let client = try RawHTTPClient(port: port)
                client.send(attempt)
                let status = try client.readResponse().status
                #expect(status == 400 || status == 501, "\(status) for \(attempt.prefix(90))")
                #expect(client.isClosedByServer())
            }
            #expect(reached.all.isEmpty, "\(reached.all)")
            let client = try RawHTTPClient(port: port)
            client.send("POST /v1/orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n\(String(hidden.utf8.count, radix: 16))\r\n\(hidden)\r\n0\r\n\r\n")
            #expect(try client.readResponse().status == 200)
        }
        #expect(reached.all == ["POST /orders [\"Content-Length: \(hidden.utf8.count)\"]"] || reached.all == ["POST /v1/orders [\"Content-Length: \(hidden.utf8.count)\"]"], "\(reached.all)")
    }

    /// HEAD through the proxy announces the upstream's length of the body it does not carry.
    @Test func headKeepsTheUpstreamsContentLength() throws {
        try Self.withMock { mockPort, _ in
            try Self.withProxy(upstream: mockPort) { port, _, _ in
                let client = try RawHTTPClient(port: port)
                client.send("GET /v1/orders/ord_1NvX HTTP/1.1\r\nHost: x\r\n\(Self.token)\r\n")
                let get = try client.readResponse()
                client.send("HEAD /v1/orders/ord_1NvX HTTP/1.1\r\nHost: x\r\n\(Self.token)\r\n")
                let head = try client.readResponse(headRequest: true)
                #expect(head.status == 200)
                #expect(head.header("Content-Length") == "\(get.body.count)")
                // Nothing followed the head: the next answer on the connection parses.
                client.send("GET /v1/nowhere HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(try client.readResponse().status == 404)
            }
        }
    }
}
