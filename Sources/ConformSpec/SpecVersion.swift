import ConformValues

/// The OpenAPI version a document declares. 3.0.x, 3.1.x and 3.2.x are understood; anything else is refused with
/// the version named.
public enum SpecVersion: Sendable, Hashable, CustomStringConvertible {
    case v3_0(String)
    case v3_1(String)
    case v3_2(String)

    /// The version string as the document wrote it.
    public var text: String {
        switch self {
        case .v3_0(let text), .v3_1(let text), .v3_2(let text): return text
        }
    }

    public var description: String { "OpenAPI \(text)" }

    /// 3.1 or later: JSON Schema 2020-12 schemas, webhooks, `jsonSchemaDialect`, `$id`s, mutualTLS. 3.2 keeps all
    /// of 3.1 and adds to it, so most questions are "at least 3.1", not "exactly 3.1".
    public var isV31OrLater: Bool {
        if case .v3_0 = self { return false }
        return true
    }

    /// 3.2 or later: the QUERY method and `additionalOperations`, `in: querystring`, sequential media types with
    /// `itemSchema`, `$self`, `components.mediaTypes`, discriminator `defaultMapping`.
    public var isV32OrLater: Bool {
        if case .v3_2 = self { return true }
        return false
    }

    /// "3.0", "3.1" or "3.2", for messages.
    public var family: String {
        switch self {
        case .v3_0: return "3.0"
        case .v3_1: return "3.1"
        case .v3_2: return "3.2"
        }
    }

    /// Reads the version of an entry document, or explains why it is not one this tool reads.
    static func detect(in document: LoadedDocument) throws(LoadError) -> SpecVersion {
        let path = document.file.path
        func fail(_ kind: LoadError.Kind, _ message: String, at pointer: JSONPointer) -> LoadError {
            let location = document.location(of: pointer) ?? SourceLocation(file: path, line: 1, column: 1)
            return LoadError(kind, message, at: location).withSourceLine(from: document.file)
        }
        guard case .object(let root) = document.root else {
            throw fail(.notOpenAPI, "an OpenAPI description is an object, but this file holds \(document.root.typeName == "array" ? "an array" : "a \(document.root.typeName)")", at: .root)
        }
        if let swagger = root["swagger"] {
            let found = swagger.stringValue ?? "\(swagger)"
            throw fail(
                .unsupportedVersion,
                "Swagger \(found) is not supported; openapi-conform reads OpenAPI 3.0, 3.1 and 3.2 (convert the document first, e.g. with swagger2openapi)",
                at: JSONPointer(tokens: ["swagger"]))
        }
        guard let field = root["openapi"] else {
            throw fail(.notOpenAPI, "no 'openapi' field: this is not an OpenAPI description", at: .root)
        }
        guard case .string(let text) = field else {
            throw fail(
                .unsupportedVersion,
                "'openapi' must be a version string such as \"3.1.0\", found \(field.typeName) \(Self.render(field))",
                at: JSONPointer(tokens: ["openapi"]))
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count >= 2, parts[0] == "3", parts[1] == "0" { return .v3_0(text) }
        if parts.count >= 2, parts[0] == "3", parts[1] == "1" { return .v3_1(text) }
        if parts.count >= 2, parts[0] == "3", parts[1] == "2" { return .v3_2(text) }
        throw fail(
            .unsupportedVersion,
            "OpenAPI \(text) is not supported; openapi-conform reads OpenAPI 3.0.x, 3.1.x and 3.2.x",
            at: JSONPointer(tokens: ["openapi"]))
    }

    private static func render(_ value: JSONValue) -> String {
        switch value {
        case .integer(let number): return String(number)
        case .number(let number): return String(number)
        case .bigNumber(let text): return text
        case .bool(let flag): return String(flag)
        default: return ""
        }
    }
}
