@_spi(Tape) import ConformValues

/// A JSON value as a recording stored it (a JSONL body written as JSON), kept in the flat form validation reads.
///
/// A recording's JSON bodies are read once, straight into that form, and validated there; a `JSONValue` tree is
/// made only when something asks for `value` (a writer, a message quoting the body). Equal to, and hashed as,
/// `HTTPBody.json` of the same value.
public struct RecordedJSON: Sendable, Hashable {
    package let tape: JSONTape

    package init(tape: JSONTape) {
        self.tape = tape
    }

    /// The value as a tree.
    public var value: JSONValue { tape.value(at: tape.root) }

    public static func == (lhs: RecordedJSON, rhs: RecordedJSON) -> Bool {
        lhs.value == rhs.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(value)
    }
}
