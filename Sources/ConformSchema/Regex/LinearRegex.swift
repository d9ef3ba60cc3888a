/// A matcher for the patterns OpenAPI descriptions mostly write (`^[a-z]+_[A-Za-z0-9]+$`, `^https?[^@]*$`):
/// literals, `.`, `\d \w \s` and their complements, character classes, `^`, `$`, groups, alternation and any
/// quantifier, compiled to a Thompson NFA and run as a Pike VM over Unicode scalars.
///
/// It exists for speed and safety: a search takes time linear in the input whatever the pattern (no backtracking,
/// so no deadline is needed), and it skips `NSRegularExpression`'s bridging of every string to UTF-16, which made
/// patterns the slowest keyword to check. Patterns that need more (Unicode properties, `\b`, lookaround,
/// backreferences) return nil from `init` and stay with ICU. Semantics are ECMA-262 with the `u` flag, as the
/// ICU translation has them: `.` excludes the four line terminators, `$` is the very end, `\s` is ECMA-262's
/// WhiteSpace and LineTerminator; a search succeeds when the pattern matches anywhere.
struct LinearRegex: Sendable {
    /// One instruction, a plain value (no references), so running the program copies and retains nothing.
    fileprivate struct Instruction: Sendable {
        enum Operation: UInt8 { case consume, split, jump, assertStart, assertEnd, accept }
        var operation: Operation
        /// consume: the set's index; split and jump: the first target.
        var first: Int32 = 0
        /// split: the second target.
        var second: Int32 = 0
    }

    /// A consume instruction's set, as a slice of `bounds` plus builtin complements (`[\W\d]`) and a negation.
    private struct CompactSet: Sendable {
        var start: Int32
        var end: Int32
        /// Bits 0, 1, 2: also matches whatever is not a digit, not a word character, not a space.
        var complements: UInt8
        var negated: Bool
    }

    /// Programs beyond this many instructions (large bounded repeats such as `{1,5000}`) stay with ICU.
    private static let maximumProgram = 4_096

    private var program: [Instruction] = []
    private var sets: [CompactSet] = []
    /// Every set's ranges as low, high pairs, back to back.
    private var bounds: [UInt32] = []
    /// Whether the pattern begins with `^`, so a search never needs to start past the first position.
    private var anchored = false

    /// The ASCII part of the automaton as a DFA, built when the pattern is compiled: `asciiDFA.transitions` has 128
    /// entries per state. nil when the pattern needs more DFA states than `maximumDFAStates`.
    private var asciiDFA: ASCIIAutomaton?

    init?(_ tree: RegexNode) {
        guard emit(tree), program.count < Self.maximumProgram else { return nil }
        program.append(Instruction(operation: .accept))
        anchored = program[0].operation == .assertStart
        asciiDFA = ASCIIAutomaton(program: program.map(\.operation), first: program.map(\.first), second: program.map(\.second),
                                  contains: { setIndex, value in contains(setIndex, value) }, anchored: anchored)
    }

    /// Whether the pattern matches anywhere in `text`.
    func matches(_ text: String) -> Bool {
        if let result = text.utf8.withContiguousStorageIfAvailable({ matches(utf8: $0) }) { return result }
        return Array(text.utf8).withUnsafeBufferPointer { matches(utf8: $0) }
    }

    /// ASCII text through the DFA, a table lookup a byte; anything else (or a pattern too large for a DFA) through
    /// the Pike VM.
    func matches(utf8 text: UnsafeBufferPointer<UInt8>) -> Bool {
        if let dfa = asciiDFA, let verdict = dfa.run(text) { return verdict }
        return simulate(text)
    }

