/// Limits of the upstream client: what one response may make it hold, and how many idle connections it keeps.
/// The defaults match the server's request limits, so the proxy bounds both directions alike.
package struct HTTPClientConfiguration: Sendable {
    /// The status line and header fields of a response (and, separately, its trailer fields).
    package var maxHeaderBytes = 64 * 1024
    /// A response body, by its Content-Length, its chunks, or the bytes before the close.
    package var maxBodyBytes = 16 * 1024 * 1024
    /// Idle connections kept for reuse; a connection freed beyond this is closed.
    package var maxIdleConnections = 16
    /// An idle connection older than this is closed instead of reused: servers close idle connections after a
    /// few seconds (Node's default is 5), and a request sent just as they do would need a retry.
    package var idleTimeout: Duration = .seconds(4)

    package init() {}
}
