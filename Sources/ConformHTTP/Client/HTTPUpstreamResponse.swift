/// A final response as the upstream sent it, for the proxy to pass on unchanged: the header fields in their
/// order, repeated names kept, names spelled as sent; the body de-chunked (its framing fields describe the
/// upstream's framing, which the proxy's server replaces with its own).
package struct HTTPUpstreamResponse: Sendable {
    package var status: Int
    /// As sent; may be empty.
    package var reason: String
    /// `HTTP/1.1` or `HTTP/1.0`.
    package var version: String
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]

    package init(status: Int, reason: String = "", version: String = "HTTP/1.1", headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.reason = reason
        self.version = version
        self.headers = headers
        self.body = body
    }

    /// The first value of the named field (case-insensitive).
    package func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }
}
