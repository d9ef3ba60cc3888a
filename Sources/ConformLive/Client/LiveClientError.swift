import Foundation

/// Why a request got no HTTP response. Messages are for the person running the probe: they name the URL (without
/// user info or query, which may carry credentials) and never a header value.
package enum LiveClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No connection could be made: refused, no route, or the host name does not resolve. `attempts` counts the
    /// tries made (1 + retries for a refused connection, 1 for a name that does not resolve).
    case unreachable(url: String, reason: String, attempts: Int)
    /// No complete response within the configured deadline; the request may have reached the server.
    case timeout(url: String, after: Duration)
    /// Anything else: the connection closed before a response, the request cannot be sent as given, the client
    /// was shut down or the task cancelled.
    case failed(url: String, reason: String, attempts: Int)

    package var description: String {
        switch self {
        case .unreachable(let url, let reason, let attempts):
            return "cannot reach \(url): \(reason)\(Self.tries(attempts))"
        case .timeout(let url, let after):
            return "no complete response from \(url) within \(Self.seconds(after))"
        case .failed(let url, let reason, let attempts):
            return "the request to \(url) failed: \(reason)\(Self.tries(attempts))"
        }
    }

    /// The URL as messages show it: scheme, host, port and path; user info dropped, a query shown as `?…`.
    static func shown(_ url: URL) -> String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return "the API" }
        components.user = nil
        components.password = nil
        components.fragment = nil
        let hadQuery = components.percentEncodedQuery != nil
        components.percentEncodedQuery = nil
        return (components.string ?? "the API") + (hadQuery ? "?…" : "")
    }

    /// Same, for a request URL that did not parse: only what precedes the query, and user info cut out.
    static func shown(_ text: String) -> String {
        var head = String(text.prefix { $0 != "?" && $0 != "#" })
        if let scheme = head.range(of: "://"), let at = head[scheme.upperBound...].firstIndex(of: "@"),
            !head[scheme.upperBound..<at].contains("/")
        {
            head.removeSubrange(scheme.upperBound...at)
        }
        return head + (head.count < text.count ? "?…" : "")
    }

    private static func tries(_ attempts: Int) -> String {
        attempts > 1 ? " (\(attempts) attempts)" : ""
    }

    private static func seconds(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        if seconds < 1 { return "\(Int((seconds * 1000).rounded()))ms" }
        return seconds == seconds.rounded() ? "\(Int(seconds))s" : "\((seconds * 10).rounded() / 10)s"
    }
}
