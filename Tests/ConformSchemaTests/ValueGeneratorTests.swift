import ConformFindings
import ConformTestSupport
import ConformValues
import Foundation
import Testing

@testable import ConformSchema

/// The value generator on small inline schemas: each keyword's valid values, determinism, unsatisfiable schemas
/// located, and invalid variants that fail on exactly their keyword.
@Suite struct ValueGenerationTests {
    /// Inline `components.schemas` (JSON), compiled in the given OpenAPI dialect. The schema under test is `S`.
    struct Inline {
        let compiled: CompiledSchemas
        let ids: [String: SchemaID]

        init(_ schemas: String, dialect: SchemaDialect = .openAPI31, formats: [String: String] = [:]) throws {
            let components = try JSONReader.parse(Array(schemas.utf8))
            let version: JSONValue = .string(dialect == .openAPI30 ? "3.0.3" : "3.1.0")
            let root: JSONValue = .object(JSONObject([("openapi", version), ("components", .object(JSONObject([("schemas", components)])))]))
            let names = components.objectValue?.keys ?? []
            let pointers = names.map { JSONPointer(tokens: ["components", "schemas", $0]) }
            var compiler = SchemaCompiler(options: SchemaOptions(formats: FormatRegistry(custom: formats)))
            let index = compiler.addDocument(root, uri: "file:///inline.yaml", file: "inline.yaml", dialect: dialect, schemaRoots: pointers)
            ids = Dictionary(uniqueKeysWithValues: zip(names, pointers.map { compiler.compile(document: index, pointer: $0) }))
            compiled = compiler.finish()
        }

        var root: SchemaID { ids["S"] ?? 0 }

        func generate(seed: UInt64 = 7, _ direction: ValueDirection = .unspecified) -> Result<JSONValue, GenerationError> {
            var generator = ValueGenerator(schemas: compiled, seed: seed)
            return generator.valid(root, direction: direction)
        }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var id: String
        var schemas: String
        var dialect: SchemaDialect = .openAPI31
        var direction: ValueDirection = .unspecified
        var formats: [String: String] = [:]
        /// What the value must show besides being valid.
        var property: @Sendable (JSONValue) -> Bool = { _ in true }
        var testDescription: String { id }
    }

    /// A discriminator on a parent that its children extend through `allOf`, the parent named `parent`.
    static func petFamily(_ parent: String, extra: String = "") -> String {
        """
        {"\(parent)": {"type": "object", "required": ["name", "petType"], "properties": {"name": {"type": "string"}, "petType": {"type": "string"}},
                  "discriminator": {"propertyName": "petType", "mapping": {"cat": "#/components/schemas/Cat", "dog": "#/components/schemas/Dog"}}},
         "Cat": {"allOf": [{"$ref": "#/components/schemas/\(parent)"}, {"type": "object", "required": ["huntingSkill"], "properties": {"huntingSkill": {"enum": ["lazy", "adventurous"]}}}]},
         "Dog": {"allOf": [{"$ref": "#/components/schemas/\(parent)"}, {"type": "object", "required": ["packSize"], "properties": {"packSize": {"type": "integer", "minimum": 1}}}]}\(extra)}
        """
    }

    static func string(_ value: JSONValue) -> String { value.stringValue ?? "" }
    static func member(_ value: JSONValue, _ name: String) -> JSONValue? { value.objectValue?[name] }

    static let cases: [Case] = baseCases + formatCases

