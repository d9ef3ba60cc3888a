/// Translates an ECMA-262 pattern, read with the `u` flag as JSON Schema 2020-12 requires, into an ICU pattern for
/// `NSRegularExpression` (compiled with no options) that matches exactly the same strings.
///
/// ICU reads much of the same syntax differently, so nothing is passed through unexamined:
/// - `\d`, `\w`, `\s` and their complements become explicit sets (ICU's are Unicode-wide; ECMA-262's `\d` and `\w`
///   are ASCII, and `\s` is ECMA-262's WhiteSpace and LineTerminator);
/// - `\b` and `\B` become lookarounds over the ASCII word set;
/// - `.` excludes only the four ECMA-262 line terminators; `$` becomes `\z` (ICU's `$` also matches before a final
///   newline);
/// - literals are escaped wherever ICU gives a character a meaning (`#`, `&&` and `--` inside sets, and so on);
/// - `[]` and `[^]`, which ICU rejects, become sets of nothing and of everything;
/// - a backreference to a group that did not take part in the match matches the empty string in ECMA-262 but fails
///   in ICU: such references are emptied where ECMA-262 makes them always empty, and refused where it depends on the
///   input.
///
/// The accepted grammar is described on `ECMARegexParser`. Unbounded lookbehind is valid ECMA-262 that ICU cannot
/// match; it is refused with `ECMARegexError.Kind.unsupported`.
package enum ECMARegexTranslator {
    /// The ICU pattern that matches what `pattern` matches in ECMA-262, or why there is none.
    package static func icuPattern(for pattern: String) throws(ECMARegexError) -> String {
        var parser = ECMARegexParser(pattern)
        let tree = try parser.parse()
        var emitter = ICUEmitter(for: tree)
        try emitter.emit(tree)
        // Foundation refuses an empty pattern; ECMA-262's matches the empty string everywhere.
        return emitter.output.isEmpty ? "(?:)" : emitter.output
    }
}

/// Writes a `RegexNode` tree as ICU syntax, checking on the way what only the whole tree can tell.
private struct ICUEmitter {
    /// One step from a node to a child: which element of a sequence, which alternative, or into which construct.
    private enum Step: Equatable {
        case element(Int)
        case alternative(Int)
        case quantified(min: Int)
        case group(GroupKind)
    }

    private(set) var output = ""
    private let hasBackreferences: Bool
    private var path: [Step] = []
    private var groupPaths: [Int: [Step]] = [:]

    init(for tree: RegexNode) {
        hasBackreferences = Self.containsBackreference(tree)
    }

    mutating func emit(_ node: RegexNode) throws(ECMARegexError) {
        switch node {
        case .sequence(let elements):
            if elements.isEmpty { emitEmpty() }
            for (index, element) in elements.enumerated() {
                try descend(.element(index), element)
            }
        case .alternation(let alternatives):
            for (index, alternative) in alternatives.enumerated() {
                if index > 0 { output += "|" }
                try descend(.alternative(index), alternative)
            }
        case .literal(let codePoint):
            output += ICUSyntax.literal(codePoint, inClass: false)
        case .anyExceptLineTerminator:
            output += ICUSyntax.anyExceptLineTerminator
        case .builtin(let builtin):
            output += ICUSyntax.set(builtin)
        case .property(let name, let negated):
            output += ICUSyntax.property(name, negated: negated)
        case .characterClass(let negated, let items):
            output += ICUSyntax.characterClass(negated: negated, items: items)
        case .inputStart:
            output += "^"
        case .inputEnd:
            output += "\\z"
        case .wordBoundary(let negated):
            output += negated ? ICUSyntax.notWordBoundary : ICUSyntax.wordBoundary
        case .group(let kind, let body, let offset):
            try emitGroup(kind, body, offset: offset)
        case .quantified(let atom, let quantifier):
            try emitQuantified(atom, quantifier)
        case .backreference(let group, let text, let offset):
            try emitBackreference(to: group, text: text, offset: offset)
        }
    }

    /// Nothing, unless a quantifier follows and needs an atom to repeat.
    private mutating func emitEmpty() {
        if case .quantified = path.last { output += "(?:)" }
    }

    private mutating func descend(_ step: Step, _ node: RegexNode) throws(ECMARegexError) {
        path.append(step)
        defer { path.removeLast() }
        try emit(node)
    }

    private mutating func emitGroup(_ kind: GroupKind, _ body: RegexNode, offset: Int) throws(ECMARegexError) {
        switch kind {
        case .capturing(let index):
            groupPaths[index] = path
            output += "("
        case .nonCapturing:
            output += "(?:"
        case .lookahead(let negated):
            output += negated ? "(?!" : "(?="
        case .lookbehind(let negated):
            guard Self.maxLength(body, forICULookbehind: true) != nil else {
                throw ECMARegexError(.unsupported, "lookbehind of unbounded length is not supported", at: offset)
            }
            output += negated ? "(?<!" : "(?<="
        }
        try descend(.group(kind), body)
        output += ")"
    }

