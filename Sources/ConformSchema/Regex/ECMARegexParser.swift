/// Parses an ECMA-262 pattern with the `u` flag's grammar into a `RegexNode` tree.
///
/// The grammar is ECMA-262's unicode mode with Annex B's leniency for characters whose literal meaning no engine
/// disputes: an identity escape of any ASCII punctuation (`\:`, `\"`, `\-` outside a class), a `{` that does not
/// start a quantifier, a lone `}` or `]`, and a class escape used as a range end (`[\w-.]` is `\w`, `-` and `.`).
/// Specs in the wild use these, and rejecting them would only make noise. Everything that other dialects read
/// differently stays an error: `\a`, `\A`, `\Z`, `(?i)`, `(?P<n>…)`, `(?#…)`, `a++`, octal escapes.
///
/// Backreferences are resolved while parsing: one to a group that is still open or opens later always matches the
/// empty string in ECMA-262 (captures start undefined and are reset on each repetition), so it becomes an empty
/// sequence; only references to groups already closed stay `.backreference` for the translator to check.
struct ECMARegexParser {
    /// Groups nested deeper than this are refused, so that no pattern can exhaust the stack of the recursive parser.
    static let maxNesting = 200

    let scalars: [Unicode.Scalar]
    var position = 0
    private var groupCount = 0
    private var groupNames: [String: Int] = [:]
    private var openGroups: [Int] = []
    private var nesting = 0
    private var lookbehindDepth = 0
    /// Forward references, checked against the final group count and names once the whole pattern is read.
    private var forwardNumbers: [(number: Int, offset: Int)] = []
    private var forwardNames: [(name: String, offset: Int)] = []

    init(_ pattern: String) {
        scalars = Array(pattern.unicodeScalars)
    }

    mutating func parse() throws(ECMARegexError) -> RegexNode {
        let node = try parseDisjunction()
        if position < scalars.count {
            throw syntax("unmatched ')'", at: position)
        }
        for reference in forwardNumbers where reference.number > groupCount {
            throw missingGroup("\\\(reference.number)", at: reference.offset)
        }
        for reference in forwardNames where groupNames[reference.name] == nil {
            throw missingGroup("\\k<\(reference.name)>", at: reference.offset)
        }
        return node
    }

    // MARK: - Structure

    private mutating func parseDisjunction() throws(ECMARegexError) -> RegexNode {
        var alternatives = [try parseAlternative()]
        while peek() == "|" {
            position += 1
            alternatives.append(try parseAlternative())
        }
        return alternatives.count == 1 ? alternatives[0] : .alternation(alternatives)
    }

    private mutating func parseAlternative() throws(ECMARegexError) -> RegexNode {
        var terms: [RegexNode] = []
        while let scalar = peek(), scalar != "|", scalar != ")" {
            terms.append(try parseTerm())
        }
        return terms.count == 1 ? terms[0] : .sequence(terms)
    }

    private mutating func parseTerm() throws(ECMARegexError) -> RegexNode {
        let (atom, quantifiable) = try parseAtom()
        let quantifierStart = position
        guard let quantifier = try parseQuantifier() else { return atom }
        guard quantifiable else {
            throw syntax("quantifier '\(text(from: quantifierStart))' has nothing to repeat", at: quantifierStart)
        }
        let stackedStart = position
        if try parseQuantifier() != nil {
            throw syntax(
                "quantifier '\(text(from: stackedStart))' follows another quantifier"
                    + " (possessive quantifiers are not ECMA-262 syntax)",
                at: stackedStart)
        }
        return .quantified(atom, quantifier)
    }

    /// The next atom or assertion, and whether a quantifier may follow it (unicode mode quantifies no assertion).
    private mutating func parseAtom() throws(ECMARegexError) -> (RegexNode, Bool) {
        let start = position
        let scalar = scalars[position]
        position += 1
        switch scalar {
        case "^": return (.inputStart, false)
        case "$": return (.inputEnd, false)
        case ".": return (.anyExceptLineTerminator, true)
        case "(": return try parseGroup(start: start)
        case "[": return (try parseClass(start: start), true)
        case "\\": return try parseAtomEscape(start: start)
        case "*", "+", "?":
            throw syntax("quantifier '\(scalar)' has nothing to repeat", at: start)
        case "{":
            if let text = bracedQuantifierText(at: start) {
                throw syntax("quantifier '\(text)' has nothing to repeat", at: start)
            }
            return (.literal(scalar.value), true)
        default:
            return (.literal(scalar.value), true)
        }
    }

