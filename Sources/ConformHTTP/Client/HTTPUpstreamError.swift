/// Why an exchange with the upstream failed, in words the proxy can put in a 502 body or a log line. Messages name
/// the upstream (`host:port`) and what went wrong, never a header value (which may hold a credential).
package enum HTTPUpstreamError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The request cannot be written as given (a header name that is not a token, CR or LF in a value, …).
    case invalidRequest(String)
    /// No connection: refused, unreachable, or the name does not resolve.
    case connect(upstream: String, reason: String)
    /// The deadline for the whole exchange (connect, write and read) passed.
    case timeout(upstream: String, after: Duration)
    /// The upstream answered something that is not an HTTP/1.x response this client can pass on.
    case protocolError(upstream: String, reason: String)
    /// The response head or body exceeds the client's limit; `what` says which.
    case tooLarge(upstream: String, what: String)
    /// The connection ended before the response did.
    case closed(upstream: String, reason: String)

    package var description: String {
        switch self {
        case .invalidRequest(let reason):
            "cannot send the request upstream: \(reason)"
        case .connect(let upstream, let reason):
            "cannot connect to the upstream \(upstream): \(reason)"
        case .timeout(let upstream, let after):
            "the upstream \(upstream) did not answer within \(Self.seconds(after))"
        case .protocolError(let upstream, let reason):
            "the upstream \(upstream) sent a malformed response: \(reason)"
        case .tooLarge(let upstream, let what):
            "the response from the upstream \(upstream) is too large: \(what)"
        case .closed(let upstream, let reason):
            "the upstream \(upstream) closed the connection: \(reason)"
        }
    }

    /// `0.2s`, `30s`.
    private static func seconds(_ duration: Duration) -> String {
        let milliseconds = duration.nanoseconds / 1_000_000
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000)s" : "\(Double(milliseconds) / 1000)s"
    }

    init(_ error: ResponseParseError, upstream: String, limits: HTTPClientConfiguration) {
        switch error {
        case .malformed(let reason): self = .protocolError(upstream: upstream, reason: reason)
        case .headTooLarge: self = .tooLarge(upstream: upstream, what: "the header fields exceed \(limits.maxHeaderBytes) bytes")
        case .bodyTooLarge: self = .tooLarge(upstream: upstream, what: "the body exceeds \(limits.maxBodyBytes) bytes")
        case .truncated(let reason): self = .closed(upstream: upstream, reason: reason)
        }
    }
}
