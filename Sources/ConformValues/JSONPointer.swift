/// An RFC 6901 JSON pointer: a list of reference tokens, each unescaped.
///
/// `description` gives the escaped text form (`/paths/~1pets/get`); `init(parsing:)` reads it back.
/// Pointers compare token by token, so sorted output follows document structure rather than string order.
public struct JSONPointer: Sendable, Hashable, Comparable, CustomStringConvertible {
    public private(set) var tokens: [String]

    public static let root = JSONPointer(tokens: [])

    public init(tokens: [String]) {
        self.tokens = tokens
    }

    public enum ParseError: Error, Equatable, Sendable {
        case missingLeadingSlash(String)
        case invalidEscape(String)
    }

    /// Parses the escaped text form. The empty string is the root.
    public init(parsing text: String) throws(ParseError) {
        if text.isEmpty {
            self.tokens = []
            return
        }
        guard text.utf8.first == UInt8(ascii: "/") else { throw .missingLeadingSlash(text) }
        // Split and unescape on UTF-8 bytes: '/', '~', '0' and '1' are ASCII, and walking Characters (grapheme
        // clusters) made every $ref resolution cost tens of thousands of instructions.
        let bytes = Array(text.utf8)
        var tokens: [String] = []
        var start = 1
        for index in 1...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "/") {
            guard let token = Self.unescape(bytes[start..<index]) else { throw .invalidEscape(text) }
            tokens.append(token)
            start = index + 1
        }
        self.tokens = tokens
    }

    public var isRoot: Bool { tokens.isEmpty }
    public var lastToken: String? { tokens.last }

    public var parent: JSONPointer? {
        tokens.isEmpty ? nil : JSONPointer(tokens: Array(tokens.dropLast()))
    }

    public func appending(_ token: String) -> JSONPointer {
        var copy = self
        copy.tokens.append(token)
        return copy
    }

    public func appending(_ index: Int) -> JSONPointer {
        appending(String(index))
    }

    public func appending(_ other: JSONPointer) -> JSONPointer {
        var copy = self
        copy.tokens.append(contentsOf: other.tokens)
        return copy
    }

    public static func / (lhs: JSONPointer, token: String) -> JSONPointer { lhs.appending(token) }
    public static func / (lhs: JSONPointer, index: Int) -> JSONPointer { lhs.appending(index) }

    public func hasPrefix(_ prefix: JSONPointer) -> Bool {
        tokens.starts(with: prefix.tokens)
    }

    public var description: String {
        var text = ""
        for token in tokens {
            text.append("/")
            text.append(Self.escape(token))
        }
        return text
    }

    package static func escape(_ token: String) -> String {
        // Every finding's pointers are written in reports: tokens are scanned as bytes, and most need nothing.
        guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return token }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(token.utf8.count + 4)
        token.withUTF8Bytes { utf8 in forEachEscapedPiece(of: utf8) { escaped.append(contentsOf: $0) } }
        return String(decoding: escaped, as: UTF8.self)
    }

    /// A token's UTF-8 as a pointer writes it (RFC 6901: `~` as `~0`, `/` as `~1`), handed to `emit` in pieces: the
    /// runs between those two bytes as they are, and each escape. For the report writers and the fingerprint, which
    /// copy or hash a token's escaped form without making it.
    package static func forEachEscapedPiece(of utf8: UnsafeBufferPointer<UInt8>, _ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        var run = 0
        for index in utf8.indices where utf8[index] == UInt8(ascii: "~") || utf8[index] == UInt8(ascii: "/") {
            if run < index { emit(UnsafeBufferPointer(rebasing: utf8[run..<index])) }
            let escape: StaticString = utf8[index] == UInt8(ascii: "~") ? "~0" : "~1"
            emit(UnsafeBufferPointer(start: escape.utf8Start, count: 2))
            run = index + 1
        }
        if run < utf8.count { emit(UnsafeBufferPointer(rebasing: utf8[run...])) }
    }

    /// Reverses `escape`; nil when a `~` is not followed by `0` or `1`.
    /// A token's text from its escaped UTF-8: `~0` is `~`, `~1` is `/`, any other `~` makes it invalid.
    static func unescape(_ raw: ArraySlice<UInt8>) -> String? {
        let tilde = UInt8(ascii: "~")
        guard raw.contains(tilde) else { return String(decoding: raw, as: UTF8.self) }
        var result: [UInt8] = []
        result.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index < raw.endIndex {
            let byte = raw[index]
            index += 1
            guard byte == tilde else {
                result.append(byte)
                continue
            }
            guard index < raw.endIndex else { return nil }
            switch raw[index] {
            case UInt8(ascii: "0"): result.append(tilde)
            case UInt8(ascii: "1"): result.append(UInt8(ascii: "/"))
            default: return nil
            }
            index += 1
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// The array index a token denotes: decimal digits without a leading zero (RFC 6901 §4).
    package static func arrayIndex(_ token: String) -> Int? {
        guard let first = token.utf8.first, token.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        if first == 0x30 && token.utf8.count > 1 { return nil }
        return Int(token)
    }

    public static func < (lhs: JSONPointer, rhs: JSONPointer) -> Bool {
        for (left, right) in zip(lhs.tokens, rhs.tokens) where left != right {
            if let leftIndex = arrayIndex(left), let rightIndex = arrayIndex(right) { return leftIndex < rightIndex }
            return left < right
        }
        return lhs.tokens.count < rhs.tokens.count
    }
}
