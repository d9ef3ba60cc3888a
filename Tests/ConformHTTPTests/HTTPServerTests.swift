import ConformHTTP
import ConformTestSupport
import Foundation
import Testing

/// The server through real sockets on loopback ports it picks: framing, keep-alive, limits, hostile clients, and
/// shutdown. Every server is stopped when its test ends.
@Suite struct HTTPServerTests {
    /// Answers with what it received: method, target, headers and body, as text.
    static let echo: @Sendable (HTTPServerRequest) -> HTTPServerResponse = { request in
        var text = "\(request.method) \(request.target) \(request.version)\n"
        for field in request.headers { text += "\(field.name): \(field.value)\n" }
        text += "body=\(String(decoding: request.body, as: UTF8.self))"
        return HTTPServerResponse(status: 200, headers: [(name: "Content-Type", value: "text/plain")], body: Array(text.utf8))
    }

    /// Runs `body` against a started server and always stops it.
    static func withServer<T>(
        _ configure: (inout HTTPServerConfiguration) -> Void = { _ in },
        handler: @escaping @Sendable (HTTPServerRequest) -> HTTPServerResponse = echo,
        _ body: (UInt16) throws -> T
    ) throws -> T {
        var configuration = HTTPServerConfiguration()
        configure(&configuration)
        let server = HTTPServer(configuration: configuration, handler: handler)
        let port = try server.start()
        defer { server.stop() }
        return try body(port)
    }

    /// One plain request on a fresh connection: the server still serves.
    static func stillServes(_ port: UInt16) throws -> Bool {
        let client = try RawHTTPClient(port: port)
        client.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        return try client.readResponse().status == 200
    }

