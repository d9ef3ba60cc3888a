import ConformValues
import Testing

@testable import ConformSchema

/// Constructs real descriptions write against the letter of their OpenAPI version, read as their authors mean
/// them (unless `strictNullable` asks for the letter), each with the warning that names it: `nullable: true` where
/// OpenAPI 3.0.3 gives it no effect, `nullable` in 3.1, and the other dialect's exclusive bounds.
@Suite struct LenientReadingTests {
    static let stripe = try! SchemaFixture("stripe-nullable-3.0.yaml")
    static let stripeStrict = try! SchemaFixture("stripe-nullable-3.0.yaml", options: SchemaOptions(strictNullable: true))
    static let museum = try! SchemaFixture("converted-nullable-3.1.yaml")
    static let museumStrict = try! SchemaFixture("converted-nullable-3.1.yaml", options: SchemaOptions(strictNullable: true))
    static let ticketing = try! SchemaFixture("ticketing-bounds-3.0.yaml")
    static let slashed = try! SchemaFixture("slashed-patterns-3.0.yaml")
    static let slashedStrict = try! SchemaFixture("slashed-patterns-3.0.yaml", options: SchemaOptions(readsSlashedPatterns: false))

    struct Case: CustomTestStringConvertible, Sendable {
        var id: String
        var strict = false
        var json: String
        var expected: [String]
        var testDescription: String { id }
    }

