/// One client connection's state, owned by the event loop that accepted it (never touched by another thread).
final class Connection {
    let fd: Int32
    let peer: String
    /// Tells this connection from a later one on the same descriptor number, for replies that arrive late.
    let serial: UInt64
    /// A request handed to a deferred handler, whose reply has not come yet: nothing more is read until it does.
    var awaiting: PendingReply?
    var inbound = InboundBuffer()
    var parser: RequestParser
    /// Response bytes not yet taken by the socket, from `outboundOffset` on.
    var outbound: [UInt8] = []
    var outboundOffset = 0
    /// The last response said `Connection: close`: once it is sent, the connection ends.
    var closeAfterWrite = false
    /// The client closed its side: requests already buffered are answered, then the connection ends.
    var peerClosed = false
    /// After the final response, the write side is shut and the rest of what the client sends is read and dropped
    /// until this deadline, so that closing does not reset the connection before the client has read the answer.
    var lingerUntil: Int64?
    /// When the current request's first byte arrived; nil between requests.
    var requestStarted: Int64?
    /// When a byte last arrived (a body that stops arriving times out from here).
    var lastRead: Int64
    /// When the connection last made progress (a request answered, bytes sent): the idle timeout counts from here.
    var lastActivity: Int64
    var interest: Poller.Interest = .read

    init(fd: Int32, peer: String, serial: UInt64, parser: RequestParser, now: Int64) {
        self.fd = fd
        self.peer = peer
        self.serial = serial
        self.parser = parser
        lastRead = now
        lastActivity = now
    }

    var hasPendingOutput: Bool { outboundOffset < outbound.count }
    var pendingOutputCount: Int { outbound.count - outboundOffset }
}

/// What answering a request later needs from its head.
struct PendingReply {
    var method: String
    var target: String
    var version: String
    var keepAlive: Bool
    var isHTTP10: Bool
    var started: Int64
}
