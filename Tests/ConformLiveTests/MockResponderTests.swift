import ConformCheckSupport
import ConformSchema
import ConformSpec
import ConformTestSupport
import ConformTraffic
import ConformValues
import Foundation
import OpenAPIConform
import Testing

@testable import ConformLive

/// The mock's answers, decided without a socket: every valid request is answered as documented and the recorded
/// exchange passes `validate`; every invalid one gets the status and problem the README promises.
@Suite struct MockResponderTests {
    static let orders = TestPaths.fixture("ConformLiveTests", "orders.yaml")
    static let bundled = ["asset", "cadana", "codat", "qonto"].map { TestPaths.repositoryRoot + "/specs/\($0)/openapi.yaml" }
    /// Descriptions as FastAPI 0.165 and Litestar 2.25 serve them for small apps: optional lists and scalars as
    /// `anyOf`/`oneOf` with null, form and multipart bodies (files among them), a form of any string fields.
    static let generated = ["fastapi-billing.json", "litestar-shipments.json"].map { TestPaths.fixture("ConformLiveTests", $0) }

    static func responder(_ spec: String) throws -> (Contract, MockResponder) {
        let contract = try Contract(path: spec)
        return (contract, MockResponder(contract: contract, seed: 7))
    }

    /// The base path requests are sent under: the first server's, as a client of the real API would.
    static func base(_ contract: Contract) -> String {
        contract.document.servers.first.map { RequestURL($0.url).path } ?? ""
    }

    static func request(_ contract: Contract, _ operationID: String, seed: UInt64 = 1, optional: Bool = false) throws -> HTTPRequest {
        let operation = try #require(contract.document.operations.first { $0.operationID == operationID })
        return try RequestSynthesizer(contract: contract, base: base(contract), optionalParameters: optional).request(for: operation, seed: seed).get()
    }

    static func problem(_ response: HTTPResponse) throws -> JSONValue {
        #expect(response.headers["Content-Type"] == "application/problem+json")
        guard case .bytes(let bytes) = response.body else { throw ProblemMissing() }
        return try JSONReader.parse(bytes)
    }

    struct ProblemMissing: Error {}

    // MARK: Valid requests

    /// Every operation of every bundled description and of the fixtures, answered for a synthesized request with
    /// and without its optional parameters and with several seeds: documented, and the exchange passes.
    @Test(arguments: bundled + [orders] + generated)
    func everyOperationIsAnsweredAsDocumented(_ spec: String) throws {
        let (contract, responder) = try Self.responder(spec)
        for operation in contract.document.operations {
            for seed in UInt64(1)...3 {
                let request = try RequestSynthesizer(contract: contract, base: Self.base(contract), optionalParameters: seed == 2)
                    .request(for: operation, seed: seed).get()
                let answer = responder.answer(request, number: Int(seed))
                #expect(answer.result.passed, "\(operation.key) seed \(seed): \(answer.result)")
                #expect((200..<300).contains(answer.response.status), "\(operation.key): \(answer.response.status)")
                let recorded = contract.validate(HTTPExchange(request: request, response: answer.response))
                #expect(recorded.passed && recorded.findings.filter { $0.severity >= .warning }.isEmpty, "\(operation.key): \(recorded)")
            }
        }
    }

    /// `Prefer: code=` picks each documented status; the answer passes too (its body from the schema).
    @Test(arguments: bundled + [orders])
    func everyDocumentedStatusCanBeAskedFor(_ spec: String) throws {
        let (contract, responder) = try Self.responder(spec)
        for operation in contract.document.operations {
            for response in operation.responses {
                let status: Int
                switch response.key {
                case .status(let code): status = code
                case .range(let digit): status = digit * 100 + 99
                case .default: status = 599
                }
                var request = try RequestSynthesizer(contract: contract, base: Self.base(contract)).request(for: operation, seed: 1).get()
                request.headers.append(name: "Prefer", value: "code=\(status)")
                let answer = responder.answer(request, number: 1)
                #expect(answer.response.status == status, "\(operation.key) \(response.key)")
                let recorded = contract.validate(HTTPExchange(request: request, response: answer.response))
                #expect(recorded.passed && recorded.findings.filter { $0.severity >= .warning }.isEmpty, "\(operation.key) \(response.key): \(recorded)")
            }
        }
    }