    private mutating func parseGroup(start: Int) throws(ECMARegexError) -> (RegexNode, Bool) {
        guard nesting < Self.maxNesting else {
            throw ECMARegexError(
                .unsupported, "groups nested deeper than \(Self.maxNesting) levels are not supported", at: start)
        }
        let kind: GroupKind
        if peek() != "?" {
            groupCount += 1
            kind = .capturing(index: groupCount)
        } else if consume("?:") {
            kind = .nonCapturing
        } else if consume("?=") || consume("?!") {
            kind = .lookahead(negated: scalars[position - 1] == "!")
        } else if consume("?<=") || consume("?<!") {
            kind = .lookbehind(negated: scalars[position - 1] == "!")
        } else if consume("?<") {
            let name = try parseGroupName(start: start)
            guard groupNames[name] == nil else {
                throw syntax("duplicate group name '\(name)'", at: start)
            }
            groupCount += 1
            groupNames[name] = groupCount
            kind = .capturing(index: groupCount)
        } else {
            throw syntax(unknownGroupMessage(), at: start)
        }
        nesting += 1
        if case .capturing(let index) = kind { openGroups.append(index) }
        if case .lookbehind = kind { lookbehindDepth += 1 }
        let body = try parseDisjunction()
        guard peek() == ")" else {
            throw syntax("unterminated group", at: start)
        }
        position += 1
        nesting -= 1
        if case .capturing = kind { openGroups.removeLast() }
        if case .lookbehind = kind { lookbehindDepth -= 1 }
        switch kind {
        case .lookahead, .lookbehind: return (.group(kind, body, offset: start), false)
        case .capturing, .nonCapturing: return (.group(kind, body, offset: start), true)
        }
    }

    /// Names the construct after an unrecognised `(?`, the way other dialects spell it: `'(?i)' inline flags …`.
    private func unknownGroupMessage() -> String {
        var text = "(?"
        var index = position + 1
        while index < scalars.count, text.unicodeScalars.count < 12 {
            let scalar = scalars[index]
            text.unicodeScalars.append(scalar)
            index += 1
            if !scalar.properties.isAlphabetic && scalar != "-" { break }
        }
        if let next = position + 1 < scalars.count ? scalars[position + 1] : nil {
            switch next {
            case "P": return "'\(text)' Python group syntax is not ECMA-262 syntax"
            case "#": return "'(?#' comments are not ECMA-262 syntax"
            case ">": return "'(?>' atomic groups are not ECMA-262 syntax"
            case "a"..."z", "A"..."Z", "-": return "'\(text)' inline flags are not ECMA-262 syntax"
            default: break
            }
        }
        return "'\(text)' is not ECMA-262 group syntax"
    }

    private mutating func parseGroupName(start: Int) throws(ECMARegexError) -> String {
        var name = ""
        while let scalar = peek(), scalar != ">" {
            let valid = name.isEmpty
                ? scalar == "$" || scalar == "_" || scalar.properties.isIDStart
                : scalar == "$" || scalar == "\u{200C}" || scalar == "\u{200D}" || scalar.properties.isIDContinue
            guard valid else { throw syntax("invalid group name", at: position) }
            name.unicodeScalars.append(scalar)
            position += 1
        }
        guard !name.isEmpty, consume(">") else {
            throw syntax("invalid group name", at: start)
        }
        return name
    }

    // MARK: - Quantifiers

