import ConformSpec
import ConformTestSupport
import ConformTraffic
import Testing

@testable import ConformChecks

/// Security decides whether a request was allowed to be sent at all, and its message sits in reports that are
/// shared, so it must be right and must never repeat a secret. OAS 3.0.3/3.1, Security Requirement Object: each
/// requirement's schemes must all be satisfied (AND); the list is satisfied by any one requirement (OR); `{}`
/// allows anonymous access and `security: []` on an operation removes the document's requirements. HTTP
/// schemes are compared without regard to case (RFC 9110 §11.1). The schemes and one operation per requirement
/// list are in `Fixtures/units/security.yaml`.
@Suite struct SecurityCheckTests {
    static let spec = TestPaths.fixture("ConformChecksTests", "units/security.yaml")
    static let unmet = "no credentials for any accepted security requirement; send "

    struct Case: CustomTestStringConvertible, Sendable {
        var sentence: String
        /// The operationId in security.yaml.
        var operation: String
        /// Request header lines, `Name: value`.
        var headers: [String] = []
        /// The raw query string.
        var query = ""
        /// The problem sentence; nil when the request's credentials satisfy the operation.
        var problem: String?
        var testDescription: String { sentence }
    }

    /// Credentials read from a request the way the exchange check reads them: headers as sent, query pairs
    /// decoded, cookies from every `Cookie` header.
    static func problem(operation operationID: String, headers lines: [String], query: String, spec: String = spec) throws -> String? {
        let contract = try Contract(path: spec, config: ConformConfig())
        let operation = try #require(contract.document.operations.first { $0.operationID == operationID })
        var headers = HTTPHeaders()
        for line in lines {
            let colon = try #require(line.firstIndex(of: ":"))
            headers.append(name: String(line[..<colon]), value: String(line[line.index(after: colon)...].dropFirst()))
        }
        let credentials = SecurityCheck.Credentials(
            headers: headers, query: RequestURL("?" + query).queryPairs, cookies: ExchangeCheck.cookies(headers))
        return SecurityCheck(schemes: contract.document.components.securitySchemes)
            .problem(requirements: contract.document.effectiveSecurity(of: operation), credentials: credentials)
    }

    static func check(_ testCase: Case) throws {
        let problem = try problem(operation: testCase.operation, headers: testCase.headers, query: testCase.query)
        #expect(problem == testCase.problem)
    }

    // MARK: Requirement lists

    static let bearerOrBasic = unmet + "ApiKeyHeader (header 'X-API-Key') and BearerAuth (Authorization: Bearer …), or BasicAuth (Authorization: Basic …)"

    static let requirementCases: [Case] = [
        Case(sentence: "an operation without security of its own is met by the document's bearer requirement",
             operation: "inherited", headers: ["Authorization: Bearer abc.def"], problem: nil),
        Case(sentence: "an operation without security of its own needs the document's credentials",
             operation: "inherited", problem: unmet + "BearerAuth (Authorization: Bearer …)"),
        Case(sentence: "security: [] on an operation needs no credentials", operation: "public", problem: nil),
        Case(sentence: "an empty requirement among the alternatives allows anonymous access", operation: "anonymousOrKey", problem: nil),
        Case(sentence: "one scheme of an AND is not enough, and the sentence lists every alternative",
             operation: "keyAndBearerOrBasic", headers: ["X-API-Key: k1"], problem: bearerOrBasic),
        Case(sentence: "every scheme of one requirement meets the list",
             operation: "keyAndBearerOrBasic", headers: ["X-API-Key: k1", "Authorization: Bearer t"], problem: nil),
        Case(sentence: "the other alternative alone meets the list",
             operation: "keyAndBearerOrBasic", headers: ["Authorization: Basic dXNlcjpwYXNz"], problem: nil),
        Case(sentence: "the scheme of the Authorization header sent is named when the list is not met",
             operation: "keyAndBearerOrBasic", headers: ["Authorization: Bearer t"],
             problem: bearerOrBasic + " (the request's Authorization header uses the 'Bearer' scheme)"),
    ]