    @Test func theDefaultAnswerIsTheLowestSuccessWithTheFirstExample() throws {
        let (contract, responder) = try Self.responder(Self.orders)
        let answer = responder.answer(try Self.request(contract, "createOrder"), number: 0)
        #expect(answer.response.status == 201)
        #expect(answer.response.headers["Location"] != nil, "a required response header is sent")
        guard case .bytes(let bytes) = answer.response.body else { Issue.record("no body"); return }
        #expect(try JSONReader.parse(bytes)["id"] == "ord_1NvX", "the first named example")
    }

    @Test func preferChoosesANamedExampleOrAGeneratedBody() throws {
        let (contract, responder) = try Self.responder(Self.orders)
        var request = try Self.request(contract, "createOrder")
        request.headers.append(name: "Prefer", value: "example=open")
        guard case .bytes(let open) = responder.answer(request, number: 0).response.body else { Issue.record("no body"); return }
        #expect(try JSONReader.parse(open)["id"] == "ord_2KpQ")

        request.headers = HTTPHeaders(request.headers.fields.filter { $0.name != "Prefer" })
        request.headers.append(name: "Prefer", value: "dynamic=true")
        let dynamic = responder.answer(request, number: 0)
        guard case .bytes(let generated) = dynamic.response.body else { Issue.record("no body"); return }
        #expect(try JSONReader.parse(generated)["id"] != "ord_1NvX")
        #expect(dynamic.result.passed, "\(dynamic.result)")

        request.headers = HTTPHeaders(request.headers.fields.filter { $0.name != "Prefer" })
        request.headers.append(name: "Prefer", value: "example=refunded")
        let unknown = responder.answer(request, number: 0)
        #expect(unknown.response.status == 400)
        #expect(try Self.problem(unknown.response)["detail"]?.stringValue?.contains("examples: paid, open") == true)
    }

    @Test func acceptPicksTheMediaTypeOrGets406() throws {
        let (contract, responder) = try Self.responder(Self.orders)
        var request = try Self.request(contract, "getOrder")
        request.headers.append(name: "Accept", value: "text/csv;q=0.9, application/json;q=0.5")
        let csv = responder.answer(request, number: 0)
        #expect(csv.response.headers["Content-Type"] == "text/csv; charset=utf-8")
        #expect(csv.result.passed, "\(csv.result)")
        request.headers = HTTPHeaders(request.headers.fields.filter { $0.name != "Accept" } + [("Accept", "application/xml")])
        let none = responder.answer(request, number: 0)
        #expect(none.response.status == 406)
    }

    @Test func aDeleteWithoutContentIsAnsweredWithoutABody() throws {
        let (contract, responder) = try Self.responder(Self.orders)
        let answer = responder.answer(try Self.request(contract, "cancelOrder"), number: 0)
        #expect(answer.response.status == 204)
        #expect(answer.response.body == .none)
    }

    /// Petstore's `DELETE /pet/{petId}` documents only its 400: a valid request gets that documented answer, since
    /// any other would break the description the mock stands for (lint's `spec-operation-no-success` names the gap).
    @Test(arguments: [("deletePet", 400), ("updatePet", 400)])
    func anOperationThatDocumentsOnlyFailuresAnswersWithTheLowest(_ operationID: String, _ status: Int) throws {
        let spec = TestPaths.fixture("ConformLiveTests", "petstore-failures-only.yaml")
        let (contract, responder) = try Self.responder(spec)
        let answer = responder.answer(try Self.request(contract, operationID), number: 0)
        #expect(answer.response.status == status)
        #expect(answer.result.passed && answer.result.findings.isEmpty, "\(answer.result)")
        let lint = try Contract(path: spec, config: ConformConfig(), lint: true).findings
        #expect(lint.map(\.rule) == [.specOperationNoSuccess, .specOperationNoSuccess], "\(lint)")
    }

