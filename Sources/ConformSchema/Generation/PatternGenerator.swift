/// Builds a string that an ECMA-262 pattern matches by walking the pattern's syntax tree (`RegexNode`): literals as
/// written, a member of each class, a count within each quantifier's bounds, one alternative of each `|`, a group's
/// text again for a backreference. Random strings would almost never match a pattern such as `^[A-Z]{3}-\d{4}$`;
/// walking the tree matches by construction.
///
/// Anchors and word boundaries produce nothing, and lookarounds are skipped: what they demand is not built, so the
/// caller checks every string with the compiled pattern and tries again (and gives up, `.exhausted`, when attempts
/// run out). `spread` is how far unbounded quantifiers (`*`, `+`, `{n,}`) go past their minimum; the caller widens
/// or narrows it to reach a length.
struct PatternGenerator {
    var random: SeededRandom
    var spread: Int
    /// Pools of characters per Unicode property, shared with the generator so each is found once.
    var propertyPools: [String: [Unicode.Scalar]]
    private var captures: [Int: String] = [:]
    private var steps = 0
    /// Nodes visited per string; a pattern such as `(a{1000}){1000}` stops here.
    static let maximumSteps = 20_000
    /// The longest string built; longer demands are left to the caller's length check.
    static let maximumLength = 10_000

    init(random: SeededRandom, spread: Int, propertyPools: [String: [Unicode.Scalar]]) {
        self.random = random
        self.spread = spread
        self.propertyPools = propertyPools
    }

    /// A string the pattern probably matches, or nil when the pattern needs something that cannot be built (an
    /// unpaired surrogate, a class nothing in the pool belongs to, or too much work).
    mutating func generate(_ node: RegexNode) -> String? {
        captures = [:]
        steps = 0
        var output = String.UnicodeScalarView()
        guard emit(node, into: &output) else { return nil }
        return String(output)
    }

    private mutating func emit(_ node: RegexNode, into output: inout String.UnicodeScalarView) -> Bool {
        steps += 1
        guard steps <= Self.maximumSteps, output.count <= Self.maximumLength else { return false }
        switch node {
        case .sequence(let terms):
            for term in terms where !emit(term, into: &output) { return false }
            return true
        case .alternation(let alternatives):
            guard let chosen = random.pick(alternatives) else { return true }
            return emit(chosen, into: &output)
        case .literal(let value):
            guard let scalar = Unicode.Scalar(value) else { return false }
            output.append(scalar)
            return true
        case .anyExceptLineTerminator:
            return append(random.pick(Self.asciiPool(Self.isAlphanumeric)), to: &output)
        case .builtin(let kind):
            return append(pick(from: Self.pool(kind)), to: &output)
        case .property(let name, let negated):
            return append(pick(from: propertyPool(name, negated: negated)), to: &output)
        case .characterClass(let negated, let items):
            return append(classMember(negated: negated, items), to: &output)
        case .inputStart, .inputEnd, .wordBoundary:
            return true
        case .group(let kind, let inner, _):
            switch kind {
            case .lookahead, .lookbehind:
                return true
            case .capturing(let index):
                let start = output.count
                guard emit(inner, into: &output) else { return false }
                captures[index] = String(String.UnicodeScalarView(output.dropFirst(start)))
                return true
            case .nonCapturing:
                return emit(inner, into: &output)
            }
        case .quantified(let inner, let quantifier):
            let upper = quantifier.max.map { min($0, quantifier.min + spread) } ?? quantifier.min + spread
            let count = random.int(quantifier.min...max(quantifier.min, upper))
            for _ in 0..<count where !emit(inner, into: &output) { return false }
            return true
        case .backreference(let group, _, _):
            output.append(contentsOf: (captures[group] ?? "").unicodeScalars)
            return true
        }
    }

    private func append(_ scalar: Unicode.Scalar?, to output: inout String.UnicodeScalarView) -> Bool {
        guard let scalar else { return false }
        output.append(scalar)
        return true
    }

