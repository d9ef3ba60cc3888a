import ConformFindings
import ConformSchema
import ConformSpec
import ConformValues

/// The result of checking one payload file.
public struct PayloadResult: Sendable {
    public var file: String
    /// The failures as findings located in the payload file (and pointing at the schema keyword).
    public var findings: [Finding]
    /// Set when the file could not be read or parsed; nothing was validated.
    public var loadError: LoadError?
    /// The payload's text, for showing the line a finding points at.
    public var source: SourceFile?

    public var isValid: Bool { loadError == nil && findings.allSatisfy { $0.severity < .error } }
}

/// Validates payload files against one target of a description.
public struct PayloadValidator: Sendable {
    public let target: PayloadTarget
    let schema: SchemaID
    let schemas: SpecSchemas
    /// The description's files, for locating schema keywords in messages.
    public let bundle: SpecBundle

    /// Loads nothing itself: give it the model and bundle, and it compiles the schemas with the target included.
    public init(target: PayloadTarget, document: OpenAPIDocument, bundle: SpecBundle, config: ConformConfig) throws(PayloadTarget.Problem) {
        let schemas = SpecSchemas.compile(document, bundle: bundle, formats: config.formatRegistry, additional: [target.schema])
        guard let schema = schemas.schema(at: target.schema) else {
            throw PayloadTarget.Problem(description: "\(target.schema) is not a schema")
        }
        self.target = target
        self.schema = schema
        self.schemas = schemas
        self.bundle = bundle
    }

    /// Checks one payload already read into memory.
    public func validate(_ payload: LoadedDocument) -> PayloadResult {
        let failures = schemas.compiled.validate(payload.root, against: schema, direction: target.direction)
        let findings = failures.map { failure in
            Finding(
                rule: target.rule,
                message: "\(failure.instancePointer.isRoot ? "the payload" : failure.instancePointer.description): \(failure.message)",
                operation: target.operation,
                instancePointer: failure.instancePointer,
                specPointer: failure.schemaPointer,
                sourceLocation: payload.sourceMap.valueLocation(of: failure.instancePointer, in: payload.root),
                expected: failure.expected,
                actual: failure.actual,
                notes: failure.notes + ["schema: \(bundle.location(of: failure.schemaPointer)?.description ?? failure.schemaPointer.description) (\(failure.keyword))"])
        }
        return PayloadResult(file: payload.file.path, findings: findings, loadError: nil, source: payload.file)
    }

    /// Reads and checks one file (`-` is standard input, read by the caller into `bytes`).
    public func validate(file path: String, bytes: [UInt8]? = nil) -> PayloadResult {
        do throws(LoadError) {
            let source = if let bytes { SourceFile(path: path, bytes: bytes) } else { try SourceFile(contentsOf: path) }
            return validate(try DocumentReader.read(source))
        } catch {
            return PayloadResult(file: path, findings: [], loadError: error, source: nil)
        }
    }
}
