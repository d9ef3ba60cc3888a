/// `regex`: the value must be an ECMA-262 regular expression, read exactly as `pattern` reads one, so a schema
/// cannot accept as a format what it would reject as a pattern (and the reverse).
enum RegexFormat {
    static func check(_ string: String) -> String? {
        do {
            _ = try ECMARegexTranslator.icuPattern(for: string)
            return nil
        } catch where error.kind == .unsupported {
            // Valid ECMA-262 that ICU cannot match faithfully is still a regular expression.
            return nil
        } catch {
            return "not a valid ECMA-262 regular expression: \(error)"
        }
    }
}
