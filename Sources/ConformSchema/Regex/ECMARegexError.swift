/// Why an ECMA-262 pattern was refused: ECMA-262 itself rejects it, or it is valid but ICU cannot match it with the
/// same meaning.
///
/// `offset` counts Unicode scalars from the start of the pattern, 0-based, the unit the rest of the project uses for
/// columns; `description` reads like `unterminated character class at offset 5`.
package struct ECMARegexError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Kind: Sendable, Equatable {
        /// ECMA-262 rejects the pattern (with the leniencies `ECMARegexTranslator` documents).
        case invalidSyntax
        /// ECMA-262 accepts the pattern, but it cannot be translated to ICU faithfully, so it is not used to match.
        case unsupported
    }

    package let kind: Kind
    package let message: String
    package let offset: Int

    package init(_ kind: Kind, _ message: String, at offset: Int) {
        self.kind = kind
        self.message = message
        self.offset = offset
    }

    package var description: String { "\(message) at offset \(offset)" }
}
