#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The proxy's client for one upstream: raw HTTP/1.1 over POSIX sockets, so that a response comes back as the
/// upstream sent it (URLSession folds and reorders header fields), with keep-alive connections reused.
///
/// `send` blocks the calling thread (the proxy calls it from a worker thread, not an event loop) but never past
/// its timeout. Idle connections are kept, at most `maxIdleConnections`, and reused most recent first; a
/// connection is kept only after a response that allowed it and was read to its end.
package final class HTTPClientConnectionPool: Sendable {
    package let upstream: HTTPUpstream
    package let configuration: HTTPClientConfiguration
    private let idle = IdleConnections()

    package init(upstream: HTTPUpstream, configuration: HTTPClientConfiguration = HTTPClientConfiguration()) {
        self.upstream = upstream
        self.configuration = configuration
    }

    deinit {
        closeIdleConnections()
    }

    /// Sends one request and reads its final response.
    ///
    /// - Parameters:
    ///   - target: The target the proxy received (`/orders?x=1`); the upstream's base path is put in front.
    ///   - headers: Sent in order, names as given; `Host` is added if missing, and the client's own
    ///     `Content-Length` and `Connection: keep-alive` replace the caller's framing and connection fields.
    ///   - timeout: For the whole exchange: connect, write and read, including a retry.
    ///
    /// A reused connection that the server had closed while it idled (the write fails, or the stream ends before
    /// any response byte) is replaced by a fresh one and the request sent once more: the server never saw it.
    /// Nothing else is retried.
    package func send(
        method: String, target: String, headers: [(name: String, value: String)], body: [UInt8], timeout: Duration
    ) -> Result<HTTPUpstreamResponse, HTTPUpstreamError> {
        let deadline = MonotonicTime.now() &+ timeout.nanoseconds
        let head: [UInt8]
        do throws(HTTPUpstreamError) {
            head = try RequestWriter.head(
                method: method, target: upstream.target(for: target), headers: headers, bodyCount: body.count,
                hostField: upstream.hostField)
        } catch {
            return .failure(error)
        }
        let headRequest = method == "HEAD"
        if let reused = checkOut() {
            switch exchange(on: reused, head: head, body: body, headRequest: headRequest, deadline: deadline, timeout: timeout) {
            case .response(let parsed):
                return .success(Self.response(parsed))
            case .failure(let error, let beforeResponse):
                guard beforeResponse else { return .failure(error) }
            }
        }
        let fd: Int32
        switch Socket.connect(host: upstream.host, port: upstream.port, deadline: deadline) {
        case .success(let connected): fd = connected
        case .failure(.timedOut): return .failure(.timeout(upstream: upstream.authority, after: timeout))
        case .failure(.failed(let reason)): return .failure(.connect(upstream: upstream.authority, reason: reason))
        }
        switch exchange(on: fd, head: head, body: body, headRequest: headRequest, deadline: deadline, timeout: timeout) {
        case .response(let parsed): return .success(Self.response(parsed))
        case .failure(let error, _): return .failure(error)
        }
    }

    /// Idle connections now kept.
    package var idleCount: Int {
        idle.lock.withLock { idle.connections.count }
    }

    /// Closes every idle connection (connections in use are closed when their exchange ends).
    package func closeIdleConnections() {
        let taken = idle.lock.withLock {
            defer { idle.connections = [] }
            return idle.connections
        }
        taken.forEach { close($0.fd) }
    }

    /// Runs the exchange and keeps or closes the connection after it.
    private func exchange(
        on fd: Int32, head: [UInt8], body: [UInt8], headRequest: Bool, deadline: Int64, timeout: Duration
    ) -> UpstreamExchange.Outcome {
        let outcome = UpstreamExchange(
            fd: fd, upstream: upstream.authority, configuration: configuration, deadline: deadline, timeout: timeout
        ).run(head: head, body: body, headRequest: headRequest)
        if case .response(let parsed) = outcome, parsed.reusable {
            checkIn(fd)
        } else {
            close(fd)
        }
        return outcome
    }

    /// The most recently used idle connection still worth trying, closing the stale ones on the way.
    private func checkOut() -> Int32? {
        let oldest = MonotonicTime.now() - configuration.idleTimeout.nanoseconds
        while true {
            guard let candidate = idle.lock.withLock({ idle.connections.popLast() }) else { return nil }
            // Closed by the server while idle (or sending what nobody asked for): not worth a request.
            if candidate.since < oldest || Socket.hasInputOrHangUp(candidate.fd) {
                close(candidate.fd)
                continue
            }
            return candidate.fd
        }
    }

    private func checkIn(_ fd: Int32) {
        let kept = idle.lock.withLock {
            guard idle.connections.count < configuration.maxIdleConnections else { return false }
            idle.connections.append((fd, MonotonicTime.now()))
            return true
        }
        if !kept { close(fd) }
    }

    private static func response(_ parsed: ResponseParser.Parsed) -> HTTPUpstreamResponse {
        HTTPUpstreamResponse(
            status: parsed.head.status, reason: parsed.head.reason, version: parsed.head.version,
            headers: parsed.head.headers, body: parsed.body)
    }
}

/// The idle connections under a lock, with when each went idle (monotonic nanoseconds).
private final class IdleConnections: @unchecked Sendable {
    let lock = Lock()
    var connections: [(fd: Int32, since: Int64)] = []
}