    /// A charge as Stripe sends it, with some members replaced.
    static func charge(_ replaced: [String: String] = [:]) -> String {
        let members: [(String, String)] = [
            ("amount", "2000"), ("currency", #""usd""#), ("customer", #""cus_NffrFeUfNV2Hib""#), ("failure_code", "null"),
            ("id", #""ch_3MmlLrLkdIwHu7ix0snN0B15""#), ("object", #""charge""#),
            ("outcome", #"{"network_status": "approved_by_network", "type": "authorized"}"#),
            ("review", #"{"id": "prv_1NVyFt2eZvKYlo2CjubqF1xm", "object": "review"}"#), ("status", #""succeeded""#),
        ]
        let extra = replaced.keys.filter { key in !members.contains { $0.0 == key } }.sorted().map { ($0, replaced[$0] ?? "") }
        let all = members.map { ($0.0, replaced[$0.0] ?? $0.1) } + extra
        return "{" + all.map { #""\#($0.0)": \#($0.1)"# }.joined(separator: ", ") + "}"
    }

    static let stripeCases: [Case] = [
        Case(id: "a charge as Stripe sends it", json: charge(), expected: []),
        Case(id: "nullable beside anyOf accepts null", json: charge(["customer": "null"]), expected: []),
        Case(id: "nullable beside allOf accepts null", json: charge(["outcome": "null"]), expected: []),
        Case(id: "nullable beside $ref accepts null", json: charge(["review": "null"]), expected: []),
        Case(id: "nullable beside an enum without null accepts null", json: charge(["cancellation_reason": "null"]), expected: []),
        Case(id: "nullable does not loosen anything else", json: charge(["customer": "42"]),
             expected: [
                "/customer anyOf: matches none of the 3 alternatives of anyOf (#1, 'customer' and 'deleted_customer'); the best match is #1, which fails as shown",
                "/customer type: expected string, found the number 42 [within #1, the best-matching alternative of anyOf]",
             ]),
        Case(id: "strict: nullable beside anyOf has no effect", strict: true, json: charge(["customer": "null"]),
             expected: [
                "/customer anyOf: matches none of the 3 alternatives of anyOf (#1, 'customer' and 'deleted_customer'); the best match is #1, which fails as shown",
                "/customer type: expected string, found null [within #1, the best-matching alternative of anyOf]",
             ]),
        Case(id: "strict: nullable beside $ref is ignored", strict: true, json: charge(["review": "null"]),
             expected: ["/review type: expected object, found null"]),
        Case(id: "strict: an enum must list null", strict: true, json: charge(["cancellation_reason": "null"]),
             expected: [#"/cancellation_reason enum: null is not one of the allowed values: "abandoned", "duplicate", "fraudulent", "requested_by_customer""#]),
        Case(id: "strict: nullable beside type adds null", strict: true, json: charge(), expected: []),
    ]

    @Test(arguments: stripeCases)
    func stripeNullable(_ test: Case) {
        let fixture = test.strict ? Self.stripeStrict : Self.stripe
        #expect(fixture.check("charge", test.json) == test.expected)
    }

    /// One warning per schema that writes the construct, at its `nullable`, naming the fix; none where `nullable`
    /// stands beside `type` alone, as 3.0.3 means it.
    @Test func stripeNullableIsReportedWhereTheLetterDiffers() {
        let properties = "/components/schemas/charge/properties"
        let accepted = "null is accepted here, as the description most likely means"
        #expect(Self.stripe.diagnostics(.nullableWithoutType).sorted() == [
            "\(properties)/customer/nullable: 'nullable: true' has no effect here by OpenAPI 3.0.3's letter, which applies it to 'type' alone, and this schema has no 'type' (it has anyOf); \(accepted). To allow null by the letter, add '{enum: [null]}' to its anyOf",
            "\(properties)/outcome/nullable: 'nullable: true' has no effect here by OpenAPI 3.0.3's letter, which applies it to 'type' alone, and this schema has no 'type' (it has allOf); \(accepted). To allow null by the letter, list null as an alternative: 'anyOf: [{allOf: …}, {enum: [null]}]'",
            "\(properties)/review/nullable: 'nullable: true' beside '$ref' has no effect in OpenAPI 3.0, which ignores a Reference Object's siblings; \(accepted). To allow null by the letter, write 'anyOf: [{$ref: '#/components/schemas/review'}, {enum: [null]}]'",
            "\(properties)/cancellation_reason/nullable: 'nullable: true' does not add null to 'enum' by OpenAPI 3.0.3's letter, and this enum does not list it; \(accepted). To allow null by the letter, add null to the enum",
        ].sorted())
        #expect(Self.stripeStrict.diagnostics(.nullableWithoutType).allSatisfy { $0.contains("null is rejected here, as 'strict: [nullable]' asks") })
        #expect(Self.stripe.diagnostics.allSatisfy { $0.severity == .warning })
    }

    static let museumCases: [Case] = [
        Case(id: "3.1: nullable beside a type accepts null", json: #"{"date": "2023-09-11", "timeOpen": null, "timeClose": null, "capacity": 1}"#, expected: []),
        Case(id: "3.1: nullable beside anyOf accepts null", json: #"{"date": "2023-09-11", "timeOpen": "09:00", "timeClose": "18:00", "capacity": 1, "notice": null}"#, expected: []),
        Case(id: "3.1: strict, nullable is no keyword", strict: true, json: #"{"date": "2023-09-11", "timeOpen": null, "timeClose": "18:00", "capacity": 1}"#,
             expected: ["/timeOpen type: expected string, found null"]),
        Case(id: "3.1: a boolean exclusiveMinimum is read as meant", json: #"{"date": "2023-09-11", "timeOpen": "09:00", "timeClose": "18:00", "capacity": 0}"#,
             expected: ["/capacity exclusiveMinimum: 0 must be greater than 0"]),
        Case(id: "3.1: exclusiveMaximum: false changes nothing", json: #"{"date": "2023-09-11", "timeOpen": "09:00", "timeClose": "18:00", "capacity": 1, "occupancy": 1}"#, expected: []),
    ]

    @Test(arguments: museumCases)
    func convertedDescription(_ test: Case) {
        let fixture = test.strict ? Self.museumStrict : Self.museum
        #expect(fixture.check("MuseumHours", test.json) == test.expected)
    }

    @Test func convertedDescriptionIsReportedForItsDialect() {
        let properties = "/components/schemas/MuseumHours/properties"
        let accepted = "Null is accepted here, as the description most likely means"
        #expect(Self.museum.diagnostics(.schemaDialect).sorted() == [
            "\(properties)/capacity/exclusiveMinimum: 'exclusiveMinimum: true' is the OpenAPI 3.0 form; in OpenAPI 3.1 (JSON Schema 2020-12) exclusiveMinimum is the bound itself: write 'exclusiveMinimum: 0' in place of 'minimum: 0' and 'exclusiveMinimum: true'. It is read as meant: values must be greater than 0",
            "\(properties)/notice/nullable: 'nullable' is no keyword in OpenAPI 3.1, whose schemas are JSON Schema 2020-12; list null as an alternative: 'anyOf: [{…}, {type: 'null'}]'. \(accepted)",
            "\(properties)/occupancy/exclusiveMaximum: 'exclusiveMaximum: false' is the OpenAPI 3.0 form; in OpenAPI 3.1 (JSON Schema 2020-12) exclusiveMaximum is the bound itself, and a boolean there means nothing: remove it",
            "\(properties)/timeClose/nullable: 'nullable' is no keyword in OpenAPI 3.1, whose schemas are JSON Schema 2020-12; add 'null' to 'type': [string, 'null']. \(accepted)",
            "\(properties)/timeOpen/nullable: 'nullable' is no keyword in OpenAPI 3.1, whose schemas are JSON Schema 2020-12; write 'type: [string, 'null']'. \(accepted)",
        ])
        #expect(Self.museum.diagnostics(.nullableWithoutType).isEmpty)
    }

    static let ticketingCases: [Case] = [
        Case(id: "3.0: a numeric exclusiveMinimum is read as meant", json: #"{"quantity": 0, "unitPrice": 12.5}"#,
             expected: ["/quantity exclusiveMinimum: 0 must be greater than 0"]),
        Case(id: "3.0: a numeric exclusiveMaximum is read as meant", json: #"{"quantity": 11, "unitPrice": 12.5}"#,
             expected: ["/quantity exclusiveMaximum: 11 must be less than 11"]),
        Case(id: "3.0: the boolean form is the letter", json: #"{"quantity": 10, "unitPrice": 0}"#,
             expected: ["/unitPrice exclusiveMinimum: 0 must be greater than 0"]),
    ]

    @Test(arguments: ticketingCases)
    func numericExclusiveBoundsIn30(_ test: Case) {
        #expect(Self.ticketing.check("TicketOrder", test.json) == test.expected)
    }

    @Test func numericExclusiveBoundsIn30AreReported() {
        let properties = "/components/schemas/TicketOrder/properties"
        #expect(Self.ticketing.diagnostics(.schemaDialect) == [
            "\(properties)/quantity/exclusiveMinimum: 'exclusiveMinimum: 0' is the JSON Schema 2020-12 form, but OpenAPI 3.0 reads exclusiveMinimum as a boolean beside minimum: write 'minimum: 0' with 'exclusiveMinimum: true'. It is read as meant: values must be greater than 0",
            "\(properties)/quantity/exclusiveMaximum: 'exclusiveMaximum: 11' is the JSON Schema 2020-12 form, but OpenAPI 3.0 reads exclusiveMaximum as a boolean beside maximum: write 'maximum: 11' with 'exclusiveMaximum: true'. It is read as meant: values must be less than 11",
        ])
    }

    // MARK: Patterns between slashes

    static let literalNote = "whose first and last '/' are characters to match: a JSON Schema pattern has no delimiters"

    static let slashedCases: [Case] = [
        Case(id: "a phone number matches the expression between the slashes", json: #"{"phone": "+1-202-555-0192"}"#, expected: []),
        Case(id: "the expression between the slashes still rejects", json: #"{"phone": "202-555-0192"}"#,
             expected: [#"/phone pattern: "202-555-0192" does not match the pattern ^\+(?:[0-9]-?){6,14}[0-9]$"#]),
        Case(id: "a pattern anchored at its start only is read without its slashes", json: #"{"sku": "ABC-1234-x"}"#, expected: []),
        Case(id: "a pattern anchored at its end only is read without its slashes", json: #"{"suffix": "order 42"}"#, expected: []),
        Case(id: "strict: the phone number fails the pattern as written", strict: true, json: #"{"phone": "+1-202-555-0192"}"#,
             expected: [#"/phone pattern: "+1-202-555-0192" does not match the pattern /^\+(?:[0-9]-?){6,14}[0-9]$/ (\#(literalNote))"#]),
        Case(id: "a slashed pattern some string matches is read as written, and its failure says so", json: #"{"password": "drowssaP123"}"#,
             expected: [#"/password pattern: "[REDACTED]" does not match the pattern /(?=.*[a-z])(?=.*[A-Z])(?=.*[0-9])/ (\#(literalNote))"#]),
        Case(id: "an escaped dollar sign is a character: the pattern is read as written", json: #"{"price": "/12$/"}"#, expected: []),
        Case(id: "slashes meant as characters match as characters", json: #"{"endpoint": "https://example.com/api/v1"}"#, expected: []),
    ]

    @Test(arguments: slashedCases)
    func slashedPatterns(_ test: Case) {
        let fixture = test.strict ? Self.slashedStrict : Self.slashed
        #expect(fixture.check("User", test.json) == test.expected)
    }

    /// Each pattern read without its slashes is named once, with what it is read as; under `strict` it is an error
    /// that says it is read as written. The slashed patterns some string matches draw nothing.
    @Test func patternsReadWithoutTheirSlashesAreReported() {
        let properties = "/components/schemas/User/properties"
        let literal = "is written between slashes, as a JavaScript regular-expression literal; a JSON Schema pattern is the expression alone, so the slashes are characters to match, and with them no string matches it"
        #expect(Self.slashed.diagnostics(.patternInvalid).sorted() == [
            #"\#(properties)/phone/pattern: pattern '/^\+(?:[0-9]-?){6,14}[0-9]$/' \#(literal). It is read as '^\+(?:[0-9]-?){6,14}[0-9]$'; write it so"#,
            #"\#(properties)/sku/pattern: pattern '/^[A-Z]{3}-[0-9]{4}/' \#(literal). It is read as '^[A-Z]{3}-[0-9]{4}'; write it so"#,
            #"\#(properties)/suffix/pattern: pattern '/[0-9]{2}$/' \#(literal). It is read as '[0-9]{2}$'; write it so"#,
        ].sorted())
        #expect(Self.slashed.diagnostics.allSatisfy { $0.severity == .warning })
        #expect(Self.slashedStrict.diagnostics(.patternInvalid).count == 3)
        #expect(Self.slashedStrict.diagnostics.allSatisfy { $0.severity == .error && $0.message.hasSuffix("(read as written: strict pattern-slashes)") })
    }
}
