import ConformSchema

/// ECMA-262 patterns as schemas write them: parsing, translation to ICU, and matching.
enum PatternTarget {
    /// The input is a pattern, then a NUL byte, then the subject to search (empty without a NUL).
    static func regex(_ input: [UInt8]) {
        let split = input.firstIndex(of: 0) ?? input.endIndex
        let pattern = String(decoding: input[..<split], as: UTF8.self)
        let subject = split < input.endIndex ? Array(input[(split + 1)...]) : []
        _ = ECMARegex.isValidPattern(pattern)
        guard let regex = try? ECMARegex(pattern) else { return }
        let text = String(decoding: subject, as: UTF8.self)
        blackHole(regex.firstMatch(in: text))
        // The UTF-8 path reads valid text only, as the validator hands it; `text` is the subject made valid.
        var utf8 = text
        blackHole(utf8.withUTF8 { regex.firstMatch(utf8: $0) })
    }
}
