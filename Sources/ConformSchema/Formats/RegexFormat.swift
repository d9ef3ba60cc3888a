/// `regex`: a syntax check of ECMA-262 patterns as the `u` flag reads them (ES2025), which is what JSON Schema
/// means by an ECMA-262 regular expression. Unicode mode is the strict grammar: identity escapes are limited to
/// syntax characters and `/`, lone `{`, `}` and `]` are errors, and back-references must name groups that exist.
/// Other dialects' syntax — `(?P<name>…)`, `(?#…)`, global `(?i)` flags, `\a` — is rejected. Property names in
/// `\p{…}` are checked for shape only.
enum RegexFormat {
    static func check(_ string: String) -> String? {
        syntaxProblem(string).map { "not a valid ECMA-262 regular expression: \($0)" }
    }

    /// What is wrong with the pattern's syntax, or nil.
    static func syntaxProblem(_ pattern: String) -> String? {
        var parser = Parser(pattern.unicodeScalars.map(\.value))
        do throws(Failure) {
            try parser.pattern()
            return nil
        } catch {
            return error.reason
        }
    }

    private struct Failure: Error {
        let reason: String
    }

    private struct Parser {
        let text: [UInt32]
        var index = 0
        /// How many groups enclose the current position; the parser recurses per group, so nesting is bounded.
        var depth = 0
        static let maximumDepth = 256
        /// How many capturing groups the whole pattern has, and their names: a back-reference may point forward.
        let groupCount: Int
        let groupNames: Set<[UInt32]>

        init(_ text: [UInt32]) {
            self.text = text
            (groupCount, groupNames) = Self.scanGroups(text)
        }

        mutating func pattern() throws(Failure) {
            try disjunction()
            if index < text.count { throw Failure(reason: "unmatched ')'") }
        }

        private var current: UInt32? { index < text.count ? text[index] : nil }

        private func peek(_ offset: Int) -> UInt32? {
            index + offset < text.count ? text[index + offset] : nil
        }

        private mutating func disjunction() throws(Failure) {
            while true {
                while let next = current, next != Syntax.bar, next != Syntax.closeParen { try term() }
                guard current == Syntax.bar else { return }
                index += 1
            }
        }

        private mutating func term() throws(Failure) {
            guard let next = current else { return }
            index += 1
            var quantifiable = true
            switch next {
            case Syntax.caret, Syntax.dollar:
                quantifiable = false
            case Syntax.backslash where current == Syntax.ascii("b") || current == Syntax.ascii("B"):
                index += 1
                quantifiable = false
            case Syntax.backslash:
                try atomEscape()
            case Syntax.openParen:
                quantifiable = try group()
            case Syntax.openBracket:
                try characterClass()
            case Syntax.star, Syntax.plus, Syntax.question:
                throw Failure(reason: "nothing to repeat before '\(Syntax.character(next))'")
            case Syntax.openBrace:
                throw Failure(reason: isQuantifierAhead(from: index - 1)
                    ? "nothing to repeat before '{'" : "a literal '{' must be escaped")
            case Syntax.closeBrace, Syntax.closeBracket:
                throw Failure(reason: "a literal '\(Syntax.character(next))' must be escaped")
            default:
                break
            }
            try quantifier(allowed: quantifiable)
        }

        private mutating func quantifier(allowed: Bool) throws(Failure) {
            guard let next = current else { return }
            switch next {
            case Syntax.star, Syntax.plus, Syntax.question:
                index += 1
            case Syntax.openBrace:
                guard isQuantifierAhead(from: index) else { throw Failure(reason: "a literal '{' must be escaped") }
                index += 1
                let minimum = decimal()
                var maximum = minimum
                if current == Syntax.comma {
                    index += 1
                    maximum = current == Syntax.closeBrace ? nil : decimal()
                }
                index += 1
                if let minimum, let maximum, minimum > maximum {
                    throw Failure(reason: "numbers out of order in {\(minimum),\(maximum)}")
                }
            default:
                return
            }
            guard allowed else { throw Failure(reason: "an assertion cannot be repeated") }
            if current == Syntax.question { index += 1 }
        }

