/// How a handler that cannot answer at once (a proxy waiting for its upstream) answers later: it keeps the reply
/// and calls `send` once, from any thread. The connection reads no further request until then (pipelined requests
/// are answered in order), and the event loop goes on serving its other connections meanwhile.
package struct HTTPServerReply: Sendable {
    let loop: EventLoop
    let fd: Int32
    let serial: UInt64

    /// Hands the response to the connection's loop; a second call, or a call after the connection closed, is
    /// ignored.
    package func send(_ response: HTTPServerResponse) {
        loop.complete(fd: fd, serial: serial, response: response)
    }
}

/// What a server does with a request: answer on the loop thread at once, or take a reply to answer later.
enum HTTPServerHandler: Sendable {
    case immediate(@Sendable (HTTPServerRequest) -> HTTPServerResponse)
    case deferred(@Sendable (HTTPServerRequest, HTTPServerReply) -> Void)
}
