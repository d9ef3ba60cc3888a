import ConformFindings

/// The model of one description: what the validator needs, each node remembering where it was written.
///
/// Schemas are not expanded here: a schema is named by the `SpecPointer` of its JSON (which may itself be a
/// `$ref`); the schema compiler turns those into validators.
public struct OpenAPIDocument: Sendable {
    public var version: SpecVersion
    public var title: String
    public var apiVersion: String
    public var servers: [Server]
    /// Path items in document order.
    public var paths: [PathItem]
    /// OAS 3.1 webhooks, by name, in document order.
    public var webhooks: [(name: String, item: PathItem)]
    public var components: Components
    /// Document-level security; nil when the document has none (no authentication required).
    public var security: [SecurityRequirement]?
    /// OAS 3.1 `jsonSchemaDialect`.
    public var jsonSchemaDialect: String?
    /// The top-level `tags`, in document order.
    public var tags: [Tag] = []
    public var origin: SpecPointer

    /// Every operation under `paths`, in document order.
    public var operations: [Operation] {
        paths.flatMap(\.operations)
    }

    /// Security that applies to an operation: its own when declared (an empty list means none), else the
    /// document's.
    public func effectiveSecurity(of operation: Operation) -> [SecurityRequirement] {
        operation.security ?? security ?? []
    }
}

/// The reusable parts the validator needs by name.
public struct Components: Sendable {
    /// `components.schemas`, by name, in document order.
    public var schemas: [(name: String, pointer: SpecPointer)]
    public var securitySchemes: [String: SecurityScheme]

    public init(schemas: [(name: String, pointer: SpecPointer)] = [], securitySchemes: [String: SecurityScheme] = [:]) {
        self.schemas = schemas
        self.securitySchemes = securitySchemes
    }

    public func schema(named name: String) -> SpecPointer? {
        schemas.first { $0.name == name }?.pointer
    }
}
