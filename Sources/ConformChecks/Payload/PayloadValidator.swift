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
    package var source: SourceFile?
    /// The severity at which a finding makes the payload invalid.
    public var failOn: Severity

    public var isValid: Bool { loadError == nil && findings.allSatisfy { $0.severity < failOn } }
}

/// Validates payload files against one target of a contract: as a request body, a response body or a schema of
/// the description. Findings get the contract's config, like an exchange's.
public struct PayloadValidator: Sendable {
    public let target: PayloadTarget
    public let contract: Contract
    let schema: SchemaID
    let schemas: SpecSchemas

    /// The validator for what `selector` names.
    public init(_ selector: PayloadSelector, contract: Contract) throws(PayloadTarget.Problem) {
        let target = try PayloadTarget.resolve(selector, in: contract.document, bundle: contract.bundle)
        // A schema named by pointer may lie outside what the description's model reaches: compile it too.
        let schemas = contract.schemas.schema(at: target.schema) != nil
            ? contract.schemas
            : SpecSchemas.compile(contract.document, bundle: contract.bundle, config: contract.config, additional: [target.schema])
        guard let schema = schemas.schema(at: target.schema) else {
            throw PayloadTarget.Problem(description: "\(target.schema) is not a schema")
        }
        self.target = target
        self.contract = contract
        self.schema = schema
        self.schemas = schemas
    }

    /// The description's files, for locating schema keywords in messages.
    public var bundle: SpecBundle { contract.bundle }

    /// Checks one payload already read into memory.
    package func validate(_ payload: LoadedDocument) -> PayloadResult {
        let failures = schemas.compiled.validate(payload.root, against: schema, direction: target.direction)
        let findings = failures.map { failure in
            finding(failure, instance: failure.instancePointer,
                    message: "\(failure.instancePointer.isRoot ? "the payload" : failure.instancePointer.description): \(failure.message)",
                    location: payload.sourceMap.valueLocation(of: failure.instancePointer, in: payload.root))
        }
        let configured = contract.config.apply(to: findings, operationIDs: contract.operationIDs)
        return PayloadResult(file: payload.file.path, findings: configured, loadError: nil, source: payload.file, failOn: contract.failOn)
    }

    /// One schema failure as a finding located in the payload file (and pointing at the schema keyword).
    func finding(_ failure: SchemaFailure, instance: JSONPointer, message: String, location: SourceLocation?) -> Finding {
        Finding(
            rule: failure.unresolvedReference ? .specRefUnresolved : failure.discriminatorMismatch ? .discriminatorMismatch
                : failure.notValidated ? .notValidated : target.rule,
            message: message,
            operation: target.operation,
            instancePointer: instance,
            specPointer: failure.schemaPointer,
            sourceLocation: location,
            expected: failure.expected,
            actual: failure.actual,
            notes: failure.notes + ["schema: \(bundle.location(of: failure.schemaPointer)?.description ?? failure.schemaPointer.description) (\(failure.keyword))"])
    }

    /// Reads and checks one file (`-` is standard input, read by the caller into `bytes`).
    public func validate(file path: String, bytes: [UInt8]? = nil) -> PayloadResult {
        if let format = target.sequence, var reader = format.reader() {
            return validateItems(file: path, bytes: bytes, reader: &reader)
        }
        do throws(LoadError) {
            let limits = contract.config.limits
            let source = if let bytes { SourceFile(path: path, bytes: bytes) } else { try SourceFile(contentsOf: path, limits: limits) }
            return validate(try DocumentReader.read(source, limits: limits))
        } catch {
            return PayloadResult(file: path, findings: [], loadError: error, source: nil, failOn: contract.failOn)
        }
    }
}
