/// A `pattern` written as a JavaScript regular-expression literal, `/^\+(?:[0-9]-?){6,14}[0-9]$/` (as Redoc's
/// demo writes a phone number). JSON Schema's `pattern` is the expression alone, so ECMA-262 reads the slashes as
/// characters to match; with `^` right after the first or `$` right before the last, no string can match, since
/// without the multiline flag `^` holds only at the start and `$` only at the end. No author means a pattern that
/// nothing matches, so that kind is read as the expression between the slashes (unless `strict: [pattern-slashes]`).
/// A slashed pattern some string does match (`/api/`, "contains /api/") may mean its slashes, and is read as written.
package enum PatternSlashes {
    /// The expression between the slashes when `source` is a literal that no string could match as written.
    package static func unmatchableLiteralBody(_ source: String) -> String? {
        let bytes = Array(source.utf8)
        guard bytes.count >= 3, bytes.first == UInt8(ascii: "/"), bytes.last == UInt8(ascii: "/") else { return nil }
        let body = bytes[1..<(bytes.count - 1)]
        let anchoredAtStart = body.first == UInt8(ascii: "^")
        var anchoredAtEnd = false
        if body.last == UInt8(ascii: "$") {
            // `\$` is a dollar sign, `\\$` a backslash and the anchor: count the backslashes before it.
            var backslashes = 0
            var index = body.endIndex - 2
            while index >= body.startIndex, body[index] == UInt8(ascii: "\\") {
                backslashes += 1
                index -= 1
            }
            anchoredAtEnd = backslashes % 2 == 0
        }
        guard anchoredAtStart || anchoredAtEnd else { return nil }
        return String(decoding: body, as: UTF8.self)
    }

    /// Whether `source` begins and ends with `/`: said beside a value it fails, which the reader may have expected it
    /// to match.
    package static func isSlashed(_ source: String) -> Bool {
        source.utf8.count >= 2 && source.utf8.first == UInt8(ascii: "/") && source.utf8.last == UInt8(ascii: "/")
    }
}