    /// The Pike VM over a string's UTF-8 (valid, as every Swift string's is), decoding one scalar at a time.
    private func simulate(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = program.count
        return program.withUnsafeBufferPointer { program in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: count * 5 + 2) { scratch in
                let marks = UnsafeMutableBufferPointer(rebasing: scratch[0..<count])
                marks.initialize(repeating: -1)
                var current = UnsafeMutableBufferPointer(rebasing: scratch[count..<(2 * count)])
                var next = UnsafeMutableBufferPointer(rebasing: scratch[(2 * count)..<(3 * count)])
                let stack = UnsafeMutableBufferPointer(rebasing: scratch[(3 * count)...])
                var machine = Machine(program: program, marks: marks, stack: stack)
                var currentCount = 0
                var index = 0
                var step: Int32 = 0
                if machine.add(0, to: current, count: &currentCount, step: step, atStart: true, atEnd: text.isEmpty) { return true }
                while index < text.count {
                    let (scalar, length) = FormatBytes.scalar(text, at: index)
                    index += length
                    step += 1
                    let atEnd = index >= text.count
                    var nextCount = 0
                    for slot in 0..<currentCount {
                        let pc = Int(current[slot])
                        guard contains(program[pc].first, scalar) else { continue }
                        if machine.add(pc + 1, to: next, count: &nextCount, step: step, atStart: false, atEnd: atEnd) { return true }
                    }
                    if !anchored, machine.add(0, to: next, count: &nextCount, step: step, atStart: false, atEnd: atEnd) { return true }
                    if nextCount == 0 && anchored { return false }
                    swap(&current, &next)
                    currentCount = nextCount
                }
                return false
            }
        }
    }

    /// Follows a program's empty transitions, marking each instruction once per step.
    private struct Machine {
        let program: UnsafeBufferPointer<Instruction>
        let marks: UnsafeMutableBufferPointer<Int32>
        /// Room for every push of one closure: each instruction is expanded once and pushes at most two.
        let stack: UnsafeMutableBufferPointer<Int32>

        /// Adds the consuming instructions reachable from `pc` to `list`; true when the pattern's end is reached.
        mutating func add(
            _ pc: Int, to list: UnsafeMutableBufferPointer<Int32>, count: inout Int, step: Int32, atStart: Bool, atEnd: Bool
        ) -> Bool {
            var depth = 1
            stack[0] = Int32(pc)
            while depth > 0 {
                depth -= 1
                let pc = Int(stack[depth])
                guard marks[pc] != step else { continue }
                marks[pc] = step
                let instruction = program[pc]
                switch instruction.operation {
                case .consume:
                    list[count] = Int32(pc)
                    count += 1
                case .split:
                    stack[depth] = instruction.second
                    stack[depth + 1] = instruction.first
                    depth += 2
                case .jump:
                    stack[depth] = instruction.first
                    depth += 1
                case .assertStart, .assertEnd:
                    if instruction.operation == .assertStart ? atStart : atEnd {
                        stack[depth] = Int32(pc + 1)
                        depth += 1
                    }
                case .accept:
                    return true
                }
            }
            return false
        }
    }

    @inline(__always)
    fileprivate func contains(_ setIndex: Int32, _ value: UInt32) -> Bool {
        let set = sets[Int(setIndex)]
        var found = false
        var index = Int(set.start)
        while index < Int(set.end) {
            if bounds[index] <= value && value <= bounds[index + 1] {
                found = true
                break
            }
            index += 2
        }
        if !found && set.complements != 0 {
            found = (set.complements & 1 != 0 && !ScalarSet.isIn(ScalarSet.digit, value))
                || (set.complements & 2 != 0 && !ScalarSet.isIn(ScalarSet.word, value))
                || (set.complements & 4 != 0 && !ScalarSet.isIn(ScalarSet.space, value))
        }
        return found != set.negated
    }

    // MARK: Compiling

    /// Appends the code for `node`, which falls through to whatever follows; false when the node is outside the
    /// supported subset.
    private mutating func emit(_ node: RegexNode) -> Bool {
        guard program.count < Self.maximumProgram else { return false }
        switch node {
        case .sequence(let elements):
            return elements.allSatisfy { emit($0) }
        case .alternation(let alternatives):
            var exits: [Int] = []
            for (index, alternative) in alternatives.enumerated() {
                if index == alternatives.count - 1 { guard emit(alternative) else { return false }; break }
                let split = program.count
                program.append(Instruction(operation: .split, first: Int32(split + 1)))
                guard emit(alternative) else { return false }
                exits.append(program.count)
                program.append(Instruction(operation: .jump))
                program[split].second = Int32(program.count)
            }
            for exit in exits { program[exit].first = Int32(program.count) }
            return true
        case .literal(let value):
            appendConsume(ScalarSet(ranges: [value...value]))
        case .anyExceptLineTerminator:
            appendConsume(ScalarSet.lineTerminators.inverted)
        case .builtin(let builtin):
            appendConsume(ScalarSet(builtin))
        case .characterClass(let negated, let items):
            guard let set = ScalarSet(items) else { return false }
            appendConsume(negated ? set.inverted : set)
        case .inputStart:
            program.append(Instruction(operation: .assertStart))
        case .inputEnd:
            program.append(Instruction(operation: .assertEnd))
        case .group(.capturing, let inner, _), .group(.nonCapturing, let inner, _):
            return emit(inner)
        case .quantified(let inner, let quantifier):
            return emitRepeat(inner, min: quantifier.min, max: quantifier.max)
        case .group, .property, .wordBoundary, .backreference:
            return false
        }
        return true
    }

    /// `inner{min,max}`: `min` copies, then either a loop (no maximum) or `max - min` optional copies. Greedy and
    /// lazy repeats match the same strings, which is all a search for a match needs to know.
    private mutating func emitRepeat(_ inner: RegexNode, min: Int, max: Int?) -> Bool {
        guard min <= Self.maximumProgram, (max ?? min) <= Self.maximumProgram else { return false }
        for _ in 0..<min {
            guard emit(inner) else { return false }
        }
        guard let max else {
            let loop = program.count
            program.append(Instruction(operation: .split, first: Int32(loop + 1)))
            guard emit(inner) else { return false }
            program.append(Instruction(operation: .jump, first: Int32(loop)))
            program[loop].second = Int32(program.count)
            return true
        }
        var skips: [Int] = []
        for _ in min..<Swift.max(min, max) {
            skips.append(program.count)
            program.append(Instruction(operation: .split, first: Int32(program.count + 1)))
            guard emit(inner) else { return false }
        }
        for skip in skips { program[skip].second = Int32(program.count) }
        return true
    }

    /// A consume instruction for `set`, its ranges copied into `bounds`.
    private mutating func appendConsume(_ set: ScalarSet) {
        let start = Int32(bounds.count)
        for range in set.ranges { bounds += [range.lowerBound, range.upperBound] }
        var complements: UInt8 = 0
        for complement in set.complements {
            complements |= complement == ScalarSet.digit ? 1 : complement == ScalarSet.word ? 2 : 4
        }
        sets.append(CompactSet(start: start, end: Int32(bounds.count), complements: complements, negated: set.negated))
        program.append(Instruction(operation: .consume, first: Int32(sets.count - 1)))
    }
}

