import Foundation

/// A JSON Schema `pattern`: an ECMA-262 regular expression with `u`-flag semantics, searched for anywhere in the
/// input (not anchored): by `LinearRegex` when the pattern is within its subset, otherwise by ICU after
/// `ECMARegexTranslator` has rewritten it to mean the same.
///
/// `@unchecked Sendable` because `NSRegularExpression` is immutable and thread-safe after creation (Foundation
/// checks out a separate ICU matcher for each concurrent match); the other stored properties are immutable values.
/// Compile once, when the schema is compiled, and share the instance.
///
/// Matching is bounded in time: a pattern such as `^(a+)+$` backtracks exponentially in any backtracking engine,
/// so each search is given a deadline and reports `.timedOut` rather than hanging a validation run.
package final class ECMARegex: @unchecked Sendable {
    package enum MatchResult: Sendable, Equatable {
        case matched
        case notMatched
        /// The search ran past its deadline and was stopped; whether the pattern matches is unknown.
        case timedOut
    }

    /// The ECMA-262 pattern as written in the schema.
    package let source: String
    /// The ICU pattern actually compiled.
    package let icuPattern: String
    /// ICU's compiled pattern, for the patterns `LinearRegex` does not take; nil when it does, since compiling
    /// it (and starting ICU) costs more than the linear matcher and is never used.
    private let regex: NSRegularExpression?
    /// The pattern as a linear-time matcher, when it stays within what `LinearRegex` supports (most do); ICU
    /// matches the rest.
    private let linear: LinearRegex?

    package init(_ pattern: String) throws(ECMARegexError) {
        source = pattern
        icuPattern = try ECMARegexTranslator.icuPattern(for: pattern)
        var parser = ECMARegexParser(pattern)
        linear = (try? parser.parse()).flatMap(LinearRegex.init)
        guard linear == nil else {
            regex = nil
            return
        }
        do {
            regex = try NSRegularExpression(pattern: icuPattern, options: [])
        } catch {
            throw ECMARegexError(.unsupported, "ICU cannot compile the translated pattern '\(icuPattern)'", at: 0)
        }
    }

    /// Whether ECMA-262 accepts `pattern`, the meaning of JSON Schema's `format: regex`. A pattern that is valid but
    /// cannot be matched here (an unbounded lookbehind) still counts as valid.
    /// Whether searches go to ICU, whose time `PatternBudget` accounts for; the linear matcher's never need to.
    package var needsICU: Bool { linear == nil && regex != nil }

    package static func isValidPattern(_ pattern: String) -> Bool {
        do {
            _ = try ECMARegex(pattern)
            return true
        } catch {
            return error.kind == .unsupported
        }
    }

    /// Searches `string` for a match anywhere in it, giving up once `deadline` has elapsed.
    ///
    /// `.reportProgress` makes ICU call back periodically during a long search (hundreds of times a second),
    /// which is where the deadline is checked; a search that ends sooner never reads the clock.
    package func firstMatch(in string: String, deadline: Duration = .milliseconds(250)) -> MatchResult {
        if let linear { return linear.matches(string) ? .matched : .notMatched }
        guard let regex else { return .notMatched }
        let clock = ContinuousClock()
        let limit = clock.now.advanced(by: deadline)
        var result = MatchResult.notMatched
        let range = NSRange(location: 0, length: string.utf16.count)
        regex.enumerateMatches(in: string, options: [.reportProgress], range: range) { match, _, stop in
            if match != nil {
                result = .matched
                stop.pointee = true
            } else if clock.now >= limit {
                result = .timedOut
                stop.pointee = true
            }
        }
        return result
    }

    /// `firstMatch(in:deadline:)` on the UTF-8 bytes of valid text, read in place when the linear matcher takes the
    /// pattern.
    package func firstMatch(utf8 text: UnsafeBufferPointer<UInt8>, deadline: Duration = .milliseconds(250)) -> MatchResult {
        if let linear { return linear.matches(utf8: text) ? .matched : .notMatched }
        return firstMatch(in: String(decoding: text, as: UTF8.self), deadline: deadline)
    }

    /// Whether `string` contains a match, or nil when the search timed out.
    package func matches(_ string: String) -> Bool? {
        switch firstMatch(in: string) {
        case .matched: true
        case .notMatched: false
        case .timedOut: nil
        }
    }
}
