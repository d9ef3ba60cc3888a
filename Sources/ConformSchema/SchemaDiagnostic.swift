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
        /// `nullable: true` where OpenAPI 3.0.3's letter gives it no effect.
        case nullableWithoutType
        /// A keyword in another dialect's form (a boolean `exclusiveMinimum` in 2020-12, `nullable` in 3.1).
        case schemaDialect
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