    /// Two rewrites keep ICU away from loops whose body can match the empty string, on which it can spin until the
    /// deadline although ECMA-262 answers at once:
    /// - an atom that only matches empty (`(?:\b)*`, `()+`) loses its loop: in ECMA-262 an iteration beyond the
    ///   minimum that matches empty fails, so the atom runs once when the minimum is at least one, else not at all;
    /// - a lazy loop over a body that can match empty becomes greedy (ICU never ends `c(?:a?)+?x` against `cb`,
    ///   and answers wrongly on others). Whether a match exists does not depend on the order the paths are tried in;
    ///   only the captures a lookaround commits to do, so inside a lookaround of a pattern with backreferences such
    ///   a loop is refused.
    private mutating func emitQuantified(_ atom: RegexNode, _ quantifier: Quantifier) throws(ECMARegexError) {
        try descend(.quantified(min: quantifier.min), atom)
        if Self.maxLength(atom) == 0 {
            if quantifier.min == 0 { output += "{0}" }
            return
        }
        var quantifier = quantifier
        if quantifier.lazy, Self.minLength(atom) == 0 {
            if hasBackreferences && isInsideLookaround {
                throw ECMARegexError(
                    .unsupported,
                    "a lazy quantifier over an atom that can match empty, inside a lookaround of a pattern with"
                        + " backreferences, is not supported",
                    at: quantifier.offset)
            }
            quantifier.lazy = false
        }
        output += ICUSyntax.quantifier(quantifier)
    }

    private var isInsideLookaround: Bool {
        path.contains { step in
            switch step {
            case .group(.lookahead), .group(.lookbehind): true
            default: false
            }
        }
    }

    /// The parser has already emptied references to groups that are open or not yet seen; what remains refers to a
    /// group that closed earlier. It is written as-is when that group is sure to have matched whenever the reference
    /// is reached, emptied when ECMA-262 makes it always empty, and refused when the answer depends on the input.
    private mutating func emitBackreference(to group: Int, text: String, offset: Int) throws(ECMARegexError) {
        guard let groupPath = groupPaths[group] else {
            emitEmpty()
            return
        }
        if groupPath.contains(where: { if case .group(.lookbehind) = $0 { true } else { false } }) {
            throw ECMARegexError(
                .unsupported, "backreference '\(text)' to a group inside a lookbehind is not supported", at: offset)
        }
        let shared = zip(groupPath, path).prefix { $0 == $1 }.count
        guard shared < groupPath.count, shared < path.count,
            case .element(let groupIndex) = groupPath[shared], case .element(let referenceIndex) = path[shared],
            groupIndex < referenceIndex
        else {
            // The group sits in another alternative of the same alternation: it is reset before the reference runs.
            emitEmpty()
            return
        }
        let below = groupPath[(shared + 1)...]
        if below.contains(.group(.lookahead(negated: true))) {
            // Captures inside a negative lookahead are always undefined outside it.
            emitEmpty()
            return
        }
        let conditional = below.contains { step in
            switch step {
            case .alternative, .quantified(min: 0): true
            case .element, .quantified, .group: false
            }
        }
        if conditional {
            throw ECMARegexError(
                .unsupported,
                "backreference '\(text)' to a group that may not take part in the match is not supported"
                    + " (ECMA-262 then matches the empty string, ICU fails)",
                at: offset)
        }
        output += "(?:\\\(group))"
    }

    /// The shortest match of `node` in code points.
    private static func minLength(_ node: RegexNode) -> Int {
        switch node {
        case .sequence(let elements):
            return elements.reduce(0) { min($0 + minLength($1), Int(Int32.max)) }
        case .alternation(let alternatives):
            return alternatives.map(minLength).min() ?? 0
        case .literal, .anyExceptLineTerminator, .builtin, .property, .characterClass:
            return 1
        case .inputStart, .inputEnd, .wordBoundary, .backreference:
            return 0
        case .group(let kind, let body, _):
            switch kind {
            case .lookahead, .lookbehind: return 0
            case .capturing, .nonCapturing: return minLength(body)
            }
        case .quantified(let atom, let quantifier):
            return min(minLength(atom) * quantifier.min, Int(Int32.max))
        }
    }

    private static func containsBackreference(_ node: RegexNode) -> Bool {
        switch node {
        case .sequence(let children), .alternation(let children):
            return children.contains(where: containsBackreference)
        case .group(_, let body, _), .quantified(let body, _):
            return containsBackreference(body)
        case .backreference:
            return true
        case .literal, .anyExceptLineTerminator, .builtin, .property, .characterClass, .inputStart, .inputEnd,
            .wordBoundary:
            return false
        }
    }

    /// The longest match of `node` in code points, or nil when unbounded. `forICULookbehind` also calls a node
    /// unbounded when it contains a lookaround with an unbounded body, as ICU's check of lookbehinds does.
    private static func maxLength(_ node: RegexNode, forICULookbehind: Bool = false) -> Int? {
        switch node {
        case .sequence(let elements):
            var total = 0
            for element in elements {
                guard let length = maxLength(element, forICULookbehind: forICULookbehind) else { return nil }
                total = min(total + length, Int(Int32.max))
            }
            return total
        case .alternation(let alternatives):
            var longest = 0
            for alternative in alternatives {
                guard let length = maxLength(alternative, forICULookbehind: forICULookbehind) else { return nil }
                longest = max(longest, length)
            }
            return longest
        case .literal, .anyExceptLineTerminator, .builtin, .property, .characterClass:
            return 1
        case .inputStart, .inputEnd, .wordBoundary:
            return 0
        case .group(let kind, let body, _):
            switch kind {
            case .lookahead, .lookbehind:
                // ICU wants a lookaround nested in a lookbehind bounded too, though it consumes nothing.
                return !forICULookbehind || maxLength(body, forICULookbehind: true) != nil ? 0 : nil
            case .capturing, .nonCapturing:
                return maxLength(body, forICULookbehind: forICULookbehind)
            }
        case .quantified(let atom, let quantifier):
            guard let length = maxLength(atom, forICULookbehind: forICULookbehind) else { return nil }
            if length == 0 { return 0 }
            guard let count = quantifier.max else { return nil }
            return min(length * count, Int(Int32.max))
        case .backreference:
            return nil
        }
    }
}
