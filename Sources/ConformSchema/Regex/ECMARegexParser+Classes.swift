import Foundation

/// What a character escape stands for: one code point or a set of them.
enum EscapeValue {
    case codePoint(UInt32)
    case builtin(BuiltinClass)
    case property(name: String, negated: Bool)
}

extension ECMARegexParser {
    // MARK: - Character classes

    /// Parses `[…]` after its `[`. ECMA-262 nests no classes without the `v` flag, so `[` inside is a literal.
    mutating func parseClass(start: Int) throws(ECMARegexError) -> RegexNode {
        let negated = consume("^")
        var items: [ClassItem] = []
        while true {
            guard let scalar = peek() else {
                throw syntax("unterminated character class", at: start)
            }
            if scalar == "]" {
                position += 1
                return .characterClass(negated: negated, items: items)
            }
            let atomStart = position
            let first = try parseClassAtom(classStart: start)
            let isRange = peek() == "-" && position + 1 < scalars.count && scalars[position + 1] != "]"
            guard isRange else {
                items.append(Self.item(first))
                continue
            }
            position += 1
            let second = try parseClassAtom(classStart: start)
            if case .codePoint(let low) = first, case .codePoint(let high) = second {
                guard low <= high else {
                    throw syntax("character class range '\(text(from: atomStart))' is out of order", at: atomStart)
                }
                items.append(.range(low, high))
            } else {
                items += [Self.item(first), .range(0x2D, 0x2D), Self.item(second)]
            }
        }
    }

    private mutating func parseClassAtom(classStart: Int) throws(ECMARegexError) -> EscapeValue {
        guard let scalar = peek() else {
            throw syntax("unterminated character class", at: classStart)
        }
        let start = position
        position += 1
        guard scalar == "\\" else { return .codePoint(scalar.value) }
        switch peek() {
        case "b":
            position += 1
            return .codePoint(0x08)
        case "-":
            position += 1
            return .codePoint(0x2D)
        case .some(let next) where next == "B" || next == "k" || ("1"..."9").contains(next):
            throw syntax("'\\\(next)' is not allowed in a character class", at: start)
        default:
            return try parseEscape(start: start, inClass: true)
        }
    }

    private static func item(_ value: EscapeValue) -> ClassItem {
        switch value {
        case .codePoint(let codePoint): return .range(codePoint, codePoint)
        case .builtin(let builtin): return .builtin(builtin)
        case .property(let name, let negated): return .property(name: name, negated: negated)
        }
    }

    // MARK: - Character escapes

    /// Parses the escape whose backslash is at `start`; the position is just after the backslash.
    mutating func parseEscape(start: Int, inClass: Bool) throws(ECMARegexError) -> EscapeValue {
        guard let scalar = peek() else {
            throw syntax(inClass ? "unterminated character class" : "'\\' at end of pattern", at: start)
        }
        position += 1
        switch scalar {
        case "d": return .builtin(.digit)
        case "D": return .builtin(.notDigit)
        case "w": return .builtin(.word)
        case "W": return .builtin(.notWord)
        case "s": return .builtin(.space)
        case "S": return .builtin(.notSpace)
        case "p", "P": return try parseProperty(start: start, negated: scalar == "P")
        case "f": return .codePoint(0x0C)
        case "n": return .codePoint(0x0A)
        case "r": return .codePoint(0x0D)
        case "t": return .codePoint(0x09)
        case "v": return .codePoint(0x0B)
        case "c":
            guard let letter = peek(), letter.isASCII, letter.properties.isAlphabetic else {
                throw syntax("'\\c' must be followed by an ASCII letter", at: start)
            }
            position += 1
            return .codePoint(letter.value % 32)
        case "0":
            if let digit = peek(), ("0"..."9").contains(digit) {
                throw syntax("octal escapes are not ECMA-262 syntax in unicode mode", at: start)
            }
            return .codePoint(0)
        case "x":
            guard let value = hexDigits(exactly: 2) else {
                throw syntax("'\\x' must be followed by two hex digits", at: start)
            }
            return .codePoint(value)
        case "u":
            return .codePoint(try parseUnicodeEscape(start: start))
        default:
            // Annex B's identity escape, kept for ASCII punctuation only: `\a` or `\é` mean something elsewhere.
            guard scalar.isASCII, scalar.value > 0x20, scalar.value < 0x7F, !scalar.properties.isAlphabetic,
                !("0"..."9").contains(scalar)
            else {
                throw syntax("'\\\(scalar)' is not an ECMA-262 escape", at: start)
            }
            return .codePoint(scalar.value)
        }
    }

