import ConformFindings

/// One flow of an `oauth2` security scheme. The exchange checker needs none of it (a token is a bearer token
/// whichever flow issued it); lint and reports do.
public struct OAuthFlow: Sendable, Hashable {
    /// The fields of an OAuth Flows Object.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case implicit, password, clientCredentials, authorizationCode
        /// OpenAPI 3.2: the device authorization grant (RFC 8628), for devices without a browser.
        case deviceAuthorization
    }

    public var kind: Kind
    public var authorizationURL: String?
    /// OpenAPI 3.2, `deviceAuthorization` only: where the device asks for its user code.
    public var deviceAuthorizationURL: String?
    public var tokenURL: String?
    public var refreshURL: String?
    /// Scope names, in document order.
    public var scopes: [String]
    public var origin: SpecPointer
}
