/// What was wrong with a response from an upstream. The parser knows bytes, not which upstream sent them; the
/// client turns this into an `HTTPUpstreamError` that names host and port.
enum ResponseParseError: Error, Equatable, Sendable {
    /// The status line, a header field, the framing or a chunk is malformed; the words say which.
    case malformed(String)
    /// The status line and header fields exceed the header limit (or the trailer fields do).
    case headTooLarge
    /// The body exceeds the body limit (by its Content-Length, its chunks, or the bytes before the close).
    case bodyTooLarge
    /// The connection ended before the response did; the words say where.
    case truncated(String)
}