    private mutating func parseQuantifier() throws(ECMARegexError) -> Quantifier? {
        guard let scalar = peek() else { return nil }
        let start = position
        var quantifier: Quantifier
        switch scalar {
        case "*": quantifier = Quantifier(min: 0, max: nil, lazy: false, offset: start)
        case "+": quantifier = Quantifier(min: 1, max: nil, lazy: false, offset: start)
        case "?": quantifier = Quantifier(min: 0, max: 1, lazy: false, offset: start)
        case "{":
            guard let text = bracedQuantifierText(at: start) else { return nil }
            let bounds = text.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false)
            let min = Self.count(bounds[0])
            let max = bounds.count == 1 ? min : (bounds[1].isEmpty ? nil : Self.count(bounds[1]))
            if let max, min > max {
                throw syntax("quantifier '\(text)' has min > max", at: start)
            }
            if Swift.max(min, max ?? 0) > Self.icuRepeatLimit {
                throw ECMARegexError(
                    .unsupported, "quantifier '\(text)' exceeds ICU's repeat limit of \(Self.icuRepeatLimit)",
                    at: start)
            }
            quantifier = Quantifier(min: min, max: max, lazy: false, offset: start)
            position += text.unicodeScalars.count - 1
        default:
            return nil
        }
        position += 1
        if consume("?") { quantifier.lazy = true }
        return quantifier
    }

    /// ICU rejects repeat counts of 2^24 and more; ECMA-262 has no limit.
    static let icuRepeatLimit = 16_777_215

    /// Reads a decimal count, saturating so that a huge literal cannot overflow.
    private static func count(_ digits: Substring) -> Int {
        digits.reduce(0) { value, digit in
            Swift.min(value * 10 + Int(digit.asciiValue ?? 48) - 48, Int(Int32.max))
        }
    }

    /// The text of `{n}`, `{n,}` or `{n,m}` if one starts at `start`; nil for a `{` that is a literal.
    private func bracedQuantifierText(at start: Int) -> String? {
        var index = start + 1
        var text = "{"
        var sawDigit = false
        var sawComma = false
        while index < scalars.count {
            let scalar = scalars[index]
            text.unicodeScalars.append(scalar)
            index += 1
            switch scalar {
            case "0"..."9": sawDigit = true
            case "," where sawDigit && !sawComma: sawComma = true
            case "}" where sawDigit: return text
            default: return nil
            }
        }
        return nil
    }

    // MARK: - Escapes

    private mutating func parseAtomEscape(start: Int) throws(ECMARegexError) -> (RegexNode, Bool) {
        guard let scalar = peek() else {
            throw syntax("'\\' at end of pattern", at: start)
        }
        switch scalar {
        case "b", "B":
            position += 1
            return (.wordBoundary(negated: scalar == "B"), false)
        case "1"..."9":
            return (try parseNumberedReference(start: start), true)
        case "k":
            position += 1
            return (try parseNamedReference(start: start), true)
        default:
            switch try parseEscape(start: start, inClass: false) {
            case .codePoint(let value): return (.literal(value), true)
            case .builtin(let builtin): return (.builtin(builtin), true)
            case .property(let name, let negated): return (.property(name: name, negated: negated), true)
            }
        }
    }

    private mutating func parseNumberedReference(start: Int) throws(ECMARegexError) -> RegexNode {
        var digits = ""
        while let digit = peek(), ("0"..."9").contains(digit) {
            digits.unicodeScalars.append(digit)
            position += 1
        }
        let number = Self.count(Substring(digits))
        return try reference(to: number, text: "\\\(digits)", start: start)
    }

    private mutating func parseNamedReference(start: Int) throws(ECMARegexError) -> RegexNode {
        guard consume("<") else {
            throw syntax("'\\k' must be followed by a group name in '<…>'", at: start)
        }
        let name = try parseGroupName(start: start)
        guard let number = groupNames[name] else {
            try checkNotInLookbehind(start: start)
            forwardNames.append((name, start))
            return .sequence([])
        }
        return try reference(to: number, text: "\\k<\(name)>", start: start)
    }

    private mutating func reference(to number: Int, text: String, start: Int) throws(ECMARegexError) -> RegexNode {
        try checkNotInLookbehind(start: start)
        if number > groupCount {
            forwardNumbers.append((number, start))
            return .sequence([])
        }
        if openGroups.contains(number) { return .sequence([]) }
        return .backreference(group: number, text: text, offset: start)
    }

    /// ECMA-262 matches a lookbehind right to left, so its backreferences see the groups to their right; ICU does not.
    private func checkNotInLookbehind(start: Int) throws(ECMARegexError) {
        if lookbehindDepth > 0 {
            throw ECMARegexError(.unsupported, "backreferences inside a lookbehind are not supported", at: start)
        }
    }

    // MARK: - Helpers

    func peek() -> Unicode.Scalar? {
        position < scalars.count ? scalars[position] : nil
    }

    mutating func consume(_ text: String) -> Bool {
        var index = position
        for scalar in text.unicodeScalars {
            guard index < scalars.count, scalars[index] == scalar else { return false }
            index += 1
        }
        position = index
        return true
    }

    func syntax(_ message: String, at offset: Int) -> ECMARegexError {
        ECMARegexError(.invalidSyntax, message, at: offset)
    }

    private func missingGroup(_ reference: String, at offset: Int) -> ECMARegexError {
        syntax("backreference '\(reference)' refers to a group that does not exist", at: offset)
    }

    /// The pattern's text from `start` up to the current position, for messages.
    func text(from start: Int) -> String {
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[start..<position])
        return text
    }
}
