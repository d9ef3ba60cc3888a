import ConformSpec
import ConformTestSupport
import ConformTraffic
import Testing

@testable import ConformChecks

/// The router decides which operation every later check judges a request against, so a wrong match turns every
/// finding of an exchange into noise. These cases hold it to the OpenAPI rules for servers (a URL template whose
/// variables may be limited by `enum`; `/` when there are none), path templating (a concrete path is matched
/// before a templated one; a variable may share a segment with literal text) and methods, using the descriptions
/// in `Fixtures/units/router*.yaml`.
@Suite struct OperationRouterTests {
    /// What a route comes to, comparable: `Outcome` holds model values, which are not `Equatable`.
    enum Expected: Equatable, Sendable, CustomStringConvertible {
        /// The operation as `METHOD /template`, and the path values taken from the URL.
        case matched(String, [String: String])
        case methodNotAllowed(path: String, allowed: [String])
        case noPath(tried: [String])
        case unknownServer(origin: String, tried: [String])
        case unresolvedPath(String)

        var description: String {
            switch self {
            case .matched(let key, let values): "matched \(key) \(values)"
            case .methodNotAllowed(let path, let allowed): "\(path) allows only \(allowed)"
            case .noPath(let tried): "no path (tried \(tried))"
            case .unknownServer(let origin, let tried): "unknown server \(origin) (tried \(tried))"
            case .unresolvedPath(let path): "unresolved \(path)"
            }
        }

        init(_ outcome: OperationRouter.Outcome) {
            switch outcome {
            case .matched(let match): self = .matched(match.operation.key.description, match.pathValues.dictionary)
            case .methodNotAllowed(let path, let allowed): self = .methodNotAllowed(path: path, allowed: allowed)
            case .noPath(let tried): self = .noPath(tried: tried)
            case .unknownServer(let origin, let tried): self = .unknownServer(origin: origin, tried: tried)
            case .unresolvedPath(let path, _): self = .unresolvedPath(path)
            }
        }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var sentence: String
        var method: String
        var url: String
        var expected: Expected
        var testDescription: String { sentence }
    }

    static let spec = TestPaths.fixture("ConformChecksTests", "units/router.yaml")
    static let specWithoutServers = TestPaths.fixture("ConformChecksTests", "units/router-no-servers.yaml")
    static let specWithPathServers = TestPaths.fixture("ConformChecksTests", "units/router-path-servers.yaml")

    /// The three servers of router.yaml, in the order the router must try them.
    static let servers = ["https://{region}.api.example.com/{version}", "http://localhost:8080/api", "https://{tenant}.example.org"]

    static func route(_ method: String, _ url: String, in spec: String) throws -> Expected {
        let contract = try Contract(path: spec, config: ConformConfig())
        return Expected(OperationRouter(document: contract.document, schemas: contract.schemas).route(method: method, url: url))
    }

    // MARK: Servers

    static let serverCases: [Case] = [
        Case(sentence: "an absolute URL on a server whose host and base path take enum values matches",
             method: "GET", url: "https://eu.api.example.com/v1/pets", expected: .matched("GET /pets", [:])),
        Case(sentence: "the other enum values of the host and base-path variables match too",
             method: "GET", url: "https://us.api.example.com/v2/pets/42", expected: .matched("GET /pets/{id}", ["id": "42"])),
        Case(sentence: "a host variable value outside its enum is a server the description does not have",
             method: "GET", url: "https://ap.api.example.com/v1/pets", expected: .unknownServer(origin: "https://ap.api.example.com", tried: servers)),
        Case(sentence: "a base-path variable value outside its enum matches no server",
             method: "GET", url: "https://eu.api.example.com/v3/pets", expected: .noPath(tried: servers)),
        Case(sentence: "a server variable without an enum takes any value",
             method: "GET", url: "https://acme.example.org/pets", expected: .matched("GET /pets", [:])),
        Case(sentence: "the second server is tried when the first does not match",
             method: "GET", url: "http://localhost:8080/api/pets", expected: .matched("GET /pets", [:])),
        Case(sentence: "a port other than the server's is a server the description does not have",
             method: "GET", url: "http://localhost:9090/api/pets", expected: .unknownServer(origin: "http://localhost:9090", tried: servers)),
        Case(sentence: "a scheme other than the server's is a server the description does not have",
             method: "GET", url: "ftp://eu.api.example.com/v1/pets", expected: .unknownServer(origin: "ftp://eu.api.example.com", tried: servers)),
        Case(sentence: "the default port of the scheme is the same host as none",
             method: "GET", url: "https://eu.api.example.com:443/v1/pets", expected: .matched("GET /pets", [:])),
        Case(sentence: "host names compare without regard to case",
             method: "GET", url: "https://EU.API.Example.COM/v1/pets", expected: .matched("GET /pets", [:])),
        Case(sentence: "a recording of a path with a query only is matched by base path alone",
             method: "GET", url: "/v1/pets/mine?limit=2", expected: .matched("GET /pets/mine", [:])),
        Case(sentence: "a relative URL's fragment is not part of its path",
             method: "GET", url: "/v2/pets/7#top", expected: .matched("GET /pets/{id}", ["id": "7"])),
        Case(sentence: "a relative URL below no server's base path matches the server without one",
             method: "GET", url: "/pets", expected: .matched("GET /pets", [:])),
        Case(sentence: "a relative URL that no server and path explain lists every server tried",
             method: "GET", url: "/v1/owners", expected: .noPath(tried: servers)),
        Case(sentence: "the path '/' below a base path is the base path with a slash",
             method: "GET", url: "https://eu.api.example.com/v1/", expected: .matched("GET /", [:])),
    ]

