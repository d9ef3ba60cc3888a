import ConformFindings

/// A security scheme from `components.securitySchemes`.
public struct SecurityScheme: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// An API key in a header, query parameter or cookie of the given name.
        case apiKey(name: String, location: ParameterLocation)
        /// HTTP authentication: `basic`, `bearer` or another registered scheme.
        case http(scheme: String, bearerFormat: String?)
        case oauth2
        case openIDConnect(url: String?)
        case mutualTLS
    }

    public var name: String
    public var kind: Kind
    /// OpenAPI 3.2: the scheme is on its way out; descriptions keep it for clients that still use it.
    public var deprecated: Bool = false
    /// OpenAPI 3.2, `oauth2` only: the authorization server's metadata document (RFC 8414).
    public var oauth2MetadataURL: String? = nil
    /// The flows of an `oauth2` scheme, in document order.
    public var flows: [OAuthFlow] = []
    public var origin: SpecPointer
}

/// One Security Requirement Object: every scheme named must be satisfied (AND). A list of requirements is an OR.
/// An empty requirement (`{}`) means anonymous access is allowed.
public struct SecurityRequirement: Sendable, Hashable {
    public var schemes: [(name: String, scopes: [String])]
    public var origin: SpecPointer

    public static func == (lhs: SecurityRequirement, rhs: SecurityRequirement) -> Bool {
        lhs.origin == rhs.origin && lhs.schemes.map(\.name) == rhs.schemes.map(\.name)
            && lhs.schemes.map(\.scopes) == rhs.schemes.map(\.scopes)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(origin)
        hasher.combine(schemes.map(\.name))
    }
}
