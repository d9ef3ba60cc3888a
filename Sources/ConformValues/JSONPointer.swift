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
        guard text.hasPrefix("/") else { throw .missingLeadingSlash(text) }
        var tokens: [String] = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            guard let token = Self.unescape(raw) else { throw .invalidEscape(text) }
            tokens.append(token)
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

    public static func escape(_ token: String) -> String {
        guard token.contains(where: { $0 == "~" || $0 == "/" }) else { return token }
        return token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// Reverses `escape`; nil when a `~` is not followed by `0` or `1`.
    static func unescape(_ raw: Substring) -> String? {
        guard raw.contains("~") else { return String(raw) }
        var result = ""
        var iterator = raw.makeIterator()
        while let character = iterator.next() {
            guard character == "~" else {
                result.append(character)
                continue
            }
            switch iterator.next() {
            case "0": result.append("~")
            case "1": result.append("/")
            default: return nil
            }
        }
        return result
    }

    /// The array index a token denotes: decimal digits without a leading zero (RFC 6901 §4).
    public static func arrayIndex(_ token: String) -> Int? {
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
