import ConformHTTP
import ConformTestSupport
import ConformTraffic
import ConformValues
import Foundation
import Testing

@testable import ConformLive

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The live client against the in-repo server on loopback ports it picks: what arrives is what was sent (as far as
/// URLSession allows, and the tests pin down where it does not), what comes back is what the server answered,
/// and the limits, deadline and retries behave. Every server is stopped and every client shut down.
@Suite struct LiveClientTests {
    /// Answers with what it received: `METHOD target`, one line per field, a blank line, then the body's bytes.
    static let echo: @Sendable (HTTPServerRequest) -> HTTPServerResponse = { request in
        var text = "\(request.method) \(request.target)\n"
        for field in request.headers { text += "\(field.name): \(field.value)\n" }
        return HTTPServerResponse(
            status: 200, headers: [(name: "Content-Type", value: "application/octet-stream")], body: Array((text + "\n").utf8) + request.body)
    }

    /// What the echo saw: the request line, the fields in order, the body's bytes.
    struct Echo {
        var line: String
        var fields: [(name: String, value: String)]
        var body: [UInt8]

        init(_ response: HTTPResponse) {
            guard case .bytes(let bytes) = response.body, let split = bytes.firstRange(of: Array("\n\n".utf8)) else {
                line = ""
                fields = []
                body = []
                return
            }
            let lines = String(decoding: bytes[..<split.lowerBound], as: UTF8.self).split(separator: "\n").map(String.init)
            line = lines.first ?? ""
            fields = lines.dropFirst().map { field in
                let colon = field.firstIndex(of: ":")!
                return (String(field[..<colon]), String(field[field.index(colon, offsetBy: 2)...]))
            }
            body = Array(bytes[split.upperBound...])
        }

        func values(_ name: String) -> [String] {
            fields.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
        }
    }

    /// Runs `body` against a started server and a client, and always stops the one and shuts down the other.
    static func withServer<T>(
        _ client: LiveClientConfiguration = LiveClientConfiguration(),
        server configure: (inout HTTPServerConfiguration) -> Void = { _ in },
        handler: @escaping @Sendable (HTTPServerRequest) -> HTTPServerResponse = echo,
        _ body: (LiveClient, URL) async throws -> T
    ) async throws -> T {
        var configuration = HTTPServerConfiguration()
        configure(&configuration)
        let server = HTTPServer(configuration: configuration, handler: handler)
        let port = try server.start()
        defer { server.stop() }
        let live = LiveClient(configuration: client)
        defer { live.shutdown() }
        return try await body(live, URL(string: "http://127.0.0.1:\(port)")!)
    }

    static func response(_ result: Result<LiveResponse, LiveClientError>) throws -> LiveResponse {
        switch result {
        case .success(let response): return response
        case .failure(let error): throw error
        }
    }

    static func error(_ result: Result<LiveResponse, LiveClientError>) -> LiveClientError? {
        if case .failure(let error) = result { return error }
        return nil
    }


    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    @Test func sendsAGetWithItsQueryAndReturnsTheResponse() async throws {
        try await Self.withServer { client, base in
            let request = HTTPRequest(method: "GET", url: "/v1/orders?limit=2&tag=a%20b", headers: ["Accept": "application/json"])
            let live = try Self.response(await client.send(request, to: base))
            #expect(live.response.status == 200)
            #expect(live.response.headers["content-type"] == "application/octet-stream")
            #expect(live.finalURL.absoluteString == base.absoluteString + "/v1/orders?limit=2&tag=a%20b")
            #expect(live.attempts == 1)
            let echo = Echo(live.response)
            #expect(echo.line == "GET /v1/orders?limit=2&tag=a%20b")
            #expect(echo.values("Accept") == ["application/json"])
            #expect(echo.values("Host") == [base.host! + ":\(base.port!)"])
            #expect(echo.values("Content-Length").isEmpty)
            #expect(echo.body.isEmpty)
        }
    }

    @Test func postsAJSONBodyIntactWithItsContentType() async throws {
        try await Self.withServer { client, base in
            let value: JSONValue = ["name": "Ünïcode ✓", "count": 3, "tags": ["a", "b"]]
            let request = HTTPRequest(
                method: "POST", url: "/orders", headers: ["Content-Type": "application/json; charset=utf-8"], body: .json(value))
            let echo = Echo(try Self.response(await client.send(request, to: base)).response)
            #expect(echo.line == "POST /orders")
            #expect(echo.body == Array(JSONWriter.string(value).utf8))
            #expect(echo.values("Content-Type") == ["application/json; charset=utf-8"])
            #expect(echo.values("Content-Length") == ["\(echo.body.count)"])
            // libcurl's `Expect: 100-continue` is turned off by URLSession for bodies it knows the length of.
            #expect(echo.values("Expect").isEmpty)

            let binary = (0..<1024).map { UInt8($0 % 256) }
            let put = HTTPRequest(method: "PUT", url: "/blob", headers: ["Content-Type": "application/octet-stream"], body: .bytes(binary))
            let putEcho = Echo(try Self.response(await client.send(put, to: base)).response)
            #expect(putEcho.line == "PUT /blob")
            #expect(putEcho.body == binary)
        }
    }

    /// URLRequest keeps fields in a dictionary: repeated names arrive as one field with the values joined in order.
    @Test func foldsRepeatedFieldsAndLeavesFramingToTheSession() async throws {
        try await Self.withServer { client, base in
            let headers = HTTPHeaders([
                (name: "X-Tag", value: "a"), (name: "x-tag", value: "b"), (name: "Cookie", value: "s=1"), (name: "cookie", value: "t=2"),
                (name: "Host", value: "api.example.com"), (name: "Content-Length", value: "99"), (name: "X-Empty", value: ""),
            ])
            let echo = Echo(try Self.response(await client.send(HTTPRequest(method: "DELETE", url: "/orders/1", headers: headers), to: base)).response)
            #expect(echo.line == "DELETE /orders/1")
            #expect(echo.values("X-Tag") == ["a, b"])
            #expect(echo.fields.contains { $0.name == "X-Tag" })
            #expect(echo.values("Cookie") == ["s=1; t=2"])
            #expect(echo.values("Host") == ["127.0.0.1:\(base.port!)"])
            #expect(echo.values("Content-Length").allSatisfy { $0 == "0" })
            #expect(echo.values("X-Empty") == [""])
            #expect(echo.values("Accept-Encoding") == ["identity"])
        }
    }

    /// The fields URLSession adds when the request has none, and that the request's own win.
    @Test func theSessionAddsDefaultFieldsThatTheRequestOverrides() async throws {
        try await Self.withServer { client, base in
            let bare = Echo(try Self.response(await client.send(HTTPRequest(method: "GET", url: "/"), to: base)).response)
            #expect(bare.values("Accept") == ["*/*"])
            #expect(bare.values("User-Agent").first?.contains("curl/") == true)
            #expect(bare.values("Accept-Encoding") == ["identity"])
            let given = HTTPHeaders([
                (name: "Accept", value: "application/json"), (name: "User-Agent", value: "probe/1"), (name: "Accept-Encoding", value: "br"),
            ])
            let own = Echo(try Self.response(await client.send(HTTPRequest(method: "GET", url: "/", headers: given), to: base)).response)
            #expect(own.values("Accept") == ["application/json"])
            #expect(own.values("User-Agent") == ["probe/1"])
            #expect(own.values("Accept-Encoding") == ["br"])

            // A POST body without a Content-Type gets the form type from URLSession.
            let form = Echo(try Self.response(await client.send(HTTPRequest(method: "POST", url: "/", body: .text("a=1")), to: base)).response)
            #expect(form.values("Content-Type") == ["application/x-www-form-urlencoded"])
            #expect(form.body == Array("a=1".utf8))
        }
    }

    @Test func keepsTheBaseURLsPathPrefix() async throws {
        try await Self.withServer { client, base in
            for prefix in ["/v2", "/v2/"] {
                let echo = Echo(try Self.response(await client.send(HTTPRequest(method: "GET", url: "/companies?x=1"), to: URL(string: base.absoluteString + prefix)!)).response)
                #expect(echo.line == "GET /v2/companies?x=1")
            }
            let absolute = HTTPRequest(method: "GET", url: base.absoluteString + "/elsewhere")
            let echo = Echo(try Self.response(await client.send(absolute, to: URL(string: "http://127.0.0.1:1/v2")!)).response)
            #expect(echo.line == "GET /elsewhere")
        }
        #expect(WireRequest.resolve("/c", against: URL(string: "http://h:1/v2?k=1")!)?.absoluteString == "http://h:1/v2/c")
        #expect(WireRequest.resolve("c", against: URL(string: "http://h:1")!)?.absoluteString == "http://h:1/c")
    }

    @Test func returnsARedirectAsItIsWithoutFollowingIt() async throws {
        let hits = Counter()
        let handler: @Sendable (HTTPServerRequest) -> HTTPServerResponse = { request in
            hits.increment()
            if request.target == "/old" {
                return HTTPServerResponse(status: 302, headers: [(name: "Location", value: "/new")], body: Array("moved".utf8))
            }
            return HTTPServerResponse(status: 200, body: Array("new".utf8))
        }
        try await Self.withServer(handler: handler) { client, base in
            for method in ["GET", "POST"] {
                let live = try Self.response(await client.send(HTTPRequest(method: method, url: "/old"), to: base))
                #expect(live.response.status == 302)
                #expect(live.response.headers["Location"] == "/new")
                #expect(live.response.body == .bytes(Array("moved".utf8)))
                #expect(live.finalURL.path == "/old")
            }
            #expect(hits.value == 2)
        }
    }

    @Test func a204HasNoBodyAndA401IsAnAnswer() async throws {
        let handler: @Sendable (HTTPServerRequest) -> HTTPServerResponse = { request in
            request.target == "/gone"
                ? HTTPServerResponse(status: 204, headers: [(name: "X-Request-Id", value: "7")])
                : HTTPServerResponse(
                    status: 401, headers: [(name: "WWW-Authenticate", value: String(request.target.dropFirst()).removingPercentEncoding!)],
                    body: Array("no".utf8))
        }
        try await Self.withServer(handler: handler) { client, base in
            let gone = try Self.response(await client.send(HTTPRequest(method: "DELETE", url: "/gone"), to: base))
            #expect(gone.response.status == 204)
            #expect(gone.response.body == .none)
            #expect(gone.response.headers["x-request-id"] == "7")
            // A Basic challenge is one URLSession acts on (see TransferDelegate); the others it passes through.
            for challenge in ["Basic realm=\"api\"", "Bearer", "Bearer error=\"invalid_token\"", "Basic"] {
                let target = "/" + challenge.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let denied = try Self.response(await client.send(HTTPRequest(method: "GET", url: target), to: base))
                #expect(denied.response.status == 401)
                #expect(denied.response.headers["WWW-Authenticate"] == challenge)
                #expect(denied.response.body == .bytes(Array("no".utf8)))
            }
        }
    }

    /// Response fields come through a dictionary: a repeated name arrives joined (or, spelled in another case, only
    /// the last), and the order is by name.
    @Test func binaryBodiesArriveIntactAndFieldsSortedByName() async throws {
        let payload = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let handler: @Sendable (HTTPServerRequest) -> HTTPServerResponse = { _ in
            HTTPServerResponse(
                status: 200,
                headers: [
                    (name: "Content-Type", value: "application/octet-stream"), (name: "X-B", value: "1"), (name: "X-A", value: "2"),
                    (name: "X-B", value: "3"), (name: "X-C", value: "1"), (name: "x-c", value: "2"),
                    (name: "Set-Cookie", value: "a=1"), (name: "Set-Cookie", value: "b=2"), (name: "set-cookie", value: "c=3"),
                ], body: payload)
        }
        try await Self.withServer(handler: handler) { client, base in
            let live = try Self.response(await client.send(HTTPRequest(method: "GET", url: "/blob"), to: base))
            #expect(live.response.body == .bytes(payload))
            #expect(live.response.headers["Content-Length"] == "4096")
            #expect(live.response.headers.values(for: "X-B") == ["1, 3"])
            // Spelled in another case, a name is a field of its own, unless it is one corelibs knows: then one
            // spelling's values replace the other's, which one varying from run to run.
            #expect(live.response.headers.values(for: "X-C") == ["1", "2"])
            let cookies = live.response.headers.values(for: "Set-Cookie")
            #expect(cookies == ["a=1, b=2"] || cookies == ["c=3"])
            let names = live.response.headers.fields.map { $0.name.lowercased() }
            #expect(names == names.sorted())
        }
    }

    /// libcurl decodes a compressed body whatever the request asked: with the default `identity` the API has no
    /// reason to compress; a request that asks for gzip gets the decoded entity and the `Content-Encoding` field.
    @Test func compressedBodiesAreDecodedByTheSession() async throws {
        let gzipHello: [UInt8] = [
            0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00, 0x86, 0xa6, 0x10,
            0x36, 0x05, 0x00, 0x00, 0x00,
        ]
        let handler: @Sendable (HTTPServerRequest) -> HTTPServerResponse = { request in
            guard request.header("Accept-Encoding") == "gzip" else { return HTTPServerResponse(status: 200, body: Array("hello".utf8)) }
            return HTTPServerResponse(status: 200, headers: [(name: "Content-Encoding", value: "gzip")], body: gzipHello)
        }
        try await Self.withServer(handler: handler) { client, base in
            let plain = try Self.response(await client.send(HTTPRequest(method: "GET", url: "/"), to: base))
            #expect(plain.response.body == .bytes(Array("hello".utf8)))
            let asked = try Self.response(await client.send(HTTPRequest(method: "GET", url: "/", headers: ["Accept-Encoding": "gzip"]), to: base))
            #expect(asked.response.headers["Content-Encoding"] == "gzip")
            #expect(asked.response.body == .bytes(Array("hello".utf8)))
        }
    }

    @Test func aSlowAnswerTimesOut() async throws {
        let handler: @Sendable (HTTPServerRequest) -> HTTPServerResponse = { _ in
            usleep(700_000)
            return HTTPServerResponse(status: 200)
        }
        try await Self.withServer(LiveClientConfiguration(timeout: .milliseconds(200)), handler: handler) { client, base in
            let result = await client.send(HTTPRequest(method: "GET", url: "/slow"), to: base)
            #expect(Self.error(result) == .timeout(url: base.absoluteString + "/slow", after: .milliseconds(200)))
            #expect(Self.error(result)?.description == "no complete response from \(base.absoluteString)/slow within 200ms")
        }
    }

    /// A refused connection is retried, then reported without the URL's credentials or any header value.
    @Test func aClosedPortIsUnreachableAfterTheRetries() async throws {
        let refusing = try RefusingPort()
        let port = refusing.port
        let client = LiveClient(configuration: LiveClientConfiguration(retries: 2))
        defer { client.shutdown() }
        let request = HTTPRequest(method: "GET", url: "/v1/orders?api_key=SECRET", headers: ["Authorization": "Bearer TOKEN"])
        let result = await client.send(request, to: URL(string: "http://user:pw@127.0.0.1:\(port)/base")!)
        withExtendedLifetime(refusing) {}
        guard case .unreachable(let url, _, let attempts)? = Self.error(result) else {
            Issue.record("expected unreachable, got \(result)")
            return
        }
        #expect(url == "http://127.0.0.1:\(port)/base/v1/orders?…")
        #expect(attempts == 3)
        let message = Self.error(result)!.description
        #expect(message.hasPrefix("cannot reach http://127.0.0.1:\(port)/base/v1/orders?…: could not connect"))
        #expect(message.hasSuffix("(3 attempts)"))
        for secret in ["SECRET", "TOKEN", "pw", "user"] { #expect(!message.contains(secret)) }

        let once = LiveClient(configuration: LiveClientConfiguration(retries: 0))
        defer { once.shutdown() }
        guard case .unreachable(_, _, 1)? = Self.error(await once.send(request, to: URL(string: "http://127.0.0.1:\(port)")!)) else {
            Issue.record("expected one attempt")
            return
        }
    }

    /// A connection closed before any response byte is retried; every attempt reached the listener.
    @Test func aConnectionClosedBeforeAResponseIsRetried() async throws {
        let listener = try RawListener.closing()
        defer { listener.stop() }
        let client = LiveClient(configuration: LiveClientConfiguration(retries: 2))
        defer { client.shutdown() }
        let result = await client.send(HTTPRequest(method: "POST", url: "/x", body: .text("{}")), to: URL(string: "http://127.0.0.1:\(listener.port)")!)
        guard case .failed(_, let reason, let attempts)? = Self.error(result) else {
            Issue.record("expected failed, got \(result)")
            return
        }
        #expect(reason == "the connection closed before a response")
        #expect(attempts == 3)
        #expect(listener.accepted == 3)
    }

    /// A server that closes the connection just after a 500 without saying so, as uvicorn does after an unhandled
    /// exception: the next request, with a body, goes on a fresh connection and is answered. On the connection the
    /// server was closing, libcurl would send it again on a fresh one without its body (corelibs does not rewind
    /// it), and both ends would wait until the deadline.
    @Test func aRequestAfterA5xxGoesOnAFreshConnection() async throws {
        let listener = try RawListener { connection, number in
            while let request = RawListener.readRequest(connection) {
                if number == 1 && request.contains(#"{"n":1}"#) {
                    RawListener.write(connection, "HTTP/1.1 500 Internal Server Error\r\ncontent-length: 21\r\ncontent-type: text/plain\r\n\r\nInternal Server Error")
                    usleep(50_000)
                    return
                }
                RawListener.write(connection, "HTTP/1.1 201 Created\r\ncontent-length: 2\r\ncontent-type: application/json\r\n\r\n{}")
            }
        }
        defer { listener.stop() }
        // Without the fresh connection the request waits out this deadline and fails: the answer is what tells.
        let client = LiveClient(configuration: LiveClientConfiguration(timeout: .seconds(10), maxConcurrent: 1))
        defer { client.shutdown() }
        let base = URL(string: "http://127.0.0.1:\(listener.port)")!
        let failed = try Self.response(await client.send(HTTPRequest(method: "POST", url: "/devices", body: .text(#"{"n":1}"#)), to: base))
        #expect(failed.response.status == 500)
        let next = await client.send(HTTPRequest(method: "POST", url: "/devices", body: .text(#"{"n":2}"#)), to: base)
        #expect((try? Self.response(next))?.response.status == 201, "\(next)")
    }

    /// A 500 is an answer: returned, not retried.
    @Test func anHTTPErrorIsNotRetried() async throws {
        let hits = Counter()
        let handler: @Sendable (HTTPServerRequest) -> HTTPServerResponse = { _ in
            hits.increment()
            return HTTPServerResponse(status: 500, body: Array("boom".utf8))
        }
        try await Self.withServer(LiveClientConfiguration(retries: 3), handler: handler) { client, base in
            let live = try Self.response(await client.send(HTTPRequest(method: "GET", url: "/"), to: base))
            #expect(live.response.status == 500)
            #expect(live.attempts == 1)
            #expect(hits.value == 1)
        }
    }

    /// "Come back later" is waited for and the request sent again (a POST with its body too, as the first was not
    /// processed): a 429 or a 503 with `Retry-After`, up to `rateLimitRetries` times and `longestRetryAfter`.
    @Test(arguments: [
        // (answers before a 200, the Retry-After they carry, status got, attempts, requests the server saw)
        ([429, 429], "0", 200, 3, 3),
        ([503], "0", 200, 2, 2),
        ([503], nil, 503, 1, 1),
        ([429], "120", 429, 1, 1),
        ([429, 429, 429], "0", 429, 3, 3),
    ] as [([Int], String?, Int, Int, Int)])
    func comeBackLaterIsWaitedFor(_ first: [Int], _ retryAfter: String?, _ status: Int, _ attempts: Int, _ seen: Int) async throws {
        let hits = Counter()
        let bodies = LockedLines()
        let handler: @Sendable (HTTPServerRequest) -> HTTPServerResponse = { request in
            let hit = hits.increment()
            bodies.append(String(decoding: request.body, as: UTF8.self))
            guard hit <= first.count else { return HTTPServerResponse(status: 200) }
            return HTTPServerResponse(status: first[hit - 1], headers: retryAfter.map { [("Retry-After", $0)] } ?? [])
        }
        let configuration = LiveClientConfiguration(rateLimitRetries: 2, longestRetryAfter: .seconds(60))
        try await Self.withServer(configuration, handler: handler) { client, base in
            let request = HTTPRequest(method: "POST", url: "/orders", headers: HTTPHeaders([("Content-Type", "application/json")]), body: .bytes(Array("{\"a\":1}".utf8)))
            let live = try Self.response(await client.send(request, to: base))
            #expect(live.response.status == status)
            #expect(live.attempts == attempts)
            #expect(hits.value == seen)
            #expect(bodies.all.allSatisfy { $0 == "{\"a\":1}" }, "\(bodies.all)")
        }
    }

    @Test func retryAfterIsDelaySecondsOrAnHTTPDate() {
        #expect(RetryAfter.imfFixdate("Sun, 06 Nov 1994 08:49:37 GMT") == 784_111_777)
        #expect(RetryAfter.imfFixdate("Thu, 29 Feb 2024 23:59:60 GMT") == 1_709_251_200)
        #expect(RetryAfter.imfFixdate("Sunday, 06-Nov-94 08:49:37 GMT") == nil, "the obsolete RFC 850 form")
        let now = Date(timeIntervalSince1970: 784_111_770)
        #expect(RetryAfter.delay(in: "Sun, 06 Nov 1994 08:49:37 GMT", now: now) == .seconds(7))
        #expect(RetryAfter.delay(in: "Sun, 06 Nov 1994 08:49:00 GMT", now: now) == .zero, "a date gone by is no wait")
        #expect(RetryAfter.delay(in: " 12 ", now: now) == .seconds(12))
        #expect(RetryAfter.delay(in: "-1", now: now) == nil)
        #expect(RetryAfter.wait(for: HTTPResponse(status: 429), otherwise: .seconds(1), longest: .seconds(60)) == .seconds(1))
        #expect(RetryAfter.wait(for: HTTPResponse(status: 500, headers: HTTPHeaders([("Retry-After", "1")])), otherwise: .seconds(1), longest: .seconds(60)) == nil)
    }

    @Test func theRateSpacesRequests() async throws {
        try await Self.withServer(LiveClientConfiguration(rate: 20)) { client, base in
            let start = ContinuousClock.now
            let statuses = await withTaskGroup(of: Int.self) { group in
                for index in 0..<10 {
                    group.addTask { (try? Self.response(await client.send(HTTPRequest(method: "GET", url: "/\(index)"), to: base)))?.response.status ?? 0 }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            let elapsed = Self.seconds(since: start)
            #expect(statuses == Array(repeating: 200, count: 10))
            #expect(elapsed >= 0.44)
        }
    }

    @Test func inFlightRequestsAreBounded() async throws {
        let gauge = Gauge()
        let handler: @Sendable (HTTPServerRequest) -> HTTPServerResponse = { _ in
            gauge.enter()
            usleep(80_000)
            gauge.leave()
            return HTTPServerResponse(status: 200)
        }
        // The handler blocks its loop thread: enough loops that the server is not the bound.
        try await Self.withServer(LiveClientConfiguration(maxConcurrent: 3), server: { $0.threads = 6 }, handler: handler) { client, base in
            let start = ContinuousClock.now
            let statuses = await withTaskGroup(of: Int.self) { group in
                for index in 0..<9 {
                    group.addTask { (try? Self.response(await client.send(HTTPRequest(method: "GET", url: "/\(index)"), to: base)))?.response.status ?? 0 }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 200, count: 9))
            #expect(gauge.maximum <= 3)
            // Three rounds of 80ms at least.
            #expect(Self.seconds(since: start) >= 0.23)
        }
    }

    @Test func refusesWhatURLSessionCannotSendAndSendsNothingAfterShutdown() async throws {
        let hits = Counter()
        let handler: @Sendable (HTTPServerRequest) -> HTTPServerResponse = { _ in
            hits.increment()
            return HTTPServerResponse(status: 200)
        }
        try await Self.withServer(handler: handler) { client, base in
            let withBody = await client.send(HTTPRequest(method: "GET", url: "/", body: .text("x")), to: base)
            #expect(Self.error(withBody)?.description.contains("a GET request with a body cannot be sent") == true)
            client.shutdown()
            let after = await client.send(HTTPRequest(method: "GET", url: "/"), to: base)
            #expect(Self.error(after)?.description.contains("the client was shut down") == true)
            #expect(hits.value == 0)
        }
    }

    /// What messages show of a URL: never user info, never a query's values.
    @Test func messagesNameTheURLWithoutCredentials() {
        #expect(LiveClientError.shown(URL(string: "https://u:p@api.example.com:8443/v1/x?key=K#f")!) == "https://api.example.com:8443/v1/x?…")
        #expect(LiveClientError.shown("https://u:p@api example/v1?key=K") == "https://api example/v1?…")
        #expect(LiveClientError.shown("/v1/orders") == "/v1/orders")
        let timeout = LiveClientError.timeout(url: "http://h/v1", after: .milliseconds(1500))
        #expect(timeout.description == "no complete response from http://h/v1 within 1.5s")
        let failed = LiveClientError.failed(url: "http://h/v1", reason: "the connection closed before a response", attempts: 1)
        #expect(failed.description == "the request to http://h/v1 failed: the connection closed before a response")
    }

    /// The server holds the request until the client has shut down, so the request is in flight then, however
    /// slowly a loaded machine runs the test.
    @Test func shutdownEndsRequestsInFlight() async throws {
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let handler: @Sendable (HTTPServerRequest) -> HTTPServerResponse = { _ in
            entered.signal()
            _ = release.wait(timeout: .now() + 10)
            return HTTPServerResponse(status: 200)
        }
        try await Self.withServer(handler: handler) { client, base in
            async let result = client.send(HTTPRequest(method: "GET", url: "/"), to: base)
            var polls = 0
            while entered.wait(timeout: .now()) == .timedOut, polls < 2000 {
                polls += 1
                try await Task.sleep(for: .milliseconds(5))
            }
            client.shutdown()
            let error = Self.error(await result)
            release.signal()
            #expect(error?.description.contains("the client was shut down") == true, "\(String(describing: error))")
        }
    }
}

/// A count handlers bump from their loop threads.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    /// The count after this one.
    @discardableResult func increment() -> Int {
        lock.withLock {
            count += 1
            return count
        }
    }
    var value: Int { lock.withLock { count } }
}

/// Requests in a handler now, and the most there have been at once.
final class Gauge: @unchecked Sendable {
    private let lock = NSLock()
    private var current = 0
    private var peak = 0
    func enter() {
        lock.withLock {
            current += 1
            peak = max(peak, current)
        }
    }
    func leave() { lock.withLock { current -= 1 } }
    var maximum: Int { lock.withLock { peak } }
}

/// A loopback listener that serves each connection it accepts on a thread of its own with `serve` (the socket and
/// the connection's number from 1), then closes it: a server misbehaving at the level of bytes. Counts what it
/// accepted.
final class RawListener: @unchecked Sendable {
    let port: UInt16
    private let fd: Int32
    private let serve: @Sendable (Int32, Int) -> Void
    private let lock = NSLock()
    private var count = 0
    private let done = DispatchSemaphore(value: 0)

    /// One that closes each connection unanswered, with a reset once the request is in: a server that crashes
    /// before responding.
    static func closing() throws -> RawListener {
        try RawListener { connection, _ in
            var buffer = [UInt8](repeating: 0, count: 4096)
            _ = recv(connection, &buffer, buffer.count, 0)
            var option = linger(l_onoff: 1, l_linger: 0)
            setsockopt(connection, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
        }
    }

    init(_ serve: @escaping @Sendable (Int32, Int) -> Void) throws {
        self.serve = serve
        #if os(Linux)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        self.fd = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw RawFailure(description: "cannot listen: \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        startAccepting()
    }

    private func startAccepting() {
        let thread = Thread { [self] in
            while true {
                let connection = accept(fd, nil, nil)
                guard connection >= 0 else { break }
                let number = lock.withLock {
                    count += 1
                    return count
                }
                // A connection that waits for bytes never sent must not hold its thread forever.
                var wait = timeval(tv_sec: 5, tv_usec: 0)
                setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
                let serve = self.serve
                Thread {
                    serve(connection, number)
                    close(connection)
                }.start()
            }
            done.signal()
        }
        thread.start()
    }

    /// Reads one request (head and a `Content-Length` body) from a connection; nil when it ends or times out first.
    static func readRequest(_ connection: Int32) -> String? {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            if let end = bytes.firstRange(of: Array("\r\n\r\n".utf8))?.upperBound {
                let head = String(decoding: bytes[..<end], as: UTF8.self)
                let length = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
                if bytes.count - end >= length { return head + String(decoding: bytes[end..<(end + length)], as: UTF8.self) }
            }
            let count = recv(connection, &buffer, buffer.count, 0)
            guard count > 0 else { return nil }
            bytes += buffer[..<count]
        }
    }

    static func write(_ connection: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    var accepted: Int { lock.withLock { count } }

    func stop() {
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
        done.wait()
    }
}

struct RawFailure: Error, CustomStringConvertible {
    var description: String
}
