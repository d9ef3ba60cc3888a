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

    /// Scans the UTF-8 bytes in place (every delimiter is ASCII), since every exchange's URL passes through here.
    package init(_ text: String) {
        self = text.withUTF8Bytes { RequestURL(bytes: $0) }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        func first(_ byte: UInt8, from start: Int, to end: Int) -> Int? {
            var index = start
            while index < end {
                if bytes[index] == byte { return index }
                index += 1
            }
            return nil
        }
        // Slices end at ASCII delimiters, so each is valid UTF-8 as the whole is.
        func text(_ start: Int, _ end: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        var start = 0
        var end = first(UInt8(ascii: "#"), from: 0, to: bytes.count) ?? bytes.count
        if let colon = first(UInt8(ascii: ":"), from: 0, to: end), colon + 3 <= end,
            bytes[colon + 1] == UInt8(ascii: "/"), bytes[colon + 2] == UInt8(ascii: "/"),
            first(UInt8(ascii: "/"), from: 0, to: colon) == nil
        {
            scheme = Self.lowercased(text(0, colon))
            start = colon + 3
            var authorityEnd = start
            while authorityEnd < end, bytes[authorityEnd] != UInt8(ascii: "/"), bytes[authorityEnd] != UInt8(ascii: "?") {
                authorityEnd += 1
            }
            // Credentials before the last `@` are no part of the host.
            var hostStart = authorityEnd
            while hostStart > start, bytes[hostStart - 1] != UInt8(ascii: "@") { hostStart -= 1 }
            host = Self.lowercased(text(hostStart, authorityEnd))
            start = authorityEnd
        }
        if let mark = first(UInt8(ascii: "?"), from: start, to: end) {
            query = text(mark + 1, end)
            end = mark
        }
        path = start == end ? "/" : text(start, end)
    }

    /// A server's URL, which may also be scheme-relative (`//petstore.swagger.io/v2`, an RFC 3986 network-path
    /// reference: the host, then the base path), unlike a request target, where `//x` is a path.
    /// The scheme of an absolute URL no HTTP server answers (`data:`, `blob:`, `chrome-extension:`, `ws:`), lower
    /// case; nil for `http`, `https` and a URL without a scheme (a path). Browser captures hold such entries beside
    /// the requests to APIs.
    package static func nonHTTPScheme(of url: String) -> String? {
        let bytes = url.utf8
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon != bytes.startIndex else { return nil }
        let scheme = bytes[..<colon]
        // Asked of every exchange, nearly all to http or https: those are told apart by their bytes, with no name made.
        if (4...5).contains(scheme.count), scheme.lazy.map(\.asciiLowercased).elementsEqual("https".utf8.prefix(scheme.count)) {
            return nil
        }
        // RFC 3986 §3.1: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
        guard let first = scheme.first, (first | 0x20) >= UInt8(ascii: "a"), (first | 0x20) <= UInt8(ascii: "z"),
            scheme.allSatisfy({ byte in
                let lower = byte | 0x20
                return (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            })
        else { return nil }
        return lowercased(String(Substring(scheme)))
    }

    package static func server(_ url: String) -> RequestURL {
        guard url.hasPrefix("//") else { return RequestURL(url) }
        var parsed = RequestURL("scheme-relative:" + url)
        parsed.scheme = nil
        return parsed
    }

    private static func lowercased(_ text: String) -> String {
        text.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) ? text.lowercased() : text
    }

    /// The host without a default port (`api.example.com:443` → `api.example.com` for https).
    package var hostWithoutDefaultPort: String? {
        guard let host else { return nil }
        if scheme == "https", host.hasSuffix(":443") { return String(host.dropLast(4)) }
        if scheme == "http", host.hasSuffix(":80") { return String(host.dropLast(3)) }
        return host
    }

    /// Query pairs in order, with `+` as space and percent-decoding applied to names and values.
    package var queryPairs: [(name: String, value: String)] {
        rawQueryPairs.map { ($0.name, $0.value) }
    }

    /// Query pairs in order, names decoded and values as sent (see `QueryPair`).
    package var rawQueryPairs: [QueryPair] {
        Self.rawQueryPairs(query)
    }

    /// `rawQueryPairs` of a raw query (without `?`), for a caller that has read the query out of its URL.
    package static func rawQueryPairs(_ query: String?) -> [QueryPair] {
        guard let query else { return [] }
        return QueryPair.pairs(in: Substring(query))
    }
}