        /// Whether `{n}`, `{n,}` or `{n,m}` starts at `start`.
        private func isQuantifierAhead(from start: Int) -> Bool {
            var position = start + 1
            let digitsStart = position
            while position < text.count, Syntax.isDigit(text[position]) { position += 1 }
            guard position > digitsStart, position < text.count else { return false }
            if text[position] == Syntax.comma {
                position += 1
                while position < text.count, Syntax.isDigit(text[position]) { position += 1 }
            }
            return position < text.count && text[position] == Syntax.closeBrace
        }

        /// Reads digits as a number, saturating; nil when there are none.
        private mutating func decimal() -> Int? {
            var value: Int?
            while let next = current, Syntax.isDigit(next) {
                value = min((value ?? 0) * 10 + Int(next - 0x30), Int(Int32.max))
                index += 1
            }
            return value
        }

        /// After `(`; returns whether the group may be quantified.
        private mutating func group() throws(Failure) -> Bool {
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maximumDepth else {
                throw Failure(reason: "groups nested more than \(Self.maximumDepth) deep")
            }
            var quantifiable = true
            if current == Syntax.question {
                index += 1
                switch current {
                case Syntax.ascii(":"):
                    index += 1
                case Syntax.ascii("="), Syntax.ascii("!"):
                    index += 1
                    quantifiable = false
                case Syntax.ascii("<") where peek(1) == Syntax.ascii("=") || peek(1) == Syntax.ascii("!"):
                    index += 2
                    quantifiable = false
                case Syntax.ascii("<"):
                    index += 1
                    _ = try groupName()
                default:
                    try modifiers()
                }
            }
            try disjunction()
            guard current == Syntax.closeParen else { throw Failure(reason: "missing ')'") }
            index += 1
            return quantifiable
        }

        /// `(?ims-ims:` modifiers, after `(?`.
        private mutating func modifiers() throws(Failure) {
            var seen: Set<UInt32> = []
            var removing = false
            while let next = current, Syntax.flagLetters.contains(next) || (next == Syntax.ascii("-") && !removing) {
                if next == Syntax.ascii("-") {
                    removing = true
                } else if !seen.insert(next).inserted {
                    throw Failure(reason: "flag '\(Syntax.character(next))' repeated in a modifier group")
                }
                index += 1
            }
            guard current == Syntax.ascii(":") else {
                guard let next = current, !seen.isEmpty || removing else {
                    throw Failure(reason: "invalid group '(?\(current.map(Syntax.character) ?? "")'")
                }
                throw Failure(reason: next == Syntax.closeParen
                    ? "inline flags must be scoped as (?flags:…)"
                    : "invalid group modifier '\(Syntax.character(next))'")
            }
            guard !seen.isEmpty || !removing else { throw Failure(reason: "empty modifiers '(?-:'") }
            index += 1
        }

        /// A group name after `<`, through `>`.
        private mutating func groupName() throws(Failure) -> [UInt32] {
            var name: [UInt32] = []
            while let next = current, next != Syntax.ascii(">") {
                guard let scalar = Unicode.Scalar(next) else { break }
                let allowed = name.isEmpty
                    ? scalar.properties.isIDStart || next == Syntax.dollar || next == Syntax.ascii("_")
                    : scalar.properties.isIDContinue || next == Syntax.dollar || next == 0x200C || next == 0x200D
                guard allowed else { throw Failure(reason: "invalid character in a group name") }
                name.append(next)
                index += 1
            }
            guard current == Syntax.ascii(">"), !name.isEmpty else { throw Failure(reason: "malformed group name") }
            index += 1
            return name
        }

        /// After a `\` outside a class.
        private mutating func atomEscape() throws(Failure) {
            guard let next = current else { throw Failure(reason: "'\\' at the end of the pattern") }
            if next >= Syntax.ascii("1") && next <= Syntax.ascii("9") {
                let number = decimal() ?? 0
                guard number <= groupCount else { throw Failure(reason: "\\\(number) refers to a missing group") }
                return
            }
            if next == Syntax.ascii("k") {
                index += 1
                guard current == Syntax.ascii("<") else { throw Failure(reason: "\\k must be followed by <name>") }
                index += 1
                let name = try groupName()
                guard groupNames.contains(name) else { throw Failure(reason: "\\k refers to a missing group name") }
                return
            }
            _ = try classOrCharacterEscape(inClass: false)
        }

