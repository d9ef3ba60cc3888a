import ConformCheckSupport
import ConformFindings
import ConformSpec
import ConformTestSupport
import ConformTraffic
@_spi(Tape) import ConformValues
import OpenAPIConform
import Testing

@testable import ConformChecks

/// Stripe's API takes `application/x-www-form-urlencoded` bodies whose nested values are bracketed names
/// (`metadata[order_id]=6735`, `expand[0]=…`, `invoice_settings[custom_fields][0][name]=…`), described by an
/// Encoding Object that makes them deepObject (`Fixtures/stripe/spec3.yaml`, a fragment of Stripe's spec3.yaml).
/// A customer create as each official client sends it must pass; one that breaks the schema must fail where it
/// breaks it.
@Suite struct StripeFormTests {
    static let spec = TestPaths.fixture("ConformChecksTests", "stripe/spec3.yaml")
    static let traffic = TestPaths.fixture("ConformChecksTests", "stripe/customers.jsonl")

    static let report = Task {
        try await TrafficSupport.check(spec: spec, traffic: [traffic])
    }

    static func result(_ exchange: String) async throws -> ExchangeResult {
        try #require(try await report.value.results.first { $0.comment == exchange }, "customers.jsonl has no exchange '\(exchange)'")
    }

    static let conformingRequests = [
        "customer create, as stripe-node sends it",
        "customer create, as stripe-python sends it",
        "customer create, unsetting with empty values as stripe-ruby sends it",
    ]

    @Test(arguments: conformingRequests)
    func aCustomerCreateAsAClientSendsItPasses(_ exchange: String) async throws {
        let findings = try await Self.result(exchange).findings.filter { $0.side == .request }
        #expect(findings.map(\.message) == [])
    }

    /// Stripe's customer puts `nullable: true` beside `anyOf` (`default_source`, `discount`, `test_clock`, …):
    /// OpenAPI 3.0.3 gives `nullable` no effect without a `type`, and the description means "null is allowed".
    @Test(arguments: conformingRequests)
    func theCustomerItAnswersWithPasses(_ exchange: String) async throws {
        let findings = try await Self.result(exchange).findings.filter { $0.side == .response }
        #expect(findings.map(\.message) == [])
    }

    @Test func aBodyThatBreaksTheSchemaFailsWhereItBreaksIt() async throws {
        let findings = try await Self.result("customer create with a fractional balance and an unknown tax id type").findings
            .filter { $0.side == .request }
        #expect(findings.map(\.rule) == [.requestBodyInvalid, .requestBodyInvalid])
        #expect(Set(findings.compactMap { $0.instancePointer?.description }) == ["/balance", "/tax_id_data/0/type"])
    }

    /// The value the schema is checked against: brackets nested by the schema, positions made arrays where the
    /// schema has one, text coerced to integers.
    @Test func theNodeBodyDecodesToTheCustomerItDescribes() throws {
        let contract = try Contract(path: Self.spec, config: ConformConfig())
        let operation = try #require(contract.document.operations.first { $0.operationID == "PostCustomers" })
        let media = try #require(operation.requestBody?.content.first)
        let schema = media.schema.flatMap(contract.schemas.schema(at:))
        let body = "email=jenny.rosen%40example.com&balance=-500&metadata[order_id]=6735&shipping[name]=Jenny%20Rosen"
            + "&shipping[address][line1]=510%20Townsend%20St&invoice_settings[custom_fields][0][name]=PO%20number"
            + "&invoice_settings[custom_fields][0][value]=PO-7781&invoice_settings[footer]=Thanks%2C%20Jenny"
            + "&tax_id_data[0][type]=eu_vat&tax_id_data[0][value]=DE123456789&expand[0]=default_source&expand[1]=test_clock"
        let decoded = BodyDecoder(schemas: contract.schemas.compiled)
            .decode(.text(body), contentType: "application/x-www-form-urlencoded", media: media, schema: schema)
        guard case .value(let value) = decoded else {
            Issue.record("the form body did not decode to a value: \(decoded)")
            return
        }
        let expected: JSONValue = [
            "email": "jenny.rosen@example.com",
            "balance": -500,
            "metadata": ["order_id": "6735"],
            "shipping": ["name": "Jenny Rosen", "address": ["line1": "510 Townsend St"]],
            "invoice_settings": ["custom_fields": [["name": "PO number", "value": "PO-7781"]], "footer": "Thanks, Jenny"],
            "tax_id_data": [["type": "eu_vat", "value": "DE123456789"]],
            "expand": ["default_source", "test_clock"],
        ]
        #expect(value.value(at: 0) == expected)
    }
}
