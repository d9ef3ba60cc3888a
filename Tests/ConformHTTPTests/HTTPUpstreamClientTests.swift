#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import ConformHTTP
import Foundation
import Testing

/// The proxy's upstream client through real loopback sockets: against the in-repo server for ordinary exchanges,
/// and against canned raw-TCP servers for what that server never sends (chunked and close-delimited bodies,
/// interim responses, malformed or oversized answers, silence, and connections closed under the pool).
@Suite struct HTTPUpstreamClientTests {
    // MARK: Against HTTPServer

    /// Runs `body` against a one-thread server (so consecutive requests on a connection meet one loop) that records
    /// the requests it sees; the server is always stopped.
    static func withServer<T>(
        handler: @escaping @Sendable (HTTPServerRequest) -> HTTPServerResponse = { _ in HTTPServerResponse(status: 200, body: Array("ok".utf8)) },
        _ body: (UInt16, Recorded) throws -> T
    ) throws -> T {
        var configuration = HTTPServerConfiguration()
        configuration.threads = 1
        let recorded = Recorded()
        let server = HTTPServer(configuration: configuration) { request in
            recorded.append(request)
            return handler(request)
        }
        let port = try server.start()
        defer { server.stop() }
        return try body(port, recorded)
    }

    static func pool(_ port: UInt16, path: String = "", _ configure: (inout HTTPClientConfiguration) -> Void = { _ in }) throws -> HTTPClientConnectionPool {
        var configuration = HTTPClientConfiguration()
        configure(&configuration)
        return HTTPClientConnectionPool(upstream: try HTTPUpstream(parsing: "http://127.0.0.1:\(port)\(path)"), configuration: configuration)
    }

    static func lines(_ fields: [(name: String, value: String)]) -> [String] {
        fields.map { "\($0.name): \($0.value)" }
    }