    @Test(arguments: serverCases)
    func servers(_ testCase: Case) throws {
        let outcome = try Self.route(testCase.method, testCase.url, in: Self.spec)
        #expect(outcome == testCase.expected)
    }

    static let specSchemeRelative = TestPaths.fixture("ConformChecksTests", "units/router-scheme-relative.yaml")

    @Test(arguments: [
        ("https://petstore.swagger.io/v2/pets", Expected.matched("GET /pets", [:])),
        ("http://petstore.swagger.io/v2/pets", .matched("GET /pets", [:])),
        ("/v2/pets", .matched("GET /pets", [:])),
        ("https://elsewhere.example.com/v2/pets", .unknownServer(origin: "https://elsewhere.example.com", tried: ["//petstore.swagger.io/v2"])),
    ])
    func aSchemeRelativeServerIsAHostAndABasePath(_ url: String, _ expected: Expected) throws {
        #expect(try Self.route("GET", url, in: Self.specSchemeRelative) == expected)
    }

    static let specFragmentActions = TestPaths.fixture("ConformChecksTests", "units/router-fragment-actions.yaml")

    @Test(arguments: [
        ("https://sqs.example.com/?Action=CreateQueue", Expected.matched("GET /#Action=CreateQueue", [:])),
        ("https://sqs.example.com/?Version=2012-11-05&Action=ListQueues", .matched("GET /#Action=ListQueues", [:])),
        ("https://sqs.example.com/12/orders/?Action=SendMessage", .matched("GET /{AccountNumber}/{QueueName}/#Action=SendMessage", ["AccountNumber": "12", "QueueName": "orders"])),
        ("https://sqs.example.com/?Action=DeleteQueue", .noPath(tried: ["https://sqs.example.com"])),
    ])
    func aQueryPairAfterHashInATemplateTellsOperationsApart(_ url: String, _ expected: Expected) throws {
        #expect(try Self.route("GET", url, in: Self.specFragmentActions) == expected)
    }

    /// The pair a template asks for is part of the operation's address: a request that has it is not warned of an
    /// undocumented query parameter for it (the fixture documents no `Action`), while another undocumented name is.
    @Test(arguments: [
        ("https://sqs.example.com/?Action=ListQueues", [String]()),
        ("https://sqs.example.com/12/orders/?Action=SendMessage&Colour=red", ["Colour"]),
    ])
    func aQueryPairTheTemplateAsksForIsNotAnUnknownParameter(_ url: String, _ unknown: [String]) throws {
        let contract = try Contract(path: Self.specFragmentActions)
        let result = contract.validate(HTTPExchange(request: HTTPRequest(method: "GET", url: url), response: HTTPResponse(status: 200)))
        #expect(result.operation != nil)
        #expect(result.findings.filter { $0.rule == .requestParameterUnknown }.map(\.actual) == unknown, "\(result.findings.map(\.message))")
    }

    static let noServerCases: [Case] = [
        Case(sentence: "without servers an absolute URL on any host is matched from the root",
             method: "GET", url: "https://anything.example.net/pets", expected: .matched("GET /pets", [:])),
        Case(sentence: "without servers a relative URL is matched from the root",
             method: "GET", url: "/pets/7?expand=owner", expected: .matched("GET /pets/{id}", ["id": "7"])),
        Case(sentence: "without servers an unknown path names '/' as the server tried",
             method: "GET", url: "/v1/pets", expected: .noPath(tried: ["/"])),
    ]

