#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One thread's share of the server: reads, parses, calls the handler, writes, and enforces the timeouts of the
/// connections it owns. Nothing here is shared with other loops except through `ServerCore` and the inbox.
///
/// The first loop also accepts, and deals the new connections out to all loops in turn through their inboxes. (With
/// the listening socket watched by every loop, the loop that woke first accepted a whole burst: 64 connections
/// opened at once all landed on one thread, and the server used one core. SO_REUSEPORT would spread them too, but
/// would also let another process of the same user bind the port unnoticed.)
final class EventLoop: @unchecked Sendable {
    private let core: ServerCore
    /// Whether this loop watches the listening socket.
    private let accepts: Bool
    /// Connections dealt to this loop by the accepting one, and whether it still takes them.
    private let inboxLock = Lock()
    private var inbox: [(fd: Int32, peer: String)] = []
    private var inboxOpen = true
    /// The loop the next accepted connection goes to.
    private var nextLoop = 0
    /// Replies of deferred handlers, posted from any thread, taken on the next turn.
    private var completions: [(fd: Int32, serial: UInt64, response: HTTPServerResponse)] = []
    private var nextSerial: UInt64 = 0
    private var poller: Poller
    private let wakeReader: Int32
    private let wakeWriter: Int32
    private var connections: [Int32: Connection] = [:]
    private let scratch: UnsafeMutableRawBufferPointer
    private let headerTimeout: Int64
    private let idleTimeout: Int64
    /// After a descriptor shortage, accepting pauses until then rather than spinning on a listener that stays ready.
    private var acceptPausedUntil: Int64?
    private var listening = false
    private var lastSweep: Int64 = 0

    /// Output queued beyond this stops parsing further pipelined requests until the client reads.
    private static let outputHighWater = 1 << 20
    /// How long a connection that ends is read and drained after its final response.
    private static let linger: Int64 = 2_000_000_000
    private static let turnMilliseconds: Int32 = 100

