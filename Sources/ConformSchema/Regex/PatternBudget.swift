import Foundation
import Synchronization

/// The ICU matching time one validation may spend: an exchange, an example, a payload.
///
/// `ECMARegex` bounds one search by a deadline (250 ms), but a value can hold many strings: an array of 100
/// items against a pattern that backtracks catastrophically took 100 × 250 ms, and a 600-byte description
/// linted for 22 s. A budget caps the sum: once it is spent, the remaining ICU searches of the validation are
/// not attempted and the values are reported as not checked (`PatternTally`), never as passing or as invalid.
///
/// Patterns that `LinearRegex` takes (nearly all) run in linear time and never touch the budget.
///
/// Also remembers each ICU verdict by pattern and text, so that the collecting pass after a fast pass, the
/// same string in many items and the same name in many objects cost one search. That is sound: a verdict
/// depends only on the pattern and the text. A search that timed out is remembered too and not retried.
///
/// Shared by the tasks of a validation, so the state sits behind a lock; two searches running at once may
/// together overrun the budget by one deadline each, which bounds the overrun.
package final class PatternBudget: Sendable {
    /// What one search against the budget came to.
    package enum Verdict: Sendable, Equatable {
        case matched
        case notMatched
        /// The search ran past its own deadline: whether the pattern matches is unknown.
        case timedOut
        /// The validation's budget was spent before or during the search: not decided.
        case budgetSpent
    }

    /// All the ICU time the validation may spend.
    package let total: Duration
    /// The most one search may take.
    package let deadline: Duration
    /// The time spent and the verdicts remembered. A `Mutex` is held inline, so the budget every exchange makes
    /// is one allocation.
    private let state = Mutex(State())

    private struct State {
        var spent: Duration = .zero
        var verdicts: [Key: Verdict] = [:]
    }

    /// A pattern by identity and a text. The key holds the pattern, so that its address cannot be reused by
    /// another pattern while the verdict is remembered.
    private struct Key: Hashable {
        let regex: ECMARegex
        let text: String

        static func == (left: Key, right: Key) -> Bool {
            left.regex === right.regex && left.text == right.text
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(ObjectIdentifier(regex))
            hasher.combine(text)
        }
    }

    /// Most verdicts remembered; past that, searches still run (and count against the budget) but are not kept.
    static let rememberedVerdicts = 4_096
    /// Longest text whose verdict is remembered, in UTF-8 bytes, so that the memory stays small.
    static let rememberedLength = 1_024

    package init(total: Duration = .seconds(1), deadline: Duration = .milliseconds(250)) {
        self.total = total
        self.deadline = deadline
    }

    /// The ICU time spent so far.
    package var timeSpent: Duration {
        state.withLock { $0.spent }
    }

    /// Searches `text` for a match of `regex` anywhere in it, within the search deadline and what remains of the
    /// budget.
    package func search(_ regex: ECMARegex, utf8 text: UnsafeBufferPointer<UInt8>) -> Verdict {
        guard regex.needsICU else { return regex.firstMatch(utf8: text) == .matched ? .matched : .notMatched }
        let string = String(decoding: text, as: UTF8.self)
        let key = text.count <= Self.rememberedLength ? Key(regex: regex, text: string) : nil
        enum Start { case known(Verdict), spent, run(Duration) }
        let start: Start = state.withLock { state in
            if let key, let known = state.verdicts[key] { return .known(known) }
            return state.spent < total ? .run(min(deadline, total - state.spent)) : .spent
        }
        let allowance: Duration
        switch start {
        case .known(let verdict): return verdict
        case .spent: return .budgetSpent
        case .run(let time): allowance = time
        }
        let clock = ContinuousClock()
        let began = clock.now
        let result = regex.firstMatch(in: string, deadline: allowance)
        let elapsed = began.duration(to: clock.now)
        let verdict: Verdict = switch result {
        case .matched: .matched
        case .notMatched: .notMatched
        // Cut short by what remained of the budget rather than by its own deadline: another text might be decided.
        case .timedOut: allowance < deadline ? .budgetSpent : .timedOut
        }
        state.withLock { state in
            state.spent += elapsed
            if let key, verdict != .budgetSpent, state.verdicts.count < Self.rememberedVerdicts { state.verdicts[key] = verdict }
        }
        return verdict
    }
}
