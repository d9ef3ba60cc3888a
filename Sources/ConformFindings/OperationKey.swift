/// An operation of the description as a value: its method and its path template (or webhook name). Findings,
/// results, coverage rows and config ignores carry it, so nothing downstream splits "METHOD /path" text apart.
///
/// Stored as the one text reports print (`GET /pets/{id}`) and where the path starts: every result and finding of
/// a long run holds one, so it is kept to one string, and hashing or printing it needs no joining.
public struct OperationKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// `GET /pets/{id}`: how messages and reports name the operation.
    public let description: String
    private let pathStart: UInt8

    public init(method: String, path: String) {
        let method = method.uppercased()
        description = method + " " + path
        pathStart = UInt8(truncatingIfNeeded: min(method.utf8.count + 1, Int(UInt8.max)))
    }

    /// Reads `GET /pets/{id}` (method in any case, one space or more before the path); nil for other text.
    public init?(parsing text: String) {
        let parts = text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        // A method is a token (`GET`, `M-SEARCH`); the rest of RFC 9110's token characters are left out, as they
        // would take operationIds such as `users.list` for keys.
        guard parts.count == 2, parts[0].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }),
            parts[0].first?.isLetter == true
        else { return nil }
        let path = parts[1].drop { $0 == " " }
        guard !path.isEmpty else { return nil }
        self.init(method: String(parts[0]), path: String(path))
    }

    /// Upper-case, as messages show it: `GET`.
    public var method: String {
        String(decoding: description.utf8.prefix(Int(pathStart) - 1), as: UTF8.self)
    }

    /// The path template as written under `paths` (`/pets/{id}`), or the webhook's name.
    public var path: String {
        String(decoding: description.utf8.dropFirst(Int(pathStart)), as: UTF8.self)
    }

    /// By method, then path: the order of the `METHOD /path` text.
    public static func < (lhs: OperationKey, rhs: OperationKey) -> Bool {
        lhs.description < rhs.description
    }
}
