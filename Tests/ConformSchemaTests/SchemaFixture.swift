import ConformTestSupport
import ConformValues
import Foundation
import Testing

@testable import ConformSchema

/// The `components.schemas` of one fixture description, compiled in its OpenAPI dialect with the given options,
/// and the checks the tests of this target run against them.
struct SchemaFixture {
    let compiled: CompiledSchemas
    let ids: [String: SchemaID]
    let diagnostics: [SchemaDiagnostic]

    /// `Fixtures/specs/<name>`; the dialect follows the document's `openapi` version.
    init(_ name: String, options: SchemaOptions = SchemaOptions()) throws {
        let path = TestPaths.fixture("ConformSchemaTests", "specs/\(name)")
        let document = try DocumentReader.read(path: path)
        let dialect: SchemaDialect = document.root["openapi"]?.stringValue?.hasPrefix("3.1") == true ? .openAPI31 : .openAPI30
        let names = document.root["components"]?["schemas"]?.objectValue?.keys ?? []
        let pointers = names.map { JSONPointer(tokens: ["components", "schemas", $0]) }
        var compiler = SchemaCompiler(options: options)
        let index = compiler.addDocument(document.root, uri: "file://" + path, file: path, dialect: dialect, schemaRoots: pointers)
        ids = Dictionary(uniqueKeysWithValues: zip(names, pointers.map { compiler.compile(document: index, pointer: $0) }))
        compiled = compiler.finish()
        diagnostics = compiler.diagnostics
    }

    /// Failures of `json` against the named schema as `pointer keyword: message [note]…`, warnings (discriminator
    /// mismatches) prefixed `warning:`, patterns left undecided prefixed `not validated:`. Checks on the way that
    /// the fast pass agrees: valid exactly when nothing but warnings and undecided patterns was found.
    func check(_ name: String, _ json: String, _ direction: ValueDirection = .unspecified) -> [String] {
        guard let id = ids[name] else { return ["no schema \(name)"] }
        let value: JSONValue
        do { value = try JSONReader.parse(Array(json.utf8)) } catch { return ["not JSON: \(error)"] }
        let found = compiled.validate(value, against: id, direction: direction)
        let valid = compiled.isValid(value, against: id, direction: direction)
        #expect(found.allSatisfy { $0.discriminatorMismatch || $0.notValidated } == valid, "fast and collecting passes disagree on \(json)")
        return found.map { failure in
            (failure.discriminatorMismatch ? "warning: " : failure.notValidated ? "not validated: " : "") + "\(failure.instancePointer) \(failure.keyword): \(failure.message)"
                + failure.notes.map { " [\($0)]" }.joined()
        }
    }

    /// The compiler's diagnostics of one kind, as `pointer: message`, pointers relative to the document.
    func diagnostics(_ kind: SchemaDiagnostic.Kind) -> [String] {
        diagnostics.filter { $0.kind == kind }.map { "\($0.location.pointer): \($0.message)" }
    }
}