    /// A documented redirect is the way through, not a failure: an authorize endpoint answers its 302.
    @Test func anOperationThatDocumentsOnlyARedirectAnswersIt() throws {
        let (contract, responder) = try Self.responder(TestPaths.fixture("ConformLiveTests", "petstore-failures-only.yaml"))
        let answer = responder.answer(try Self.request(contract, "authorize"), number: 0)
        #expect(answer.response.status == 302)
        #expect(answer.response.headers["Location"] != nil)
        #expect(answer.result.passed && answer.result.findings.isEmpty, "\(answer.result)")
    }

    @Test func aHEADRequestIsAnsweredLikeGET() throws {
        let (contract, responder) = try Self.responder(Self.orders)
        var request = try Self.request(contract, "getOrder")
        request.method = "HEAD"
        let answer = responder.answer(request, number: 0)
        #expect(answer.response.status == 200)
        #expect(answer.result.passed, "\(answer.result)")
    }

    // MARK: Requests the mock refuses

    @Test func anUnknownPathIs404AndAnUndocumentedMethod405WithAllow() throws {
        let (_, responder) = try Self.responder(Self.orders)
        let missing = responder.answer(HTTPRequest(method: "GET", url: "/v1/invoices"), number: 0)
        #expect(missing.response.status == 404)
        #expect(try Self.problem(missing.response)["status"] == 404)
        let method = responder.answer(HTTPRequest(method: "PUT", url: "/v1/orders/ord_1NvX", headers: ["Authorization": "Bearer t"]), number: 0)
        #expect(method.response.status == 405)
        #expect(method.response.headers["Allow"] == "GET, DELETE, HEAD")
    }

    @Test func missingCredentialsAre401WithAChallenge() throws {
        let (contract, responder) = try Self.responder(Self.orders)
        var request = try Self.request(contract, "listOrders")
        request.headers = HTTPHeaders(request.headers.fields.filter { $0.name != "Authorization" })
        let answer = responder.answer(request, number: 0)
        #expect(answer.response.status == 401)
        #expect(answer.response.headers["WWW-Authenticate"] == "Bearer realm=\"openapi-conform mock\"")
        #expect(try Self.problem(answer.response)["findings"]?.arrayValue?.first?["rule"] == "request-security-missing")
    }

    /// One request per kind of one-keyword variant of the create body: each is refused with the rule that says why.
    @Test func eachInvalidBodyIs400WithItsFinding() throws {
        let (contract, responder) = try Self.responder(Self.orders)
        let operation = try #require(contract.document.operations.first { $0.operationID == "createOrder" })
        let media = try #require(operation.requestBody?.content.first)
        let schema = try #require(media.schema.flatMap(contract.schemas.schema(at:)))
        var generator = ValueGenerator(schemas: contract.schemas.compiled, seed: 3)
        let variants = generator.invalidVariants(schema, direction: .request)
        let kinds = Set(variants.map(\.keyword))
        #expect(kinds.isSuperset(of: ["required", "type", "enum", "minimum", "maximum", "additionalProperties"]), "\(kinds.sorted())")
        let valid = try Self.request(contract, "createOrder")
        for variant in variants {
            var request = valid
            request.body = .bytes(Array(JSONWriter.string(variant.value).utf8))
            let answer = responder.answer(request, number: 0)
            #expect(answer.response.status == 400, "\(variant.summary)")
            let findings = try Self.problem(answer.response)["findings"]?.arrayValue ?? []
            #expect(findings.contains { $0["rule"] == "request-body-invalid" && $0["pointer"]?.stringValue == variant.instancePointer.description }, "\(variant.summary): \(findings)")
        }
    }

    @Test func anInvalidParameterIs400() throws {
        let (contract, responder) = try Self.responder(Self.orders)
        var request = try Self.request(contract, "listOrders")
        request.url = "/v1/orders?limit=1000&status=open,lost"
        let answer = responder.answer(request, number: 0)
        #expect(answer.response.status == 400)
        let rules = try Self.problem(answer.response)["findings"]?.arrayValue?.compactMap { $0["rule"]?.stringValue }
        #expect(rules == ["request-parameter-invalid", "request-parameter-invalid"])
    }

