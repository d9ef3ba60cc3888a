import ConformFindings

/// A problem found while compiling schemas; lint turns these into `spec-*` findings.
package struct SchemaDiagnostic: Sendable, Hashable {
    package enum Kind: String, Sendable, Hashable {
        case patternInvalid
        case unknownFormat
        case referenceUnresolved
        case referenceMisplaced
        case discriminatorMapping
        case keywordInvalid
    }

    package var kind: Kind
    package var message: String
    package var location: SpecPointer
    package var severity: Severity

    package init(_ kind: Kind, _ message: String, at location: SpecPointer, severity: Severity = .error) {
        self.kind = kind
        self.message = message
        self.location = location
        self.severity = severity
    }
}
