import ConformFindings

/// A problem found while compiling schemas; lint turns these into `spec-*` findings.
public struct SchemaDiagnostic: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case patternInvalid
        case unknownFormat
        case referenceUnresolved
        case referenceMisplaced
        case discriminatorMapping
        case keywordInvalid
    }

    public var kind: Kind
    public var message: String
    public var location: SpecPointer
    public var severity: Severity

    public init(_ kind: Kind, _ message: String, at location: SpecPointer, severity: Severity = .error) {
        self.kind = kind
        self.message = message
        self.location = location
        self.severity = severity
    }
}
