import ConformFindings

/// A `$ref` of the description that leads nowhere, kept where the model needed what it names. The model keeps a
/// stand-in there (a path item, operation, request body, response, header or media type with this set and
/// nothing else), so that a check which reaches it can say it could not check, instead of treating the missing
/// part as absent. The loader reports the reference itself as `spec-ref-unresolved`.
public struct UnresolvedReference: Sendable, Hashable, CustomStringConvertible {
    /// The `$ref` member.
    public var pointer: SpecPointer
    /// Its text.
    public var reference: String

    public init(pointer: SpecPointer, reference: String) {
        self.pointer = pointer
        self.reference = reference
    }

    /// `'$ref: #/components/responses/NotFound'`.
    public var description: String { "'$ref: \(reference)'" }
}
