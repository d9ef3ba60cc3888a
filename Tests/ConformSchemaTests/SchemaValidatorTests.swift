import ConformTestSupport
@_spi(Tape) import ConformValues
import Foundation
import Testing

@testable import ConformSchema

/// Behaviour of the validator on an OAS 3.0 fixture: messages, discriminators, best matches, readOnly and
/// writeOnly by direction, hostile patterns and reference loops.
@Suite struct SchemaValidatorTests {
    static let fixture = try! Fixture()

    /// `components.schemas` of an OAS 3.0 document, compiled in the OpenAPI 3.0 dialect.
    struct Fixture {
        let compiled: CompiledSchemas
        let ids: [String: SchemaID]

        init() throws {
            let path = TestPaths.fixture("ConformSchemaTests", "specs/pets-3.0.yaml")
            let document = try DocumentReader.read(path: path)
            let names = document.root["components"]?["schemas"]?.objectValue?.keys ?? []
            let pointers = names.map { JSONPointer(tokens: ["components", "schemas", $0]) }
            var compiler = SchemaCompiler()
            let index = compiler.addDocument(document.root, uri: "file://" + path, file: path, dialect: .openAPI30, schemaRoots: pointers)
            ids = Dictionary(uniqueKeysWithValues: zip(names, pointers.map { compiler.compile(document: index, pointer: $0) }))
            compiled = compiler.finish()
        }

        func check(_ name: String, _ json: String, _ direction: ValueDirection = .unspecified) -> [String] {
            guard let id = ids[name] else { return ["no schema \(name)"] }
            let value: JSONValue
            do { value = try JSONReader.parse(Array(json.utf8)) } catch { return ["not JSON: \(error)"] }
            let failures = compiled.validate(value, against: id, direction: direction)
            #expect(failures.allSatisfy { $0.discriminatorMismatch || $0.notValidated } == compiled.isValid(value, against: id, direction: direction), "fast and collecting passes disagree")
            return failures.map { ($0.notValidated ? "not validated: " : "") + "\($0.instancePointer) \($0.keyword): \($0.message)" + $0.notes.map { " [\($0)]" }.joined() }
        }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var id: String
        var schema: String
        var json: String
        var direction: ValueDirection = .unspecified
        var expected: [String]
        var testDescription: String { id }
    }

