import ConformValues
import Foundation

/// The parts of a recorded request URL that routing and parameter checks need. Recordings hold absolute URLs
/// (`https://api.example.com/v1/pets?limit=2`) or bare paths (`/v1/pets?limit=2`); both are read here without
/// Foundation's URL, which rejects some real-world URLs (unencoded spaces, `|`).
package struct RequestURL: Sendable, Hashable {
    package var scheme: String?
    package var host: String?
    /// The path as sent, still percent-encoded.
    package var path: String
    /// The raw query, without `?`.
    package var query: String?

    /// Scans UTF-8 bytes (every delimiter is ASCII), since every exchange's URL passes through here.
    package init(_ text: String) {
        var rest = Substring(text)
        if let hash = rest.utf8.firstIndex(of: UInt8(ascii: "#")) { rest = rest[..<hash] }
        if let colon = rest.utf8.firstIndex(of: UInt8(ascii: ":")), rest.utf8[colon...].starts(with: "://".utf8),
            !rest.utf8[..<colon].contains(UInt8(ascii: "/"))
        {
            scheme = Self.lowercased(rest[..<colon])
            rest = rest[rest.utf8.index(colon, offsetBy: 3)...]
            let end = rest.utf8.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? rest.endIndex
            var authority = rest[..<end]
            if let at = authority.utf8.lastIndex(of: UInt8(ascii: "@")) { authority = authority[authority.utf8.index(after: at)...] }
            host = Self.lowercased(authority)
            rest = rest[end...]
        }
        if let mark = rest.utf8.firstIndex(of: UInt8(ascii: "?")) {
            query = String(rest[rest.utf8.index(after: mark)...])
            rest = rest[..<mark]
        }
        path = rest.isEmpty ? "/" : String(rest)
    }

    private static func lowercased(_ text: Substring) -> String {
        text.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) ? text.lowercased() : String(text)
    }

    /// The host without a default port (`api.example.com:443` → `api.example.com` for https).
    package var hostWithoutDefaultPort: String? {
        guard let host else { return nil }
        if scheme == "https", host.hasSuffix(":443") { return String(host.dropLast(4)) }
        if scheme == "http", host.hasSuffix(":80") { return String(host.dropLast(3)) }
        return host
    }

    /// Path segments, percent-decoded; an empty path has no segments.
    package var segments: [String] {
        path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { PercentDecoding.decode($0) }
    }

    /// Query pairs in order, with `+` as space and percent-decoding applied to names and values.
    package var queryPairs: [(name: String, value: String)] {
        guard let query, !query.isEmpty else { return [] }
        return query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = PercentDecoding.decode(parts[0], plusIsSpace: true)
            let value = parts.count > 1 ? PercentDecoding.decode(parts[1], plusIsSpace: true) : ""
            return (name, value)
        }
    }
}

/// Lenient percent-decoding: malformed escapes stay as written, invalid UTF-8 is replaced, never an error.
package enum PercentDecoding {
    package static func decode(_ text: Substring, plusIsSpace: Bool = false) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "%") || (plusIsSpace && $0 == UInt8(ascii: "+")) }) else {
            return String(text)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "+") && plusIsSpace {
                bytes.append(0x20)
            } else if byte == UInt8(ascii: "%"), iterator.count >= 2,
                let high = HexDigit.value(iterator[iterator.startIndex]), let low = HexDigit.value(iterator[iterator.startIndex + 1])
            {
                bytes.append(high << 4 | low)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension HTTPHeaders {
    /// The `name=value` pairs of one Cookie (or Set-Cookie) header value, names trimmed.
    package static func cookiePairs(_ value: String) -> [(name: String, value: String)] {
        value.split(separator: ";").compactMap { pair in
            let pieces = pair.split(separator: "=", maxSplits: 1)
            guard let name = pieces.first?.trimmingCharacters(in: .whitespaces), !name.isEmpty else { return nil }
            return (name, pieces.count > 1 ? String(pieces[1]).trimmingCharacters(in: .whitespaces) : "")
        }
    }
}