    @Test(arguments: requirementCases)
    func requirementLists(_ testCase: Case) throws { try Self.check(testCase) }

    // MARK: HTTP schemes

    static let httpCases: [Case] = [
        Case(sentence: "a lower-case basic scheme meets a scheme written Basic",
             operation: "basic", headers: ["Authorization: basic dXNlcjpwYXNz"], problem: nil),
        Case(sentence: "an upper-case BASIC scheme meets it too",
             operation: "basic", headers: ["Authorization: BASIC dXNlcjpwYXNz"], problem: nil),
        Case(sentence: "a bearer scheme in mixed case meets a bearer requirement",
             operation: "inherited", headers: ["authorization: bEaReR t"], problem: nil),
        Case(sentence: "a bearer scheme with an empty token is no credential",
             operation: "inherited", headers: ["Authorization: Bearer "],
             problem: unmet + "BearerAuth (Authorization: Bearer …) (the request's Authorization header uses the 'Bearer' scheme but carries no credentials)"),
        Case(sentence: "a bearer scheme with only spaces after it is no credential",
             operation: "inherited", headers: ["Authorization: Bearer    "],
             problem: unmet + "BearerAuth (Authorization: Bearer …) (the request's Authorization header uses the 'Bearer' scheme but carries no credentials)"),
        Case(sentence: "a bearer scheme with no token at all is no credential",
             operation: "inherited", headers: ["Authorization: Bearer"],
             problem: unmet + "BearerAuth (Authorization: Bearer …) (the request's Authorization header uses the 'Bearer' scheme but carries no credentials)"),
        Case(sentence: "basic credentials do not meet a bearer requirement",
             operation: "inherited", headers: ["Authorization: Basic dXNlcjpwYXNz"],
             problem: unmet + "BearerAuth (Authorization: Bearer …) (the request's Authorization header uses the 'Basic' scheme)"),
        Case(sentence: "a bearer token does not meet a basic requirement",
             operation: "basic", headers: ["Authorization: Bearer t"],
             problem: unmet + "BasicAuth (Authorization: Basic …) (the request's Authorization header uses the 'Bearer' scheme)"),
        // Real credentials are longer than any placeholder, and are settled from their bytes: the same answers.
        Case(sentence: "a long bearer token (a JWT) meets a bearer requirement",
             operation: "inherited", headers: ["Authorization: Bearer \(jwt)"], problem: nil),
        Case(sentence: "long basic credentials under a scheme in mixed case meet a basic requirement",
             operation: "basic", headers: ["Authorization: bAsIc \(longBasic)"], problem: nil),
        Case(sentence: "long basic credentials do not meet a bearer requirement",
             operation: "inherited", headers: ["Authorization: Basic \(longBasic)"],
             problem: unmet + "BearerAuth (Authorization: Bearer …) (the request's Authorization header uses the 'Basic' scheme)"),
        Case(sentence: "a long token sent without a scheme meets no requirement",
             operation: "inherited", headers: ["Authorization: \(jwt)"],
             problem: unmet + "BearerAuth (Authorization: Bearer …) (the request's Authorization header has no scheme before its credentials)"),
        Case(sentence: "a long mask after the scheme is a credential sent but hidden, which meets the requirement",
             operation: "inherited", headers: ["Authorization: Bearer \(String(repeating: "*", count: 40))"], problem: nil),
        Case(sentence: "a long real token beside a masked one meets the requirement",
             operation: "inherited", headers: ["Authorization: Bearer [REDACTED]", "Authorization: Bearer \(jwt)"], problem: nil),
    ]
    static let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg"
    static let longBasic = "dXNlcm5hbWVAZXhhbXBsZS5jb206cGFzc3dvcmQ="

    @Test(arguments: httpCases)
    func httpSchemes(_ testCase: Case) throws { try Self.check(testCase) }

    // MARK: API keys