    private mutating func pick(from pool: [Unicode.Scalar]) -> Unicode.Scalar? {
        random.pick(pool)
    }

    /// A member of a class: an item chosen at random and a character of it, or for a negated class a character of
    /// the pool that no item holds.
    private mutating func classMember(negated: Bool, _ items: [ClassItem]) -> Unicode.Scalar? {
        if negated {
            let pool = Self.asciiPool { _ in true } + Self.extraPool
            let outside = pool.filter { scalar in !items.contains { contains($0, scalar) } }
            return random.pick(outside)
        }
        for _ in 0..<4 {
            guard let item = random.pick(items) else { return nil }
            switch item {
            case .range(let low, let high):
                // Prefer printable ASCII within the range, so `[ -~]` does not give a control character.
                let printableLow = max(low, 0x21), printableHigh = min(high, 0x7E)
                let value = printableLow <= printableHigh && random.chance(0.9)
                    ? UInt32(random.int(Int(printableLow)...Int(printableHigh)))
                    : UInt32(random.int(Int(low)...Int(high)))
                if let scalar = Unicode.Scalar(value) { return scalar }
            case .builtin(let kind):
                if let scalar = random.pick(Self.pool(kind)) { return scalar }
            case .property(let name, let negated):
                if let scalar = random.pick(propertyPool(name, negated: negated)) { return scalar }
            }
        }
        return nil
    }

    private mutating func contains(_ item: ClassItem, _ scalar: Unicode.Scalar) -> Bool {
        switch item {
        case .range(let low, let high): return (low...high).contains(scalar.value)
        case .builtin(let kind): return Self.pool(kind).contains(scalar) || Self.builtinContains(kind, scalar)
        case .property(let name, let negated): return propertyPool(name, negated: negated).contains(scalar)
        }
    }

    private static func builtinContains(_ kind: BuiltinClass, _ scalar: Unicode.Scalar) -> Bool {
        let digit = ("0"..."9").contains(scalar)
        let word = digit || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
        let space = scalar.properties.isWhitespace || scalar == "\u{FEFF}"
        switch kind {
        case .digit: return digit
        case .notDigit: return !digit
        case .word: return word
        case .notWord: return !word
        case .space: return space
        case .notSpace: return !space
        }
    }

    /// Characters for `\d`, `\w`, `\s` and their complements (ECMA-262's ASCII sets).
    static func pool(_ kind: BuiltinClass) -> [Unicode.Scalar] {
        switch kind {
        case .digit: return asciiPool { ("0"..."9").contains($0) }
        case .notDigit: return asciiPool { $0.isLetter }
        case .word: return asciiPool { Self.isAlphanumeric($0) || $0 == "_" }
        case .notWord: return ["-", ".", "~", "!", "+"]
        case .space: return [" "]
        case .notSpace: return asciiPool { Self.isAlphanumeric($0) }
        }
    }

    static func isAlphanumeric(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber)
    }

    /// Printable ASCII characters with the property.
    static func asciiPool(_ filter: (Character) -> Bool) -> [Unicode.Scalar] {
        (0x21...0x7E).compactMap(Unicode.Scalar.init).filter { filter(Character($0)) }
    }

    /// A few characters beyond ASCII, for Unicode properties and negated classes.
    static let extraPool: [Unicode.Scalar] = ["é", "ß", "Ж", "λ", "中", "あ", "١", "€", "ü", "Å", " "]

    /// The characters of the pool that `\p{name}` (or `\P{name}`) matches, found with the validator's own regex.
    private mutating func propertyPool(_ name: String, negated: Bool) -> [Unicode.Scalar] {
        let key = (negated ? "P:" : "p:") + name
        if let known = propertyPools[key] { return known }
        var members: [Unicode.Scalar] = []
        if let regex = try? ECMARegex("^\\\(negated ? "P" : "p"){\(name)}$") {
            for scalar in Self.asciiPool({ _ in true }) + Self.extraPool where regex.matches(String(scalar)) == true {
                members.append(scalar)
            }
        }
        propertyPools[key] = members
        return members
    }
}