    /// `\uXXXX` (a surrogate pair written as two escapes is one code point, as the `u` flag reads it) or `\u{X…}`.
    private mutating func parseUnicodeEscape(start: Int) throws(ECMARegexError) -> UInt32 {
        if consume("{") {
            var value: UInt32 = 0
            var digits = 0
            while let scalar = peek(), let digit = Self.hexValue(scalar) {
                value = value * 16 + digit
                digits += 1
                position += 1
                guard value <= 0x10FFFF else {
                    throw syntax("'\\u{…}' escape is above U+10FFFF", at: start)
                }
            }
            guard digits > 0, consume("}") else {
                throw syntax("invalid '\\u{…}' escape", at: start)
            }
            return value
        }
        guard let lead = hexDigits(exactly: 4) else {
            throw syntax("'\\u' must be followed by four hex digits or '{…}'", at: start)
        }
        if (0xD800...0xDBFF).contains(lead) {
            let resume = position
            if consume("\\u"), let trail = hexDigits(exactly: 4), (0xDC00...0xDFFF).contains(trail) {
                return 0x10000 + ((lead - 0xD800) << 10) + (trail - 0xDC00)
            }
            position = resume
        }
        return lead
    }

    private mutating func hexDigits(exactly count: Int) -> UInt32? {
        guard position + count <= scalars.count else { return nil }
        var value: UInt32 = 0
        for scalar in scalars[position..<position + count] {
            guard let digit = Self.hexValue(scalar) else { return nil }
            value = value * 16 + digit
        }
        position += count
        return value
    }

    private static func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "0"..."9": return scalar.value - 0x30
        case "a"..."f": return scalar.value - 0x61 + 10
        case "A"..."F": return scalar.value - 0x41 + 10
        default: return nil
        }
    }

    // MARK: - Property escapes

    /// `\p{Name}` or `\p{Name=Value}`: the name must be one ECMA-262 lists (see `UnicodePropertyNames`), spelled
    /// exactly; one that ICU, which runs these patterns, does not know is valid but cannot be matched here.
    private mutating func parseProperty(start: Int, negated: Bool) throws(ECMARegexError) -> EscapeValue {
        guard consume("{") else {
            throw syntax("'\\\(negated ? "P" : "p")' must be followed by a property name in '{…}'", at: start)
        }
        var name = ""
        while let scalar = peek(), scalar != "}" {
            let allowed = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
                || scalar == "_" || (scalar == "=" && !name.isEmpty && !name.contains("="))
            guard allowed else {
                throw syntax("invalid Unicode property escape", at: start)
            }
            name.unicodeScalars.append(scalar)
            position += 1
        }
        guard !name.isEmpty, !name.hasSuffix("="), consume("}") else {
            throw syntax("invalid Unicode property escape", at: start)
        }
        guard UnicodePropertyNames.isKnown(name) else {
            let suggestion = UnicodePropertyNames.suggestion(for: name).map { "; did you mean '\\\(negated ? "P" : "p"){\($0)}'?" }
            throw syntax(
                "'\(text(from: start))' names no Unicode property ECMA-262 knows (General_Category values, Script= and "
                    + "Script_Extensions= values, binary properties such as Alphabetic)\(suggestion ?? "")",
                at: start)
        }
        guard Self.icuKnowsProperty(name) else {
            throw ECMARegexError(.unsupported, "ICU does not know the Unicode property '\(text(from: start))'", at: start)
        }
        return .property(name: name, negated: negated)
    }

    private static func icuKnowsProperty(_ name: String) -> Bool {
        (try? NSRegularExpression(pattern: "\\p{\(name)}")) != nil
    }
}