/// A set of Unicode scalar values as compiling builds it: ranges, plus the complements of builtin classes written
/// inside a class (`[\W\d]`), possibly negated as a whole. `LinearRegex` stores it flattened.
struct ScalarSet: Sendable {
    var ranges: [ClosedRange<UInt32>]
    var complements: [[ClosedRange<UInt32>]] = []
    var negated = false

    static let digit: [ClosedRange<UInt32>] = [0x30...0x39]
    static let word: [ClosedRange<UInt32>] = [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A]
    /// ECMA-262 WhiteSpace and LineTerminator: U+0009–U+000D, U+FEFF, U+2028, U+2029 and the `Zs` spaces.
    static let space: [ClosedRange<UInt32>] = [
        0x09...0x0D, 0x20...0x20, 0xA0...0xA0, 0x1680...0x1680, 0x2000...0x200A, 0x2028...0x2029, 0x202F...0x202F,
        0x205F...0x205F, 0x3000...0x3000, 0xFEFF...0xFEFF,
    ]
    static let lineTerminators = ScalarSet(ranges: [0x0A...0x0A, 0x0D...0x0D, 0x2028...0x2029])

    init(ranges: [ClosedRange<UInt32>]) {
        self.ranges = ranges
    }

    init(_ builtin: BuiltinClass) {
        switch builtin {
        case .digit, .notDigit: ranges = Self.digit
        case .word, .notWord: ranges = Self.word
        case .space, .notSpace: ranges = Self.space
        }
        negated = builtin == .notDigit || builtin == .notWord || builtin == .notSpace
    }

    /// A class's items; nil when one is a Unicode property, which only ICU knows.
    init?(_ items: [ClassItem]) {
        ranges = []
        for item in items {
            switch item {
            case .range(let low, let high): ranges.append(low...high)
            case .builtin(.digit): ranges += Self.digit
            case .builtin(.word): ranges += Self.word
            case .builtin(.space): ranges += Self.space
            case .builtin(.notDigit): complements.append(Self.digit)
            case .builtin(.notWord): complements.append(Self.word)
            case .builtin(.notSpace): complements.append(Self.space)
            case .property: return nil
            }
        }
    }

    var inverted: ScalarSet {
        var copy = self
        copy.negated.toggle()
        return copy
    }

    static func isIn(_ ranges: [ClosedRange<UInt32>], _ value: UInt32) -> Bool {
        ranges.contains { $0.contains(value) }
    }
}

/// A DFA over ASCII bytes for a `LinearRegex` program, by subset construction when the pattern is compiled, one
/// move per class of bytes the program treats alike.
///
/// Each state is a set of program positions after following empty transitions; `$` positions are kept in the set
/// unexpanded and only count at the end of the input. The first state is the start of the input (`^` holds only
/// there). Searching anywhere in the input is built in: every step also restarts the program, unless it begins
/// with `^`.
private struct ASCIIAutomaton: Sendable {
    private static let maximumStates = 256