/// One `name=value` pair of a URL query or an `application/x-www-form-urlencoded` body. The name is decoded, since
/// nothing splits it but brackets, which clients percent-encode freely (`metadata%5Border_id%5D`); the value is kept
/// as sent, because a style splits it on delimiters first and only then decodes each piece (RFC 6570: a comma
/// that belongs to the data is sent as `%2C`).
package struct QueryPair: Sendable, Hashable {
    package var name: String
    /// The value still percent-encoded, with `+` not yet a space.
    package var rawValue: Substring

    package init(name: String, rawValue: Substring) {
        self.name = name
        self.rawValue = rawValue
    }

    /// The value decoded: `+` is a space, `%XX` a byte.
    package var value: String { PercentDecoding.decode(rawValue, plusIsSpace: true) }

    /// The pairs of form-encoded text, in order, read byte by byte (every URL of a recording passes through here).
    /// A pair without a name (`=x`, or `?=`) is dropped, like an empty one (`a&&b`): no parameter or field can claim
    /// it, and reporting it as an undocumented parameter named '' would say nothing true.
    package static func pairs(in text: Substring) -> [QueryPair] {
        var pairs: [QueryPair] = []
        forEachPair(in: text) { name, value in
            pairs.append(QueryPair(name: PercentDecoding.decode(name, plusIsSpace: true), rawValue: value))
        }
        return pairs
    }

    /// Each pair's name and value as sent, in order, with no list made: the redactor asks every URL's query for
    /// credential names.
    package static func forEachPair(in text: Substring, _ body: (_ name: Substring, _ rawValue: Substring) -> Void) {
        let bytes = text.utf8
        var start = bytes.startIndex
        var equals: String.Index?
        var index = bytes.startIndex
        while true {
            let atEnd = index == bytes.endIndex
            if atEnd || bytes[index] == UInt8(ascii: "&") {
                let nameEnd = equals ?? index
                if start < nameEnd {
                    body(text[start..<nameEnd], equals.map { text[bytes.index(after: $0)..<index] } ?? text[index..<index])
                }
                if atEnd { break }
                start = bytes.index(after: index)
                equals = nil
            } else if equals == nil && bytes[index] == UInt8(ascii: "=") {
                equals = index
            }
            index = bytes.index(after: index)
        }
    }
}

/// Lenient percent-decoding: malformed escapes stay as written, invalid UTF-8 is replaced, never an error.
package enum PercentDecoding {
    package static func decode(_ text: Substring, plusIsSpace: Bool = false) -> String {
        guard isEncoded(text, plusIsSpace: plusIsSpace) else { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        text.withUTF8Bytes { decode($0, plusIsSpace: plusIsSpace, into: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `text` has anything to decode: a `%`, or a `+` where it stands for a space.
    package static func isEncoded(_ text: Substring, plusIsSpace: Bool = false) -> Bool {
        text.utf8.contains { $0 == UInt8(ascii: "%") || (plusIsSpace && $0 == UInt8(ascii: "+")) }
    }

    /// Appends the decoded bytes of `text` to `output`.
    package static func decode(_ text: UnsafeBufferPointer<UInt8>, plusIsSpace: Bool = false, into output: inout [UInt8]) {
        var index = 0
        while index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: "+") && plusIsSpace {
                output.append(0x20)
            } else if byte == UInt8(ascii: "%"), index + 2 < text.count,
                let high = HexDigit.value(text[index + 1]), let low = HexDigit.value(text[index + 2])
            {
                output.append(high << 4 | low)
                index += 2
            } else {
                output.append(byte)
            }
            index += 1
        }
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
