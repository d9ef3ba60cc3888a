import ConformValues
import ConformFindings

/// One entry of `paths` (or `webhooks`): a template and its operations.
public struct PathItem: Sendable {
    /// The key as written, e.g. `/companies/{companyId}`.
    public var template: String
    public var operations: [Operation]
    /// Parameters declared on the path item, shared by its operations.
    public var parameters: [Parameter]
    public var servers: [Server]
    public var origin: SpecPointer
    /// Set on the stand-in for a `$ref` that leads nowhere (see `UnresolvedReference`).
    public var unresolved: UnresolvedReference? = nil
}

/// The method of an operation. OpenAPI names nine with fixed fields of the Path Item (`get` … `trace`, and `query`
/// from 3.2); 3.2's `additionalOperations` names any other by its token as sent (`PURGE`, `LINK`).
///
/// HTTP method tokens are case-sensitive (RFC 9110, section 9.1). Fixed-field methods match a recorded request's
/// method in any case, as recordings and clients are loose about it and no description can tell `get` from `GET`;
/// an additional operation matches only its exact token, which is how its description spells it.
public struct HTTPMethod: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The token on the wire: `GET`, `QUERY`, `PURGE`.
    public let name: String
    /// The Path Item field that holds it (`get`, `query`), or nil for an entry of `additionalOperations`.
    public let fixedField: String?

    private init(field: String) {
        self.name = field.uppercased()
        self.fixedField = field
    }

    /// The method of an `additionalOperations` entry, named exactly as written.
    public init(additional token: String) {
        self.name = token
        self.fixedField = nil
    }

    public static let get = HTTPMethod(field: "get")
    public static let put = HTTPMethod(field: "put")
    public static let post = HTTPMethod(field: "post")
    public static let delete = HTTPMethod(field: "delete")
    public static let options = HTTPMethod(field: "options")
    public static let head = HTTPMethod(field: "head")
    public static let patch = HTTPMethod(field: "patch")
    public static let trace = HTTPMethod(field: "trace")
    /// QUERY (OpenAPI 3.2): safe and idempotent like GET, with the query in the request body.
    public static let query = HTTPMethod(field: "query")

    /// The fixed fields of OpenAPI 3.0 and 3.1, in the order the specification lists them.
    public static let fixed30: [HTTPMethod] = [.get, .put, .post, .delete, .options, .head, .patch, .trace]
    /// The fixed fields of OpenAPI 3.2, `query` last as the specification lists it.
    public static let fixed32: [HTTPMethod] = fixed30 + [.query]

    /// The fixed-field method a Path Item key names (`get`), if it names one in any OpenAPI version.
    public init?(fixedField field: String) {
        guard let method = Self.fixed32.first(where: { $0.fixedField == field }) else { return nil }
        self = method
    }

    /// The fixed-field method whose token this is in any case (`GET`, `get`, `Query`), if any.
    public init?(fixedToken token: String) {
        guard let method = Self.fixed32.first(where: { $0.name.caseInsensitiveEquals(token) }) else { return nil }
        self = method
    }

    /// Whether a request sent with `token` is a request of this method (see the type's note on case).
    public func matches(_ token: String) -> Bool {
        fixedField == nil ? name == token : name.caseInsensitiveEquals(token)
    }

    /// Whether the method is safe (RFC 9110, section 9.2.1; QUERY per the HTTP QUERY method draft).
    public var isSafe: Bool {
        self == .get || self == .head || self == .options || self == .trace || self == .query
    }

    public var description: String { name }

    /// Fixed fields in the specification's order, then additional methods by token.
    public static func < (lhs: HTTPMethod, rhs: HTTPMethod) -> Bool {
        switch (lhs.fixedRank, rhs.fixedRank) {
        case let (left?, right?): return left < right
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): return lhs.name < rhs.name
        }
    }

    private var fixedRank: Int? {
        Self.fixed32.firstIndex(of: self)
    }
}

/// Reading `{name}` variables out of path and server templates.
public enum PathTemplate {
    public static func variableNames(in template: String) -> [String] {
        var names: [String] = []
        var current: String?
        for character in template {
            switch character {
            case "{": current = ""
            case "}":
                if let name = current { names.append(name) }
                current = nil
            default: current?.append(character)
            }
        }
        return names
    }
}
