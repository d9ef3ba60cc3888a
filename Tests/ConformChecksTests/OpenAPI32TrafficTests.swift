import ConformCheckSupport
import ConformFindings
import ConformTestSupport
import OpenAPIConform
import Testing

@testable import ConformChecks

/// Recorded traffic against an OpenAPI 3.2 description (`Fixtures/oas32/features.yaml`, a catalog API in the
/// style of a real one): the QUERY method, an additional operation, querystring parameters in a form and in JSON,
/// a `style: cookie` list, media types from `components.mediaTypes`, a discriminator's `defaultMapping`, and `$self`
/// resolving a relative and an absolute reference to the same file. Each documented behaviour passes; one defect
/// per feature fails with its rule, on its side, where it is. The same exchanges as JSON Lines and as a HAR give
/// the same verdicts.
@Suite struct OpenAPI32TrafficTests {
    static let spec = TestPaths.fixture("ConformChecksTests", "oas32/features.yaml")

    static let reports = Task {
        var reports: [String: ConformanceReport] = [:]
        for format in ["jsonl", "har"] {
            reports[format] = try await TrafficSupport.check(spec: spec, traffic: [TestPaths.fixture("ConformChecksTests", "oas32/features.\(format)")])
        }
        return reports
    }

    struct Expectation: CustomTestStringConvertible, Sendable {
        var exchange: String
        /// `rule side pointer` of each error, in order; empty for an exchange that passes.
        var errors: [String]
        var testDescription: String { exchange }
    }

    static let expectations: [Expectation] = [
        Expectation(exchange: "filter products with a form query string", errors: []),
        Expectation(exchange: "a form query string outside its schema", errors: [
            "request-parameter-invalid request /limit", "request-parameter-invalid request /colour",
        ]),
        Expectation(exchange: "a product search with QUERY", errors: []),
        Expectation(exchange: "a QUERY body that breaks its schema", errors: [
            "request-body-invalid request /text", "request-body-invalid request /limit",
        ]),
        Expectation(exchange: "purge the product cache", errors: []),
        Expectation(exchange: "an undocumented additional method", errors: ["request-unknown-method request -"]),
        Expectation(exchange: "a lower-case purge is another method", errors: ["request-unknown-method request -"]),
        Expectation(exchange: "export a report with a JSON query string", errors: []),
        Expectation(exchange: "a JSON query string missing a required member", errors: ["request-parameter-invalid request "]),
        Expectation(exchange: "a cookie list with an item outside its enum", errors: ["request-parameter-invalid request /1"]),
        Expectation(exchange: "an event whose payload takes the default mapping", errors: []),
        Expectation(exchange: "an event whose unmapped payload breaks the default mapping", errors: ["request-body-invalid request /payload"]),
        Expectation(exchange: "a click event", errors: []),
    ]

    @Test(arguments: expectations, ["jsonl", "har"])
    func eachFeaturePassesAndEachDefectFailsWhereItIs(_ expected: Expectation, _ format: String) async throws {
        let report = try #require(try await Self.reports.value[format])
        let result = try #require(report.results.first { $0.comment == expected.exchange }, "features.\(format) has no exchange '\(expected.exchange)'")
        let errors = result.findings.filter { $0.severity == .error }
            .map { "\($0.rule.name) \($0.side.map { "\($0)" } ?? "-") \($0.instancePointer?.description ?? "-")" }
        #expect(errors == expected.errors)
        #expect(result.findings.filter { $0.severity != .error }.map(\.message) == [])
    }

    @Test func everyOperationIncludingQueryAndPurgeIsCovered() async throws {
        let report = try #require(try await Self.reports.value["jsonl"])
        let exercised = Set(report.results.compactMap { $0.operation?.description })
        #expect(exercised == ["GET /products", "QUERY /products", "PURGE /products", "GET /reports", "POST /events"])
    }

    @Test func aDefaultMappingFailureSaysWhichSchemaItWasCheckedAs() async throws {
        let report = try #require(try await Self.reports.value["jsonl"])
        let result = try #require(report.results.first { $0.comment == "an event whose unmapped payload breaks the default mapping" })
        #expect(result.findings.flatMap(\.notes) == ["checked as Generic, the discriminator's defaultMapping, as 'type' is \"scroll\", which no mapping names"])
    }

    @Test func aLowerCaseAdditionalMethodIsToldApartFromTheDocumentedOne() async throws {
        let report = try #require(try await Self.reports.value["jsonl"])
        let result = try #require(report.results.first { $0.comment == "a lower-case purge is another method" })
        #expect(result.findings.map(\.message) == [
            "'purge' is not documented for /products: methods are case-sensitive, and the description documents GET, QUERY, PURGE",
        ])
    }
}

/// Config and command-line operation names: `QUERY /products` and an additional method's `PURGE /products` are
/// keys like `GET /products`; an operationId stays an id.
@Suite struct OpenAPI32SelectorTests {
    @Test(arguments: [
        ("QUERY /products", "QUERY /products"), ("query /products", "QUERY /products"), ("PURGE /products", "PURGE /products"),
        ("M-SEARCH /devices", "M-SEARCH /devices"), ("GET /products", "GET /products"),
    ])
    func methodAndPathIsAKey(_ text: String, _ key: String) {
        #expect(OperationSelector(text) == .key(OperationKey(parsing: key)!))
    }

    @Test(arguments: ["purgeProducts", "purge products", "users.list"])
    func anythingElseIsAnOperationID(_ text: String) {
        #expect(OperationSelector(text) == .id(text))
    }
}
