/// The parsed form of an ECMA-262 pattern: only what the ICU translation needs.
///
/// Every node that can produce an error after parsing (a backreference, a lookbehind) keeps its offset in Unicode
/// scalars so that the message can point at it.
indirect enum RegexNode: Sendable, Equatable {
    /// Terms matched one after another (an ECMA-262 Alternative); empty matches the empty string.
    case sequence([RegexNode])
    /// Two or more alternatives separated by `|`.
    case alternation([RegexNode])
    /// One code point; a value in the surrogate range is an unpaired `\uD83D`, which no Swift string contains.
    case literal(UInt32)
    /// `.`: any code point except the four ECMA-262 line terminators.
    case anyExceptLineTerminator
    case builtin(BuiltinClass)
    case property(name: String, negated: Bool)
    case characterClass(negated: Bool, items: [ClassItem])
    /// `^` and `$` without the `m` flag: the start and the very end of the input.
    case inputStart
    case inputEnd
    case wordBoundary(negated: Bool)
    case group(GroupKind, RegexNode, offset: Int)
    case quantified(RegexNode, Quantifier)
    /// `\1` or `\k<name>`, already resolved to a group number; `text` is how the pattern wrote it.
    case backreference(group: Int, text: String, offset: Int)
}

enum GroupKind: Sendable, Equatable {
    case capturing(index: Int)
    case nonCapturing
    case lookahead(negated: Bool)
    case lookbehind(negated: Bool)
}

struct Quantifier: Sendable, Equatable {
    var min: Int
    /// nil when unbounded (`*`, `+`, `{n,}`).
    var max: Int?
    var lazy: Bool
    /// Where the quantifier starts in the pattern.
    var offset: Int
}

/// `\d`, `\w`, `\s` and their complements, with ECMA-262's ASCII-only (or ECMA-specific) sets.
enum BuiltinClass: Sendable, Equatable {
    case digit, notDigit, word, notWord, space, notSpace
}

enum ClassItem: Sendable, Equatable {
    case range(UInt32, UInt32)
    case builtin(BuiltinClass)
    case property(name: String, negated: Bool)
}
