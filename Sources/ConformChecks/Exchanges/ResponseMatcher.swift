import ConformSpec

/// Picks the documented response for a status: the exact code, then its `nXX` range, then `default`.
package enum ResponseMatcher {
    package static func response(for status: Int, in responses: [Response]) -> Response? {
        responses.first { $0.key == .status(status) }
            ?? responses.first { $0.key == .range(status / 100) }
            ?? responses.first { $0.key == .default }
    }
}
