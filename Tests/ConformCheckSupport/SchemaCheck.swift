import ConformSchema
import ConformTestSupport
import ConformValues
import Foundation

/// Validates JSON text against a JSON Schema file with the project's own validator.
package enum SchemaCheck {
    /// Failures of `json` against the schema at `pointer` of the file (its root by default), as `pointer: message`.
    package static func failures(
        of json: String, schemaPath: String, dialect: SchemaDialect, uri: String, pointer: JSONPointer = .root
    ) throws -> [String] {
        let schema = try JSONReader.parse(Array(try Data(contentsOf: URL(fileURLWithPath: schemaPath))), path: schemaPath)
        let instance = try JSONReader.parse(Array(json.utf8), path: "instance")
        var compiler = SchemaCompiler(options: SchemaOptions(formatAssertion: true))
        let document = compiler.addSchemaDocument(schema, uri: uri, file: schemaPath, dialect: dialect)
        let root = compiler.compile(document: document, pointer: pointer)
        let compiled = compiler.finish()
        return compiled.validate(instance, against: root).map { "\($0.instancePointer): \($0.message)" }
    }
}

/// The JSON report's schema, which also describes the one shape of a finding in every command's JSON.
public enum ReportSchema {
    public static let path = TestPaths.repositoryRoot + "/Sources/ConformReports/Schema/report-v3.schema.json"

    /// Failures of `json` against the whole report, or against one of the schema's `$defs` (`finding`,
    /// `baseline`).
    public static func failures(of json: String, definition: String? = nil) throws -> [String] {
        try SchemaCheck.failures(
            of: json, schemaPath: path, dialect: .draft2020_12, uri: "urn:openapi-conform:report:v3",
            pointer: definition.map { JSONPointer(tokens: ["$defs", $0]) } ?? .root)
    }
}