        /// The escapes shared by atoms and classes, after the `\`; returns the code point the escape stands for,
        /// or nil when it stands for a set (`\d`, `\p{…}`).
        private mutating func classOrCharacterEscape(inClass: Bool) throws(Failure) -> UInt32? {
            guard let next = current else { throw Failure(reason: "'\\' at the end of the pattern") }
            index += 1
            switch Unicode.Scalar(next) ?? "\u{0}" {
            case "d", "D", "s", "S", "w", "W":
                return nil
            case "p", "P":
                try propertyExpression()
                return nil
            case "f": return 0x0C
            case "n": return 0x0A
            case "r": return 0x0D
            case "t": return 0x09
            case "v": return 0x0B
            case "c":
                guard let letter = current, Syntax.isASCIILetter(letter) else {
                    throw Failure(reason: "\\c must be followed by a letter")
                }
                index += 1
                return letter % 32
            case "0":
                if let following = current, Syntax.isDigit(following) {
                    throw Failure(reason: "octal escapes are not allowed")
                }
                return 0
            case "x":
                return try hexDigits(2)
            case "u":
                return try unicodeEscape()
            case "b" where inClass:
                return 0x08
            case "-" where inClass:
                return next
            default:
                guard Syntax.syntaxCharacters.contains(next) || next == Syntax.ascii("/") else {
                    throw Failure(reason: "invalid escape '\\\(Syntax.character(next))'")
                }
                return next
            }
        }

        private mutating func hexDigits(_ count: Int) throws(Failure) -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<count {
                guard let next = current, Syntax.isHex(next) else { throw Failure(reason: "malformed hex escape") }
                value = value * 16 + Syntax.hexValue(next)
                index += 1
            }
            return value
        }

        /// `\uXXXX`, a `\uXXXX\uXXXX` surrogate pair (one code point in Unicode mode) or `\u{X…}`, after the `u`.
        private mutating func unicodeEscape() throws(Failure) -> UInt32 {
            guard current == Syntax.openBrace else {
                let value = try hexDigits(4)
                guard (0xD800...0xDBFF).contains(value), current == Syntax.backslash, peek(1) == Syntax.ascii("u"),
                    (2...5).allSatisfy({ peek($0).map(Syntax.isHex) == true })
                else { return value }
                let saved = index
                index += 2
                let low = try hexDigits(4)
                guard (0xDC00...0xDFFF).contains(low) else {
                    index = saved
                    return value
                }
                return 0x10000 + (value - 0xD800) << 10 + (low - 0xDC00)
            }
            index += 1
            var value: UInt32 = 0
            var digits = 0
            while let next = current, Syntax.isHex(next) {
                value = min(value * 16 + Syntax.hexValue(next), 0x110000)
                digits += 1
                index += 1
            }
            guard digits > 0, current == Syntax.closeBrace, value <= 0x10FFFF else {
                throw Failure(reason: "malformed \\u{…} escape")
            }
            index += 1
            return value
        }

        /// `{Name}` or `{Name=Value}` after `\p` or `\P`.
        private mutating func propertyExpression() throws(Failure) {
            guard current == Syntax.openBrace else { throw Failure(reason: "\\p must be followed by {property}") }
            index += 1
            var length = 0
            var sawEquals = false
            while let next = current, next != Syntax.closeBrace {
                if next == Syntax.ascii("="), !sawEquals, length > 0 {
                    sawEquals = true
                    length = 0
                } else if Syntax.isASCIILetter(next) || Syntax.isDigit(next) || next == Syntax.ascii("_") {
                    length += 1
                } else {
                    throw Failure(reason: "malformed property name in \\p{…}")
                }
                index += 1
            }
            guard current == Syntax.closeBrace, length > 0 else { throw Failure(reason: "malformed \\p{…}") }
            index += 1
        }