    static let cases: [Case] = [
        Case(id: "a valid dog", schema: "Dog", json: #"{"id": 1, "name": "Rex", "petType": "dog", "password": "p", "packSize": 3}"#, expected: []),
        Case(id: "nullable adds null to the type (3.0)", schema: "Pet", json: #"{"id": 1, "name": null, "petType": "x", "password": "p"}"#, expected: []),
        Case(id: "boolean exclusiveMinimum makes minimum strict (3.0)", schema: "Pet",
             json: #"{"id": 1, "name": "a", "petType": "x", "password": "p", "weight": 0}"#,
             expected: ["/weight exclusiveMinimum: 0 must be greater than 0"]),
        Case(id: "lengths count characters, not bytes", schema: "Pet",
             json: #"{"id": 1, "name": "ééééééééééé", "petType": "x", "password": "p"}"#,
             expected: ["/name maxLength: 11 characters, at most 10 allowed"]),
        Case(id: "uniqueItems names the equal items", schema: "Pet",
             json: #"{"id": 1, "name": "a", "petType": "x", "password": "p", "tags": ["a", "b", "a"]}"#,
             expected: ["/tags uniqueItems: items 0 and 2 are equal, but items must be unique"]),
        Case(id: "readOnly is not required in a request", schema: "Pet", json: #"{"name": "a", "petType": "x", "password": "p"}"#,
             direction: .request, expected: []),
        Case(id: "readOnly must not be sent in a request", schema: "Pet", json: #"{"id": 7, "name": "a", "petType": "x", "password": "p"}"#,
             direction: .request, expected: ["/id properties: property 'id' is readOnly and must not be sent in a request"]),
        Case(id: "writeOnly is not required in a response", schema: "Pet", json: #"{"id": 7, "name": "a", "petType": "x"}"#,
             direction: .response, expected: []),
        Case(id: "writeOnly must not appear in a response", schema: "Pet", json: #"{"id": 7, "name": "a", "petType": "x", "password": "p"}"#,
             direction: .response, expected: ["/password properties: property 'password' is writeOnly and must not appear in a response"]),
        Case(id: "readOnly is required outside an exchange", schema: "Pet", json: #"{"name": "a", "petType": "x", "password": "p"}"#,
             expected: [" required: required property 'id' is missing"]),
        Case(id: "discriminator mapping by schema name", schema: "AnyPet", json: #"{"id": 2, "name": "Tom", "petType": "cat", "password": "p", "huntingSkill": "bold"}"#,
             expected: ["/huntingSkill enum: \"bold\" is not one of the allowed values: \"clueless\", \"lazy\", \"adventurous\" [checked as Cat, chosen by petType = 'cat']"]),
        Case(id: "discriminator mapping by reference", schema: "AnyPet", json: #"{"id": 1, "name": "Rex", "petType": "dog", "password": "p", "packSize": -1, "huntingSkill": "bold"}"#,
             expected: ["/packSize minimum: -1 is less than the minimum 0 [checked as Dog, chosen by petType = 'dog']"]),
        Case(id: "discriminator value that selects nothing", schema: "AnyPet", json: #"{"name": "Rex", "petType": "fish"}"#,
             expected: ["/petType discriminator: discriminator 'petType' is \"fish\", which selects no schema; expected one of 'cat' and 'dog'"]),
        Case(id: "oneOf without discriminator names the best match", schema: "Shape", json: #"{"side": "3"}"#,
             expected: [
                " oneOf: matches none of the 2 alternatives of oneOf ('Circle' and 'Square'); the best match is 'Square', which fails as shown",
                "/side type: expected number, found the string \"3\" [within 'Square', the best-matching alternative of oneOf]",
             ]),
        Case(id: "oneOf matching twice names both", schema: "Shape", json: #"{}"#,
             expected: [
                " oneOf: matches none of the 2 alternatives of oneOf ('Circle' and 'Square'); the best match is 'Circle', which fails as shown",
                " required: required property 'radius' is missing [within 'Circle', the best-matching alternative of oneOf]",
             ]),
        Case(id: "recursive schemas validate recursive values", schema: "Tree", json: #"{"children": [{"children": [{"children": 3}]}]}"#,
             expected: ["/children/0/children/0/children type: expected array, found the number 3"]),
        Case(id: "a reference loop that never consumes the value stops", schema: "Loop", json: #"{}"#,
             expected: [" $ref: schema evaluation nests deeper than the schema-depth limit of 1000 levels (--limit schema-depth=…): a recursive schema on data nested as deep, or references that never consume the value"]),
        Case(id: "formats are assertions", schema: "Code", json: #""not-a-uuid""#,
             expected: [" format: \"not-a-uuid\" is not a valid UUID: expected 8-4-4-4-12 hex digits"]),
        Case(id: "unknown formats pass", schema: "Unknown", json: #""anything""#, expected: []),
    ]

    @Test(arguments: cases)
    func validates(_ test: Case) {
        #expect(Self.fixture.check(test.schema, test.json, test.direction) == test.expected)
    }

    @Test func nestedQuantifiersAreAnsweredInLinearTime() {
        let started = Date()
        let failures = Self.fixture.check("Hostile", #""aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!""#)
        #expect(failures == [#" pattern: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!" does not match the pattern ^(a+)+$"#])
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func hostilePatternIsStoppedByTheDeadline() {
        // Lookahead is beyond the linear matcher, so ICU backtracks until the deadline: the value is neither
        // passed nor called invalid, and the note says so.
        let started = Date()
        let failures = Self.fixture.check("HostileLookahead", #""aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!""#)
        #expect(failures == ["not validated:  pattern: the pattern ^(a+)+(?=!)$ was not checked on 1 of 1 value (1 took longer than the 250 ms a search may take); they are neither passed nor failed"])
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func failuresPointAtTheKeywordInTheDescription() throws {
        let fixture = Self.fixture
        let id = try #require(fixture.ids["Pet"])
        let value = try JSONReader.parse(Array(#"{"id": 1, "name": "a", "petType": "x", "password": "p", "weight": -1}"#.utf8))
        let failure = try #require(fixture.compiled.validate(value, against: id).first)
        #expect(failure.schemaPointer.pointer.description == "/components/schemas/Pet/properties/weight/exclusiveMinimum")
        #expect(failure.schemaPointer.file.hasSuffix("specs/pets-3.0.yaml"))
        #expect(failure.expected == "> 0")
        #expect(failure.actual == "-1")
    }
}

/// Schemas that reach one schema along exponentially many routes (each of 30 levels names the next twice): each
/// (schema, value) is evaluated once, so the verdict comes, and the failures are the last level's, not 2^30
/// copies of them. For `oneOf` two passing copies make the level fail, which is also the verdict by the letter.
@Suite struct DoublingApplicatorTests {
    @Test(arguments: ["anyOf", "allOf"])
    func aValueIsCheckedOnceAlongAllRoutes(_ keyword: String) throws {
        let fixture = try SchemaFixture("doubling-\(keyword).yaml")
        #expect(fixture.check("L0", #""ok""#) == [])
        let failures = fixture.check("L0", #""x""#)
        #expect(!failures.isEmpty && failures.count <= 40, "\(failures.count) failures")
        #expect(failures.allSatisfy { $0.contains("minLength") || $0.contains("anyOf") })
    }

    @Test func oneOfWithTwoEqualBranchesFailsEveryValue() throws {
        let fixture = try SchemaFixture("doubling-oneOf.yaml")
        #expect(!fixture.check("L0", #""ok""#).isEmpty)
        #expect(!fixture.check("L0", #""x""#).isEmpty)
    }

    /// A scalar (a parameter's or header's value) is checked without a tape laid out for it; what it is found to be
    /// must be what the tape of the same value gives, failures, notes and undecided patterns included.
    @Test(arguments: [
        ("AccountId", #""acc_1234abcd""#), ("AccountId", #""acc_12""#), ("AccountId", "7"), ("AccountId", #""""#),
        ("Status", #""open""#), ("Status", #""pending""#), ("Since", #""2026-12-07""#), ("Since", #""07/12/2026""#),
        ("PageSize", "50"), ("PageSize", "0"), ("PageSize", "100.5"), ("PageSize", "123456789012345678901234567890"),
        ("Amount", "12.34"), ("Amount", "12.345"), ("Flag", "true"), ("Flag", "false"), ("Flag", "null"),
        ("IdOrIndex", #""a""#), ("IdOrIndex", "3"), ("IdOrIndex", "3.5"), ("Optional", "null"), ("Optional", #""abcd""#),
        ("Missing", #""x""#), ("Echo", #""aa""#), ("Echo", "\"" + String(repeating: "a", count: 40) + "!\""),
    ])
    func aScalarIsCheckedAsItsTapeIs(_ schema: String, _ json: String) throws {
        let fixture = try SchemaFixture("parameter-scalars-3.1.yaml", options: SchemaOptions(patternDeadline: .milliseconds(20)))
        let id = try #require(fixture.ids[schema])
        let value = try JSONReader.parse(Array(json.utf8))
        let described = { (failures: [SchemaFailure]) in failures.map { "\($0.instancePointer) \($0.keyword): \($0.message) \($0.notes)" } }
        #expect(described(fixture.compiled.validate(value, against: id)) == described(fixture.compiled.validate(JSONTape(value), against: id)))
        #expect(fixture.compiled.isValid(value, against: id) == fixture.compiled.isValid(JSONTape(value), against: id))
    }

    /// A value inside a larger tape (a JSONL body inside its line) is checked in place as the value alone: the same
    /// failures as its own tape, whatever comes before and after it.
    @Test(arguments: [
        ("AccountId", #""acc_12""#), ("PageSize", "0"), ("Flag", "null"), ("IdOrIndex", "3.5"), ("Echo", #""aa""#),
        ("Status", #""open""#),
    ])
    func aValueInsideALargerTapeIsCheckedAlone(_ schema: String, _ json: String) throws {
        let fixture = try SchemaFixture("parameter-scalars-3.1.yaml", options: SchemaOptions(patternDeadline: .milliseconds(20)))
        let id = try #require(fixture.ids[schema])
        let value = try JSONReader.parse(Array(json.utf8))
        let line = try JSONTape.parse(Array(#"{"before": [1, {"x": [2, 3]}], "body": \#(json), "after": {"y": "z"}}"#.utf8), path: "line")
        let body = try #require(line.withView { $0.member(named: "body", in: 0) })
        let rooted = line.rooted(at: body)
        let described = { (failures: [SchemaFailure]) in failures.map { "\($0.instancePointer) \($0.keyword): \($0.message) \($0.notes)" } }
        #expect(rooted.value(at: rooted.root) == value)
        #expect(described(fixture.compiled.validate(rooted, against: id)) == described(fixture.compiled.validate(JSONTape(value), against: id)))
        #expect(fixture.compiled.isValid(rooted, against: id) == fixture.compiled.isValid(JSONTape(value), against: id))
    }

    /// An invalid value's members are each checked by the fast pass first in the collecting pass; those that hold
    /// with something to say (a discriminator naming an alternative they do not satisfy, a `$ref` to nothing) must
    /// still say it, at their own place, beside the failures of those that fail.
    @Test func membersThatHoldStillReportWarningsAndBrokenReferences() throws {
        let fixture = try SchemaFixture("households-3.1.yaml")
        let json = #"""
            {"name": 7, "pet": {"petType": "dog", "purrs": true}, "owner": {"address": {"street": "Main"}, "nickname": null},
             "pets": [{"petType": "cat"}, {"petType": "dog"}, {"petType": "dog", "barks": "loud"}]}
            """#
        let found = fixture.check("Household", json)
        let claim = "petType = 'dog' names Dog, which the value does not satisfy; the value satisfies 'Cat' of oneOf, so it passes: "
            + "a discriminator does not change the verdict"
        let broken = "/owner/address $ref: cannot be checked: the schema here is '$ref: #/components/schemas/Address', which resolves nowhere"
        #expect(found == [
            broken, "/name type: expected string, found the number 7",
            "warning: /pet required: required property 'barks' is missing [\(claim)]",
            "warning: /pets/1 required: required property 'barks' is missing [\(claim)]",
            #"warning: /pets/2/barks type: expected boolean, found the string "loud" ["# + claim + "]",
        ])
        // The same members in a valid household: the warning, and the broken reference, which fails it.
        let valid = fixture.check("Household", #"{"name": "Ada", "pet": {"petType": "dog", "purrs": true}, "owner": {"address": {}}}"#)
        #expect(valid == [broken, "warning: /pet required: required property 'barks' is missing [\(claim)]"])
    }
}