    /// Where the operation documents its 400 in a shape of its own, the refusal is that documented response (so a
    /// client's error handling sees the API's error), the findings travel in `Conform-Findings`, and the answer
    /// passes the response checks.
    @Test func aDocumentedErrorShapeIsUsedForTheRefusal() throws {
        let (contract, responder) = try Self.responder(Self.orders)
        var request = try Self.request(contract, "createRefund")
        request.body = .bytes(Array(#"{"amount": -5}"#.utf8))
        let answer = responder.answer(request, number: 0)
        #expect(answer.response.status == 400)
        #expect(answer.response.headers["Content-Type"] == "application/json")
        guard case .bytes(let body) = answer.response.body else { Issue.record("no body"); return }
        #expect(try JSONReader.parse(body)["error"]?["param"] == "amount", "the documented example")
        let findings = try JSONReader.parse(Array((answer.response.headers["Conform-Findings"] ?? "").utf8))
        #expect(findings.arrayValue?.first?["rule"] == "request-body-invalid")
        #expect(findings.arrayValue?.first?["pointer"] == "/amount")
        #expect(answer.result.findings.map(\.rule) == [.requestBodyInvalid], "only the request's finding: the answer is as documented")
    }

    /// A documented problem schema that admits the problem gets the problem itself, findings and all.
    @Test func aDocumentedProblemShapeCarriesTheFindings() throws {
        let (contract, responder) = try Self.responder(Self.orders)
        var request = try Self.request(contract, "createOrder")
        request.body = .bytes(Array(#"{"amount": 10, "currency": "eur", "email": "a@example.com"}"#.utf8))
        let answer = responder.answer(request, number: 0)
        #expect(answer.response.status == 400)
        #expect(answer.response.headers["Content-Type"] == "application/problem+json")
        #expect(try Self.problem(answer.response)["findings"]?.arrayValue?.first?["pointer"] == "/amount")
        #expect(answer.result.findings.map(\.rule) == [.requestBodyInvalid])
    }

    /// Given credential values, the mock refuses others with 401 and `error="invalid_token"`; the exchange has no
    /// finding (the description cannot say which tokens are valid). Operations that need none stay open.
    @Test func givenCredentialsOthersAre401() throws {
        let contract = try Contract(path: Self.orders)
        let responder = MockResponder(contract: contract, seed: 7, credentials: AcceptedCredentials(["sk_test_good"]))
        var request = try Self.request(contract, "listOrders")
        request.headers = HTTPHeaders(request.headers.fields.filter { $0.name != "Authorization" } + [("Authorization", "Bearer sk_test_good")])
        #expect(responder.answer(request, number: 0).response.status == 200)
        request.headers = HTTPHeaders(request.headers.fields.filter { $0.name != "Authorization" } + [("Authorization", "Bearer sk_test_bad")])
        let refused = responder.answer(request, number: 0)
        #expect(refused.response.status == 401)
        #expect(refused.response.headers["WWW-Authenticate"] == #"Bearer realm="openapi-conform mock", error="invalid_token""#)
        #expect(refused.result.findings.isEmpty, "\(refused.result.findings)")
        #expect(!(try Self.problem(refused.response)["detail"]?.stringValue ?? "").contains("sk_test_bad"))
        #expect(responder.answer(HTTPRequest(method: "GET", url: "/v1/health"), number: 0).response.status == 200)
    }

    /// A path parameter that breaks its schema names no resource: 404 (the documented one here), findings included.
    @Test func aMalformedPathParameterIs404() throws {
        let (_, responder) = try Self.responder(Self.orders)
        let answer = responder.answer(HTTPRequest(method: "GET", url: "/v1/orders/ord_1", headers: ["Authorization": "Bearer t"]), number: 0)
        #expect(answer.response.status == 404)
        #expect(try Self.problem(answer.response)["findings"]?.arrayValue?.first?["rule"] == "request-parameter-invalid")
        // With the body wrong too, the request is malformed rather than aimed at nothing: 400.
        let both = responder.answer(
            HTTPRequest(
                method: "POST", url: "/v1/orders/ord_1/refunds", headers: ["Authorization": "Bearer t", "Content-Type": "application/json"],
                body: .bytes(Array(#"{"amount": 0}"#.utf8))),
            number: 0)
        #expect(both.response.status == 400)
        #expect(both.result.findings.map(\.rule) == [.requestParameterInvalid, .requestBodyInvalid])
    }

    /// A bad path parameter of an operation that documents its 400 ("the provided parameters are incorrect") and no
    /// 404 gets the documented 400, not an undocumented 404.
    @Test func aMalformedPathParameterGetsTheDocumented400WhereNo404IsDocumented() throws {
        let (contract, responder) = try Self.responder(TestPaths.fixture("ConformLiveTests", "board.yaml"))
        let answer = responder.answer(HTTPRequest(method: "GET", url: "/board/1/4"), number: 0)
        #expect(answer.response.status == 400)
        #expect(answer.response.headers["Content-Type"]?.hasPrefix("text/html") == true)
        #expect(answer.response.headers["Conform-Findings"]?.contains("request-parameter-invalid") == true)
        let recorded = contract.validate(HTTPExchange(request: HTTPRequest(method: "GET", url: "/board/1/4"), response: answer.response))
        #expect(!recorded.findings.contains { $0.rule == .responseStatusUndocumented }, "\(recorded)")
    }

    /// For each bundled description, every request body that breaks one keyword (one variant per keyword kind the
    /// generator makes) is refused: 400 (or the operation's documented 422), the finding's rule and pointer in
    /// `Conform-Findings` and, when the answer is a problem, in its body.
    @Test(arguments: bundled)
    func eachKindOfInvalidBodyIsRefusedWithItsRule(_ spec: String) throws {
        let (contract, responder) = try Self.responder(spec)
        var kinds: Set<String> = []
        for operation in contract.document.operations {
            guard let media = operation.requestBody?.content.first(where: { MediaTypeName.isJSON($0.name) }),
                  let schema = media.schema.flatMap(contract.schemas.schema(at:)) else { continue }
            var generator = ValueGenerator(schemas: contract.schemas.compiled, seed: 3)
            var seen: Set<String> = []
            for variant in generator.invalidVariants(schema, direction: .request) where seen.insert(variant.keyword).inserted {
                var request = try RequestSynthesizer(contract: contract, base: Self.base(contract)).request(for: operation, seed: 1).get()
                request.headers = HTTPHeaders(request.headers.fields.filter { $0.name.lowercased() != "content-type" } + [("Content-Type", media.name)])
                request.body = .bytes(Array(JSONWriter.string(variant.value).utf8))
                let answer = responder.answer(request, number: 0)
                #expect([400, 422].contains(answer.response.status), "\(operation.key) \(variant.summary): \(answer.response.status)")
                let listed = try JSONReader.parse(Array((answer.response.headers["Conform-Findings"] ?? "[]").utf8)).arrayValue ?? []
                #expect(
                    listed.contains { $0["rule"] == "request-body-invalid" && $0["pointer"]?.stringValue == variant.instancePointer.description },
                    "\(operation.key) \(variant.summary): \(listed)")
                if answer.response.headers["Content-Type"] == ProblemDetails.contentType {
                    let inBody = try Self.problem(answer.response)["findings"]?.arrayValue ?? []
                    #expect(inBody.contains { $0["rule"] == "request-body-invalid" }, "\(operation.key) \(variant.summary)")
                }
                kinds.insert(variant.keyword)
            }
        }
        // Cadana's one body has strings and an enum only, so type and enum are all it can break.
        #expect(kinds.count >= 2, "variant kinds exercised: \(kinds.sorted())")
    }

    /// The config's severities decide what the mock refuses: a rule made a warning no longer gets a 400.
    @Test func configSeveritiesDecideWhatIsRefused() throws {
        var config = ConformConfig()
        config.severities[.requestParameterInvalid] = .warning
        let contract = try Contract(path: Self.orders, config: config)
        let responder = MockResponder(contract: contract, seed: 7)
        let answer = responder.answer(HTTPRequest(method: "GET", url: "/v1/orders?limit=1000", headers: ["Authorization": "Bearer t"]), number: 0)
        #expect(answer.response.status == 200)
        #expect(answer.result.findings.map(\.severity) == [.warning])
        #expect(answer.result.passed)
    }
}