        /// After `[`, through `]`.
        private mutating func characterClass() throws(Failure) {
            if current == Syntax.caret { index += 1 }
            while let next = current, next != Syntax.closeBracket {
                let low = try classAtom()
                guard current == Syntax.ascii("-"), let after = peek(1), after != Syntax.closeBracket else {
                    continue
                }
                index += 1
                let high = try classAtom()
                guard let lowValue = low, let highValue = high else {
                    throw Failure(reason: "a class escape cannot bound a range")
                }
                guard lowValue <= highValue else { throw Failure(reason: "range out of order in character class") }
            }
            guard current == Syntax.closeBracket else { throw Failure(reason: "missing ']'") }
            index += 1
        }

        /// One class atom; returns its code point, or nil for a set escape such as `\d`.
        private mutating func classAtom() throws(Failure) -> UInt32? {
            guard let next = current else { throw Failure(reason: "missing ']'") }
            index += 1
            guard next == Syntax.backslash else { return next }
            if let digit = current, Syntax.isDigit(digit), digit != Syntax.ascii("0") {
                throw Failure(reason: "back-references are not allowed in a character class")
            }
            return try classOrCharacterEscape(inClass: true)
        }

        /// Counts capturing groups and collects their names, skipping escapes and classes.
        private static func scanGroups(_ text: [UInt32]) -> (Int, Set<[UInt32]>) {
            var count = 0
            var names: Set<[UInt32]> = []
            var position = 0
            var inClass = false
            while position < text.count {
                let value = text[position]
                if value == Syntax.backslash {
                    position += 2
                    continue
                }
                if inClass {
                    inClass = value != Syntax.closeBracket
                } else if value == Syntax.openBracket {
                    inClass = true
                } else if value == Syntax.openParen {
                    let next = position + 1 < text.count ? text[position + 1] : 0
                    if next != Syntax.question {
                        count += 1
                    } else if position + 3 < text.count, text[position + 2] == Syntax.ascii("<"),
                        text[position + 3] != Syntax.ascii("="), text[position + 3] != Syntax.ascii("!")
                    {
                        count += 1
                        var nameEnd = position + 3
                        while nameEnd < text.count, !Syntax.nameEnds.contains(text[nameEnd]) { nameEnd += 1 }
                        names.insert(Array(text[(position + 3)..<nameEnd]))
                    }
                }
                position += 1
            }
            return (count, names)
        }
    }

    /// The characters the parser tests for, and small scalar helpers.
    private enum Syntax {
        static func ascii(_ character: Unicode.Scalar) -> UInt32 { character.value }

        static let caret = ascii("^")
        static let dollar = ascii("$")
        static let backslash = ascii("\\")
        static let bar = ascii("|")
        static let openParen = ascii("(")
        static let closeParen = ascii(")")
        static let openBracket = ascii("[")
        static let closeBracket = ascii("]")
        static let openBrace = ascii("{")
        static let closeBrace = ascii("}")
        static let star = ascii("*")
        static let plus = ascii("+")
        static let question = ascii("?")
        static let comma = ascii(",")
        static let syntaxCharacters: Set<UInt32> = Set("^$\\.*+?()[]{}|".unicodeScalars.map(\.value))
        static let flagLetters: Set<UInt32> = [ascii("i"), ascii("m"), ascii("s")]
        /// Where the scan for a group name stops: its end, or the start or end of another group.
        static let nameEnds: Set<UInt32> = [ascii(">"), openParen, closeParen]

        static func isDigit(_ value: UInt32) -> Bool { value &- 0x30 < 10 }
        static func isASCIILetter(_ value: UInt32) -> Bool { (value | 0x20) &- 0x61 < 26 }
        static func isHex(_ value: UInt32) -> Bool { isDigit(value) || (value | 0x20) &- 0x61 < 6 }
        static func hexValue(_ value: UInt32) -> UInt32 { isDigit(value) ? value - 0x30 : (value | 0x20) - 0x61 + 10 }
        static func character(_ value: UInt32) -> String {
            Unicode.Scalar(value).map { String(Character($0)) } ?? "?"
        }
    }
}
