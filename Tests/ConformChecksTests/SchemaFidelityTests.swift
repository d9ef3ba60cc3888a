import ConformFindings
import ConformTestSupport
import Testing

import ConformCheckSupport
import OpenAPIConform

@testable import ConformChecks

/// How real descriptions' schemas are read and reported through a whole contract: lint parity with
/// openapi-spec-validator (repeated enum values, Unicode property names JavaScript engines reject), `nullable`
/// leniency and its strict switch, and discriminator warnings that leave verdicts alone.
@Suite struct SchemaFidelityTests {
    static func fixture(_ name: String) -> String {
        TestPaths.fixture("ConformChecksTests", name)
    }

    static func rendered(_ findings: [Finding]) -> [String] {
        findings.map { finding in
            "\(finding.severity)[\(finding.rule.name)] \(finding.specPointer?.pointer.description ?? "-"): \(finding.message)"
        }
    }

    // MARK: Lint parity

    struct LintCase: CustomTestStringConvertible, Sendable {
        var file: String
        var expected: [String]
        var testDescription: String { file }
    }

    static let lintCases: [LintCase] = [
        // openapi-spec-validator 0.9.0: "['PENDING', 'SHIPPED', 'PENDING', 'DELIVERED'] has non-unique elements".
        LintCase(file: "duplicate-enum-3.0.yaml", expected: [
            #"error[spec-schema-invalid] /components/schemas/Order/properties/status/enum/2: enum lists "PENDING" twice (items 0 and 2), but OpenAPI 3.0 requires enum values to be unique: remove the repeat"#,
        ]),
        // JSON Schema 2020-12 dropped the uniqueness requirement; openapi-spec-validator calls this valid.
        LintCase(file: "duplicate-enum-3.1.yaml", expected: [
            #"warning[spec-schema-invalid] /components/schemas/Order/properties/status/enum/2: enum lists "PENDING" twice (items 0 and 2); the repeat changes nothing: remove it"#,
        ]),
        LintCase(file: "java-pattern-3.0.yaml", expected: [
            #"error[spec-pattern-invalid] /components/schemas/ProfileDto/properties/displayName/pattern: pattern '^[\p{Print}]*$' is not a valid ECMA-262 regular expression: '\p{Print}' names no Unicode property ECMA-262 knows (General_Category values, Script= and Script_Extensions= values, binary properties such as Alphabetic) at offset 2"#,
        ]),
        // openapi-spec-validator 0.9.0 (its 3.1 validator looks into schemas): "'1' is not of type 'number'", "'number' is
        // not of type 'array'", "0 is less than or equal to the minimum of 0", "7 is not of type 'string'". A
        // boolean exclusiveMinimum is spec-schema-dialect's (read as meant), 40.0 an integer to 2020-12.
        LintCase(file: "keyword-values-3.1.yaml", expected: [
            #"error[spec-schema-invalid] /paths/~1rooms~1{room_id}/get/parameters/0/schema/minimum: 'minimum' must be a number, found the string "1"; it is not read, so values are not checked against it"#,
            #"error[spec-schema-invalid] /components/schemas/Room/required: 'required' must be an array of strings, found the string "number"; it is not read, so values are not checked against it"#,
            "warning[spec-schema-dialect] /components/schemas/Room/properties/number/exclusiveMinimum: 'exclusiveMinimum: true' is the OpenAPI 3.0 form; in OpenAPI 3.1 (JSON Schema 2020-12) exclusiveMinimum is the bound itself: write 'exclusiveMinimum: 0' in place of 'minimum: 0' and 'exclusiveMinimum: true'. It is read as meant: values must be greater than 0",
            "error[spec-schema-invalid] /components/schemas/Room/properties/floor/multipleOf: 'multipleOf' must be a number above 0, found the number 0; it is not read, so values are not checked against it",
            "warning[spec-schema-invalid] /components/schemas/Room/properties/name/title: 'title' must be a string, found the number 7; it is not read",
        ]),
        // The OpenAPI Specification's Pet/Cat: a valid Pet example that names Cat but is no Cat.
        LintCase(file: "discriminator-example-3.0.yaml", expected: [
            "warning[discriminator-mismatch] /paths/~1pets~1{petId}/get/responses/200/content/application~1json/example: example matches its schema, but not the branch its discriminator names: required property 'name' is missing",
        ]),
    ]

    @Test(arguments: lintCases)
    func lintAgreesWithOpenAPISpecValidator(_ test: LintCase) throws {
        let contract = try Contract(path: Self.fixture("schemas-realworld/\(test.file)"), config: ConformConfig(), lint: true)
        #expect(Self.rendered(contract.findings) == test.expected)
    }

    // MARK: nullable

