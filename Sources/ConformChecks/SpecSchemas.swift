import ConformFindings
import ConformSchema
import ConformSpec
import ConformValues
import Foundation

/// The schemas of one OpenAPI description, compiled once: every schema the model names (components, parameters,
/// headers, media types) and everything they reach.
package struct SpecSchemas: Sendable {
    package let compiled: CompiledSchemas
    package let diagnostics: [SchemaDiagnostic]
    private let ids: [SpecPointer: SchemaID]

    /// The compiled schema written at a pointer of the description, if the model names one there.
    package func schema(at pointer: SpecPointer) -> SchemaID? {
        ids[pointer]
    }

    /// Compiles every schema of a description, and the `additional` places a caller wants to validate against
    /// (`payload --schema /some/pointer`). The config carries custom formats and strict readings.
    package static func compile(
        _ document: OpenAPIDocument, bundle: SpecBundle, config: ConformConfig = ConformConfig(), additional: [SpecPointer] = []
    ) -> SpecSchemas {
        let dialect = Self.dialect(of: document)
        var compiler = SchemaCompiler(options: SchemaOptions(formats: config.formatRegistry, strictNullable: config.strict.contains(.nullable), followsMisplacedReferences: !config.strict.contains(.misplacedReferences), readsSlashedPatterns: !config.strict.contains(.patternSlashes), maxPatternLength: config.limits.maxPatternLength, maxDepth: config.limits.maxSchemaDepth))
        let pointers = SchemaPointers.all(in: document) + additional.filter { bundle.value(at: $0) != nil }
        var documentIndex: [String: Int] = [:]
        for path in bundle.filePaths {
            guard let loaded = bundle.documents[path] else { continue }
            let roots = path == bundle.entryPath
                ? pointers.filter { $0.file == path }.map(\.pointer)
                : Self.candidateRoots(of: loaded.root)
            documentIndex[path] = compiler.addDocument(loaded.root, uri: bundle.documentURI(of: path) ?? Self.fileURI(path), file: path, dialect: dialect, schemaRoots: roots)
        }
        var ids: [SpecPointer: SchemaID] = [:]
        for pointer in pointers {
            guard let document = documentIndex[pointer.file] else { continue }
            ids[pointer] = compiler.compile(document: document, pointer: pointer.pointer)
        }
        return SpecSchemas(compiled: compiler.finish(), diagnostics: compiler.diagnostics, ids: ids)
    }

    /// The schemas read by the letter of the OpenAPI version, every leniency off (`strict:` all of `nullable`,
    /// `misplaced-ref` and `pattern-slashes`): what a value must also satisfy to be valid however the description is
    /// read. The probe sends a request as valid only when both readings take it, since a refusal of one the lenient
    /// reading alone allows (null where `nullable` stands beside `allOf`) is the leniency's, not the API's.
    package static func letter(of document: OpenAPIDocument, bundle: SpecBundle, config: ConformConfig) -> SpecSchemas {
        var strict = config
        strict.strict.formUnion([.nullable, .misplacedReferences, .patternSlashes])
        return compile(document, bundle: bundle, config: strict)
    }

    /// OAS 3.0 has its own dialect; 3.1 uses `jsonSchemaDialect` when it names one this validator knows.
    static func dialect(of document: OpenAPIDocument) -> SchemaDialect {
        guard document.version.isV31OrLater else { return .openAPI30 }
        if let declared = document.jsonSchemaDialect, let named = SchemaDialect.named(by: declared, openAPI: true) {
            return named
        }
        return .openAPI31
    }

    /// A referenced file may be one schema, or a collection of named schemas at its top level.
    private static func candidateRoots(of root: JSONValue) -> [JSONPointer] {
        var roots: [JSONPointer] = [.root]
        if case .object(let object) = root {
            for (key, value) in object.members where value.objectValue != nil {
                roots.append(JSONPointer(tokens: [key]))
            }
        }
        return roots
    }

    /// The URI a file's schemas are known by. Without `.` and `..` segments: a `$ref` resolved against it has
    /// them removed (RFC 3986, 5.2.4), so `../api/openapi.yaml` must be known by the path the reference reaches.
    static func fileURI(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return "file://" + URL(fileURLWithPath: absolute).standardized.path
    }
}

/// Every place the model names a schema.
enum SchemaPointers {
    static func all(in document: OpenAPIDocument) -> [SpecPointer] {
        var pointers = document.components.schemas.map(\.pointer)
        let operations = document.operations + document.webhooks.flatMap(\.item.operations)
        for operation in operations {
            for parameter in operation.parameters {
                if let schema = parameter.schema { pointers.append(schema) }
                pointers += mediaTypes(parameter.content)
            }
            if let body = operation.requestBody { pointers += mediaTypes(body.content) }
            for response in operation.responses {
                pointers += mediaTypes(response.content)
                for header in response.headers {
                    if let schema = header.schema { pointers.append(schema) }
                    pointers += mediaTypes(header.content)
                }
            }
        }
        var seen: Set<SpecPointer> = []
        return pointers.filter { seen.insert($0).inserted }
    }

    /// The schemas of media types (OpenAPI 3.2's `itemSchema` too) and of the headers their Encoding Objects give
    /// multipart parts, by name or by position.
    private static func mediaTypes(_ content: [MediaType]) -> [SpecPointer] {
        content.flatMap { media in
            let encodings = media.encoding + media.prefixEncoding + (media.itemEncoding.map { [$0] } ?? [])
            return [media.schema, media.itemSchema].compactMap { $0 } + encodings.flatMap { encoding in
                encoding.headers.flatMap { header in [header.schema].compactMap { $0 } + mediaTypes(header.content) }
            }
        }
    }
}
