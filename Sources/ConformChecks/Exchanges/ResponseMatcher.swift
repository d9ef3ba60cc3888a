import ConformSpec

/// Picks the documented response for a status: the exact code, then its `nXX` range, then `default`.
package enum ResponseMatcher {
    package static func response(for status: Int, in responses: [Response]) -> Response? {
        index(for: status, in: responses).map { responses[$0] }
    }

    /// The position in `responses` of the response `response(for:in:)` picks.
    static func index(for status: Int, in responses: [Response]) -> Int? {
        responses.firstIndex { $0.key == .status(status) }
            ?? responses.firstIndex { $0.key == .range(status / 100) }
            ?? responses.firstIndex { $0.key == .default }
    }
}
