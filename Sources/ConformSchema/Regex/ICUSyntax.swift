/// How ECMA-262 constructs are spelled in ICU's pattern syntax.
enum ICUSyntax {
    /// ECMA-262's `\w` set; `\b` is defined by it too (without the `i` flag).
    static let wordSet = "[A-Za-z0-9_]"

    /// ECMA-262's WhiteSpace and LineTerminator: U+0009–U+000D, U+FEFF, U+2028, U+2029 and every `Zs` (space
    /// separator) character, which ICU knows for the same Unicode version it matches with.
    static let spaceItems = "\\x{09}-\\x{0D}\\x{FEFF}\\x{2028}\\x{2029}\\p{Zs}"

    static let anyExceptLineTerminator = "[^\\n\\r\\x{2028}\\x{2029}]"

    static let wordBoundary = "(?:(?<=\(wordSet))(?!\(wordSet))|(?<!\(wordSet))(?=\(wordSet)))"
    static let notWordBoundary = "(?:(?<=\(wordSet))(?=\(wordSet))|(?<!\(wordSet))(?!\(wordSet)))"

    /// A set of every code point, and of none: ICU has no `[^]` or `[]`.
    static let everything = "[\\x{00}-\\x{10FFFF}]"
    static let nothing = "[^\\x{00}-\\x{10FFFF}]"

    static func set(_ builtin: BuiltinClass) -> String {
        switch builtin {
        case .digit: "[0-9]"
        case .notDigit: "[^0-9]"
        case .word: wordSet
        case .notWord: "[^A-Za-z0-9_]"
        case .space: "[\(spaceItems)]"
        case .notSpace: "[^\(spaceItems)]"
        }
    }

    static func property(_ name: String, negated: Bool) -> String {
        negated ? "\\P{\(name)}" : "\\p{\(name)}"
    }

    /// A class as an ICU set; a class escape inside it becomes a nested set, which ICU unites with the rest.
    static func characterClass(negated: Bool, items: [ClassItem]) -> String {
        if items.isEmpty { return negated ? everything : nothing }
        var text = negated ? "[^" : "["
        for item in items {
            switch item {
            case .range(let low, let high):
                text += literal(low, inClass: true)
                if high != low { text += "-" + literal(high, inClass: true) }
            case .builtin(let builtin):
                text += set(builtin)
            case .property(let name, let negated):
                text += property(name, negated: negated)
            }
        }
        return text + "]"
    }

    /// A quantifier; a lazy `??` is written `{0,1}?`, its equal, because ICU takes `??` in a lookbehind as unbounded.
    static func quantifier(_ quantifier: Quantifier) -> String {
        let base =
            switch (quantifier.min, quantifier.max) {
            case (0, nil): "*"
            case (1, nil): "+"
            case (0, 1): quantifier.lazy ? "{0,1}" : "?"
            case (let min, nil): "{\(min),}"
            case (let min, let max?) where min == max: "{\(min)}"
            case (let min, let max?): "{\(min),\(max)}"
            }
        return quantifier.lazy ? base + "?" : base
    }

    /// One code point as an ICU literal. Outside a set only ICU's metacharacters are escaped; inside one every ASCII
    /// punctuation character is, because ICU sets give `[`, `&&`, `--`, `:` and `$` meanings ECMA-262 classes lack.
    /// Controls and every non-ASCII code point (including an unpaired surrogate from `\uD83D`) are written as
    /// `\x{…}`, which keeps translations readable in messages and free of invisible characters.
    static func literal(_ codePoint: UInt32, inClass: Bool) -> String {
        guard codePoint >= 0x20, codePoint < 0x7F, let scalar = Unicode.Scalar(codePoint) else { return hex(codePoint) }
        switch codePoint {
        case 0x20, 0x30...0x39, 0x41...0x5A, 0x61...0x7A:
            return String(scalar)
        default:
            let special = inClass || "\\^$.|?*+()[]{}#".unicodeScalars.contains(scalar)
            return special ? "\\" + String(scalar) : String(scalar)
        }
    }

    static func hex(_ codePoint: UInt32) -> String {
        let digits = String(codePoint, radix: 16, uppercase: true)
        return "\\x{" + (digits.count < 2 ? "0" + digits : digits) + "}"
    }
}