    static let baseCases: [Case] = [
        Case(id: "string", schemas: #"{"S": {"type": "string"}}"#) { $0.stringValue != nil },
        Case(id: "integer bounds", schemas: #"{"S": {"type": "integer", "minimum": 10, "maximum": 12}}"#) { (10...12).contains($0.intValue ?? 0) },
        Case(id: "exclusive bounds (3.1 numeric form)", schemas: #"{"S": {"type": "integer", "exclusiveMinimum": 4, "exclusiveMaximum": 6}}"#) { $0.intValue == 5 },
        Case(id: "exclusive bounds (3.0 boolean form)", schemas: #"{"S": {"type": "integer", "minimum": 4, "exclusiveMinimum": true, "maximum": 6, "exclusiveMaximum": true}}"#, dialect: .openAPI30) { $0.intValue == 5 },
        Case(id: "decimal multipleOf", schemas: #"{"S": {"type": "number", "multipleOf": 0.01, "minimum": 1.5, "maximum": 2}}"#) { ($0.doubleValue ?? 0) >= 1.5 },
        Case(id: "integer multipleOf", schemas: #"{"S": {"type": "integer", "multipleOf": 7, "minimum": 100}}"#) { ($0.intValue ?? 1) % 7 == 0 },
        Case(id: "int32 format", schemas: #"{"S": {"type": "integer", "format": "int32", "minimum": 2147483600}}"#) { ($0.intValue ?? 0) <= Int(Int32.max) },
        // A format's range bounds the value but does not place it: near 0, as for any integer, not near −2³¹
        // (Sanic documents every `<id:int>` as int32, spectree its ints as int64).
        Case(id: "int32 format unbounded", schemas: #"{"S": {"type": "integer", "format": "int32"}}"#) { (0...100).contains($0.intValue ?? -1) },
        Case(id: "int64 format unbounded", schemas: #"{"S": {"type": "integer", "format": "int64"}}"#) { (0...100).contains($0.intValue ?? -1) },
        Case(id: "int32 format with a maximum", schemas: #"{"S": {"type": "integer", "format": "int32", "maximum": -5}}"#) { (-105 ... -5).contains($0.intValue ?? 0) },
        Case(id: "int64 format with multipleOf", schemas: #"{"S": {"type": "integer", "format": "int64", "multipleOf": 5}}"#) { (0...100).contains($0.intValue ?? -1) && ($0.intValue ?? 1) % 5 == 0 },
        Case(id: "enum", schemas: #"{"S": {"enum": ["a", "b", 3]}}"#) { ["a", "b", 3].contains($0) },
        Case(id: "const", schemas: #"{"S": {"const": {"x": [1, 2]}}}"#) { $0 == .object(JSONObject([("x", [1, 2])])) },
        Case(id: "lengths count code points", schemas: #"{"S": {"type": "string", "minLength": 30, "maxLength": 31}}"#) { (30...31).contains(string($0).unicodeScalars.count) },
        Case(id: "pattern from its syntax tree", schemas: #"{"S": {"type": "string", "pattern": "^[A-Z]{3}-\\d{4}$"}}"#) {
            string($0).range(of: #"^[A-Z]{3}-[0-9]{4}$"#, options: .regularExpression) != nil
        },
        Case(id: "pattern with alternation, groups, negated class", schemas: #"{"S": {"type": "string", "pattern": "^(ab|cd)+[^a-z0-9]\\w*\\s?(?:x|y){2,3}$"}}"#) { !string($0).isEmpty },
        Case(id: "pattern with a backreference", schemas: #"{"S": {"type": "string", "pattern": "^(a|b)c\\1$"}}"#) { ["aca", "bcb"].contains(string($0)) },
        Case(id: "pattern with a lookahead, tried and verified", schemas: #"{"S": {"type": "string", "pattern": "^(?=.*[0-9])[a-z0-9]{8}$"}}"#) { string($0).count == 8 },
        Case(id: "pattern and minLength", schemas: #"{"S": {"type": "string", "pattern": "^[a-f]+$", "minLength": 12}}"#) { string($0).count >= 12 },
        Case(id: "unanchored pattern padded", schemas: #"{"S": {"type": "string", "pattern": "ldg_", "minLength": 10}}"#) { string($0).contains("ldg_") },
        Case(id: "config format from its pattern", schemas: #"{"S": {"type": "string", "format": "ledger-id"}}"#, formats: ["ledger-id": "^ldg_[A-Za-z0-9]{22}$"]) { string($0).hasPrefix("ldg_") },
        // pydantic's Json[dict[str, int]]: a string whose content is JSON of the contentSchema.
        Case(id: "JSON text of a contentSchema", schemas: #"{"S": {"type": "string", "contentMediaType": "application/json", "contentSchema": {"type": "object", "required": ["n"], "properties": {"n": {"type": "integer", "minimum": 1}}}}}"#) {
            (try? JSONReader.parse(Array(string($0).utf8)))?["n"]?.intValue.map { $0 >= 1 } == true
        },
        Case(id: "array bounds and uniqueItems", schemas: #"{"S": {"type": "array", "items": {"type": "integer", "minimum": 0, "maximum": 3}, "minItems": 4, "uniqueItems": true}}"#) { ($0.arrayValue?.count ?? 0) >= 4 },
        Case(id: "prefixItems", schemas: #"{"S": {"type": "array", "prefixItems": [{"type": "string"}, {"type": "boolean"}], "items": false, "minItems": 2}}"#) { $0.arrayValue?.count == 2 },
        Case(id: "contains with minContains", schemas: #"{"S": {"type": "array", "items": {"type": "integer"}, "contains": {"const": 5}, "minContains": 2}}"#) {
            ($0.arrayValue ?? []).filter { $0 == 5 }.count >= 2
        },
        Case(id: "required and additionalProperties false", schemas: #"{"S": {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}, "n": {"type": "string"}}, "additionalProperties": false}}"#) { member($0, "id") != nil },
        Case(id: "additionalProperties schema and minProperties", schemas: #"{"S": {"type": "object", "additionalProperties": {"type": "integer"}, "minProperties": 3}}"#) { ($0.objectValue?.count ?? 0) >= 3 },
        Case(id: "patternProperties and propertyNames", schemas: #"{"S": {"type": "object", "patternProperties": {"^x-": {"type": "string"}}, "propertyNames": {"pattern": "^x-"}, "minProperties": 2}}"#) {
            ($0.objectValue?.keys ?? []).allSatisfy { $0.hasPrefix("x-") }
        },
        Case(id: "dependentRequired", schemas: #"{"S": {"type": "object", "required": ["card"], "properties": {"card": {"type": "string"}, "billing": {"type": "string"}}, "dependentRequired": {"card": ["billing"]}}}"#) { member($0, "billing") != nil },
        Case(id: "allOf merged", schemas: ##"{"S": {"allOf": [{"$ref": "#/components/schemas/A"}, {"required": ["b"], "properties": {"b": {"type": "integer", "minimum": 3}}}]}, "A": {"type": "object", "required": ["a"], "properties": {"a": {"type": "string", "format": "uuid"}}}}"##) {
            member($0, "a") != nil && member($0, "b") != nil
        },
        Case(id: "oneOf with overlapping branches", schemas: #"{"S": {"oneOf": [{"type": "string"}, {"type": "string", "format": "date"}]}}"#) { $0.stringValue != nil },
        Case(id: "anyOf", schemas: #"{"S": {"anyOf": [{"type": "integer", "minimum": 5}, {"type": "boolean"}]}}"#),
        Case(id: "not", schemas: #"{"S": {"type": "string", "not": {"enum": ["alpha"]}}}"#) { $0 != "alpha" },
        Case(id: "if/then/else", schemas: #"{"S": {"type": "object", "required": ["kind"], "properties": {"kind": {"enum": ["a", "b"]}}, "if": {"properties": {"kind": {"const": "a"}}}, "then": {"required": ["x"], "properties": {"x": {"type": "integer"}}}, "else": {"required": ["y"], "properties": {"y": {"type": "string"}}}}}"#),
        Case(id: "discriminator sets the mapped value", schemas: """
            {"S": {"oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}], "discriminator": {"propertyName": "petType", "mapping": {"cat": "#/components/schemas/Cat", "dog": "#/components/schemas/Dog"}}},
             "Cat": {"type": "object", "required": ["petType", "meow"], "properties": {"petType": {"type": "string"}, "meow": {"type": "boolean"}}},
             "Dog": {"type": "object", "required": ["petType", "bark"], "properties": {"petType": {"type": "string"}, "bark": {"type": "boolean"}}}}
            """) { value in
            let kind = member(value, "petType")?.stringValue
            return (kind == "cat" && member(value, "meow") != nil) || (kind == "dog" && member(value, "bark") != nil)
        },
        // Redoc's demo Pet: the discriminator sits on the parent, which Cat and Dog extend through allOf.
        Case(id: "the parent of an allOf family is built as a child it names", schemas: Self.petFamily("S")) { value in
            let kind = member(value, "petType")?.stringValue
            return (kind == "cat" && member(value, "huntingSkill") != nil) || (kind == "dog" && member(value, "packSize") != nil)
        },
        Case(id: "a child reached through a $ref names itself", schemas: Self.petFamily("Pet", extra: ##", "S": {"$ref": "#/components/schemas/Dog"}"##)) { value in
            member(value, "petType") == "dog" && member(value, "packSize") != nil
        },
        Case(id: "a 64-bit integer written as a string (Google's historyId)", schemas: #"{"S": {"type": "string", "format": "uint64"}}"#) {
            !string($0).isEmpty && string($0).allSatisfy(\.isASCII) && UInt64(string($0)) != nil
        },
        Case(id: "readOnly absent from requests", schemas: #"{"S": {"type": "object", "required": ["id", "name"], "properties": {"id": {"type": "integer", "readOnly": true}, "name": {"type": "string"}}}}"#, direction: .request) {
            member($0, "id") == nil && member($0, "name") != nil
        },
        Case(id: "writeOnly absent from responses", schemas: #"{"S": {"type": "object", "required": ["password"], "properties": {"password": {"type": "string", "writeOnly": true}, "name": {"type": "string"}}, "minProperties": 1}}"#, direction: .response) {
            member($0, "password") == nil
        },
        Case(id: "nullable (3.0)", schemas: #"{"S": {"type": "string", "nullable": true, "maxLength": 3}}"#, dialect: .openAPI30),
        Case(id: "type arrays", schemas: #"{"S": {"type": ["integer", "null"], "minimum": 1}}"#),
        Case(id: "recursive schema within the depth bound", schemas: ##"{"S": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}, "children": {"type": "array", "items": {"$ref": "#/components/schemas/S"}}}}}"##),
        Case(id: "recursion left through the non-recursive branch", schemas: ##"{"S": {"oneOf": [{"type": "object", "required": ["next"], "properties": {"next": {"$ref": "#/components/schemas/S"}}, "additionalProperties": false}, {"type": "integer"}]}}"##),
    ]

    static let formatCases: [Case] = FormatRegistry.builtInNames.map { name in
        let type = if case .number = FormatRegistry().checker(for: name) { "number" } else { "string" }
        return Case(id: "format \(name)", schemas: #"{"S": {"type": "\#(type)", "format": "\#(name)"}}"#) { value in
            FormatRegistry().check(name, value) == .valid
        }
    }

    @Test(arguments: cases)
    func generatesValidValues(_ test: Case) throws {
        let schemas = try Inline(test.schemas, dialect: test.dialect, formats: test.formats)
        for seed: UInt64 in [1, 2, 3, 42] {
            let value = try schemas.generate(seed: seed, test.direction).get()
            #expect(schemas.compiled.isValid(value, against: schemas.root, direction: test.direction), "\(value)")
            #expect(test.property(value), "seed \(seed): \(JSONWriter.string(value))")
        }
    }

    @Test func sameSeedSameValue() throws {
        let schemas = try Inline(#"{"S": {"type": "object", "properties": {"a": {"type": "string", "pattern": "^[a-z]{2,9}$"}, "b": {"type": "array", "items": {"type": "number"}}, "c": {"format": "date-time"}}}}"#)
        let first = try schemas.generate(seed: 99).get()
        #expect(try schemas.generate(seed: 99).get() == first)
        let others = try (100..<105).map { try schemas.generate(seed: $0).get() }
        #expect(others.contains { $0 != first })
    }

    struct Unsatisfiable: CustomTestStringConvertible, Sendable {
        var id: String
        var schemas: String
        var kind: GenerationError.Kind
        var location: String
        var testDescription: String { id }
    }

    static let unsatisfiable: [Unsatisfiable] = [
        Unsatisfiable(id: "minimum above maximum", schemas: #"{"S": {"type": "integer", "minimum": 5, "maximum": 2}}"#, kind: .unsatisfiable, location: "/components/schemas/S/maximum"),
        Unsatisfiable(id: "minLength above maxLength", schemas: #"{"S": {"type": "string", "minLength": 5, "maxLength": 2}}"#, kind: .unsatisfiable, location: "/components/schemas/S/maxLength"),
        Unsatisfiable(id: "false schema", schemas: #"{"S": {"type": "object", "required": ["a"], "properties": {"a": false}}}"#, kind: .unsatisfiable, location: "/components/schemas/S/properties/a"),
        Unsatisfiable(id: "required property forbidden", schemas: #"{"S": {"type": "object", "required": ["a"], "additionalProperties": false}}"#, kind: .unsatisfiable, location: "/components/schemas/S/required"),
        Unsatisfiable(id: "types that do not meet", schemas: #"{"S": {"allOf": [{"type": "string"}, {"type": "integer"}]}}"#, kind: .unsatisfiable, location: "/components/schemas/S/allOf/0/type"),
        Unsatisfiable(id: "no way out of recursion", schemas: ##"{"S": {"type": "object", "required": ["next"], "properties": {"next": {"$ref": "#/components/schemas/S"}}}}"##, kind: .tooDeep, location: "/components/schemas/S"),
        Unsatisfiable(id: "unresolved reference", schemas: ##"{"S": {"type": "object", "required": ["a"], "properties": {"a": {"$ref": "#/components/schemas/Missing"}}}}"##, kind: .unresolvedReference, location: "/components/schemas/S/properties/a"),
        Unsatisfiable(id: "a lookahead no string satisfies", schemas: #"{"S": {"type": "string", "pattern": "^(?!a)a$"}}"#, kind: .exhausted, location: "/components/schemas/S/pattern"),
        Unsatisfiable(id: "maxItems below minContains", schemas: #"{"S": {"type": "array", "contains": {"type": "integer"}, "minContains": 3, "maxItems": 2}}"#, kind: .unsatisfiable, location: "/components/schemas/S/maxItems"),
    ]

    @Test(arguments: unsatisfiable)
    func unsatisfiableSchemasSayWhere(_ test: Unsatisfiable) throws {
        let schemas = try Inline(test.schemas)
        switch schemas.generate() {
        case .success(let value):
            Issue.record("expected an error, got \(JSONWriter.string(value))")
        case .failure(let error):
            #expect(error.kind == test.kind, "\(error)")
            #expect(error.location?.pointer.description.hasPrefix(test.location) == true, "\(error)")
        }
    }

    struct VariantCase: CustomTestStringConvertible, Sendable {
        var id: String
        var schemas: String
        var direction: ValueDirection = .unspecified
        /// `keyword pointer` of variants that must be among those confirmed.
        var expected: [String]
        var testDescription: String { id }
    }

    static let variantCases: [VariantCase] = [
        VariantCase(id: "object keywords", schemas: #"{"S": {"type": "object", "required": ["id", "tags"], "additionalProperties": false, "maxProperties": 4, "properties": {"id": {"type": "integer", "minimum": 1, "maximum": 9, "multipleOf": 2}, "tags": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 3, "uniqueItems": true}, "code": {"type": "string", "pattern": "^[A-Z]{3}$"}}}}"#,
                    expected: ["required ", "additionalProperties /unexpectedProperty", "type ", "type /id", "minimum /id", "maximum /id", "multipleOf /id", "minItems /tags", "maxItems /tags", "uniqueItems /tags", "type /tags/0"]),
        VariantCase(id: "string lengths", schemas: #"{"S": {"type": "string", "minLength": 3, "maxLength": 8}}"#, expected: ["minLength ", "maxLength ", "type "]),
        VariantCase(id: "format", schemas: #"{"S": {"type": "string", "format": "date"}}"#, expected: ["format "]),
        VariantCase(id: "pattern", schemas: #"{"S": {"type": "string", "pattern": "^[A-Z]{3}-\\d{4}$"}}"#, expected: ["pattern "]),
        VariantCase(id: "enum and const", schemas: #"{"S": {"type": "object", "required": ["a", "b"], "properties": {"a": {"enum": ["x", "y"]}, "b": {"const": 3}}}}"#, expected: ["enum /a", "const /b"]),
        VariantCase(id: "exclusive bounds and minProperties", schemas: #"{"S": {"type": "object", "minProperties": 2, "required": ["n"], "properties": {"n": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 10}, "m": {"type": "boolean"}}}}"#, expected: ["exclusiveMinimum /n", "exclusiveMaximum /n", "minProperties "]),
        // pydantic writes every optional field so: a change inside the branch the value satisfies fails the anyOf.
        VariantCase(id: "optional members as pydantic writes them", schemas: #"{"S": {"type": "object", "properties": {"memo": {"anyOf": [{"type": "string", "maxLength": 3}, {"type": "null"}]}, "since": {"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]}, "fee": {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "null"}]}}}}"#,
                    expected: ["maxLength /memo", "format /since", "minimum /fee"]),
        VariantCase(id: "readOnly sent in a request", schemas: #"{"S": {"type": "object", "properties": {"id": {"type": "integer", "readOnly": true}, "name": {"type": "string"}}}}"#, direction: .request, expected: ["properties /id"]),
    ]

    @Test(arguments: variantCases)
    func variantsFailOnExactlyTheirKeyword(_ test: VariantCase) throws {
        let schemas = try Inline(test.schemas)
        var generator = ValueGenerator(schemas: schemas.compiled, seed: 11)
        let variants = generator.invalidVariants(schemas.root, direction: test.direction)
        for variant in variants {
            let failures = schemas.compiled.validate(variant.value, against: schemas.root, direction: test.direction)
            // The keyword fails at its place, and nothing else does but the alternatives it sits in.
            let own = failures.filter { $0.keyword == variant.keyword && $0.instancePointer == variant.instancePointer }
            let alternatives = failures.filter { ["anyOf", "oneOf"].contains($0.keyword) }
            #expect(own.count == 1 && failures.count == own.count + alternatives.count, "\(variant.summary): \(failures.map(\.message))")
            #expect(variant.schemaLocation.pointer.lastToken == variant.keyword || variant.keyword == "properties" || variant.keyword == "additionalProperties")
        }
        let found = Set(variants.map { "\($0.keyword) \($0.instancePointer)" })
        for expected in test.expected {
            #expect(found.contains(expected), "missing \(expected); found \(found.sorted())")
        }
        #expect(generator.statistics.variantsConfirmed == variants.count)
    }

    /// The smallest body the probe sends has the required members only, at every depth, whatever the seed.
    @Test func aLeanValueHasOnlyTheRequiredMembers() throws {
        let schemas = try Inline(#"{"S": {"type": "object", "required": ["id", "address"], "properties": {"id": {"type": "integer"}, "name": {"type": "string"}, "address": {"type": "object", "required": ["city"], "properties": {"city": {"type": "string"}, "zip": {"type": "string"}}}}}}"#)
        for seed in UInt64(1)...10 {
            var generator = ValueGenerator(schemas: schemas.compiled, seed: seed)
            let value = try generator.leanValue(schemas.root, direction: .request).get()
            #expect(value.objectValue?.keys.sorted() == ["address", "id"], "seed \(seed): \(value)")
            #expect(value["address"]?.objectValue?.keys.sorted() == ["city"], "seed \(seed): \(value)")
        }
    }

    /// A list the valid value left empty still gets its repeated item (one is made), so whether `probe` tries
    /// `uniqueItems` does not depend on the seed.
    @Test func anEmptyListStillGetsARepeatedItem() throws {
        let schemas = try Inline(#"{"S": {"type": "object", "required": ["tags"], "properties": {"tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": true}}}}"#)
        for seed in UInt64(1)...20 {
            var generator = ValueGenerator(schemas: schemas.compiled, seed: seed)
            let found = generator.invalidVariants(schemas.root, direction: .request).map { "\($0.keyword) \($0.instancePointer)" }
            #expect(found.contains("uniqueItems /tags"), "seed \(seed): \(found)")
        }
    }

    struct EdgeCase: CustomTestStringConvertible, Sendable {
        var id: String
        var schemas: String
        var dialect: SchemaDialect = .openAPI31
        /// `edge pointer value` (the part at the pointer as JSON), or `edge pointer` for any value, that must be found.
        var expected: [String]
        /// `edge pointer` that must not be: the schema does not allow it there.
        var absent: [String] = []
        var testDescription: String { id }
    }

    static let edgeCases: [EdgeCase] = [
        EdgeCase(id: "string lengths", schemas: #"{"S": {"type": "object", "required": ["name", "code", "email"], "properties": {"name": {"type": "string"}, "code": {"type": "string", "minLength": 2, "maxLength": 5}, "email": {"type": "string", "format": "email"}}}}"#,
                 expected: [#"shortest /name """#, "shortest /code", "longest /code"], absent: ["shortest /email", "longest /name"]),
        EdgeCase(id: "number bounds, formats and none", schemas: #"{"S": {"type": "object", "required": ["a", "b", "c", "d", "e"], "properties": {"a": {"type": "integer", "minimum": 1, "maximum": 100}, "b": {"type": "integer"}, "c": {"type": "integer", "format": "int32"}, "d": {"type": "number", "exclusiveMinimum": 0}, "e": {"type": "integer", "multipleOf": 5, "minimum": 3}}}}"#,
                 expected: ["lowest /a 1", "highest /a 100", "lowest /b -9007199254740991", "highest /b 9007199254740991", "lowest /c -2147483648", "highest /c 2147483647", "lowest /d 0.01", "highest /d 9007199254740991", "lowest /e 5"],
                 absent: ["highest /e"]),
        EdgeCase(id: "null as pydantic, OpenAPI 3.1 and 3.0 allow it", schemas: #"{"S": {"type": "object", "required": ["memo", "note", "flag"], "properties": {"memo": {"anyOf": [{"type": "string", "minLength": 1}, {"type": "null"}]}, "note": {"type": ["string", "null"], "minLength": 1}, "flag": {"type": "boolean"}}}}"#,
                 expected: ["null /memo null", "null /note null", "shortest /memo"], absent: ["null /flag"]),
        EdgeCase(id: "nullable in 3.0", schemas: #"{"S": {"type": "object", "required": ["n"], "properties": {"n": {"type": "integer", "nullable": true, "minimum": 0, "maximum": 500}}}}"#, dialect: .openAPI30,
                 expected: ["null /n null", "lowest /n 0", "highest /n 500"]),
        EdgeCase(id: "each other enum value", schemas: #"{"S": {"type": "object", "required": ["status"], "properties": {"status": {"type": "string", "enum": ["draft", "sent", "paid"]}}}}"#,
                 expected: ["enum /status"], absent: ["shortest /status"]),
        EdgeCase(id: "other spellings of formats", schemas: #"{"S": {"type": "object", "required": ["at", "email", "id"], "properties": {"at": {"type": "string", "format": "date-time"}, "email": {"type": "string", "format": "email"}, "id": {"type": "string", "format": "uuid"}}}}"#,
                 expected: ["spelling /at", "spelling /email", "spelling /id", #"lowest /at "1969-12-31T23:59:59Z""#, #"highest /at "2038-01-19T03:14:08Z""#]),
        EdgeCase(id: "dates around the Unix epochs", schemas: #"{"S": {"type": "object", "required": ["on"], "properties": {"on": {"type": "string", "format": "date"}}}}"#,
                 expected: [#"lowest /on "1969-12-31""#, #"highest /on "2038-01-20""#]),
        EdgeCase(id: "item counts and the first item", schemas: #"{"S": {"type": "object", "required": ["tags"], "properties": {"tags": {"type": "array", "items": {"type": "string", "maxLength": 3}, "minItems": 1, "maxItems": 4}}}}"#,
                 expected: ["most /tags", "longest /tags/0"]),
    ]

    /// Each edge is valid, differs from the value it was made from in one place, and sits where the schema ends.
    @Test(arguments: edgeCases)
    func edgesAreValidValuesWhereTheSchemaEnds(_ test: EdgeCase) throws {
        let schemas = try Inline(test.schemas, dialect: test.dialect)
        var generator = ValueGenerator(schemas: schemas.compiled, seed: 5)
        let original = try generator.fullValue(schemas.root, direction: .request).get()
        let variants = generator.edgeVariants(schemas.root, direction: .request, from: original)
        for variant in variants {
            #expect(schemas.compiled.isValid(variant.value, against: schemas.root, direction: .request), "\(variant.summary)")
            #expect(variant.value != original)
        }
        let found = variants.map { variant in
            "\(variant.edge.rawValue) \(variant.instancePointer) " + (variant.value.value(at: variant.instancePointer).map { JSONWriter.string($0) } ?? "?")
        }
        for expected in test.expected {
            #expect(found.contains { $0 == expected || $0.hasPrefix(expected + " ") }, "missing \(expected); found \(found)")
        }
        for absent in test.absent {
            #expect(!found.contains { $0.hasPrefix(absent + " ") }, "\(absent) found: \(found)")
        }
        if test.id == "other spellings of formats" {
            let spelled = variants.filter { $0.edge == .otherSpelling }.compactMap { $0.value.value(at: $0.instancePointer)?.stringValue }
            #expect(spelled.contains { $0.hasSuffix("+05:30") } && spelled.contains { $0.contains(".123456") }, "\(spelled)")
            #expect(spelled.contains { $0.contains("+probe@") } && spelled.contains { $0.count == 36 && $0 == $0.uppercased() }, "\(spelled)")
        }
        if test.id == "each other enum value" {
            #expect(variants.filter { $0.edge == .otherEnumValue }.count == 2)
        }
        if test.id == "item counts and the first item" {
            #expect(variants.first { $0.edge == .most }?.value["tags"]?.arrayValue?.count == 4)
            // One item at least: minItems 1, so the fewest is a single item, when the value held more.
            #expect(variants.allSatisfy { $0.edge != .fewest || $0.value["tags"]?.arrayValue?.count == 1 })
        }
    }
}