    /// Stripe's `customer: {nullable: true, anyOf: […]}`, sent as null: accepted with a warning on the description,
    /// rejected when the config asks for the letter of OpenAPI 3.0.3.
    @Test(arguments: [false, true])
    func nullCustomerFollowsTheStrictSwitch(_ strict: Bool) throws {
        var config = ConformConfig()
        if strict { config.strict = [.nullable] }
        let contract = try Contract(path: Self.fixture("lint-rules/spec-nullable-without-type/fires.yaml"), config: config)
        #expect(contract.findings.map(\.rule) == [.specNullableWithoutType])
        let validator = try PayloadValidator(.schema("charge"), contract: contract)
        let result = validator.validate(file: "charge.json", bytes: Array(#"{"id": "ch_3MmlLrLkdIwHu7ix0snN0B15", "customer": null}"#.utf8))
        #expect(result.isValid == !strict, "\(Self.rendered(result.findings))")
        #expect(result.findings.allSatisfy { $0.rule == .payloadInvalid })
    }

    // MARK: Patterns between slashes

    /// Redoc's phone pattern `/^\+(?:[0-9]-?){6,14}[0-9]$/`, which no string matches as written: read without its
    /// slashes (a warning on the description, the example valid), or as written when the config asks for the letter.
    @Test(arguments: [false, true])
    func slashedPhonePatternFollowsTheStrictSwitch(_ strict: Bool) throws {
        var config = ConformConfig()
        if strict { config.strict = [.patternSlashes] }
        let contract = try Contract(path: Self.fixture("schemas-realworld/slashed-pattern-3.0.yaml"), config: config, lint: true)
        let lint = contract.findings.map { "\($0.severity) \($0.rule.name)" }
        #expect(lint == (strict ? ["error spec-pattern-invalid", "error spec-example-invalid"] : ["warning spec-pattern-invalid"]), "\(Self.rendered(contract.findings))")
        let validator = try PayloadValidator(.schema("User"), contract: contract)
        let result = validator.validate(file: "user.json", bytes: Array(#"{"username": "john78", "phone": "+1-202-555-0192"}"#.utf8))
        #expect(result.isValid == !strict, "\(Self.rendered(result.findings))")
    }

    // MARK: Discriminators

    struct ExchangeCase: CustomTestStringConvertible, Sendable {
        var id: String
        var passes: Bool
        var expected: [String]
        var testDescription: String { id }
    }

    static let exchangeCases: [ExchangeCase] = [
        ExchangeCase(id: "cat", passes: true, expected: []),
        ExchangeCase(id: "cat-with-a-numeric-name", passes: true, expected: [
            "warning[discriminator-mismatch] /components/schemas/Cat/allOf/1/properties/name/type: response body /name: expected string, found the number 7 [petType = 'Cat' names Cat, which the value does not satisfy; the value satisfies 'Pet', so it passes: a discriminator does not change the verdict]",
        ]),
        ExchangeCase(id: "dog-by-mapping-that-barks-false", passes: true, expected: [
            "warning[discriminator-mismatch] /components/schemas/Dog/allOf/1/properties/bark/type: response body /bark: expected string, found the boolean false [petType = 'dog' names Dog, which the value does not satisfy; the value satisfies 'Pet', so it passes: a discriminator does not change the verdict]",
        ]),
        ExchangeCase(id: "pet-without-pet-type", passes: false, expected: [
            "error[response-body-invalid] /components/schemas/Pet/required: response body: required property 'petType' is missing",
        ]),
        ExchangeCase(id: "adoption-of-a-dog", passes: true, expected: []),
        ExchangeCase(id: "adoption-that-says-dog-and-sends-a-cat", passes: true, expected: [
            "warning[discriminator-mismatch] /components/schemas/Hound/required: request body /pet: required property 'packSize' is missing [kind = 'dog' names Hound, which the value does not satisfy; the value satisfies 'HouseCat' of oneOf, so it passes: a discriminator does not change the verdict]",
            "warning[discriminator-mismatch] /components/schemas/Hound/additionalProperties: request body /pet/indoor: property 'indoor' is not allowed: the schema lists its properties and allows no others [kind = 'dog' names Hound, which the value does not satisfy; the value satisfies 'HouseCat' of oneOf, so it passes: a discriminator does not change the verdict]",
        ]),
        ExchangeCase(id: "adoption-of-no-known-pet", passes: false, expected: [
            "error[request-body-invalid] /components/schemas/Hound/properties/packSize/minimum: request body /pet/packSize: 0 is less than the minimum 1 [checked as Hound, chosen by kind = 'dog']",
        ]),
    ]

    static let discriminatorReport = Task {
        try await TrafficSupport.check(spec: fixture("discriminators/openapi.yaml"), traffic: [fixture("discriminators/traffic.jsonl")])
    }

    /// A discriminator's claim that does not hold is a warning, and the exchange keeps the verdict of its schema.
    @Test(arguments: exchangeCases)
    func discriminatorClaimsAreWarnings(_ test: ExchangeCase) async throws {
        let result = try #require(try await Self.discriminatorReport.value.results.first { $0.comment == test.id })
        let found = result.findings.map { finding in
            Self.rendered([finding])[0] + finding.notes.filter { !$0.hasPrefix("schema:") }.map { " [\($0)]" }.joined()
        }
        #expect(found == test.expected)
        #expect(result.passed == test.passes)
    }

    /// The config's `rules:` can make the warning fail the exchange.
    @Test func discriminatorMismatchCanBeAnError() async throws {
        var config = ConformConfig()
        config.severities[.discriminatorMismatch] = .error
        let report = try await TrafficSupport.check(
            spec: Self.fixture("discriminators/openapi.yaml"), traffic: [Self.fixture("discriminators/traffic.jsonl")], config: config)
        let failed = report.results.filter { !$0.passed }.compactMap(\.comment)
        #expect(failed == ["cat-with-a-numeric-name", "dog-by-mapping-that-barks-false", "pet-without-pet-type", "adoption-that-says-dog-and-sends-a-cat", "adoption-of-no-known-pet"])
    }

    /// A payload checked against the parent: valid, with the warning.
    @Test func payloadKeepsItsVerdictAndGetsTheWarning() throws {
        let contract = try Contract(path: Self.fixture("discriminators/openapi.yaml"), config: ConformConfig())
        let result = try PayloadValidator(.schema("Pet"), contract: contract)
            .validate(file: "pet.json", bytes: Array(#"{"petType": "Cat", "name": 7}"#.utf8))
        #expect(result.isValid)
        #expect(result.findings.map(\.rule) == [.discriminatorMismatch])
        #expect(result.findings.first?.severity == .warning)
        #expect(result.findings.first?.sourceLocation?.line == 1)
    }
}
