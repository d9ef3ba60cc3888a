/// Where a server listens and the limits that keep one client from taking it over. The defaults suit a mock or a
/// proxy in front of a test suite: generous for real clients, tight enough that a slow or hostile one is cut off.
package struct HTTPServerConfiguration: Sendable {
    /// An address or a name that resolves to one (`127.0.0.1`, `::1`, `0.0.0.0`, `localhost`).
    package var host = "127.0.0.1"
    /// 0 lets the system pick a free port; `HTTPServer.start()` returns the one it got.
    package var port: UInt16 = 0
    /// The request line and header fields together (larger: 431 and the connection closes).
    package var maxHeaderBytes = 64 * 1024
    /// A request body, by its Content-Length or its chunks (larger: 413 and the connection closes).
    package var maxBodyBytes = 16 * 1024 * 1024
    /// How long a head may take from its first byte, and how long a body may go without a byte (then 408).
    package var headerTimeout: Duration = .seconds(10)
    /// How long a connection may sit between requests, or with a response the client does not read, before it
    /// is closed.
    package var idleTimeout: Duration = .seconds(30)
    /// Connections beyond this are answered 503 and closed at once.
    package var maxConnections = 1024
    /// Threads serving connections; 0 means one per core.
    package var threads = 0
    /// How long `stop()` waits for requests in flight (and responses being written) before it closes them.
    package var shutdownGrace: Duration = .seconds(5)
    /// Called once per answered request, on the thread that served it (also for requests refused as malformed).
    package var accessLog: (@Sendable (HTTPAccessLogEntry) -> Void)?

    package init() {}
}

/// One line of the access log, as data: the caller decides how to print it (and what to hide in the target).
package struct HTTPAccessLogEntry: Sendable {
    package var remoteAddress: String
    /// Empty when the request line could not be read.
    package var method: String
    package var target: String
    package var version: String
    package var status: Int
    /// Body bytes sent (for HEAD, the length announced).
    package var bodyBytes: Int
    /// From the end of the request's head to the response handed to the socket.
    package var duration: Duration

    /// `127.0.0.1:51234 "GET /v1/orders HTTP/1.1" 200 412 0.2ms`, with the target as `showTarget` renders it.
    package func line(showTarget: (String) -> String = { $0 }) -> String {
        let request = method.isEmpty ? "-" : "\(method) \(showTarget(target)) \(version)"
        let micros = Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) / 1e12
        let shown = micros < 1000 ? "\((micros / 100).rounded() / 10)ms" : "\(Int((micros / 1000).rounded()))ms"
        return "\(remoteAddress) \"\(request)\" \(status) \(bodyBytes) \(shown)"
    }
}