    @Test(arguments: noServerCases)
    func descriptionWithoutServers(_ testCase: Case) throws {
        let outcome = try Self.route(testCase.method, testCase.url, in: Self.specWithoutServers)
        #expect(outcome == testCase.expected)
    }

    /// OAS 3.0.3, Path Item Object: `servers` is "an alternative server array to service all operations in this
    /// path"; Operation Object: "an alternative server array to service this operation". A request sent to such
    /// a server is a request for those operations.
    @Test func aPathItemsOwnServersServeItsOperations() throws {
        let pathItemServer = try Self.route("GET", "https://files.example.com/files", in: Self.specWithPathServers)
        #expect(pathItemServer == .matched("GET /files", [:]))
        let operationServer = try Self.route("POST", "https://upload.example.com/u/uploads", in: Self.specWithPathServers)
        #expect(operationServer == .matched("POST /uploads", [:]))
    }

    /// The servers of a Path Item or Operation replace the description's for what they hold: its paths are not
    /// served from the root server.
    @Test func aPathItemsServersReplaceTheRootServers() throws {
        let outcome = try Self.route("GET", "https://api.example.com/v1/files", in: Self.specWithPathServers)
        #expect(outcome == .noPath(tried: ["https://api.example.com/v1", "https://files.example.com", "https://upload.example.com/u", "https://{region}.reports.example.com/{version}"]))
    }

    /// An Operation's server variables are expanded as the description's are: an `enum` limits the values.
    @Test(arguments: [
        ("https://eu.reports.example.com/v2/reports", true), ("https://us.reports.example.com/v3/reports", true),
        ("https://ap.reports.example.com/v2/reports", false),
    ])
    func anOperationsServerVariablesTakeTheirValues(_ url: String, _ matches: Bool) throws {
        let outcome = try Self.route("GET", url, in: Self.specWithPathServers)
        #expect((outcome == .matched("GET /reports", [:])) == matches, "\(outcome)")
    }

    @Test func rootServersStillServeThePathsWithoutServersOfTheirOwn() throws {
        let outcome = try Self.route("GET", "https://api.example.com/v1/pets", in: Self.specWithPathServers)
        #expect(outcome == .matched("GET /pets", [:]))
    }

    // MARK: Path templates

    static let pathCases: [Case] = [
        Case(sentence: "a concrete path is matched before a templated one written earlier",
             method: "GET", url: "/v1/pets/mine", expected: .matched("GET /pets/mine", [:])),
        Case(sentence: "a templated segment takes any other value",
             method: "GET", url: "/v1/pets/42", expected: .matched("GET /pets/{id}", ["id": "42"])),
        Case(sentence: "a variable followed by literal text takes the text before it",
             method: "GET", url: "/v1/files/report.json", expected: .matched("GET /files/{name}.json", ["name": "report"])),
        Case(sentence: "a variable followed by literal text keeps the dots of its own value",
             method: "GET", url: "/v1/files/report.2024.json", expected: .matched("GET /files/{name}.json", ["name": "report.2024"])),
        Case(sentence: "a segment without the literal text around its variable does not match",
             method: "GET", url: "/v1/files/report.csv", expected: .noPath(tried: servers)),
        Case(sentence: "a variable after literal text takes the rest of the segment",
             method: "GET", url: "/v1/reports/v2", expected: .matched("GET /reports/v{version}", ["version": "2"])),
        Case(sentence: "a trailing slash on the request is not significant",
             method: "GET", url: "/v1/pets/", expected: .matched("GET /pets", [:])),
        Case(sentence: "a path written with a trailing slash matches a request with one",
             method: "GET", url: "/v1/orders/", expected: .matched("GET /orders/", [:])),
        Case(sentence: "a percent-encoded path value is decoded",
             method: "GET", url: "/v1/pets/Rex%20the%20Dog", expected: .matched("GET /pets/{id}", ["id": "Rex the Dog"])),
        Case(sentence: "an encoded slash stays inside its segment",
             method: "GET", url: "/v1/pets/a%2Fb", expected: .matched("GET /pets/{id}", ["id": "a/b"])),
        Case(sentence: "a percent-encoded literal segment matches the template written in UTF-8",
             method: "GET", url: "/v1/caf%C3%A9", expected: .matched("GET /café", [:])),
        Case(sentence: "an encoded unreserved character is the character itself, so the concrete path wins",
             method: "GET", url: "/v1/pets/min%65", expected: .matched("GET /pets/mine", [:])),
        Case(sentence: "an extra segment matches no path",
             method: "GET", url: "/v1/pets/42/toys", expected: .noPath(tried: servers)),
    ]

