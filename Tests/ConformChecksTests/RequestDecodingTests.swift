import ConformCheckSupport
import ConformFindings
import ConformTestSupport
import OpenAPIConform
import Testing

/// Requests whose verdict depends on how their parameters and bodies are decoded (`Fixtures/requests`): each
/// exchange is a shape real clients send, and gets the findings the OpenAPI text supports, no more.
@Suite struct RequestDecodingTests {
    static let spec = TestPaths.fixture("ConformChecksTests", "requests/openapi.yaml")
    static let traffic = TestPaths.fixture("ConformChecksTests", "requests/requests.jsonl")

    /// The fixture traffic, checked once for the whole suite.
    static let report = Task {
        try await TrafficSupport.check(spec: spec, traffic: [traffic])
    }

    struct Case: CustomTestStringConvertible, Sendable {
        /// The exchange's JSONL id.
        var exchange: String
        var rules: [RuleID] = []
        /// The findings' messages, when the case is about what they say.
        var messages: [String]? = nil
        var testDescription: String { exchange }
    }

    static func check(_ expected: Case) async throws {
        let result = try #require(try await report.value.results.first { $0.comment == expected.exchange })
        #expect(result.findings.map(\.rule) == expected.rules, "\(result.findings.map(\.message))")
        if let messages = expected.messages {
            #expect(result.findings.map(\.message) == messages)
        }
    }

    /// `allowEmptyValue` as OAS 3.0.4 and 3.1.1 word it: with it, an empty value stands for the parameter left out
    /// (nothing for the schema to judge); without it, an empty value is the empty string and the schema judges it,
    /// so an enum without "" refuses it and a list of free strings takes it.
    static let emptyValueCases: [Case] = [
        Case(exchange: "status sent empty", rules: [.requestParameterInvalid],
             messages: [#"query parameter 'status': "" is not one of the allowed values: "available", "pending", "sold""#]),
        Case(exchange: "status sent without a value", rules: [.requestParameterInvalid],
             messages: [#"query parameter 'status': "" is not one of the allowed values: "available", "pending", "sold""#]),
        Case(exchange: "tags sent empty"),
        Case(exchange: "status and tags sent"),
        Case(exchange: "dateOfBirth sent empty, which it allows"),
        Case(exchange: "dateOfBirth sent malformed", rules: [.requestParameterInvalid]),
    ]

    @Test(arguments: emptyValueCases)
    func anEmptyValueIsTheEmptyStringUnlessAllowEmptyValue(_ expected: Case) async throws { try await Self.check(expected) }

    /// OpenAPI defines deepObject for one level of members; deeper keys are noted as not checked, never failed by
    /// a guess nor passed in silence.
    static let deepObjectCases: [Case] = [
        Case(exchange: "filter with a nested key", rules: [.notValidated],
             messages: ["query parameter 'filter' has nested keys ('filter[role][in]'), which the deepObject style does not define; it is not checked"]),
        Case(exchange: "filter with one level"),
    ]

    /// Strings of an array parameter against a pattern ICU backtracks on: the exchange's budget (1 s) ends the
    /// searches, and the strings left undecided are one `not-validated` note for the pattern, never a failure.
    @Test func patternSearchesOfAnExchangeShareOneBudget() async throws {
        try await Self.check(Case(exchange: "nicknames that ICU cannot decide", rules: [.notValidated]))
        let result = try #require(try await Self.report.value.results.first { $0.comment == "nicknames that ICU cannot decide" })
        let message = try #require(result.findings.first?.message)
        #expect(message.hasPrefix(#"query parameter 'nicknames': the pattern ^(a+)+\1$ was not checked on 12 of 13 values ("#), "\(message)")
        #expect(message.contains("were not tried once the 1 s of pattern matching this validation may spend had run out"), "\(message)")
    }

    @Test(arguments: deepObjectCases)
    func nestedDeepObjectKeysAreNoted(_ expected: Case) async throws { try await Self.check(expected) }

    /// JSON Schema's integers have no bound: a query integer longer than 64 bits is the number it spells, judged by
    /// the schema's `format` and bounds as the same number in a body is, never "found the string".
    static let longNumberCases: [Case] = [
        Case(exchange: "limit sent with 29 digits"),
        Case(exchange: "limit sent as 1.5", rules: [.requestParameterInvalid],
             messages: ["query parameter 'limit': expected integer, found the string \"1.5\""]),
        Case(exchange: "after sent beyond int64", rules: [.requestParameterInvalid],
             messages: ["query parameter 'after': 9223372036854775808 is not a valid int64: 9223372036854775808 is outside the int64 range"]),
        Case(exchange: "page sent with 20 digits, beyond its maximum", rules: [.requestParameterInvalid],
             messages: ["query parameter 'page': 16334918898040283136 is greater than the maximum 1000"]),
    ]

    @Test(arguments: longNumberCases)
    func numbersBeyond64BitsAreNumbers(_ expected: Case) async throws { try await Self.check(expected) }

    /// RFC 6570 sends a comma that belongs to an item as `%2C`, so `ids=ann%2Cbob,cy` is two items, within the
    /// schema's `maxItems: 2`.
    @Test func anEncodedCommaDoesNotSplitAnItem() async throws {
        try await Self.check(Case(exchange: "ids with an encoded comma inside an item"))
    }

    /// `?=` and `&=x` name nothing: no parameter is undocumented, none is empty.
    @Test func aPairWithoutANameIsNoParameter() async throws {
        try await Self.check(Case(exchange: "pairs without a name"))
    }

    /// RFC 6570 `{.format}` and `{;id}` always write their prefix; a value without it was not written in the style
    /// the description names, whatever the schema would say of the rest.
    static let prefixCases: [Case] = [
        Case(exchange: "label value without its dot", rules: [.requestParameterInvalid],
             messages: ["path parameter 'format' is 'pdf', but label style needs a leading '.' (as in '.pdf')"]),
        Case(exchange: "label value with its dot"),
        Case(exchange: "matrix value without its prefix", rules: [.requestParameterInvalid],
             messages: ["path parameter 'id' is '5', but matrix style needs ';id=' before the value (as in ';id=5')"]),
        Case(exchange: "matrix value with its prefix"),
    ]

    @Test(arguments: prefixCases)
    func labelAndMatrixValuesNeedTheirPrefix(_ expected: Case) async throws { try await Self.check(expected) }

    /// The Encoding Object's `headers` describe a part's own headers (OAS 3.0.3, Encoding Object): a part that
    /// lacks a required one is a body that does not match its description.
    @Test func aPartWithoutItsRequiredHeaderIsAnInvalidBody() async throws {
        try await Self.check(Case(exchange: "file part without its required header", rules: [.requestBodyInvalid],
                                  messages: ["the 'file' part of the request body lacks its required header 'X-Checksum'"]))
    }

    @Test func aPartWithItsHeaderPasses() async throws {
        let result = try #require(try await Self.report.value.results.first { $0.comment == "file part with its header" })
        #expect(!result.findings.contains { $0.rule == .requestBodyInvalid }, "\(result.findings.map(\.message))")
    }

    @Test func aPartHeaderIsCheckedAgainstItsSchema() async throws {
        try await Self.check(Case(exchange: "file part with a malformed header", rules: [.requestBodyInvalid]))
    }
}
