import ConformFindings
import ConformValues

/// One way a value fails a schema: where in the value, which keyword where in the description, and why.
package struct SchemaFailure: Sendable, Hashable {
    /// Where in the validated value (`/business_description`).
    package var instancePointer: JSONPointer
    /// The keyword that failed, as a place in the description (`openapi.yaml#/components/schemas/X/maxLength`).
    package var schemaPointer: SpecPointer
    package var keyword: String
    /// A sentence about the value, without the pointer: "42 characters, at least 80 required".
    package var message: String
    package var expected: String?
    package var actual: String?
    /// Context such as the discriminator branch or best-matching alternative the failure was found under.
    package var notes: [String]
    /// The value could not be checked because its schema is a `$ref` that leads nowhere (`schemaPointer` is that
    /// `$ref`): a problem of the description, which callers report under `spec-ref-unresolved`.
    package var unresolvedReference: Bool
    /// Not a failure of the value: a discriminator names a branch the value does not satisfy, although the value is
    /// valid (a discriminator does not change the verdict). Callers report it under `discriminator-mismatch`, a
    /// warning, and it never makes the value invalid.
    package var discriminatorMismatch: Bool
    /// Not a failure of the value: a `pattern` could not be decided for some of its strings (ICU's search ran past
    /// its deadline, or the validation's `PatternBudget` was spent). One per pattern, at the root, saying how many
    /// values went unchecked; callers report it under `not-validated`, and it never makes the value invalid.
    package var notValidated: Bool

    package init(
        instancePointer: JSONPointer, schemaPointer: SpecPointer, keyword: String, message: String,
        expected: String? = nil, actual: String? = nil, notes: [String] = [], unresolvedReference: Bool = false,
        discriminatorMismatch: Bool = false, notValidated: Bool = false
    ) {
        self.notValidated = notValidated
        self.unresolvedReference = unresolvedReference
        self.discriminatorMismatch = discriminatorMismatch
        self.instancePointer = instancePointer
        self.schemaPointer = schemaPointer
        self.keyword = keyword
        self.message = message
        self.expected = expected
        self.actual = actual
        self.notes = notes
    }
}

/// Short renderings of values for messages: JSON text, cut to a readable length.
enum ValueText {
    static let limit = 60

    static func render(_ value: JSONValue) -> String {
        let text = JSONWriter.string(value)
        guard text.count > limit else { return text }
        return String(text.prefix(limit)) + "…"
    }

    /// "the string \"abc\"", "the number 42", "an object", … for type messages.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return "the boolean \(flag)"
        case .integer, .number, .bigNumber: return "the number \(render(value))"
        case .string: return "the string \(render(value))"
        case .array(let items): return "an array of \(CountText.phrase(items.count, "item"))"
        case .object(let object): return "an object with \(CountText.phrase(object.count, "property", plural: "properties"))"
        }
    }
}
