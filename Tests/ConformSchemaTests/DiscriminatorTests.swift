@_spi(Tape) import ConformValues
import Testing

@testable import ConformSchema

/// A discriminator does not change the verdict (OpenAPI 3.0.4, 3.1.1): the verdict is JSON Schema's, and a valid
/// value whose discriminating property names a branch it does not satisfy gets that branch's failures as warnings.
@Suite struct DiscriminatorTests {
    static let pets = try! SchemaFixture("pets-inheritance-3.0.yaml")
    static let oneOfPets = try! SchemaFixture("pets-3.0.yaml")

    struct Case: CustomTestStringConvertible, Sendable {
        var id: String
        var schema: String
        var json: String
        var expected: [String]
        var testDescription: String { id }
    }

    static func claims(_ value: String, _ branch: String, satisfied: String) -> String {
        "petType = '\(value)' names \(branch), which the value does not satisfy; the value satisfies \(satisfied), so it passes: a discriminator does not change the verdict"
    }

    static let inheritance: [Case] = [
        Case(id: "a cat as a pet", schema: "Pet", json: #"{"petType": "Cat", "name": "Misty"}"#, expected: []),
        Case(id: "a broken cat is a valid pet, with a warning", schema: "Pet", json: #"{"petType": "Cat", "name": 7}"#,
             expected: ["warning: /name type: expected string, found the number 7 [\(claims("Cat", "Cat", satisfied: "'Pet'"))]"]),
        Case(id: "a mapped value names its child", schema: "Pet", json: #"{"petType": "dog", "bark": false}"#,
             expected: ["warning: /bark type: expected string, found the boolean false [\(claims("dog", "Dog", satisfied: "'Pet'"))]"]),
        Case(id: "a value no child answers to says nothing", schema: "Pet", json: #"{"petType": "Parrot", "name": 7}"#, expected: []),
        Case(id: "a pet without petType fails as a pet", schema: "Pet", json: #"{"name": "Misty"}"#,
             expected: [" required: required property 'petType' is missing"]),
        Case(id: "a broken cat validated as a cat fails once", schema: "Cat", json: #"{"petType": "Cat", "name": 7}"#,
             expected: ["/name type: expected string, found the number 7"]),
        Case(id: "a lizard in a list of pets", schema: "Pet", json: #"{"petType": "Lizard", "lovesRocks": "yes"}"#,
             expected: ["warning: /lovesRocks type: expected boolean, found the string \"yes\" [\(claims("Lizard", "Lizard", satisfied: "'Pet'"))]"]),
    ]

    @Test(arguments: inheritance)
    func parentDiscriminatorWarnsAboutItsChildren(_ test: Case) {
        #expect(Self.pets.check(test.schema, test.json) == test.expected)
    }

    static let alternatives: [Case] = [
        Case(id: "the named branch is the one satisfied", schema: "AnyPet",
             json: #"{"id": 2, "name": "Tom", "petType": "cat", "password": "p", "huntingSkill": "lazy"}"#, expected: []),
        Case(id: "alternatives that overlap fail oneOf whatever the discriminator names", schema: "AnyPet",
             json: #"{"id": 1, "name": "Rex", "petType": "dog", "password": "p", "packSize": 3}"#,
             expected: [" oneOf: matches more than one alternative of oneOf: 'Cat' and 'Dog'; exactly one must match [petType = 'dog' names Dog, but a discriminator does not choose among alternatives that overlap; to make them exclusive, constrain petType in each (in Dog: enum: ['dog'])]"]),
        Case(id: "the body names dog and satisfies Cat", schema: "AnyPet",
             json: #"{"id": 1, "name": "Rex", "petType": "dog", "password": "p"}"#,
             expected: ["warning:  required: required property 'packSize' is missing [\(claims("dog", "Dog", satisfied: "'Cat' of oneOf"))]"]),
        Case(id: "no branch satisfied: explained against the named one", schema: "AnyPet",
             json: #"{"id": 2, "name": "Tom", "petType": "cat", "password": "p", "huntingSkill": "bold"}"#,
             expected: ["/huntingSkill enum: \"bold\" is not one of the allowed values: \"clueless\", \"lazy\", \"adventurous\" [checked as Cat, chosen by petType = 'cat']"]),
        Case(id: "a value that selects nothing, valid as Cat", schema: "AnyPet",
             json: #"{"id": 1, "name": "Rex", "petType": "fish", "password": "p"}"#,
             expected: [#"warning: /petType discriminator: discriminator 'petType' is "fish", which selects no schema; expected one of 'cat' and 'dog' [the value satisfies 'Cat' of oneOf, so it passes: a discriminator does not change the verdict]"#]),
    ]

    @Test(arguments: alternatives)
    func oneOfDiscriminatorKeepsTheVerdict(_ test: Case) {
        #expect(Self.oneOfPets.check(test.schema, test.json) == test.expected)
    }

    /// The fast pass never collects: it raises a flag only for a value that needs a warning, so every other valid
    /// value is answered by it alone.
    @Test(arguments: [
        ("Pet", #"{"petType": "Cat", "name": "Misty"}"#, false), ("Pet", #"{"petType": "Cat", "name": 7}"#, true),
        ("Cat", #"{"petType": "Cat", "name": "Misty"}"#, false), ("Pet", #"{"petType": "dog", "bark": "woof"}"#, false),
    ])
    func fastPassOnlyFlagsClaimsToWord(_ schema: String, _ json: String, _ flagged: Bool) throws {
        let fixture = Self.pets
        let id = try #require(fixture.ids[schema])
        let tape = JSONTape(try JSONReader.parse(Array(json.utf8)))
        tape.withView { view in
            var evaluator = Evaluator(schemas: fixture.compiled, tape: view, direction: .unspecified, collecting: false)
            var annotations: Annotations?
            _ = evaluator.evaluate(id, 0, &annotations)
            #expect(evaluator.needsClaimReport == flagged)
            #expect(evaluator.failures.isEmpty && evaluator.mismatches.isEmpty)
        }
    }

    /// Alternatives that constrain the discriminating property themselves (`const`, `enum`, a `const` in an `allOf`
    /// part) and so cannot hold for a value that sends another one are not tried; the verdicts and the failures are
    /// those of trying them all, whichever alternative the mapping names (even one whose `const` refuses its key).
    static let accounts = try! SchemaFixture("accounts-const-discriminator-3.1.yaml")

    @Test(arguments: [
        (#"{"type": "personal", "name": "Ada"}"#, ""),
        (#"{"type": "personal"}"#, " required: required property 'name' is missing [checked as Personal, chosen by type = 'personal']"),
        (#"{"type": "legacy", "name": "Ada"}"#, #"/type const: must be exactly "personal", found "legacy" [checked as Personal, chosen by type = 'legacy']"#),
        (#"{"type": "company", "name": "Acme", "taxId": "12"}"#,
         #"warning: /type discriminator: discriminator 'type' is "company", which selects no schema; expected one of 'personal', 'business', 'joint' and 'legacy' [the value satisfies 'Business' of oneOf, so it passes: a discriminator does not change the verdict]"#),
        (#"{"type": "business", "name": "Acme"}"#, " required: required property 'taxId' is missing [checked as Business, chosen by type = 'business']"),
        (#"{"type": "business", "name": "Acme", "taxId": "12"}"#, ""),
        (#"{"type": "joint", "owners": ["a"]}"#, "/owners minItems: 1 item, at least 2 required [checked as Joint, chosen by type = 'joint']"),
        (#"{"type": "joint", "owners": ["a", "b"]}"#, ""),
        (#"{"name": "Ada"}"#, " discriminator: discriminator property 'type' is missing; it must be one of 'personal', 'business', 'joint' and 'legacy'"),
    ])
    func alternativesThatRefuseTheSentValueAreNotTried(_ json: String, _ expected: String) {
        #expect(Self.accounts.check("Account", json).joined(separator: "\n") == expected)
    }

    @Test func eachAlternativeAdmitsTheValuesItsSchemaForThePropertyAllows() throws {
        let account = try #require(Self.accounts.ids["Account"])
        let discriminator = try #require(Self.accounts.compiled.nodes[Int(account)].discriminator)
        #expect(discriminator.admitted == [["personal"], ["business", "company"], ["joint"]])
        #expect(discriminator.excludes(0, "legacy") && discriminator.excludes(1, "joint") && !discriminator.excludes(1, "company"))
    }
}
