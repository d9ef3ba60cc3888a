/// An operation of the description as a value: its method and its path template (or webhook name). Findings,
/// results, coverage rows and config ignores carry it, so nothing downstream splits "METHOD /path" text apart.
public struct OperationKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Upper-case, as messages show it: `GET`.
    public var method: String
    /// The path template as written under `paths` (`/pets/{id}`), or the webhook's name.
    public var path: String

    public init(method: String, path: String) {
        self.method = method.uppercased()
        self.path = path
    }

    /// Reads `GET /pets/{id}` (method in any case, one space or more before the path); nil for other text.
    public init?(parsing text: String) {
        let parts = text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].allSatisfy(\.isLetter) else { return nil }
        let path = parts[1].drop { $0 == " " }
        guard !path.isEmpty else { return nil }
        self.init(method: String(parts[0]), path: String(path))
    }

    /// `GET /pets/{id}`: how messages and reports name the operation.
    public var description: String { "\(method) \(path)" }

    /// By method, then path: the order of the `METHOD /path` text.
    public static func < (lhs: OperationKey, rhs: OperationKey) -> Bool {
        lhs.method != rhs.method ? lhs.method < rhs.method : lhs.path < rhs.path
    }
}
