import ConformChecks
import ConformFindings
import ConformHTTP
import ConformSpec
import ConformTestSupport
import ConformTraffic
import ConformValues
import Foundation
import OpenAPIConform
import Testing

@testable import ConformLive
@testable import ConformSpec

/// `probe` over real sockets: against the mock of each bundled description (which answers as documented, so the
/// probe must find nothing), and against a server with known defects (each found, with its rule, and nothing else).
@Suite struct ProberTests {
    static let orders = TestPaths.fixture("ConformLiveTests", "orders.yaml")
    static let bundled = ["asset", "cadana", "codat", "qonto"].map { TestPaths.repositoryRoot + "/specs/\($0)/openapi.yaml" }
    /// OpenAPI 3.2: QUERY, an additional method (PURGE), querystring parameters, media types by `$ref`.
    static let oas32 = TestPaths.fixture("ConformChecksTests", "oas32/features.yaml")

    /// Runs the probe of `spec` against a server answering with `handler`; the server is always stopped. The
    /// probe's contract counts the server's address as one of the description's servers, as `probe --base-url` does.
    static func probe(
        _ spec: String, handler: @escaping @Sendable (HTTPServerRequest) -> HTTPServerResponse,
        configure: (inout Prober.Options) -> Void = { _ in }
    ) async throws -> Prober.Outcome {
        var configuration = HTTPServerConfiguration()
        configuration.threads = 4
        let server = HTTPServer(configuration: configuration, handler: handler)
        let port = try server.start()
        defer { server.stop() }
        let described = try Contract(path: spec)
        let base = described.document.servers.first.map { RequestURL($0.url).path } ?? ""
        let baseURL = "http://127.0.0.1:\(port)\(base == "/" ? "" : base)"
        var config = try ConformConfig.resolve(explicit: nil, spec: spec)
        config.servers.append(baseURL)
        let contract = try Contract(path: spec, config: config)
        var options = Prober.Options(baseURL: try #require(URL(string: baseURL)))
        options.maxExamples = 2
        configure(&options)
        let client = LiveClient(configuration: LiveClientConfiguration())
        defer { client.shutdown() }
        return await Prober(contract: contract, options: options, client: client).run(name: "test")
    }

    static func mockHandler(_ contract: Contract) -> @Sendable (HTTPServerRequest) -> HTTPServerResponse {
        let responder = MockResponder(contract: contract, seed: 9)
        return { request in MockServer.response(responder.answer(MockServer.request(request), number: 0).response) }
    }

    @Test(arguments: bundled + [orders, oas32])
    func theMockOfEachDescriptionPasses(_ spec: String) async throws {
        let contract = try Contract(path: spec)
        let outcome = try await Self.probe(spec, handler: Self.mockHandler(contract))
        let report = outcome.report
        let errors = report.results.flatMap(\.findings).filter { $0.severity >= .error }
        #expect(errors.isEmpty, "\(errors.prefix(5).map(\.description))")
        #expect(!outcome.unreachable)
        let exercised = Set(report.results.compactMap(\.operation))
        #expect(exercised == Set(contract.document.operations.map(\.key)), "every documented operation is exercised")
        #expect(report.results.contains { $0.comment == "sent without credentials" }, "negative requests were sent too")
    }

    /// Asking for each documented response (`Prefer: code=` and `Accept`) exercises every one of them: coverage of
    /// the mock is complete, and still without an error.
    @Test(arguments: bundled + [orders, oas32])
    func askingForEachResponseCoversThemAll(_ spec: String) async throws {
        let contract = try Contract(path: spec)
        let outcome = try await Self.probe(spec, handler: Self.mockHandler(contract)) {
            $0.maxExamples = 1
            $0.preferEachResponse = true
        }
        let unseen = outcome.report.coverage.rows.flatMap { row in
            row.cells.filter { $0.tally.exchanges == 0 }.map { "\(row.operation) \($0.key) \($0.mediaType ?? "")" }
        }
        #expect(unseen.isEmpty, "\(unseen)")
        let errors = outcome.report.results.flatMap(\.findings).filter { $0.severity >= .error }
        #expect(errors.isEmpty, "\(errors.prefix(5).map(\.description))")
    }

    /// A querystring parameter's whole query string, made invalid (a form member the schema does not allow, JSON of
    /// the wrong type), is sent, and the mock refuses it.
    @Test func aBrokenQuerystringIsSentAndRefused() async throws {
        let contract = try Contract(path: Self.oas32)
        let outcome = try await Self.probe(Self.oas32, handler: Self.mockHandler(contract))
        let negatives = outcome.report.results.filter { $0.comment?.hasPrefix("querystring parameter") == true }
        #expect(Set(negatives.compactMap { $0.operation?.description }) == ["GET /products", "GET /reports"])
        #expect(negatives.allSatisfy { $0.status == 400 }, "\(negatives.map { "\($0.comment ?? "") → \($0.status ?? 0)" })")
    }

    /// A server that answers like the mock except for one defect per operation: each is found with its rule and
    /// nothing else is.
    @Test func eachDefectOfAWrongServerIsFound() async throws {
        let contract = try Contract(path: Self.orders)
        let mock = Self.mockHandler(contract)
        let handler: @Sendable (HTTPServerRequest) -> HTTPServerResponse = { request in
            var response = mock(request)
            let path = request.target.split(separator: "?").first.map(String.init) ?? request.target
            switch (request.method, path) {
            case ("GET", "/v1/orders"):
                // A required response header left out.
                response.headers.removeAll { $0.name == "X-RateLimit-Remaining" }
            case ("POST", "/v1/orders"):
                // Everything accepted, invalid bodies too.
                if response.status == 400 || response.status == 422 {
                    response = HTTPServerResponse(status: 201, headers: [("Content-Type", "application/json"), ("Location", "/v1/orders/ord_1NvX")],
                        body: Array(#"{"id":"ord_1NvX","amount":1999,"currency":"eur","status":"paid","email":"ada@example.com","created":"2026-11-30T08:01:02Z"}"#.utf8))
                }
            case ("DELETE", _) where path.hasPrefix("/v1/orders/") && response.status == 204:
                // A status the description does not document.
                response.status = 202
            case ("GET", _) where path.hasSuffix("/receipt"):
                response = HTTPServerResponse(status: 500, headers: [("Content-Type", "text/plain")], body: Array("boom".utf8))
            case ("POST", _) where path.hasSuffix("/refunds") && response.status == 201:
                // Valid requests refused, as an API whose own validation is stricter than its description does.
                response = HTTPServerResponse(status: 400, headers: [("Content-Type", "application/json")],
                    body: Array(#"{"error":{"type":"invalid_request_error","message":"amount must be at most the order's total","param":"amount"}}"#.utf8))
            case ("GET", _) where path.hasPrefix("/v1/orders/") && response.status == 200:
                // A wrong type in the body.
                response.body = Array(String(decoding: response.body, as: UTF8.self).replacingOccurrences(of: "\"amount\":1999", with: "\"amount\":\"1999\"").utf8)
            default:
                break
            }
            return response
        }
        let outcome = try await Self.probe(Self.orders, handler: handler) { $0.maxExamples = 1 }
        let found = Set(outcome.report.results.flatMap { result in
            result.findings.filter { $0.severity >= .error }.map { "\($0.rule.name) \(result.operation?.description ?? "-")" }
        })
        #expect(found == [
            "response-header-invalid GET /orders",
            "probe-accepted-invalid POST /orders",
            "response-status-undocumented DELETE /orders/{orderId}",
            "probe-server-error GET /orders/{orderId}/receipt",
            "response-body-invalid GET /orders/{orderId}",
            "probe-rejected-valid POST /orders/{orderId}/refunds",
        ], "\(found.sorted())")
        let rejection = try #require(outcome.report.results.flatMap(\.findings).first { $0.rule == .probeRejectedValid })
        #expect(rejection.message == "POST /orders/{orderId}/refunds refused with 400 a request its description allows")
        #expect(rejection.notes.contains { $0.hasSuffix(#"The API answered: {"error":{"type":"invalid_request_error","message":"amount must be at most the order's total","param":"amount"}}"#) },
                "\(rejection.notes)")
    }

    @Test func anUnreachableAPIIsItsOwnFinding() async throws {
        let refusing = try RefusingPort()
        let port = refusing.port
        var config = ConformConfig()
        config.servers = ["http://127.0.0.1:\(port)/v1"]
        let contract = try Contract(path: Self.orders, config: config)
        var options = Prober.Options(baseURL: try #require(URL(string: "http://127.0.0.1:\(port)/v1")))
        options.maxExamples = 1
        options.operationIDs = ["health"]
        var configuration = LiveClientConfiguration()
        configuration.retries = 0
        let client = LiveClient(configuration: configuration)
        defer { client.shutdown() }
        let outcome = await Prober(contract: contract, options: options, client: client).run(name: "test")
        withExtendedLifetime(refusing) {}
        #expect(outcome.unreachable)
        let findings = outcome.report.results.flatMap(\.findings)
        #expect(!findings.isEmpty && findings.allSatisfy { $0.rule == .probeUnreachable }, "\(findings.map(\.description))")
        #expect(findings.first?.message.contains("could not connect") == true, "\(findings.first?.message ?? "")")
    }

    /// Creates run first, and the id a create returns fills the item operations' path parameter.
    @Test func anIdFromACreateIsUsedByTheItemOperations() async throws {
        let contract = try Contract(path: Self.orders)
        let seen = SeenTargets()
        let mock = Self.mockHandler(contract)
        let outcome = try await Self.probe(Self.orders, handler: { request in
            seen.add("\(request.method) \(request.target)")
            return mock(request)
        })
        #expect(!outcome.unreachable)
        let targets = seen.all
        // The create's example answer is order ord_1NvX (the first named example), which reads then ask for.
        #expect(targets.contains("GET /v1/orders/ord_1NvX"), "\(targets.filter { $0.hasPrefix("GET /v1/orders/") }.prefix(5))")
        let firstPost = try #require(targets.firstIndex { $0.hasPrefix("POST /v1/orders ") || $0 == "POST /v1/orders" })
        let firstDelete = try #require(targets.firstIndex { $0.hasPrefix("DELETE ") })
        #expect(firstPost < firstDelete)
    }
}

extension ProberTests {
    /// Corpus shapes that once made the mock or the probe err: no documented response (the mock answers 204), a
    /// multipart body of optional properties (a part is always sent), a required `Authorization` header parameter
    /// (ignored by OpenAPI, so leaving it out is no negative request).
    @Test func corpusQuirksProbeClean() async throws {
        let spec = TestPaths.fixture("ConformLiveTests", "quirks.yaml")
        let contract = try Contract(path: spec)
        let outcome = try await Self.probe(spec, handler: Self.mockHandler(contract)) { $0.maxExamples = 4 }
        let errors = outcome.report.results.flatMap(\.findings).filter { $0.severity >= .error }
        #expect(errors.isEmpty, "\(errors.map(\.description))")
        #expect(outcome.report.results.contains { $0.operationID == "silent" && $0.status == 204 })
    }

    /// Credentials given as a --header are sent with every request, and left out of the one sent without
    /// credentials on purpose (else the API's 2xx to it would read as accepting an invalid request).
    @Test func headerCredentialsStayOffTheRequestWithoutCredentials() async throws {
        let contract = try Contract(path: Self.orders)
        let outcome = try await Self.probe(Self.orders, handler: Self.mockHandler(contract)) {
            $0.maxExamples = 1
            $0.headers = [(name: "Authorization", value: "Bearer sk_from_header")]
        }
        let errors = outcome.report.results.flatMap(\.findings).filter { $0.severity >= .error }
        #expect(errors.isEmpty, "\(errors.map(\.description))")
        #expect(outcome.report.results.contains { $0.comment == "sent without credentials" && $0.status == 401 })
    }

    /// Values links give reach the operations they name: a query parameter by operationId, a path parameter by
    /// operationRef (the mock answers the create with its example, whose handle is h_abcdef).
    @Test func linksFeedTheOperationsTheyName() async throws {
        let (targets, outcome) = try await Self.probeTheMock(of: TestPaths.fixture("ConformLiveTests", "links.yaml"))
        #expect(targets.contains("GET /session-info?sid=h_abcdef"), "\(targets)")
        #expect(targets.contains("DELETE /sessions/h_abcdef"), "\(targets)")
        #expect(outcome.report.results.flatMap(\.findings).filter { $0.severity >= .error }.isEmpty)
    }

    /// Values from the request that got the answer: `$request.path.reportId` read past the server's base path out
    /// of a segment with two variables (`{reportId}.{format}`), and `$url` the URL as sent, with host and base path.
    @Test func linksReadTheRequestAsTheRouterDoes() async throws {
        let (targets, outcome) = try await Self.probeTheMock(of: TestPaths.fixture("ConformLiveTests", "links-from-request.yaml"))
        let reports = targets.compactMap { $0.wholeMatch(of: /GET \/v2\/reports\/(r_[0-9]{4})\.pdf/)?.1 }
        let followed = reports.contains { id in
            targets.contains {
                $0.hasPrefix("GET /v2/report-status?report=\(id)&source=http%3A%2F%2F127.0.0.1%3A") && $0.hasSuffix("%2Fv2%2Freports%2F\(id).pdf")
            }
        }
        #expect(followed, "\(targets)")
        #expect(outcome.report.results.flatMap(\.findings).filter { $0.severity >= .error }.isEmpty)
    }
}

extension ProberTests {
    /// The description FastAPI 0.165 serves for a billing app (`openapi.json`, trimmed to three operations): an
    /// upload (`UploadFile`, which 3.1 writes as `contentMediaType`), optional query parameters (`anyOf` with null)
    /// and a form of optional fields. Against a server that reads requests as FastAPI does, every request the probe
    /// means as valid is taken: a file is sent as a file, and null is left out rather than sent as the text "null".
    @Test func aFastAPIDescriptionIsProbedAsFastAPIReadsRequests() async throws {
        let spec = TestPaths.fixture("ConformLiveTests", "fastapi-billing.json")
        let contract = try Contract(path: spec)
        let outcome = try await Self.probe(spec, handler: Self.fastAPIHandler(contract)) { $0.maxExamples = 8 }
        let errors = outcome.report.results.flatMap(\.findings).filter { $0.severity >= .error }
        #expect(errors.isEmpty, "\(errors.map { "\($0.description) \($0.notes)" })")
        #expect(outcome.report.results.contains { $0.operation?.description == "PUT /invoices/{invoice_id}/attachment" && $0.status == 204 })
        #expect(outcome.report.results.contains { $0.operation?.description == "POST /customers/{customer_id}" && $0.status == 200 })
    }

    /// The mock, refusing with FastAPI's 422 what FastAPI refuses of what the mock takes: a multipart part without
    /// a filename where an `UploadFile` is wanted (Starlette reads it as a text field), and the text `null` where
    /// pydantic wants an e-mail address, a date-time or an integer.
    static func fastAPIHandler(_ contract: Contract) -> @Sendable (HTTPServerRequest) -> HTTPServerResponse {
        let mock = mockHandler(contract)
        return { request in
            let response = mock(request)
            guard (200..<300).contains(response.status) else { return response }
            func refuse(_ location: String, _ field: String, _ message: String) -> HTTPServerResponse {
                HTTPServerResponse(status: 422, headers: [("Content-Type", "application/json")], body: Array(
                    #"{"detail":[{"type":"value_error","loc":["\#(location)","\#(field)"],"msg":"\#(message)"}]}"#.utf8))
            }
            let url = RequestURL(request.target)
            switch request.method {
            case "GET":
                for pair in url.queryPairs {
                    if pair.name == "email" && !pair.value.contains("@") { return refuse("query", "email", "value is not a valid email address") }
                    if pair.name == "created[gte]" && pair.value == "null" { return refuse("query", "created[gte]", "Input should be a valid datetime") }
                }
            case "PUT":
                let type = request.headers.first { $0.name.lowercased() == "content-type" }?.value ?? ""
                let parts = MultipartBody.boundary(in: type).flatMap { MultipartBody.parts(request.body, boundary: $0) } ?? []
                if parts.first(where: { $0.name == "file" })?.filename == nil {
                    return refuse("body", "file", "Value error, Expected UploadFile, received: <class 'str'>")
                }
            case "POST":
                for pair in RequestURL("/?" + String(decoding: request.body, as: UTF8.self)).queryPairs where pair.name == "balance" && Int(pair.value) == nil {
                    return refuse("body", "balance", "Input should be a valid integer, unable to parse string as an integer")
                }
            default:
                break
            }
            return response
        }
    }

    /// The probe of `spec` against its mock, and the method and target of each request the mock saw.
    static func probeTheMock(of spec: String) async throws -> (targets: [String], outcome: Prober.Outcome) {
        let mock = mockHandler(try Contract(path: spec))
        let seen = SeenTargets()
        let outcome = try await probe(spec, handler: { request in
            seen.add("\(request.method) \(request.target)")
            return mock(request)
        })
        return (seen.all, outcome)
    }
}

final class SeenTargets: @unchecked Sendable {
    private let lock = NSLock()
    private var targets: [String] = []
    func add(_ target: String) { lock.withLock { targets.append(target) } }
    var all: [String] { lock.withLock { targets } }
}

extension ProberTests {
    static let customersForms = TestPaths.fixture("ConformLiveTests", "customers-forms.yaml")

    /// Form and multipart bodies are broken on purpose too, with the breaks that survive being written as text: a
    /// server that takes every body is found out on both, and the mock, which reads them as `validate` does,
    /// refuses every one.
    /// Under a server URL with a base path too (`https://api.customers.example.com/v1`, paths `/customers`): a break
    /// is confirmed at the URL it is sent to.
    @Test(arguments: [false, true])
    func formAndMultipartBodiesAreBrokenToo(underBasePath: Bool) async throws {
        let spec = underBasePath ? try Self.customersFormsUnderBasePath() : Self.customersForms
        defer { if underBasePath { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: spec).deletingLastPathComponent().path) } }
        let contract = try Contract(path: spec)
        let mock = Self.mockHandler(contract)
        let refused = try await Self.probe(spec, handler: mock) { $0.maxExamples = 1 }
        let errors = refused.report.results.flatMap(\.findings).filter { $0.severity >= .error }
        #expect(errors.isEmpty, "\(errors.prefix(5).map(\.description))")
        let broken = refused.report.results.filter { $0.comment?.hasPrefix("body") == true }
        let byOperation = Dictionary(grouping: broken, by: { $0.operationID ?? "-" }).mapValues { $0.compactMap(\.comment).sorted() }
        #expect(Set(byOperation.keys) == ["createCustomer", "uploadDocument"], "\(byOperation)")
        let customer = byOperation["createCustomer"] ?? []
        // Worded as validate words what is wrong with the body as sent.
        #expect(customer.contains("body: required property 'email' is missing"), "\(customer)")
        #expect(customer.contains { $0.hasPrefix("body /tax_exempt: ") && $0.contains("is not one of the allowed values") }, "\(customer)")
        #expect(!customer.contains { $0.hasPrefix("body /name: ") && $0.contains("integer") }, "a number in a text field is text: \(customer)")
        #expect(byOperation["uploadDocument"]?.contains { $0.contains("required property") } == true, "\(byOperation)")
        #expect(broken.allSatisfy { $0.status == 400 || $0.status == 422 }, "\(broken.map { "\($0.comment ?? "") → \($0.status ?? 0)" })")
        // A header parameter is broken too, as it is written.
        let header = refused.report.results.first { $0.comment?.hasPrefix("header parameter 'Idempotency-Key'") == true }
        #expect(header?.status == 400, "\(refused.report.results.compactMap(\.comment))")

        // A server that takes any body: each form operation accepted an invalid one.
        let lenient: @Sendable (HTTPServerRequest) -> HTTPServerResponse = { request in
            var response = mock(request)
            if request.method == "POST", response.status == 400 || response.status == 422 {
                let path = request.target.split(separator: "?").first.map(String.init) ?? request.target
                response = path.hasSuffix("/documents")
                    ? HTTPServerResponse(status: 201, headers: [("Content-Type", "application/json")], body: Array(#"{"id":"file_1Nv0","purpose":"identity_document"}"#.utf8))
                    : HTTPServerResponse(status: 201, headers: [("Content-Type", "application/json")], body: Array(#"{"id":"cus_Nv0aB1","object":"customer","email":"ada@example.com"}"#.utf8))
            }
            return response
        }
        let accepted = try await Self.probe(spec, handler: lenient) { $0.maxExamples = 1 }
        let found = Set(accepted.report.results.filter { result in
            result.findings.contains { $0.rule == .probeAcceptedInvalid }
        }.compactMap(\.operationID))
        #expect(found == ["createCustomer", "uploadDocument"], "\(found)")
    }

    /// customers-forms.yaml with its base path in the server URL, written to a temporary folder.
    static func customersFormsUnderBasePath() throws -> String {
        let text = try String(contentsOfFile: customersForms, encoding: .utf8)
            .replacingOccurrences(of: "url: https://api.customers.example.com", with: "url: https://api.customers.example.com/v1")
            .replacingOccurrences(of: "\n  /v1/customers", with: "\n  /customers")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("customers-forms-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("openapi.yaml").path
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    /// Security requirements are alternatives: the one the given credentials meet is sent, not the first with a
    /// made-up token, which a running API refuses.
    @Test func theRequirementGivenCredentialsMeetIsSent() throws {
        let contract = try Contract(path: Self.customersForms)
        let operation = try #require(contract.document.operations.first { $0.operationID == "deleteCustomer" })
        let keyed = try RequestSynthesizer(contract: contract, base: "http://127.0.0.1:9", credentials: ["ApiKey": "key_live_4eC39H"])
            .request(for: operation, seed: 1).get()
        #expect(keyed.headers["X-API-Key"] == "key_live_4eC39H")
        #expect(keyed.headers["Authorization"] == nil)
        let made = try RequestSynthesizer(contract: contract, base: "http://127.0.0.1:9").request(for: operation, seed: 1).get()
        #expect(made.headers["Authorization"]?.hasPrefix("Bearer ") == true)
        #expect(made.headers["X-API-Key"] == nil)
    }

    static let requirementCases: [(schemes: [[String]], given: [String], chosen: [String]?)] = [
        ([["BearerAuth"], ["ApiKey"]], [], ["BearerAuth"]),
        ([["BearerAuth"], ["ApiKey"]], ["ApiKey"], ["ApiKey"]),
        ([["BearerAuth"], ["ApiKey"]], ["BearerAuth", "ApiKey"], ["BearerAuth"]),
        // Both of a pair given beats one of another; one of a pair beats none.
        ([["ApiKey"], ["AppId", "AppSecret"]], ["AppId", "AppSecret"], ["AppId", "AppSecret"]),
        ([["ApiKey"], ["AppId", "AppSecret"]], ["AppSecret"], ["AppId", "AppSecret"]),
        // Anonymous access first: a credential given is still sent.
        ([[], ["BearerAuth"]], ["BearerAuth"], ["BearerAuth"]),
        ([[], ["BearerAuth"]], ["Other"], []),
        ([], ["BearerAuth"], nil),
    ]

    @Test(arguments: requirementCases)
    func theRequirementChosen(_ schemes: [[String]], _ given: [String], _ chosen: [String]?) {
        let origin = SpecPointer(file: "api.yaml", pointer: .root)
        let requirements = schemes.map { SecurityRequirement(schemes: $0.map { (name: $0, scopes: []) }, origin: origin) }
        let credentials = Dictionary(uniqueKeysWithValues: given.map { ($0, "v") })
        #expect(RequestSynthesizer.requirement(requirements, given: credentials)?.schemes.map(\.name) == chosen)
    }

    /// Each seed makes its own generated requests: seed 1's are made from 1, 2, 3, …, and seed 2's do not repeat them.
    @Test func eachSeedMakesItsOwnRequests() {
        #expect((0..<3).map { ProbePlanner.caseSeed(1, $0) } == [1, 2, 3])
        let first = Set((0..<1_000).map { ProbePlanner.caseSeed(1, $0) })
        let second = Set((0..<1_000).map { ProbePlanner.caseSeed(2, $0) })
        #expect(first.isDisjoint(with: second))
        #expect(ProbePlanner.caseSeed(2, 0) == 1 + (1 << 20))
    }
}

extension ProberTests {
    static let customersPydantic = TestPaths.fixture("ConformLiveTests", "customers-pydantic.yaml")

    /// The mock of customers-pydantic.yaml, answering creates with customer `cus_Ab12Cd`; a `lenient` one also takes
    /// what a server that checks only some keywords takes: a long `memo`, a negative `fee` (both optional fields
    /// pydantic writes as `anyOf` with null) and a `limit` above its maximum.
    static func customersHandler(lenient: Bool, seen: SeenTargets) throws -> @Sendable (HTTPServerRequest) -> HTTPServerResponse {
        let mock = mockHandler(try Contract(path: customersPydantic))
        let customer = HTTPServerResponse(status: 201, headers: [("Content-Type", "application/json")], body: Array(#"{"id":"cus_Ab12Cd","email":"ada@example.com"}"#.utf8))
        return { request in
            seen.add("\(request.method) \(request.target)")
            let response = mock(request)
            let url = RequestURL(request.target)
            switch (request.method, url.path) {
            case ("POST", "/v1/customers/"):
                if response.status == 201 { return customer }
                guard lenient, (400..<500).contains(response.status), let body = try? JSONReader.parse(request.body) else { return response }
                let longMemo = (body["memo"]?.stringValue?.count ?? 0) > 20
                let negativeFee = (body["fee"]?.doubleValue ?? 0) < 0
                return longMemo || negativeFee ? customer : response
            case ("GET", "/v1/customers/"):
                let limit = url.queryPairs.first { $0.name == "limit" }.flatMap { Int($0.value) } ?? 0
                guard lenient, (400..<500).contains(response.status), limit > 100 else { return response }
                return HTTPServerResponse(status: 200, headers: [("Content-Type", "application/json")], body: Array("[]".utf8))
            default:
                return response
            }
        }
    }

    /// Beyond one break per kind of keyword: the optional fields pydantic writes as `anyOf: [X, {type: 'null'}]`
    /// are broken inside X, a second field with the same kind of keyword is broken too, and a parameter is broken
    /// on its bounds after its type, all under a server URL with a base path (`/v1`), where the breaks are
    /// confirmed at the URL they are sent to. The mock refuses every one; a server that ignores those keywords is
    /// found out on each.
    @Test func optionalFieldsAndFurtherKeywordsAreBroken() async throws {
        let strict = try await Self.probe(Self.customersPydantic, handler: Self.customersHandler(lenient: false, seen: SeenTargets())) { $0.maxExamples = 3 }
        let errors = strict.report.results.flatMap(\.findings).filter { $0.severity >= .error }
        #expect(errors.isEmpty, "\(errors.map(\.description))")
        let comments = strict.report.results.compactMap(\.comment)
        for expected in ["body: below minimum 0 at /fee", "body: longer than maxLength 20 at /memo", "body: longer than maxLength 40 at /name"] {
            #expect(comments.contains(expected), "\(expected): \(comments.filter { $0.hasPrefix("body") })")
        }
        #expect(comments.contains { $0.hasPrefix("query parameter 'limit'") && $0.contains("maximum") }, "\(comments)")
        #expect(comments.contains { $0.hasPrefix("query parameter 'created_since'") }, "\(comments)")
        #expect(comments.contains { $0.hasPrefix("header parameter 'X-Trace'") }, "\(comments)")
        #expect(comments.contains { $0.hasPrefix("path parameter 'customer_id'") }, "\(comments)")
        // No readOnly member is sent as a break, and the root's wrong type is the JSON of a valid body as a string.
        #expect(comments.contains("body: a string holding the JSON of a valid value where object is expected"), "\(comments)")

        let lenient = try await Self.probe(Self.customersPydantic, handler: Self.customersHandler(lenient: true, seen: SeenTargets())) { $0.maxExamples = 3 }
        let accepted = lenient.report.results.filter { $0.findings.contains { $0.rule == .probeAcceptedInvalid } }
        let found = Set(accepted.compactMap(\.comment).map { $0.hasPrefix("query parameter 'limit'") ? "limit" : $0 })
        #expect(found == ["body: below minimum 0 at /fee", "body: longer than maxLength 20 at /memo", "limit"], "\(found.sorted())")
    }

    /// Collections routed with a trailing slash (`POST /customers/`) fill their items' paths, deletes of nested items
    /// run before those of the items they are under, an item that does not exist is asked for once, and an optional
    /// body is once left out, which the mock takes.
    @Test func itemsOfSlashedCollectionsAreReachedAndNestedDeletesRunFirst() async throws {
        let seen = SeenTargets()
        let outcome = try await Self.probe(Self.customersPydantic, handler: Self.customersHandler(lenient: false, seen: seen)) { $0.maxExamples = 2 }
        let targets = seen.all
        #expect(targets.contains("GET /v1/customers/cus_Ab12Cd"), "\(targets.filter { $0.hasPrefix("GET") })")
        let nested = try #require(targets.firstIndex { $0.hasPrefix("DELETE /v1/customers/cus_Ab12Cd/notes/") })
        let parent = try #require(targets.firstIndex { $0 == "DELETE /v1/customers/cus_Ab12Cd" })
        #expect(nested < parent, "\(targets.filter { $0.hasPrefix("DELETE") })")
        // One request on an item that does not exist, whose answer must be documented too.
        let madeUp = outcome.report.results.filter { $0.comment == "an item that does not exist ('customer_id' made up)" }
        #expect(Set(madeUp.compactMap(\.operationID)) == ["getCustomer", "updateCustomer", "deleteCustomer", "createNote", "deleteNote"], "\(madeUp.compactMap(\.operationID))")
        let bodiless = outcome.report.results.filter { $0.comment == "without its optional body" }
        #expect(bodiless.map(\.operationID) == ["updateCustomer"])
        #expect(bodiless.allSatisfy { $0.status == 200 && $0.findings.isEmpty }, "\(bodiless.map(\.findings))")
    }

    /// An API that refuses every valid request with 401: nothing invalid is sent (its refusal would prove
    /// nothing), each operation says so, and the run says the credentials were refused.
    @Test func refusedCredentialsTestNothingAndSaySo() async throws {
        let seen = SeenTargets()
        let outcome = try await Self.probe(Self.customersPydantic, handler: { request in
            seen.add("\(request.method) \(request.target)")
            return HTTPServerResponse(status: 401, headers: [("Content-Type", "application/json")], body: Array(#"{"detail":"Invalid token"}"#.utf8))
        }) { $0.maxExamples = 2 }
        #expect(outcome.credentialsRefused)
        #expect(!outcome.report.results.contains { $0.comment.map { $0.hasPrefix("body") || $0.contains("parameter") || $0 == "sent without credentials" } == true },
                "\(outcome.report.results.compactMap(\.comment))")
        #expect(outcome.problems.contains("POST /customers/: nothing was sent at an edge or invalid on purpose: the API accepted none of its valid requests (401 ×3), so refusing an invalid one would prove nothing"),
                "\(outcome.problems)")
    }
}

extension ProberTests {
    /// A probe's recording read with other servers than the probe's (validate without `--server`): a request broken
    /// on purpose that reached no operation says so, as a valid one does, rather than passing; one that did reach
    /// its operation keeps only what judges the break.
    @Test(arguments: [("http://127.0.0.1:9/v1/orders", [RuleID.requestUnknownServer]), ("https://api.orders.example.com/v1/orders", [])])
    func aRequestBrokenOnPurposeIsJudgedOnlyWhereItReachedItsOperation(_ url: String, _ expected: [RuleID]) throws {
        let contract = try Contract(path: Self.orders)
        let summary = "body: required property 'amount' removed"
        var exchange = HTTPExchange(
            request: HTTPRequest(method: "POST", url: url, headers: HTTPHeaders([("Content-Type", "application/json"), ("Authorization", "Bearer sk_test_1")]), body: .bytes(Array("{}".utf8))),
            response: HTTPResponse(status: 400, headers: HTTPHeaders([("Content-Type", "application/problem+json")]), body: .bytes(Array(#"{"type":"about:blank","title":"amount is required","status":400}"#.utf8))),
            source: ExchangeReference(source: .live("probe"), index: 0), comment: summary)
        exchange.intent = .invalidOnPurpose(summary)
        let findings = contract.validate(exchange).findings.filter { $0.severity >= .error }
        #expect(findings.map(\.rule) == expected, "\(findings.map(\.description))")
    }
}

extension ProberTests {
    /// A 405 to an undocumented method must say which methods the path takes: the mock's does; one without Allow,
    /// or one that lists only some documented methods (Starlette lists those of one route function), is said.
    @Test func theAllowOfA405IsChecked() async throws {
        let mock = Self.mockHandler(try Contract(path: Self.customersPydantic))
        let clean = try await Self.probe(Self.customersPydantic, handler: mock) { $0.maxExamples = 1 }
        #expect(!clean.report.results.flatMap(\.findings).contains { $0.rule == .probeAllowHeader })
        let outcome = try await Self.probe(Self.customersPydantic, handler: { request in
            var response = mock(request)
            if response.status == 405 {
                response.headers.removeAll { $0.name.lowercased() == "allow" }
                if RequestURL(request.target).path == "/v1/customers/" { response.headers.append(("Allow", "POST")) }
            }
            return response
        }) { $0.maxExamples = 1 }
        let said = outcome.report.results.flatMap(\.findings).filter { $0.rule == .probeAllowHeader }.map(\.message).sorted()
        #expect(said == [
            "the 405 to PATCH /customers/{customer_id}/notes/ has no Allow header; it must list the methods the path takes (documented: POST)",
            "the 405 to PATCH /customers/{customer_id}/notes/{note_id} has no Allow header; it must list the methods the path takes (documented: DELETE)",
            "the 405 to PUT /customers/{customer_id} has no Allow header; it must list the methods the path takes (documented: GET, DELETE, PATCH)",
            "the Allow header of the 405 to PATCH /customers/ lists POST and leaves out GET, which the description documents for the path",
        ], "\(said)")
    }
}

extension ProberTests {
    /// Valid requests at the edges of what the description allows, made from one the API accepted: the mock takes
    /// every one; an API stricter than its description (an empty name refused, `limit=100` refused where `maximum:
    /// 100`) is `probe-rejected-valid` with the edge named, and one that fails on a null it is allowed is
    /// `probe-server-error`. An API that refuses a second customer with the same email (409) gets each create at an
    /// edge again with its other strings made anew, so that the edge is still tried.
    @Test func valuesAtTheEdgesTheDescriptionAllowsAreSent() async throws {
        let mock = Self.mockHandler(try Contract(path: Self.customersPydantic))
        let clean = try await Self.probe(Self.customersPydantic, handler: mock) { $0.maxExamples = 2 }
        let errors = clean.report.results.flatMap(\.findings).filter { $0.severity >= .error }
        #expect(errors.isEmpty, "\(errors.map(\.description))")
        let comments = clean.report.results.compactMap(\.comment)
        for expected in ["edge of the body at /name: an empty string (no minLength)", "edge of the body at /memo: null, which the schema allows", "edge of query parameter 'limit': 100 (maximum 100)"] {
            #expect(comments.contains(expected), "\(expected): \(comments)")
        }
        // The run says what it sent: every exchange counted once, by what the probe meant by it.
        let edges = comments.filter { $0.hasPrefix("edge of") }.count
        #expect(clean.sent.atEdge == edges && clean.sent.valid > edges && clean.sent.brokenOnPurpose > 0)
        #expect(clean.sent.description == "\(clean.report.results.count) requests: \(clean.sent.valid) valid (\(edges) at an edge), \(clean.sent.brokenOnPurpose) broken on purpose")
        let refuse: @Sendable (Int, String) -> HTTPServerResponse = { status, detail in
            HTTPServerResponse(status: status, headers: [("Content-Type", "application/json")], body: Array(#"{"detail":"\#(detail)"}"#.utf8))
        }
        let emails = SeenTargets()
        let outcome = try await Self.probe(Self.customersPydantic, handler: { request in
            let url = RequestURL(request.target)
            switch (request.method, url.path) {
            case ("POST", "/v1/customers/"):
                guard let body = try? JSONReader.parse(request.body) else { break }
                if let email = body["email"]?.stringValue, emails.all.contains(email) { return refuse(409, "a customer with this email exists") }
                if body["name"] == .string("") { return refuse(422, "name must not be empty") }
                if body["memo"] == .null { return HTTPServerResponse(status: 500, headers: [("Content-Type", "text/plain")], body: Array("NOT NULL constraint failed: customer.memo".utf8)) }
            case ("GET", "/v1/customers/"):
                if url.queryPairs.contains(where: { $0.name == "limit" && $0.value == "100" }) { return refuse(422, "limit must be below 100") }
            default:
                break
            }
            let response = mock(request)
            if request.method == "POST", url.path == "/v1/customers/", response.status == 201,
                let email = (try? JSONReader.parse(request.body))?["email"]?.stringValue
            {
                emails.add(email)
            }
            return response
        }) { $0.maxExamples = 2 }
        // The 409s are documented nowhere, which is said too; the probe's own findings are these.
        let found = outcome.report.results.flatMap(\.findings).filter { $0.severity >= .error && $0.rule.name.hasPrefix("probe-") }.map(\.message).sorted()
        #expect(found == [
            "GET /customers/ refused with 422 a request its description allows (edge of query parameter 'limit': 100 (maximum 100))",
            "POST /customers/ answered 500 to a valid request (edge of the body at /memo: null, which the schema allows (sent again after a 409, its other strings made anew))",
            "POST /customers/ refused with 422 a request its description allows (edge of the body at /name: an empty string (no minLength) (sent again after a 409, its other strings made anew))",
        ], "\(found)")
    }
}

extension ProberTests {
    /// An item's id off its schema, in the URL of a request the API accepted: an API whose lookup fails on it (a
    /// cast of the id) answers 500, which is `probe-server-error` with the break named.
    @Test func pathParametersAreBrokenToo() async throws {
        let mock = Self.mockHandler(try Contract(path: Self.customersPydantic))
        let customer = HTTPServerResponse(status: 200, headers: [("Content-Type", "application/json")], body: Array(#"{"id":"cus_Ab12Cd","email":"ada@example.com"}"#.utf8))
        let outcome = try await Self.probe(Self.customersPydantic, handler: { request in
            let path = RequestURL(request.target).path
            guard request.method == "GET", path.hasPrefix("/v1/customers/"), !path.hasSuffix("/") else { return mock(request) }
            let id = String(path.dropFirst("/v1/customers/".count))
            if id.hasPrefix("cus_") { return mock(request).status == 404 ? customer : mock(request) }
            return HTTPServerResponse(status: 500, headers: [("Content-Type", "text/plain")], body: Array("invalid literal for int()".utf8))
        }) { $0.maxExamples = 1 }
        let errors = outcome.report.results.flatMap(\.findings).filter { $0.severity >= .error }.map(\.message)
        #expect(errors.contains { $0.hasPrefix("GET /customers/{customer_id} answered 500 to a request made invalid on purpose (path parameter 'customer_id'") }, "\(errors)")
    }
}

extension ProberTests {
    /// A list parameter (`status=open,paid`, form style, not exploded) has its items broken and moved to edges, each
    /// list written by the parameter's style: the mock refuses an item outside the enum and takes each other value;
    /// an API that ignores the filter's values is found out.
    @Test func listParametersHaveTheirItemsBrokenAndMovedToEdges() async throws {
        let mock = Self.mockHandler(try Contract(path: Self.orders))
        let clean = try await Self.probe(Self.orders, handler: mock) { $0.maxExamples = 1 }
        let exchanges = clean.report.results.filter { $0.operationID == "listOrders" }
        let broken = exchanges.filter { $0.comment?.hasPrefix("query parameter 'status'") == true }
        #expect(!broken.isEmpty && broken.allSatisfy { $0.status == 400 }, "\(exchanges.map { "\($0.comment ?? "") → \($0.status ?? 0)" })")
        let edges = exchanges.filter { $0.comment?.hasPrefix("edge of query parameter 'status'") == true }
        #expect(edges.contains { $0.comment?.contains("another value of the enum") == true } && edges.allSatisfy { $0.status == 200 },
                "\(exchanges.map { "\($0.comment ?? "") → \($0.status ?? 0)" })")
        #expect(clean.report.results.flatMap(\.findings).filter { $0.severity >= .error }.isEmpty)

        let ignoring = try await Self.probe(Self.orders, handler: { request in
            var response = mock(request)
            if request.method == "GET", RequestURL(request.target).path == "/v1/orders", response.status == 400 {
                var unfiltered = request
                unfiltered.target = "/v1/orders"
                response = mock(unfiltered)
            }
            return response
        }) { $0.maxExamples = 1 }
        let accepted = ignoring.report.results.filter { $0.findings.contains { $0.rule == .probeAcceptedInvalid } }.compactMap(\.comment)
        #expect(accepted.contains { $0.hasPrefix("query parameter 'status'") }, "\(accepted)")
    }
}
