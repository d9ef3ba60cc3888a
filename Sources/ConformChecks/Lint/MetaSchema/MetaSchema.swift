import ConformFindings
import ConformSchema
import ConformSpec
import ConformValues

/// The JSON Schema the OpenAPI Initiative publishes for one version of OpenAPI, compiled once with the project's own
/// schema engine, and kept beside its JSON so that failures can be worded from what the schema says (the fields an
/// object has, the values an enum allows) rather than from the engine's sentences.
///
/// For 3.1 this is `schema.json`, which takes a Schema Object as any object or boolean: the schema compiler checks
/// Schema Objects itself, and `schema-base.json` would also pin `jsonSchemaDialect` to the base dialect. It is the
/// pair openapi-spec-validator checks against. Formats are annotations here, as they are there: the meta-schemas
/// say `uri` where real descriptions write server templates and relative links.
///
/// For 3.2 the schema is not embedded: it is the 3.1 one with the changes of 3.2 made to it in code
/// (`MetaSchema+OAS32.swift`).
final class MetaSchema: Sendable {
    enum Version: Sendable {
        case v3_0
        case v3_1
        case v3_2
    }

    let version: Version
    /// The meta-schema's JSON, read for wording.
    let json: JSONValue
    let compiled: CompiledSchemas
    let root: SchemaID
    /// Every compiled subschema by where the meta-schema writes it: a branch of a `oneOf` to try on its own, the
    /// schema a misplaced `$ref` stands for, the definition a part reached through a `$ref` is checked against.
    let nodes: [JSONPointer: SchemaID]
    /// What compiling it reported; empty (a test holds it so).
    let diagnostics: [SchemaDiagnostic]
    /// The name failures carry as the meta-schema's file.
    let file: String

    private init(version: Version, json: JSONValue, file: String, dialect: SchemaDialect) {
        self.version = version
        self.file = file
        self.json = json
        var compiler = SchemaCompiler(options: SchemaOptions(formatAssertion: false))
        let identifier = json[dialect == .draft4 ? "id" : "$id"]?.stringValue ?? "urn:openapi-conform:\(file)"
        let document = compiler.addSchemaDocument(json, uri: identifier, file: file, dialect: dialect)
        root = compiler.compile(document: document, pointer: .root)
        // The root reaches nearly every subschema; the definitions are compiled on their own too, for the parts
        // checked against one alone.
        let definitions = dialect == .draft4 ? "definitions" : "$defs"
        for name in json[definitions]?.objectValue?.keys ?? [] {
            _ = compiler.compile(document: document, pointer: JSONPointer(tokens: [definitions, name]))
        }
        diagnostics = compiler.diagnostics
        compiled = compiler.finish()
        var nodes: [JSONPointer: SchemaID] = [:]
        for id in 0..<SchemaID(compiled.count) {
            let location = compiled.location(of: id)
            if location.file == file, nodes[location.pointer] == nil { nodes[location.pointer] = id }
        }
        self.nodes = nodes
    }

    static let v3_0 = MetaSchema(version: .v3_0, json: parsed(oas30Text, file: "oas-3.0-schema.json"), file: "oas-3.0-schema.json", dialect: .draft4)
    static let v3_1 = MetaSchema(version: .v3_1, json: oas31JSON, file: "oas-3.1-schema.json", dialect: .draft2020_12)
    static let v3_2 = MetaSchema(version: .v3_2, json: oas32JSON(from: oas31JSON), file: "oas-3.2-schema.json", dialect: .draft2020_12)

    /// The 3.1 schema as published, with its one correction; also what the 3.2 schema is made from.
    private static let oas31JSON = correctingLinkServer(parsed(oas31Text, file: "oas-3.1-schema.json"))

    /// The text is part of the source; a test holds that it parses and compiles without a diagnostic.
    private static func parsed(_ text: String, file: String) -> JSONValue {
        (try? JSONReader.parse(Array(text.utf8), path: file)) ?? .object(JSONObject())
    }

    static func of(_ version: SpecVersion) -> MetaSchema {
        switch version {
        case .v3_0: return v3_0
        case .v3_1: return v3_1
        case .v3_2: return v3_2
        }
    }

    /// "3.0", "3.1" or "3.2", for messages.
    var versionText: String {
        switch version {
        case .v3_0: return "3.0"
        case .v3_1: return "3.1"
        case .v3_2: return "3.2"
        }
    }