    @Test func aPostArrivesExactlyAsSent() throws {
        try Self.withServer { port, recorded in
            let pool = try Self.pool(port)
            let headers = [
                (name: "X-Tag", value: "a"), (name: "x-tag", value: "b"), (name: "Content-Type", value: "text/plain"),
                (name: "Content-Length", value: "999"), (name: "Connection", value: "close"),
            ]
            let response = try pool.send(method: "POST", target: "/orders?limit=2", headers: headers, body: Array("hello".utf8), timeout: .seconds(5)).get()
            #expect(response.status == 200)
            #expect(response.reason == "OK")
            #expect(response.body == Array("ok".utf8))
            let request = try #require(recorded.all.first)
            #expect(request.method == "POST")
            #expect(request.target == "/orders?limit=2")
            #expect(request.version == "HTTP/1.1")
            // Host first, the caller's fields in order with their spelling, then the client's own framing.
            #expect(Self.lines(request.headers) == [
                "Host: 127.0.0.1:\(port)", "X-Tag: a", "x-tag: b", "Content-Type: text/plain", "Content-Length: 5",
                "Connection: keep-alive",
            ])
            #expect(request.body == Array("hello".utf8))
        }
    }

    @Test func aGetWithItsOwnHostSendsNoLength() throws {
        try Self.withServer { port, recorded in
            let pool = try Self.pool(port)
            _ = try pool.send(method: "GET", target: "/a", headers: [(name: "host", value: "api.example")], body: [], timeout: .seconds(5)).get()
            #expect(Self.lines(try #require(recorded.all.first).headers) == ["host: api.example", "Connection: keep-alive"])
        }
    }

    @Test func responseFieldsKeepTheirOrderRepeatsAndSpelling() throws {
        let fields = [
            (name: "Set-Cookie", value: "a=1"), (name: "X-Custom", value: "x"), (name: "set-cookie", value: "b=2"),
            (name: "ETag", value: "\"v1\""),
        ]
        try Self.withServer(handler: { _ in HTTPServerResponse(status: 201, headers: fields, body: Array("made".utf8)) }) { port, _ in
            let response = try Self.pool(port).send(method: "GET", target: "/", headers: [], body: [], timeout: .seconds(5)).get()
            #expect(response.status == 201)
            #expect(response.reason == "Created")
            #expect(response.version == "HTTP/1.1")
            #expect(Self.lines(response.headers) == Self.lines(fields) + ["Content-Length: 4"])
        }
    }

    @Test func aBinaryBodyGoesBothWaysUnchanged() throws {
        let bytes = (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try Self.withServer(handler: { HTTPServerResponse(status: 200, body: $0.body) }) { port, _ in
            let response = try Self.pool(port).send(method: "PUT", target: "/blob", headers: [], body: bytes, timeout: .seconds(5)).get()
            #expect(response.body == bytes)
        }
    }

    @Test func headAnd204HaveNoBodyAndKeepTheConnection() throws {
        let handler: @Sendable (HTTPServerRequest) -> HTTPServerResponse = { request in
            request.target == "/empty" ? HTTPServerResponse(status: 204) : HTTPServerResponse(status: 200, body: Array("0123456789".utf8))
        }
        try Self.withServer(handler: handler) { port, recorded in
            let pool = try Self.pool(port)
            let head = try pool.send(method: "HEAD", target: "/ten", headers: [], body: [], timeout: .seconds(5)).get()
            #expect(head.status == 200)
            #expect(head.header("content-length") == "10")
            #expect(head.body.isEmpty)
            let empty = try pool.send(method: "DELETE", target: "/empty", headers: [], body: [], timeout: .seconds(5)).get()
            #expect(empty.status == 204)
            #expect(empty.body.isEmpty)
            let get = try pool.send(method: "GET", target: "/ten", headers: [], body: [], timeout: .seconds(5)).get()
            #expect(get.body == Array("0123456789".utf8))
            #expect(Set(recorded.all.map(\.remoteAddress)).count == 1)
            #expect(pool.idleCount == 1)
        }
    }

    @Test func consecutiveRequestsReuseOneConnection() throws {
        try Self.withServer { port, recorded in
            let pool = try Self.pool(port)
            for number in 1...4 {
                _ = try pool.send(method: "GET", target: "/\(number)", headers: [], body: [], timeout: .seconds(5)).get()
            }
            let peers = recorded.all.map(\.remoteAddress)
            #expect(peers.count == 4)
            #expect(Set(peers).count == 1)
            #expect(pool.idleCount == 1)
        }
    }

    @Test func concurrentCallersEachGetTheirOwnAnswer() throws {
        try Self.withServer(handler: { HTTPServerResponse(status: 200, body: Array($0.target.utf8)) }) { port, _ in
            let pool = try Self.pool(port) { $0.maxIdleConnections = 2 }
            let failures = Recorded()
            DispatchQueue.concurrentPerform(iterations: 4) { worker in
                for number in 0..<10 {
                    let target = "/\(worker)/\(number)"
                    let result = pool.send(method: "GET", target: target, headers: [], body: [], timeout: .seconds(5))
                    if (try? result.get().body) != Array(target.utf8) { failures.append(HTTPServerRequest(method: "GET", target: target)) }
                }
            }
            #expect(failures.all.isEmpty)
            #expect(pool.idleCount <= 2)
        }
    }

    @Test func theBasePathGoesInFrontOfTheTarget() throws {
        try Self.withServer { port, recorded in
            let pool = try Self.pool(port, path: "/api/")
            _ = try pool.send(method: "GET", target: "/orders?x=1", headers: [], body: [], timeout: .seconds(5)).get()
            #expect(recorded.all.first?.target == "/api/orders?x=1")
        }
    }

    /// The response parser alone: the same response however its bytes are split across reads (an interim
    /// response, a chunked body with an extension and a trailer, then the next response's first bytes left over).
    @Test(arguments: [1, 3, 7, Int.max])
    func responsesAreTheSameHoweverTheBytesArrive(piece: Int) throws {
        let bytes = Array(("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nA: 1\r\na: 2\r\n\r\n"
            + "3;x=y\r\nabc\r\n2\r\nde\r\n0\r\nT: t\r\n\r\nHTTP/1.1").utf8)
        var parser = ResponseParser(maxHeaderBytes: 1024, maxBodyBytes: 1024, headRequest: false)
        var buffer = InboundBuffer()
        var parsed: ResponseParser.Parsed?
        var offset = 0
        while offset < bytes.count, parsed == nil {
            let end = min(bytes.count, offset + piece)
            bytes[offset..<end].withUnsafeBytes { buffer.append($0) }
            offset = end
            if case .response(let response) = try parser.next(&buffer) { parsed = response }
        }
        let response = try #require(parsed)
        #expect(response.head.status == 200)
        #expect(Self.lines(response.head.headers) == ["Transfer-Encoding: chunked", "A: 1", "a: 2"])
        #expect(response.body == Array("abcde".utf8))
        #expect(response.reusable)
        #expect(buffer.count + (bytes.count - offset) == "HTTP/1.1".utf8.count)
    }

    // MARK: Upstream URLs

    @Test func upstreamURLsParse() throws {
        #expect(try HTTPUpstream(parsing: "http://127.0.0.1:8080/api") == HTTPUpstream(host: "127.0.0.1", port: 8080, basePath: "/api"))
        #expect(try HTTPUpstream(parsing: "HTTP://localhost") == HTTPUpstream(host: "localhost", port: 80, basePath: ""))
        let v6 = try HTTPUpstream(parsing: "http://[::1]:9000/")
        #expect(v6 == HTTPUpstream(host: "::1", port: 9000, basePath: ""))
        #expect(v6.authority == "[::1]:9000")
        #expect(try HTTPUpstream(parsing: "http://api.internal/v1/").hostField == "api.internal")
    }

    @Test(arguments: [
        ("https://api.example", 1, "https upstreams are not supported: put a TLS-terminating proxy in front"),
        ("127.0.0.1:8080", 1, "expected 'http://host[:port][/base-path]'"),
        ("ftp://host", 1, "the scheme must be http, not 'ftp'"),
        ("http://", 8, "the host is missing"),
        ("http://host:99999", 13, "the port must be a number from 1 to 65535"),
        ("http://host:", 13, "the port must be a number from 1 to 65535"),
        ("http://ho st", 10, "a host name holds letters, digits, '-', '.' and '_' only"),
        ("http://user@host", 12, "user information ('user@') is not supported in the upstream URL"),
        ("http://host/api?x=1", 16, "a query or fragment cannot be part of the upstream URL"),
        ("http://[::1/", 8, "an IPv6 address needs its closing ']'"),
    ])
    func badUpstreamURLsSayWhereAndWhy(input: String, column: Int, message: String) {
        #expect(throws: HTTPUpstreamURLError(input: input, column: column, message: message)) { try HTTPUpstream(parsing: input) }
    }

    // MARK: Against canned servers

    /// One request to a canned server that reads the request head and answers `answer`, then closes.
    static func exchange(
        _ answer: String, method: String = "GET", timeout: Duration = .seconds(5),
        _ configure: (inout HTTPClientConfiguration) -> Void = { _ in }
    ) throws -> (Result<HTTPUpstreamResponse, HTTPUpstreamError>, idle: Int) {
        let server = try CannedServer { connection in
            _ = connection.readRequestHead()
            connection.send(answer)
        }
        defer { server.stop() }
        let pool = try pool(server.port, configure)
        let result = pool.send(method: method, target: "/", headers: [], body: [], timeout: timeout)
        return (result, pool.idleCount)
    }

    @Test func aChunkedResponseIsDechunkedWithExtensionsAndTrailersDropped() throws {
        let (result, idle) = try Self.exchange(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-A: 1\r\n\r\n4;name=value\r\nWiki\r\n5\r\npedia\r\n0\r\nExpires: never\r\n\r\n")
        let response = try result.get()
        #expect(String(decoding: response.body, as: UTF8.self) == "Wikipedia")
        #expect(Self.lines(response.headers) == ["Transfer-Encoding: chunked", "X-A: 1"])
        #expect(idle == 1)
    }

    @Test func aBodyWithoutLengthRunsToTheClose() throws {
        let (result, idle) = try Self.exchange("HTTP/1.0 200 Fine\r\nContent-Type: text/plain\r\n\r\nall of this")
        let response = try result.get()
        #expect(response.version == "HTTP/1.0")
        #expect(response.reason == "Fine")
        #expect(String(decoding: response.body, as: UTF8.self) == "all of this")
        #expect(idle == 0)
    }

    @Test func interimResponsesAreSkipped() throws {
        let (result, _) = try Self.exchange(
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        let response = try result.get()
        #expect(response.status == 200)
        #expect(Self.lines(response.headers) == ["Content-Length: 2"])
        #expect(response.body == Array("ok".utf8))
    }

    @Test func aResponseWithConnectionCloseIsNotPooled() throws {
        let (result, idle) = try Self.exchange("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok")
        #expect(try result.get().body == Array("ok".utf8))
        #expect(idle == 0)
    }

    @Test(arguments: [
        ("HTTP/1.1 2OO OK\r\n\r\n", "the status line is not 'HTTP/1.x status-code reason'"),
        ("SPDY/3 200 OK\r\n\r\n", "the status line is not 'HTTP/1.x status-code reason'"),
        ("HTTP/2.0 200 OK\r\n\r\n", "the response is not HTTP/1.x"),
        ("HTTP/1.1 200 OK\r\nX-A: 1\r\n folded\r\n\r\n", "a header field line starts with whitespace (obsolete line folding)"),
        ("HTTP/1.1 200 OK\r\nNo colon\r\n\r\n", "a header field line is not 'name: value' with a token name"),
        ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n", "the upstream switched protocols (101); upgrades are not proxied"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "the chunked body is malformed"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nabc", "the response uses a transfer coding other than chunked"),
        ("HTTP/1.1 200 OK\r\nContent-Length: 2, 3\r\n\r\nabc", "Content-Length is not one decimal number"),
    ])
    func malformedResponsesAreProtocolErrors(answer: String, reason: String) throws {
        let (result, _) = try Self.exchange(answer)
        guard case .failure(.protocolError(let upstream, let got)) = result else {
            Issue.record("expected a protocol error, got \(result)")
            return
        }
        #expect(got == reason)
        #expect(upstream.hasPrefix("127.0.0.1:"))
    }

    @Test(arguments: [
        ("HTTP/1.1 200 OK\r\nX-Big: \(String(repeating: "b", count: 2000))\r\nContent-Length: 0\r\n\r\n", "the header fields exceed 1024 bytes"),
        ("HTTP/1.1 200 OK\r\nContent-Length: 101\r\n\r\n", "the body exceeds 100 bytes"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n64\r\n\(String(repeating: "c", count: 100))\r\n1\r\nc\r\n0\r\n\r\n", "the body exceeds 100 bytes"),
        ("HTTP/1.1 200 OK\r\n\r\n\(String(repeating: "d", count: 101))", "the body exceeds 100 bytes"),
    ])
    func oversizedResponsesAreRefused(answer: String, what: String) throws {
        let (result, _) = try Self.exchange(answer) {
            $0.maxHeaderBytes = 1024
            $0.maxBodyBytes = 100
        }
        guard case .failure(.tooLarge(_, let got)) = result else {
            Issue.record("expected too large, got \(result)")
            return
        }
        #expect(got == what)
    }

    @Test func aTruncatedBodyIsAClosedError() throws {
        let (result, _) = try Self.exchange("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc")
        guard case .failure(let error) = result, case .closed = error else {
            Issue.record("expected closed, got \(result)")
            return
        }
        #expect(error.description.hasSuffix("closed the connection: the connection closed after 3 of 10 body bytes"))
    }

    @Test func aSilentServerTimesOut() throws {
        let server = try CannedServer { connection in
            _ = connection.readRequestHead()
            connection.waitUntilStopped()
        }
        defer { server.stop() }
        let pool = try Self.pool(server.port)
        let started = ContinuousClock.now
        let result = pool.send(method: "GET", target: "/", headers: [], body: [], timeout: .milliseconds(200))
        let elapsed = ContinuousClock.now - started
        #expect(result.failure == .timeout(upstream: "127.0.0.1:\(server.port)", after: .milliseconds(200)))
        #expect(result.failure?.description == "the upstream 127.0.0.1:\(server.port) did not answer within 0.2s")
        #expect(elapsed >= .milliseconds(190))
        // Well before anything else would end it (generous: the full test run keeps both cores busy).
        #expect(elapsed < .seconds(4))
    }

    @Test func aRefusedPortFailsFast() throws {
        // Bound but not listening: nothing else takes the port while the test runs, and connects are refused.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        let port = try CannedServer.bindLoopback(fd)
        let started = ContinuousClock.now
        let result = try Self.pool(port).send(method: "GET", target: "/", headers: [], body: [], timeout: .seconds(5))
        // Not the 5 s deadline: the refusal ends it (generous: the full test run keeps both cores busy).
        #expect(ContinuousClock.now - started < .seconds(3))
        guard case .failure(.connect(let upstream, let reason)) = result else {
            Issue.record("expected a connect error, got \(result)")
            return
        }
        #expect(upstream == "127.0.0.1:\(port)")
        #expect(reason == "Connection refused")
        #expect(result.failure?.description == "cannot connect to the upstream 127.0.0.1:\(port): Connection refused")
    }

    @Test func aPooledConnectionClosedWhileIdleIsReplaced() throws {
        let server = try CannedServer { connection in
            _ = connection.readRequestHead()
            connection.send("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n\(connection.index)")
        }
        defer { server.stop() }
        let pool = try Self.pool(server.port)
        #expect(try pool.send(method: "GET", target: "/", headers: [], body: [], timeout: .seconds(5)).get().body == Array("0".utf8))
        #expect(pool.idleCount == 1)
        server.waitForConnections(closed: 1)
        #expect(try pool.send(method: "GET", target: "/", headers: [], body: [], timeout: .seconds(5)).get().body == Array("1".utf8))
    }

    @Test func aRequestDroppedOnAReusedConnectionIsRetriedOnceOnAFreshOne() throws {
        // The first connection answers once, then takes the second request and closes without a byte: the race
        // of a server closing an idle connection just as a request arrives.
        let server = try CannedServer { connection in
            _ = connection.readRequestHead()
            connection.send("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n\(connection.index)")
            if connection.index == 0 { _ = connection.readRequestHead() }
        }
        defer { server.stop() }
        let pool = try Self.pool(server.port)
        #expect(try pool.send(method: "GET", target: "/", headers: [], body: [], timeout: .seconds(5)).get().body == Array("0".utf8))
        let retried = try pool.send(method: "POST", target: "/", headers: [], body: Array("x".utf8), timeout: .seconds(5)).get()
        #expect(retried.body == Array("1".utf8))
        #expect(server.connections == 2)
    }

    @Test func aFreshConnectionClosedBeforeAnsweringIsNotRetried() throws {
        let server = try CannedServer { connection in
            _ = connection.readRequestHead()
        }
        defer { server.stop() }
        let result = try Self.pool(server.port).send(method: "GET", target: "/", headers: [], body: [], timeout: .seconds(5))
        #expect(result.failure == .closed(upstream: "127.0.0.1:\(server.port)", reason: "the connection closed before a response arrived"))
        #expect(server.connections == 1)
    }

    @Test func requestsThatWouldSplitAreRefusedBeforeConnecting() throws {
        let pool = HTTPClientConnectionPool(upstream: HTTPUpstream(host: "127.0.0.1", port: 9))
        let result = pool.send(method: "GET", target: "/", headers: [(name: "X-A", value: "a\r\nInjected: 1")], body: [], timeout: .seconds(1))
        #expect(result.failure == .invalidRequest("the value of 'X-A' holds a control character"))
        let badName = pool.send(method: "GET", target: "/", headers: [(name: "Bad Name", value: "v")], body: [], timeout: .seconds(1))
        #expect(badName.failure == .invalidRequest("a header field name is not a token"))
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

/// Requests a handler saw, across the server's threads.
final class Recorded: @unchecked Sendable {
    private let lock = NSLock()
    private var requests: [HTTPServerRequest] = []

    func append(_ request: HTTPServerRequest) {
        lock.withLock { requests.append(request) }
    }

    var all: [HTTPServerRequest] {
        lock.withLock { requests }
    }
}

/// A raw TCP server on 127.0.0.1 and a port the system picks, for responses HTTPServer would never send. One
/// thread accepts connections and hands each, in turn, to `serve`; the connection is closed when `serve` returns.
/// `stop()` ends the thread and closes the listener.
final class CannedServer: @unchecked Sendable {
    let port: UInt16
    private let listener: Int32
    private let lock = NSLock()
    private var stopping = false
    private var accepted = 0
    private var closed = 0
    private let finished = DispatchSemaphore(value: 0)

    init(_ serve: @escaping @Sendable (CannedConnection) -> Void) throws {
        listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        port = try Self.bindLoopback(listener)
        guard listen(listener, 16) == 0 else {
            close(listener)
            throw HTTPUpstreamError.connect(upstream: "127.0.0.1", reason: "cannot listen")
        }
        Thread.detachNewThread { [self] in
            run(serve)
            finished.signal()
        }
    }

    /// Binds `fd` to 127.0.0.1 on a port the system picks, and returns the port.
    static func bindLoopback(_ fd: Int32) throws -> UInt16 {
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw HTTPUpstreamError.connect(upstream: "127.0.0.1", reason: "cannot bind") }
        return UInt16(bigEndian: address.sin_port)
    }

    var isStopping: Bool { lock.withLock { stopping } }
    /// Connections accepted so far.
    var connections: Int { lock.withLock { accepted } }

    /// Waits (up to 5 seconds) until `count` connections have been served and closed.
    func waitForConnections(closed count: Int) {
        let until = ContinuousClock.now + .seconds(5)
        while lock.withLock({ closed < count }), ContinuousClock.now < until { usleep(2000) }
        // Let the close reach the client's socket.
        usleep(20_000)
    }

    func stop() {
        lock.withLock { stopping = true }
        finished.wait()
        close(listener)
    }

    private func run(_ serve: (CannedConnection) -> Void) {
        while !isStopping {
            var entry = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&entry, 1, 20) > 0 else { continue }
            let fd = accept(listener, nil, nil)
            guard fd >= 0 else { continue }
            var interval = timeval(tv_sec: 2, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
            let index = lock.withLock {
                accepted += 1
                return accepted - 1
            }
            serve(CannedConnection(fd: fd, index: index, server: self))
            close(fd)
            lock.withLock { closed += 1 }
        }
    }
}

/// One accepted connection of a canned server.
struct CannedConnection {
    let fd: Int32
    /// 0 for the first connection the server accepted.
    let index: Int
    let server: CannedServer

    /// Reads up to the end of a request head (the client's requests in these tests carry small bodies at most,
    /// which arrive in the same read); nil if the connection ended or went quiet for two seconds.
    func readRequestHead() -> String? {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            if let text = String(bytes: received, encoding: .utf8), text.contains("\r\n\r\n") { return text }
            let count = recv(fd, &chunk, chunk.count, 0)
            if count <= 0 { return nil }
            received.append(contentsOf: chunk[..<count])
        }
    }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return }
            offset += sent
        }
    }

    func waitUntilStopped() {
        while !server.isStopping { usleep(5000) }
    }
}