    @Test(arguments: pathCases)
    func pathTemplates(_ testCase: Case) throws {
        let outcome = try Self.route(testCase.method, testCase.url, in: Self.spec)
        #expect(outcome == testCase.expected)
    }

    /// The router's own contract (`Route.match`): "A trailing slash on either side is not significant". The
    /// request `/v1/orders` against the template `/orders/` is the other side of `/v1/pets/` against `/pets`.
    /// OpenAPI itself does not say whether `/orders` and `/orders/` are one path; the router says they are.
    @Test func aTrailingSlashOnTheTemplateIsNotSignificantEither() throws {
        let outcome = try Self.route("GET", "/v1/orders", in: Self.spec)
        #expect(outcome == .matched("GET /orders/", [:]))
    }

    /// Path values go to the parameter decoder as sent too, so a style's delimiters are told from encoded ones.
    @Test(arguments: [
        ("/v1/pets/a%2Cb,c", "a%2Cb,c"),
        ("/v1/pets/Rex%20the%20Dog", "Rex%20the%20Dog"),
        ("/v1/pets/a%2Fb/", "a%2Fb"),
    ])
    func pathValuesAreAlsoGivenAsSent(_ url: String, _ raw: String) throws {
        let contract = try Contract(path: Self.spec, config: ConformConfig())
        guard case .matched(let match) = OperationRouter(document: contract.document, schemas: contract.schemas).route(method: "GET", url: url) else {
            Issue.record("\(url) did not match")
            return
        }
        #expect(match.rawPathValues.dictionary == ["id": raw])
    }