    private var transitions: [Int32] = []
    private var acceptsNow: [Bool] = []
    private var acceptsAtEnd: [Bool] = []
    /// State 0 is the start; a dead state (nothing can match any more) exists only for anchored patterns.
    private var dead: Int32 = -1

    init?(
        program: [LinearRegex.Instruction.Operation], first: [Int32], second: [Int32],
        contains: (Int32, UInt32) -> Bool, anchored: Bool
    ) {
        // Positions already reached in the closure being computed: stamped with the closure's number, so no set is
        // made per closure (a pattern's construction computes thousands).
        var reached = [Int](repeating: -1, count: program.count)
        var closureNumber = 0
        /// The positions reached from `seeds`, and whether the end of the program was reached.
        func closure(_ seeds: [Int], atStart: Bool, atEnd: Bool) -> (positions: [Int], accepts: Bool) {
            closureNumber += 1
            var stack = seeds
            var positions: [Int] = []
            var accepts = false
            while let pc = stack.popLast() {
                guard reached[pc] != closureNumber else { continue }
                reached[pc] = closureNumber
                switch program[pc] {
                case .consume: positions.append(pc)
                case .split: stack += [Int(second[pc]), Int(first[pc])]
                case .jump: stack.append(Int(first[pc]))
                case .assertStart: if atStart { stack.append(pc + 1) }
                case .assertEnd: if atEnd { stack.append(pc + 1) } else { positions.append(pc) }
                case .accept: accepts = true
                }
            }
            return (positions.sorted(), accepts)
        }

        // Bytes that every consuming position takes or refuses alike lead from any state to the same state: each
        // state's move is computed once per such class, at the class's first byte, so states are found (and
        // numbered) in the order a byte-by-byte construction finds them.
        let consuming = program.indices.filter { program[$0] == .consume }
        var classes: [[Bool]: Int] = [:]
        let classOf = (0..<128).map { byte in
            let signature = consuming.map { contains(first[$0], UInt32(byte)) }
            if let known = classes[signature] { return known }
            classes[signature] = classes.count
            return classes.count - 1
        }

        // A state is its positions and whether it accepts; the start state is keyed apart (with -1), since `^`
        // holds only there.
        func key(_ positions: [Int], accepts: Bool) -> [Int] { positions + [accepts ? -2 : -3] }
        let start = closure([0], atStart: true, atEnd: false)
        var keys: [[Int]: Int32] = [[-1] + key(start.positions, accepts: start.accepts): 0]
        var states: [(positions: [Int], accepts: Bool, isStart: Bool)] = [(start.positions, start.accepts, true)]
        var index = 0
        var moves = [Int32](repeating: -1, count: classes.count)
        while index < states.count {
            let state = states[index]
            for slot in moves.indices { moves[slot] = -1 }
            for byte in 0..<128 {
                if moves[classOf[byte]] < 0 {
                    var seeds = state.positions.filter { program[$0] == .consume && contains(first[$0], UInt32(byte)) }.map { $0 + 1 }
                    if !anchored { seeds.append(0) }
                    let next = closure(seeds, atStart: false, atEnd: false)
                    if let known = keys[key(next.positions, accepts: next.accepts)] {
                        moves[classOf[byte]] = known
                    } else {
                        guard states.count < Self.maximumStates else { return nil }
                        moves[classOf[byte]] = Int32(states.count)
                        keys[key(next.positions, accepts: next.accepts)] = Int32(states.count)
                        states.append((next.positions, next.accepts, false))
                    }
                }
                transitions.append(moves[classOf[byte]])
            }
            index += 1
        }
        for state in states {
            acceptsNow.append(state.accepts)
            let ends = state.positions.filter { program[$0] == .assertEnd }.map { $0 + 1 }
            acceptsAtEnd.append(state.accepts || closure(ends, atStart: state.isStart, atEnd: true).accepts)
        }
        if anchored, let empty = keys[key([], accepts: false)] { dead = empty }
    }

    /// The verdict for ASCII text; nil at the first non-ASCII byte, which the caller hands to the Pike VM.
    func run(_ text: UnsafeBufferPointer<UInt8>) -> Bool? {
        var state = 0
        if acceptsNow[0] { return true }
        for byte in text {
            guard byte < 0x80 else { return nil }
            state = Int(transitions[state &* 128 &+ Int(byte)])
            if acceptsNow[state] { return true }
            if state == Int(dead) { return false }
        }
        return acceptsAtEnd[state]
    }
}