    @Test func servesARequestAndLogsIt() throws {
        let lines = LockedLines()
        try Self.withServer({ $0.accessLog = { lines.append($0.line()) } }) { port in
            #expect(port != 0)
            let client = try RawHTTPClient(port: port)
            client.send("POST /orders?limit=2 HTTP/1.1\r\nHost: api\r\nX-Tag: a\r\nx-tag: b\r\nContent-Length: 5\r\n\r\nhello")
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.header("Content-Length") == "\(response.body.count)")
            #expect(response.text.contains("POST /orders?limit=2 HTTP/1.1\n"))
            #expect(response.text.contains("X-Tag: a\nx-tag: b\n"))
            #expect(response.text.hasSuffix("body=hello"))
        }
        let logged = lines.all
        #expect(logged.count == 1)
        #expect(logged.first?.contains("\"POST /orders?limit=2 HTTP/1.1\" 200 ") == true)
        #expect(logged.first?.hasPrefix("127.0.0.1:") == true)
    }

    @Test func keepsTheConnectionAndAnswersPipelinedRequestsInOrder() throws {
        try Self.withServer { port in
            let client = try RawHTTPClient(port: port)
            client.send((1...3).map { "GET /\($0) HTTP/1.1\r\nHost: x\r\n\r\n" }.joined())
            for number in 1...3 {
                let response = try client.readResponse()
                #expect(response.text.hasPrefix("GET /\(number) "))
                #expect(response.header("Connection") == nil)
            }
            client.send("GET /4 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            #expect(try client.readResponse().header("Connection") == "close")
            #expect(client.isClosedByServer())
        }
    }

    @Test func http10KeepsAliveOnlyWhenAsked() throws {
        try Self.withServer { port in
            let client = try RawHTTPClient(port: port)
            client.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try client.readResponse().header("Connection") == "keep-alive")
            client.send("GET /b HTTP/1.0\r\n\r\n")
            #expect(try client.readResponse().header("Connection") == "close")
            #expect(client.isClosedByServer())
        }
    }

    @Test func readsChunkedBodies() throws {
        try Self.withServer { port in
            let client = try RawHTTPClient(port: port)
            client.send("PUT /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5;note=x\r\npedia\r\n0\r\n\r\n")
            #expect(try client.readResponse().text.hasSuffix("body=Wikipedia"))
        }
    }

    @Test func answersExpectContinueBeforeTheBody() throws {
        try Self.withServer { port in
            let client = try RawHTTPClient(port: port)
            client.send("POST /upload HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
            #expect(try client.readResponse().status == 100)
            client.send("data")
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text.hasSuffix("body=data"))
        }
    }

    @Test func headGetsTheHeadOnly() throws {
        try Self.withServer { port in
            let client = try RawHTTPClient(port: port)
            client.send("GET /same HTTP/1.1\r\nHost: x\r\n\r\n")
            let get = try client.readResponse()
            client.send("HEAD /same HTTP/1.1\r\nHost: x\r\n\r\n")
            let head = try client.readResponse(headRequest: true)
            #expect(head.status == 200)
            // The length of the body a GET would have had (the echo differs by the method name's length).
            #expect(head.header("Content-Length") == "\(get.body.count + 1)")
            // No body bytes followed: the next response on the connection parses.
            client.send("GET /after HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().text.hasPrefix("GET /after "))
        }
    }

    @Test func theServerOwnsFramingHeaders() throws {
        let handler: @Sendable (HTTPServerRequest) -> HTTPServerResponse = { _ in
            HTTPServerResponse(status: 200, headers: [
                (name: "Content-Length", value: "999"), (name: "Transfer-Encoding", value: "chunked"),
                (name: "X-Split", value: "a\r\nInjected: yes"), (name: "X-Kept", value: "1"),
            ], body: Array("ok".utf8))
        }
        try Self.withServer(handler: handler) { port in
            let client = try RawHTTPClient(port: port)
            client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.header("Content-Length") == "2")
            #expect(response.header("Transfer-Encoding") == nil)
            #expect(response.header("Injected") == nil)
            #expect(response.header("X-Kept") == "1")
            #expect(response.text == "ok")
        }
    }

    // MARK: Hostile clients

    @Test func aHugeHeaderIs431AndTheServerGoesOn() throws {
        try Self.withServer { port in
            let client = try RawHTTPClient(port: port)
            client.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "a", count: 1 << 20) + "\r\n\r\n")
            #expect(try client.readResponse().status == 431)
            #expect(client.isClosedByServer())
            #expect(try Self.stillServes(port))
        }
    }

    @Test func aBodyOverTheLimitIs413() throws {
        try Self.withServer({ $0.maxBodyBytes = 1000 }) { port in
            let client = try RawHTTPClient(port: port)
            client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n" + String(repeating: "b", count: 5000))
            let response = try client.readResponse()
            #expect(response.status == 413)
            #expect(response.header("Connection") == "close")
            #expect(client.isClosedByServer())
        }
    }

    /// The bytes past Content-Length are read as the next request, which is not one: 400, then the connection ends.
    @Test func aBodyLongerThanItsContentLength() throws {
        try Self.withServer { port in
            let client = try RawHTTPClient(port: port)
            client.send("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabcdef ghi jkl\r\n\r\n")
            #expect(try client.readResponse().text.hasSuffix("body=abc"))
            let second = try client.readResponse()
            #expect(second.status == 400)
            #expect(second.text.contains("request line"))
            #expect(client.isClosedByServer())
            #expect(try Self.stillServes(port))
        }
    }

    /// Request smuggling: a body framed two ways (or ambiguously) is answered 400 (501 for a coding it does not know)
    /// and the connection closed, so what hides in the body never reaches the handler; a request hidden in a body
    /// that is framed one way is only body.
    static let smuggling = [
        "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 41\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n",
        "POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n",
        "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: 38\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n",
        "POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n",
        "POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n",
        "POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity, chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n",
        "POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n",
        "POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\nxx\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n",
        "POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff1\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n",
    ]

    @Test(arguments: smuggling)
    func aSmugglingAttemptIsRefusedAndNothingReachesTheHandler(attempt: String) throws {
        let targets = LockedLines()
        let handler: @Sendable (HTTPServerRequest) -> HTTPServerResponse = { request in
            targets.append(request.target)
            return Self.echo(request)
        }
        try Self.withServer(handler: handler) { port in
            let client = try RawHTTPClient(port: port)
            client.send(attempt)
            let status = try client.readResponse().status
            #expect(status == 400 || status == 501, "\(status)")
            #expect(client.isClosedByServer())
        }
        #expect(targets.all.isEmpty, "\(targets.all)")
    }

    @Test func aRequestHiddenInABodyStaysBody() throws {
        let targets = LockedLines()
        let handler: @Sendable (HTTPServerRequest) -> HTTPServerResponse = { request in
            targets.append(request.target)
            return Self.echo(request)
        }
        let hidden = "GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n"
        try Self.withServer(handler: handler) { port in
            let client = try RawHTTPClient(port: port)
            client.send("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: \(hidden.utf8.count)\r\n\r\n\(hidden)GET /b HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().text.hasSuffix("body=\(hidden)"))
            #expect(try client.readResponse().text.hasPrefix("GET /b "))
        }
        #expect(targets.all == ["/a", "/b"])
    }

    @Test(arguments: ["\u{16}\u{3}\u{1}\u{2}\u{0}\u{1}\u{0}\u{1}\u{fc}\u{3}\u{3}\r\n\r\n", "HELLO\r\n\r\n", "GET / HTTP/1.1\r\nHost x\r\n\r\n"])
    func garbageIs400AndTheConnectionCloses(garbage: String) throws {
        try Self.withServer { port in
            let client = try RawHTTPClient(port: port)
            client.send(garbage)
            #expect(try client.readResponse().status == 400)
            #expect(client.isClosedByServer())
            #expect(try Self.stillServes(port))
        }
    }

    /// A client that sends its head a byte at a time is cut off by the header timeout, however steadily it sends.
    @Test func aSlowLorisIsCutOff() throws {
        try Self.withServer({ $0.headerTimeout = .milliseconds(400) }) { port in
            let slow = try RawHTTPClient(port: port, timeout: 5)
            let started = Date()
            slow.send("GET / HTTP/1.1\r\n")
            var sent = 0
            while Date().timeIntervalSince(started) < 6, !slow.hasInput(), slow.send("X-\(sent): 1\r\n") {
                sent += 1
                Thread.sleep(forTimeInterval: 0.05)
                if sent == 4 { #expect(try Self.stillServes(port)) }
            }
            // Well before the 6 s the client would go on for (generous: the full test run keeps both cores busy).
            #expect(Date().timeIntervalSince(started) < 4, "the slow client was not cut off")
            let rest = String(decoding: slow.readToEnd(), as: UTF8.self)
            #expect(rest.hasPrefix("HTTP/1.1 408 "), "\(rest.prefix(80))")
            #expect(try Self.stillServes(port))
        }
    }

    /// A body that stops arriving times out from its last byte.
    @Test func aStalledBodyTimesOut() throws {
        try Self.withServer({ $0.headerTimeout = .milliseconds(300) }) { port in
            let client = try RawHTTPClient(port: port)
            client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
            let response = try client.readResponse()
            #expect(response.status == 408)
            #expect(client.isClosedByServer())
        }
    }

    @Test func idleConnectionsAreClosed() throws {
        try Self.withServer({ $0.idleTimeout = .milliseconds(300) }) { port in
            let client = try RawHTTPClient(port: port)
            client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = try client.readResponse()
            let started = Date()
            #expect(client.isClosedByServer())
            #expect(Date().timeIntervalSince(started) < 4.5, "closed by the idle timeout, not the client's 5 s read timeout")
        }
    }

    @Test func aThousandIdleConnectionsDoNotStopOthers() throws {
        // Both ends of 1,000 connections live in this process: 2,000 descriptors and some.
        let limit = DescriptorLimit.raise(to: 4096)
        try #require(limit >= 2200, "the descriptor limit is \(limit) even after raising it to the hard limit")
        try Self.withServer { port in
            var idle: [RawHTTPClient] = []
            for _ in 0..<1000 { idle.append(try RawHTTPClient(port: port)) }
            // Half of them also start a request and stop.
            for client in idle.prefix(500) { client.send("GET / HTTP/1.1\r\n") }
            #expect(try Self.stillServes(port))
            // Each idle connection is still open and served when it finally asks.
            let last = idle[999]
            last.send("GET /late HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try last.readResponse().status == 200)
        }
    }

    @Test func connectionsBeyondTheLimitGet503() throws {
        try Self.withServer({ $0.maxConnections = 2 }) { port in
            var first: RawHTTPClient? = try RawHTTPClient(port: port)
            let second = try RawHTTPClient(port: port)
            first?.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            second.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = try first?.readResponse()
            _ = try second.readResponse()
            let third = try RawHTTPClient(port: port)
            #expect(try third.readResponse().status == 503)
            // Closing one frees a place.
            first?.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            _ = try first?.readResponse()
            #expect(first?.isClosedByServer() == true)
            first = nil
            Thread.sleep(forTimeInterval: 0.1)
            #expect(try Self.stillServes(port))
        }
    }

    /// Connections opened in a burst are dealt out to every loop, so a server uses every core.
    @Test func connectionsAreSpreadOverTheLoops() throws {
        let threads = LockedLines()
        let handler: @Sendable (HTTPServerRequest) -> HTTPServerResponse = { _ in
            threads.append("\(pthread_self())")
            return HTTPServerResponse(status: 200)
        }
        try Self.withServer({ $0.threads = 3 }, handler: handler) { port in
            let clients = try (0..<9).map { _ in try RawHTTPClient(port: port) }
            for client in clients { client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n") }
            for client in clients { _ = try client.readResponse() }
        }
        #expect(Set(threads.all).count == 3, "\(threads.all)")
    }

    // MARK: Deferred replies

    /// A server whose handler replies later from another thread, after `delay` for targets that start with /slow.
    static func withDeferredServer<T>(_ body: (UInt16, HTTPServer) throws -> T) throws -> T {
        var configuration = HTTPServerConfiguration()
        configuration.threads = 1
        let server = HTTPServer(configuration: configuration) { request, reply in
            let delay = request.target.hasPrefix("/slow") ? 0.3 : 0.0
            DispatchQueue.global().asyncAfter(deadline: .now() + delay) {
                reply.send(HTTPServerResponse(status: 200, body: Array("answer to \(request.target)".utf8)))
            }
        }
        let port = try server.start()
        defer { server.stop() }
        return try body(port, server)
    }

    @Test func aDeferredReplyIsSentWhenItComes() throws {
        try Self.withDeferredServer { port, _ in
            let client = try RawHTTPClient(port: port)
            client.send("GET /slow/1 HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().text == "answer to /slow/1")
        }
    }

    /// Pipelined requests get their replies in order, though the second is ready first.
    @Test func deferredRepliesKeepPipelinedOrder() throws {
        try Self.withDeferredServer { port, _ in
            let client = try RawHTTPClient(port: port)
            client.send("GET /slow/a HTTP/1.1\r\nHost: x\r\n\r\nGET /fast/b HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().text == "answer to /slow/a")
            #expect(try client.readResponse().text == "answer to /fast/b")
        }
    }

    /// While one connection waits for its reply, the loop (one thread here) serves the others: the slow reply is
    /// held until the other connection has had its answer, so a loop that waited would never give it.
    @Test func aWaitingConnectionDoesNotHoldUpOthers() throws {
        let release = DispatchSemaphore(value: 0)
        var configuration = HTTPServerConfiguration()
        configuration.threads = 1
        let server = HTTPServer(configuration: configuration) { request, reply in
            DispatchQueue.global().async {
                if request.target.hasPrefix("/slow") { _ = release.wait(timeout: .now() + 10) }
                reply.send(HTTPServerResponse(status: 200, body: Array("answer to \(request.target)".utf8)))
            }
        }
        let port = try server.start()
        defer { server.stop() }
        let waiting = try RawHTTPClient(port: port)
        waiting.send("GET /slow/w HTTP/1.1\r\nHost: x\r\n\r\n")
        let other = try RawHTTPClient(port: port)
        other.send("GET /fast/o HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try other.readResponse().text == "answer to /fast/o")
        release.signal()
        #expect(try waiting.readResponse().text == "answer to /slow/w")
    }

    /// Stopping waits for a reply in flight.
    @Test func stopWaitsForADeferredReply() throws {
        var configuration = HTTPServerConfiguration()
        configuration.threads = 1
        let server = HTTPServer(configuration: configuration) { _, reply in
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { reply.send(HTTPServerResponse(status: 200, body: Array("late".utf8))) }
        }
        let port = try server.start()
        let client = try RawHTTPClient(port: port)
        client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        Thread.sleep(forTimeInterval: 0.1)
        let stopped = DispatchSemaphore(value: 0)
        Thread {
            server.stop()
            stopped.signal()
        }.start()
        let response = try client.readResponse()
        #expect(response.text == "late")
        #expect(response.header("Connection") == "close")
        #expect(stopped.wait(timeout: .now() + 5) == .success)
    }

    // MARK: Lifecycle

    @Test func stopFinishesTheRequestInFlight() throws {
        let server = HTTPServer(configuration: HTTPServerConfiguration()) { request in
            Thread.sleep(forTimeInterval: 0.3)
            return HTTPServerResponse(status: 200, body: Array("done".utf8))
        }
        let port = try server.start()
        let client = try RawHTTPClient(port: port)
        client.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        Thread.sleep(forTimeInterval: 0.1)
        let stopped = DispatchSemaphore(value: 0)
        // A thread of its own: the test's executor may have no thread to spare while clients block.
        Thread {
            server.stop()
            stopped.signal()
        }.start()
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.text == "done")
        #expect(response.header("Connection") == "close")
        #expect(stopped.wait(timeout: .now() + 5) == .success)
        #expect(server.boundPort == nil)
        #expect(throws: (any Error).self) { try RawHTTPClient(port: port) }
    }

    @Test func portZeroPicksAFreePortEachTime() throws {
        let first = HTTPServer(configuration: HTTPServerConfiguration(), handler: Self.echo)
        let second = HTTPServer(configuration: HTTPServerConfiguration(), handler: Self.echo)
        defer {
            first.stop()
            second.stop()
        }
        let a = try first.start()
        let b = try second.start()
        #expect(a != b)
        #expect(first.boundPort == a)
        #expect(throws: HTTPServerError.self) { try first.start() }
        var taken = HTTPServerConfiguration()
        taken.port = a
        let clash = HTTPServer(configuration: taken, handler: Self.echo)
        #expect { try clash.start() } throws: { "\($0)".contains("in use") }
    }

    @Test func anUnknownHostIsALocatedError() {
        var configuration = HTTPServerConfiguration()
        configuration.host = "no-such-host.invalid"
        let server = HTTPServer(configuration: configuration, handler: Self.echo)
        #expect { try server.start() } throws: { "\($0)".contains("no-such-host.invalid") }
    }
}