    /// Routing reads a path's segments as byte ranges: as sent, and decoded only when something is encoded.
    @Test(arguments: [
        ("", [], [], false),
        ("/", [""], [""], false),
        ("/v1/pets/", ["v1", "pets", ""], ["v1", "pets", ""], false),
        ("v1/pets", ["pets"], ["pets"], false),
        ("/v1/pets/a%2Fb/%zz", ["v1", "pets", "a%2Fb", "%zz"], ["v1", "pets", "a/b", "%zz"], true),
        ("/caf%C3%A9//x%", ["caf%C3%A9", "", "x%"], ["café", "", "x%"], true),
    ] as [(String, [String], [String], Bool)])
    func pathSegmentsAreReadAsSentAndDecoded(_ path: String, _ raw: [String], _ decoded: [String], _ encoded: Bool) {
        PathSegments.withSegments(of: path) { sent, decodedSegments, wasEncoded in
            #expect(Self.texts(sent) == raw)
            #expect(Self.texts(decodedSegments) == decoded)
            #expect(wasEncoded == encoded)
            if !raw.isEmpty { #expect(Self.texts(sent.dropping(1)) == Array(raw.dropFirst())) }
        }
    }

    static func texts(_ segments: PathSegments) -> [String] {
        (0..<segments.count).map(segments.text)
    }

    @Test func pathSegmentsAreKeptAsSentBesideTheirDecodedForm() {
        PathSegments.withSegments(of: RequestURL("https://api.example.com/v1/users/a%2Cb,c/;id=5").path) { raw, decoded, _ in
            #expect(Self.texts(raw) == ["v1", "users", "a%2Cb,c", ";id=5"])
            #expect(Self.texts(decoded) == ["v1", "users", "a,b,c", ";id=5"])
        }
    }

    /// Segments are what follows each `/` of a request URL's path: empty ones (a trailing slash, `//`) are kept,
    /// since routing decides what they mean.
    @Test(arguments: [
        ("/", [""]), ("/v1/pets/", ["v1", "pets", ""]), ("/a//b", ["a", "", "b"]), ("/é/ü", ["é", "ü"]), ("//", ["", ""]),
        ("*", []), ("x/y", ["y"]), ("https://api.example.com", [""]), ("/a%2Fb/c?d=/e", ["a%2Fb", "c"]),
    ])
    func pathSegmentsKeepEmptyOnes(_ url: String, _ expected: [String]) {
        PathSegments.withSegments(of: RequestURL(url).path) { raw, _, _ in #expect(Self.texts(raw) == expected) }
    }

    // MARK: Methods

    static let methodCases: [Case] = [
        Case(sentence: "the method compares without regard to case",
             method: "get", url: "/v1/pets", expected: .matched("GET /pets", [:])),
        Case(sentence: "a second method of the same path is its own operation",
             method: "POST", url: "/v1/pets", expected: .matched("POST /pets", [:])),
        Case(sentence: "an undocumented method names the methods the path documents",
             method: "PATCH", url: "/v1/pets/42", expected: .methodNotAllowed(path: "/pets/{id}", allowed: ["GET", "DELETE"])),
        Case(sentence: "HEAD is answered like GET where only GET is documented (RFC 9110)",
             method: "HEAD", url: "/v1/pets", expected: .matched("GET /pets", [:])),
        Case(sentence: "a method the concrete path lacks falls to the templated path that has it",
             method: "DELETE", url: "/v1/pets/mine", expected: .matched("DELETE /pets/{id}", ["id": "mine"])),
    ]

    @Test(arguments: methodCases)
    func methods(_ testCase: Case) throws {
        let outcome = try Self.route(testCase.method, testCase.url, in: Self.spec)
        #expect(outcome == testCase.expected)
    }

    // MARK: The trie

    /// Requests made from a description's own templates: each variable filled, each literal kept or replaced by
    /// another template's literal, with and without a trailing slash and an extra segment.
    static func requests(for routes: [Route]) -> [[String]] {
        let literals = Set(routes.flatMap { $0.segments.compactMap(\.literal) }).sorted()
        var requests: [[String]] = [[], [""]]
        for route in routes {
            let filled = route.segments.map { $0.literal ?? "42" }
            requests += [filled, filled + [""], filled + ["extra"], Array(filled.dropLast())]
            for (position, segment) in route.segments.enumerated() where segment.literal != nil {
                for other in literals.prefix(4) {
                    var changed = filled
                    changed[position] = other
                    requests.append(changed)
                }
            }
        }
        return requests
    }

    /// The trie only narrows: whatever a route matches is among its candidates, and the candidates keep the
    /// routes' order (most specific first), so routing through it picks what trying every route would pick.
    /// `every` takes one request in so many, to keep a large description's brute force short.
    static func expectTrieKeepsEveryMatch(_ document: OpenAPIDocument, every: Int = 1) {
        for trailingSlashMatters in [false, true] {
            let routes = document.paths.map { Route($0, plans: [], trailingSlashMatters: trailingSlashMatters) }.sorted(by: Route.isMoreSpecific)
            let trie = RouteTrie(routes)
            for written in Self.requests(for: routes).enumerated().filter({ $0.offset % every == 0 }).map(\.element) {
                let (candidates, matching) = PathSegments.withSegments(of: written.map { "/" + $0 }.joined()) { request, _, _ in
                    (trie.candidates(request, trailingSlashOptional: !trailingSlashMatters), routes.indices.filter { routes[$0].match(request) != nil })
                }
                let request = written
                #expect(Set(matching).isSubset(of: candidates), "request \(request)")
                #expect(candidates == candidates.sorted())
            }
        }
    }

    @Test(arguments: [spec, specWithoutServers, specWithPathServers])
    func theTrieKeepsEveryMatch(_ path: String) throws {
        Self.expectTrieKeepsEveryMatch(try Contract(path: path, config: ConformConfig()).document)
    }

    /// DigitalOcean's description has 445 path templates, nearly all below `/v2/`.
    @Test(.enabled(if: TestPaths.corpus != nil, Comment(rawValue: TestPaths.corpusMissingReason)))
    func theTrieKeepsEveryMatchOfALargeDescription() throws {
        let path = try #require(TestPaths.corpus) + "/specs/digitalocean/specification/DigitalOcean-public.v2.yaml"
        let document = try Contract(path: path, config: ConformConfig()).document
        #expect(document.paths.count > 400)
        Self.expectTrieKeepsEveryMatch(document, every: 10)
    }

    /// A fixture with findings of its own would make the cases above test the model builder's recovery instead.
    @Test(arguments: [spec, specWithoutServers, specWithPathServers])
    func theFixtureDescriptionIsClean(_ path: String) throws {
        let contract = try Contract(path: path, config: ConformConfig(), lint: true)
        #expect(contract.findings.map(\.message) == [])
    }
}