    /// Where the meta-schema defines one kind of object: `/definitions/Parameter` (3.0), `/$defs/parameter` (3.1
    /// and 3.2, which keeps the 3.1 names).
    func definition(_ kind: ObjectKind) -> SchemaID? {
        let pointer = switch version {
        case .v3_0: JSONPointer(tokens: ["definitions", kind.name30])
        case .v3_1, .v3_2: JSONPointer(tokens: ["$defs", kind.name31])
        }
        return nodes[pointer]
    }

    /// The 2022-10-07 schema names the Link Object's `server` field `body`, so a valid link with a server fails it
    /// and a link with a `body` passes; the 2025-11-23 publication corrects the name. The correction is made here,
    /// on the value, so that the source keeps the published text byte for byte.
    private static func correctingLinkServer(_ schema: JSONValue) -> JSONValue {
        let path = ["$defs", "link", "properties"]
        guard case .object(let properties)? = schema.value(at: JSONPointer(tokens: path)), properties["server"] == nil,
            properties["body"] != nil
        else { return schema }
        let corrected = JSONObject(properties.members.map { ($0 == "body" ? "server" : $0, $1) })
        return schema.setting(path, to: .object(corrected))
    }

    /// The meta-schema node at a pointer, following its `$ref`s within the meta-schema (the only kind it has
    /// besides `$dynamicRef`), and where it ends up.
    func resolved(_ pointer: JSONPointer) -> (pointer: JSONPointer, value: JSONObject)? {
        var current = pointer
        for _ in 0..<8 {
            guard let object = json.value(at: current)?.objectValue else { return nil }
            guard case .string(let reference)? = object["$ref"], reference.hasPrefix("#"),
                object.keys.allSatisfy({ $0 == "$ref" || $0 == "description" || $0 == "$comment" }),
                let target = try? JSONPointer(parsing: String(reference.dropFirst()))
            else { return (current, object) }
            current = target
        }
        return nil
    }
}

/// The kinds of OpenAPI object the model builds, each with its definition's name in the meta-schemas (3.2 keeps the
/// names of 3.1).
enum ObjectKind: Sendable {
    case pathItem, operation, parameter, requestBody, response, header, mediaType, example, encoding, securityScheme, server

    var name30: String {
        switch self {
        case .pathItem: return "PathItem"
        case .operation: return "Operation"
        case .parameter: return "Parameter"
        case .requestBody: return "RequestBody"
        case .response: return "Response"
        case .header: return "Header"
        case .mediaType: return "MediaType"
        case .example: return "Example"
        case .encoding: return "Encoding"
        case .securityScheme: return "SecurityScheme"
        case .server: return "Server"
        }
    }

    var name31: String {
        switch self {
        case .pathItem: return "path-item"
        case .operation: return "operation"
        case .parameter: return "parameter"
        case .requestBody: return "request-body"
        case .response: return "response"
        case .header: return "header"
        case .mediaType: return "media-type"
        case .example: return "example"
        case .encoding: return "encoding"
        case .securityScheme: return "security-scheme"
        case .server: return "server"
        }
    }
}

extension JSONValue {
    /// This value with `transform` applied to the value at `tokens` (of objects only): a member that is missing is
    /// added when `transform` makes one of nothing, and removed when it makes nothing of one. A path through a value
    /// that is no object leaves this value as it is.
    func updating(_ tokens: some Collection<String>, _ transform: (JSONValue?) -> JSONValue?) -> JSONValue {
        guard let token = tokens.first else { return transform(self) ?? self }
        guard case .object(let object) = self else { return self }
        let rest = tokens.dropFirst()
        let updated = rest.isEmpty ? transform(object[token]) : (object[token] ?? .object(JSONObject())).updating(rest, transform)
        var members: [(String, JSONValue)] = []
        for (key, value) in object.members {
            if key != token {
                members.append((key, value))
            } else if let updated {
                members.append((key, updated))
            }
        }
        if object[token] == nil, let updated { members.append((token, updated)) }
        return .object(JSONObject(members))
    }

    /// This value with the value at `tokens` set, adding the objects on the way that are missing.
    func setting(_ tokens: some Collection<String>, to value: JSONValue) -> JSONValue {
        updating(tokens) { _ in value }
    }
}
