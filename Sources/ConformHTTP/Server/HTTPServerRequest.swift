/// A complete request as the server read it: the handler sees the head's fields in order (repeated names kept) and
/// the body de-chunked.
package struct HTTPServerRequest: Sendable {
    package var method: String
    /// As sent: origin form (`/path?query`), absolute form (`http://host/path`), or `*`.
    package var target: String
    /// `HTTP/1.1` or `HTTP/1.0`.
    package var version: String
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]
    /// The peer as `address:port` (`[::1]:port` for IPv6).
    package var remoteAddress: String

    package init(
        method: String, target: String, version: String = "HTTP/1.1", headers: [(name: String, value: String)] = [],
        body: [UInt8] = [], remoteAddress: String = ""
    ) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
    }

    /// The first value of the named field (case-insensitive).
    package func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Every value of the named field, in order.
    package func headers(named name: String) -> [String] {
        let lowered = name.lowercased()
        return headers.filter { $0.name.lowercased() == lowered }.map(\.value)
    }
}

/// What the handler answers. The server owns framing: `Content-Length`, `Transfer-Encoding` and `Connection` in
/// `headers` are replaced by its own, and a HEAD request gets the head only.
package struct HTTPServerResponse: Sendable {
    package var status: Int
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]
    /// For the answer to a HEAD request, the length of the body a GET would have had, when the handler knows it
    /// without having the body (a proxy passing on its upstream's HEAD answer); otherwise the body's own length.
    package var headLength: Int?

    package init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
