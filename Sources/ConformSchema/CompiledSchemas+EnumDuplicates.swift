import ConformFindings
import ConformValues

extension CompiledSchemas {
    /// Values an `enum` lists more than once, one diagnostic per repeat, at the repeat.
    ///
    /// Draft 4 requires `enum`'s items to be unique, so in OpenAPI 3.0 a repeat makes the description invalid (as
    /// openapi-spec-validator says); JSON Schema 2020-12 dropped that requirement, so in OpenAPI 3.1 a repeat is only
    /// noise, and a warning. A repeat never changes what a value is checked against, which is why this is a lint
    /// question and not the compiler's.
    package func enumDuplicates() -> [SchemaDiagnostic] {
        var diagnostics: [SchemaDiagnostic] = []
        for node in nodes where node.enumValues != nil && !(node.dialect.isDraft4Family && node.ref != nil) {
            guard case .object(let schema)? = index.value(at: node.location), case .array(let values)? = schema["enum"] else { continue }
            let required = node.dialect.isDraft4Family
            for (first, again) in Self.repeats(in: values) {
                let message = required
                    ? "enum lists \(ValueText.render(values[again])) twice (items \(first) and \(again)), but OpenAPI 3.0 requires enum values to be unique: remove the repeat"
                    : "enum lists \(ValueText.render(values[again])) twice (items \(first) and \(again)); the repeat changes nothing: remove it"
                diagnostics.append(SchemaDiagnostic(
                    .keywordInvalid, message, at: keywordPointer(node, "enum").appending(String(again)),
                    severity: required ? .error : .warning))
            }
        }
        return diagnostics
    }

    /// Each item equal to an earlier one, with the position of its first occurrence. Strings, nearly all of any
    /// enum, are matched by hashing; other values by JSON Schema equality (so 1 and 1.0 are one value).
    private static func repeats(in values: [JSONValue]) -> [(first: Int, again: Int)] {
        // Keyed by UTF-8 bytes: JSON strings are equal by code points, not by Swift's canonical equivalence.
        var strings: [[UInt8]: Int] = [:]
        var others: [(value: JSONValue, position: Int)] = []
        var found: [(first: Int, again: Int)] = []
        for (position, value) in values.enumerated() {
            if case .string(let text) = value {
                let key = Array(text.utf8)
                if let first = strings[key] { found.append((first, position)) } else { strings[key] = position }
            } else if let first = others.first(where: { JSONEquality.equal($0.value, value) }) {
                found.append((first.position, position))
            } else {
                others.append((value, position))
            }
        }
        return found
    }
}