    static let apiKeyCases: [Case] = [
        Case(sentence: "an API key header is found whatever the case of its name",
             operation: "headerKey", headers: ["x-api-key: k1"], problem: nil),
        Case(sentence: "an empty API key header is no credential",
             operation: "headerKey", headers: ["X-API-Key: "], problem: unmet + "ApiKeyHeader (header 'X-API-Key')"),
        Case(sentence: "a missing API key header is no credential",
             operation: "headerKey", problem: unmet + "ApiKeyHeader (header 'X-API-Key')"),
        Case(sentence: "an API key in the query meets a query key", operation: "queryKey", query: "api_key=k1", problem: nil),
        Case(sentence: "an empty API key in the query is no credential",
             operation: "queryKey", query: "api_key=", problem: unmet + "ApiKeyQuery (query 'api_key')"),
        Case(sentence: "query names compare with their case",
             operation: "queryKey", query: "API_KEY=k1", problem: unmet + "ApiKeyQuery (query 'api_key')"),
        Case(sentence: "a query key sent as a header is in the wrong place",
             operation: "queryKey", headers: ["api_key: k1"], problem: unmet + "ApiKeyQuery (query 'api_key')"),
        Case(sentence: "an API key cookie is found among other cookies",
             operation: "cookieKey", headers: ["Cookie: theme=dark; session=abc"], problem: nil),
        Case(sentence: "a cookie key not among the cookies is no credential",
             operation: "cookieKey", headers: ["Cookie: theme=dark"], problem: unmet + "ApiKeyCookie (cookie 'session')"),
        Case(sentence: "a cookie key sent in the query is in the wrong place",
             operation: "cookieKey", query: "session=abc", problem: unmet + "ApiKeyCookie (cookie 'session')"),
    ]

    @Test(arguments: apiKeyCases)
    func apiKeys(_ testCase: Case) throws { try Self.check(testCase) }

    // MARK: OAuth 2, OpenID Connect, mutual TLS, undefined schemes

    static let otherCases: [Case] = [
        Case(sentence: "an OAuth 2 requirement is met by a bearer token",
             operation: "oauth", headers: ["Authorization: Bearer t"], problem: nil),
        Case(sentence: "an OAuth 2 requirement without a token asks for a bearer token",
             operation: "oauth", problem: unmet + "OAuth (Authorization: Bearer …)"),
        Case(sentence: "an OpenID Connect requirement is met by a bearer token",
             operation: "oidc", headers: ["Authorization: Bearer t"], problem: nil),
        Case(sentence: "an OpenID Connect requirement is not met by basic credentials",
             operation: "oidc", headers: ["Authorization: Basic dXNlcjpwYXNz"],
             problem: unmet + "OIDC (Authorization: Bearer …) (the request's Authorization header uses the 'Basic' scheme)"),
        Case(sentence: "a mutualTLS requirement cannot be missing from a recording, which holds no client certificate",
             operation: "mtls", problem: nil),
        Case(sentence: "a requirement naming an undefined scheme cannot be met, and says so",
             operation: "undefinedScheme", headers: ["Authorization: Bearer t"],
             problem: unmet + "'Missing' (undefined) (the request's Authorization header uses the 'Bearer' scheme)"),
    ]

    @Test(arguments: otherCases)
    func otherSchemes(_ testCase: Case) throws { try Self.check(testCase) }

    /// OpenAPI 3.2's device authorization flow issues an access token like any other OAuth 2 flow: a scheme with
    /// only that flow (`Fixtures/units/security-3.2.yaml`, deprecated too, which changes nothing sent) is met by a
    /// bearer token.
    static let deviceCases: [Case] = [
        Case(sentence: "a device-authorization-only OAuth 2 requirement is met by a bearer token",
             operation: "pairDevice", headers: ["Authorization: Bearer t"], problem: nil),
        Case(sentence: "a device-authorization-only OAuth 2 requirement without a token asks for a bearer token",
             operation: "pairDevice", problem: unmet + "DeviceLogin (Authorization: Bearer …)"),
    ]

    @Test(arguments: deviceCases)
    func deviceAuthorizationSchemes(_ testCase: Case) throws {
        let spec = TestPaths.fixture("ConformChecksTests", "units/security-3.2.yaml")
        let problem = try Self.problem(operation: testCase.operation, headers: testCase.headers, query: testCase.query, spec: spec)
        #expect(problem == testCase.problem)
    }