    init(core: ServerCore, accepts: Bool) throws(HTTPServerError) {
        self.core = core
        self.accepts = accepts
        poller = try Poller()
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw .system("cannot create a pipe") }
        wakeReader = pipeEnds[0]
        wakeWriter = pipeEnds[1]
        Socket.setNonBlocking(wakeReader)
        Socket.setNonBlocking(wakeWriter)
        scratch = .allocate(byteCount: 64 * 1024, alignment: 16)
        headerTimeout = core.configuration.headerTimeout.nanoseconds
        idleTimeout = core.configuration.idleTimeout.nanoseconds
        _ = poller.add(wakeReader, .read)
        if accepts { listening = poller.add(core.listener, .read) }
    }

    deinit {
        close(wakeReader)
        close(wakeWriter)
        scratch.deallocate()
    }

    /// Interrupts a wait (used by `stop()`).
    func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWriter, &byte, 1)
    }

    func run() {
        var drainDeadline: Int64?
        while true {
            let now = MonotonicTime.now()
            if core.isStopping {
                if drainDeadline == nil {
                    drainDeadline = now + core.configuration.shutdownGrace.nanoseconds
                    beginDraining(now: now)
                }
                if connections.isEmpty { break }
                if let deadline = drainDeadline, now >= deadline {
                    for connection in Array(connections.values) { finish(connection) }
                    break
                }
            }
            if let paused = acceptPausedUntil, now >= paused, !core.isStopping {
                acceptPausedUntil = nil
                listening = poller.add(core.listener, .read)
            }
            for event in poller.wait(milliseconds: Self.turnMilliseconds) {
                if event.fd == core.listener {
                    acceptConnections()
                } else if event.fd == wakeReader {
                    drainWakeups()
                    adoptInbox()
                    deliverReplies()
                } else if let connection = connections[event.fd] {
                    if event.readable || event.failed { readable(connection) }
                    if event.writable, connections[event.fd] === connection { flush(connection) }
                }
            }
            let after = MonotonicTime.now()
            if after - lastSweep >= 100_000_000 {
                lastSweep = after
                sweep(now: after)
            }
        }
        closeInbox()
    }

    // MARK: Accepting

    private func acceptConnections() {
        for _ in 0..<64 {
            guard let accepted = Socket.accept(core.listener) else {
                if errno == EMFILE || errno == ENFILE {
                    // Out of descriptors: stop watching the listener briefly; connections waiting in the backlog
                    // are accepted once some close.
                    poller.remove(core.listener)
                    listening = false
                    acceptPausedUntil = MonotonicTime.now() + 100_000_000
                }
                return
            }
            if core.isStopping {
                close(accepted.fd)
                continue
            }
            guard core.reserveConnection() else {
                refuse(accepted)
                continue
            }
            let loops = core.loops
            let target = loops.isEmpty ? self : loops[nextLoop % loops.count]
            nextLoop &+= 1
            if target === self {
                adopt(accepted)
            } else if !target.hand(accepted) {
                close(accepted.fd)
                core.releaseConnection()
            }
        }
    }

    /// Takes a connection accepted by another loop; false when this loop has ended (the caller closes it).
    func hand(_ accepted: (fd: Int32, peer: String)) -> Bool {
        let taken = inboxLock.withLock { () -> Bool in
            guard inboxOpen else { return false }
            inbox.append(accepted)
            return true
        }
        if taken { wake() }
        return taken
    }

    private func adoptInbox() {
        let arrived = inboxLock.withLock { () -> [(fd: Int32, peer: String)] in
            defer { inbox.removeAll() }
            return inbox
        }
        for accepted in arrived {
            if core.isStopping {
                close(accepted.fd)
                core.releaseConnection()
            } else {
                adopt(accepted)
            }
        }
    }

    /// Stops taking connections from the accepting loop and closes any it dealt but this loop never adopted.
    private func closeInbox() {
        let left = inboxLock.withLock { () -> [(fd: Int32, peer: String)] in
            inboxOpen = false
            defer { inbox.removeAll() }
            return inbox
        }
        for accepted in left {
            close(accepted.fd)
            core.releaseConnection()
        }
    }

    private func adopt(_ accepted: (fd: Int32, peer: String)) {
        nextSerial &+= 1
        let connection = Connection(
            fd: accepted.fd, peer: accepted.peer, serial: nextSerial,
            parser: RequestParser(maxHeaderBytes: core.configuration.maxHeaderBytes, maxBodyBytes: core.configuration.maxBodyBytes),
            now: MonotonicTime.now())
        connections[accepted.fd] = connection
        if !poller.add(accepted.fd, .read) {
            connections[accepted.fd] = nil
            close(accepted.fd)
            core.releaseConnection()
        }
    }

    /// Over the connection limit: a 503 if the socket takes it at once, then close.
    private func refuse(_ accepted: (fd: Int32, peer: String)) {
        var bytes: [UInt8] = []
        let response = HTTPServerResponse(
            status: 503, headers: [(name: "Content-Type", value: "text/plain; charset=utf-8"), (name: "Retry-After", value: "1")],
            body: Array("the server has too many open connections\n".utf8))
        ResponseSerializer.append(response, headOnly: false, close: true, keepAliveFor10: false, to: &bytes)
        _ = bytes.withUnsafeBytes { Socket.send(accepted.fd, $0) }
        close(accepted.fd)
        log(HTTPAccessLogEntry(
            remoteAddress: accepted.peer, method: "", target: "", version: "", status: 503, bodyBytes: response.body.count,
            duration: .zero))
    }

    private func drainWakeups() {
        var bytes = [UInt8](repeating: 0, count: 64)
        while read(wakeReader, &bytes, bytes.count) > 0 {}
    }

    // MARK: Reading and serving

    private func readable(_ connection: Connection) {
        if connection.lingerUntil != nil {
            discardInput(connection)
            return
        }
        for _ in 0..<4 {
            let result = Socket.read(connection.fd, into: scratch)
            guard case .bytes(let count) = result else {
                if case .closed = result { connection.peerClosed = true }
                break
            }
            connection.inbound.append(UnsafeRawBufferPointer(rebasing: scratch[..<count]))
            connection.lastRead = MonotonicTime.now()
            if count < scratch.count { break }
        }
        serve(connection)
    }

    /// Answers every complete request buffered (while the client keeps up with the answers) and sends them.
    private func serve(_ connection: Connection) {
        while true {
            var blocked = false
            parsing: while !connection.closeAfterWrite && connection.awaiting == nil {
                if connection.pendingOutputCount >= Self.outputHighWater {
                    blocked = true
                    break
                }
                let step: RequestParser.Step
                do {
                    step = try connection.parser.next(&connection.inbound)
                } catch {
                    refuse(connection, error)
                    break
                }
                switch step {
                case .needMore:
                    break parsing
                case .sendContinue:
                    connection.outbound.append(contentsOf: "HTTP/1.1 100 Continue\r\n\r\n".utf8)
                case .request(let parsed):
                    answer(parsed, on: connection)
                }
            }
            let now = MonotonicTime.now()
            if connection.parser.isInsideRequest(buffered: !connection.inbound.isEmpty) {
                if connection.requestStarted == nil { connection.requestStarted = now }
                // Nothing more will arrive for a request the client stopped sending.
                if connection.peerClosed, !connection.closeAfterWrite { connection.closeAfterWrite = true }
            } else {
                connection.requestStarted = nil
                if (connection.peerClosed || core.isStopping) && connection.awaiting == nil { connection.closeAfterWrite = true }
            }
            guard flush(connection), blocked, !connection.hasPendingOutput else { return }
        }
    }

    private func answer(_ parsed: RequestParser.Parsed, on connection: Connection) {
        let head = parsed.head
        let request = HTTPServerRequest(
            method: head.method, target: head.target, version: head.isHTTP10 ? "HTTP/1.0" : "HTTP/1.1",
            headers: head.headers, body: parsed.body, remoteAddress: connection.peer)
        let pending = PendingReply(
            method: head.method, target: head.target, version: request.version, keepAlive: parsed.framing.keepAlive,
            isHTTP10: head.isHTTP10, started: MonotonicTime.now())
        switch core.handler {
        case .immediate(let handler):
            queue(handler(request), for: pending, on: connection)
        case .deferred(let handler):
            connection.awaiting = pending
            handler(request, HTTPServerReply(loop: self, fd: connection.fd, serial: connection.serial))
        }
    }

    /// Queues the response to a request, and says whether the connection ends after it.
    private func queue(_ response: HTTPServerResponse, for pending: PendingReply, on connection: Connection) {
        let close = !pending.keepAlive || core.isStopping || connection.peerClosed
        ResponseSerializer.append(
            response, headOnly: pending.method == "HEAD", close: close, keepAliveFor10: pending.isHTTP10 && !close,
            to: &connection.outbound)
        if close { connection.closeAfterWrite = true }
        connection.lastActivity = MonotonicTime.now()
        log(HTTPAccessLogEntry(
            remoteAddress: connection.peer, method: pending.method, target: pending.target, version: pending.version,
            status: response.status, bodyBytes: response.body.count, duration: .nanoseconds(connection.lastActivity - pending.started)))
    }

    /// Posts a deferred handler's reply to this loop (any thread).
    func complete(fd: Int32, serial: UInt64, response: HTTPServerResponse) {
        inboxLock.withLock { completions.append((fd, serial, response)) }
        wake()
    }

    /// Writes the replies that arrived to connections still waiting for them, then goes on with their next requests.
    private func deliverReplies() {
        let arrived = inboxLock.withLock { () -> [(fd: Int32, serial: UInt64, response: HTTPServerResponse)] in
            defer { completions.removeAll() }
            return completions
        }
        for reply in arrived {
            guard let connection = connections[reply.fd], connection.serial == reply.serial, let pending = connection.awaiting else { continue }
            connection.awaiting = nil
            queue(reply.response, for: pending, on: connection)
            serve(connection)
        }
    }

    /// A request the server cannot read: its error status, then the connection ends.
    private func refuse(_ connection: Connection, _ error: HTTPRequestError) {
        let response = ResponseSerializer.error(error)
        ResponseSerializer.append(response, headOnly: false, close: true, keepAliveFor10: false, to: &connection.outbound)
        connection.closeAfterWrite = true
        log(HTTPAccessLogEntry(
            remoteAddress: connection.peer, method: "", target: "", version: "", status: response.status,
            bodyBytes: response.body.count, duration: .zero))
    }

    // MARK: Writing and closing

    /// Sends what the socket takes; false if the connection ended.
    @discardableResult
    private func flush(_ connection: Connection) -> Bool {
        while connection.hasPendingOutput {
            let sent = connection.outbound.withUnsafeBytes { bytes in
                Socket.send(connection.fd, UnsafeRawBufferPointer(rebasing: bytes[connection.outboundOffset...]))
            }
            guard let sent else {
                finish(connection)
                return false
            }
            if sent == 0 { break }
            connection.outboundOffset += sent
            connection.lastActivity = MonotonicTime.now()
        }
        if connection.hasPendingOutput {
            setInterest(connection, .write)
            return true
        }
        connection.outbound.removeAll(keepingCapacity: connection.outbound.capacity <= 64 * 1024)
        connection.outboundOffset = 0
        if connection.closeAfterWrite, connection.awaiting == nil {
            startLingering(connection)
            return false
        }
        setInterest(connection, .read)
        return true
    }

    private func setInterest(_ connection: Connection, _ interest: Poller.Interest) {
        guard connection.interest != interest else { return }
        connection.interest = interest
        poller.modify(connection.fd, interest)
    }

    /// The final response is out: shut the write side and drop what the client still sends for a moment, so its
    /// kernel does not receive a reset before it has read the response.
    private func startLingering(_ connection: Connection) {
        if connection.peerClosed {
            finish(connection)
            return
        }
        shutdown(connection.fd, Int32(SHUT_WR))
        connection.lingerUntil = MonotonicTime.now() + Self.linger
        setInterest(connection, .read)
        discardInput(connection)
    }

    private func discardInput(_ connection: Connection) {
        for _ in 0..<16 {
            switch Socket.read(connection.fd, into: scratch) {
            case .bytes: continue
            case .wouldBlock: return
            case .closed:
                finish(connection)
                return
            }
        }
    }

    private func finish(_ connection: Connection) {
        guard connections.removeValue(forKey: connection.fd) != nil else { return }
        poller.remove(connection.fd)
        close(connection.fd)
        core.releaseConnection()
    }

    // MARK: Timeouts and shutdown

    private func sweep(now: Int64) {
        for connection in Array(connections.values) {
            if let linger = connection.lingerUntil {
                if now >= linger { finish(connection) }
            } else if connection.awaiting != nil {
                // The handler owns the time until its reply (a proxy bounds it with its upstream timeout).
                continue
            } else if connection.hasPendingOutput {
                // The client is not reading its responses.
                if now - connection.lastActivity > idleTimeout { finish(connection) }
            } else if let started = connection.requestStarted {
                let stalled = connection.parser.isReadingBody ? now - connection.lastRead : now - started
                if stalled > headerTimeout {
                    refuse(connection, .timeout)
                    flush(connection)
                }
            } else if now - connection.lastActivity > idleTimeout {
                finish(connection)
            }
        }
    }

    /// Stopping: no more accepts; idle connections close now, busy ones once their request is answered (`answer`
    /// and `serve` see the stopping flag).
    private func beginDraining(now: Int64) {
        if listening {
            poller.remove(core.listener)
            listening = false
        }
        acceptPausedUntil = nil
        for connection in Array(connections.values) {
            if connection.lingerUntil != nil { continue }
            if connection.requestStarted == nil, !connection.hasPendingOutput, connection.awaiting == nil {
                finish(connection)
            }
        }
    }

    private func log(_ entry: HTTPAccessLogEntry) {
        core.configuration.accessLog?(entry)
    }
}