    // MARK: Credentials are never quoted

    struct Secret: CustomTestStringConvertible, Sendable {
        var sentence: String
        var operation: String
        var headers: [String] = []
        var query = ""
        /// The credential that must not appear in the sentence.
        var secret: String
        var testDescription: String { sentence }
    }

    static let secretCases: [Secret] = [
        Secret(sentence: "a bearer token of the wrong scheme is not quoted",
               operation: "basic", headers: ["Authorization: Bearer s3cr3t-t0ken"], secret: "s3cr3t-t0ken"),
        Secret(sentence: "the parameters of another scheme are not quoted",
               operation: "inherited", headers: [#"Authorization: Digest username="u", response="s3cr3t""#], secret: "s3cr3t"),
        Secret(sentence: "an API key sent for half of an AND is not quoted",
               operation: "keyAndBearerOrBasic", headers: ["X-API-Key: k3y-s3cr3t"], secret: "k3y-s3cr3t"),
        Secret(sentence: "an API key the operation does not ask for is not quoted",
               operation: "inherited", query: "api_key=k3y-s3cr3t", secret: "k3y-s3cr3t"),
        Secret(sentence: "a session cookie is not quoted",
               operation: "inherited", headers: ["Cookie: session=c00kie-s3cr3t"], secret: "c00kie-s3cr3t"),
    ]

    static func checkNotQuoted(_ testCase: Secret) throws {
        let problem = try #require(try problem(operation: testCase.operation, headers: testCase.headers, query: testCase.query))
        #expect(problem.hasPrefix(unmet))
        #expect(!problem.contains(testCase.secret), "\(problem)")
    }

    @Test(arguments: secretCases)
    func theProblemNeverQuotesACredential(_ testCase: Secret) throws { try Self.checkNotQuoted(testCase) }

    /// An API key sent bare in the Authorization header (`Authorization: <key>`, common in practice) has no space:
    /// that word is the credential, not a scheme, and the sentence must not quote it as one.
    @Test func aCredentialWithoutASchemeIsNotQuotedAsOne() throws {
        try Self.checkNotQuoted(Secret(sentence: "a credential without a scheme is not quoted as its scheme",
                                       operation: "inherited", headers: ["Authorization: s3cr3t-t0ken"], secret: "s3cr3t-t0ken"))
    }

    /// Only the undefined scheme, which `undefinedScheme` names on purpose, may be a finding of the fixture.
    @Test func theFixtureDescriptionHasOnlyTheUndefinedSchemeFinding() throws {
        let contract = try Contract(path: Self.spec, config: ConformConfig(), lint: true)
        #expect(contract.findings.map { "\($0.rule.name) \($0.specPointer?.pointer.description ?? "")" } == ["spec-security-scheme-undefined /paths/~1undefined/get/security/0/Missing"])
    }

    /// What recorders write in place of a credential, and what they do not.
    @Test(arguments: [
        ("[Filtered]", true), (" [REDACTED] ", true), ("<hidden>", true), ("(removed)", true), ("***", true),
        (String(repeating: "*", count: 64), true), ("••••••", true), ("XXXX", true),
        ("", false), ("**", false), ("secret", false), ("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln", false),
        ("sk_live_4eC39HqLyjWDarjtT1zdp7dc", false), ("[a-real-token-in-brackets-0123456789]", false),
        ("[[SANITIZED]]", true), ("<Masked", true), ("secret)", true), ("[]", false), ("[secrets]", false), ("dop_v1_abc", false),
        // Not ASCII: the words by Unicode's lowercasing (U+212A KELVIN SIGN lowercases to `k`), and no other.
        ("[MAS\u{212A}ED]", true), ("[sécret]", false),
    ])
    func placeholders(_ value: String, _ isPlaceholder: Bool) {
        #expect(SecurityCheck.isPlaceholder(value) == isPlaceholder)
    }
}
