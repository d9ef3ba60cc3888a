import ConformValues
import Foundation
import Testing

@testable import ConformSchema

/// The ICU matching budget of one validation (`PatternBudget`): a value with many strings against a pattern that
/// backtracks catastrophically costs one budget, not one deadline per string, and the strings left undecided are
/// counted in one note per pattern, never passed in silence and never called invalid.
///
/// No assertion rests on timing but generous upper bounds: what is checked is how many strings were decided.
@Suite struct PatternBudgetTests {
    static let fixture = try! SchemaFixture("hostile-patterns-3.1.yaml")
    /// Strings that make `^(a+)+\1$` backtrack for far longer than a deadline, each different so that no
    /// remembered verdict serves another.
    static func hostile(_ count: Int, from first: Int = 0) -> [JSONValue] {
        (first..<first + count).map { .string(String(repeating: "a", count: 28) + "!\($0)") }
    }

    @Test func aBudgetStopsTheSearchesOfOneValue() throws {
        let fixture = Self.fixture
        let id = try #require(fixture.ids["Words"])
        let budget = PatternBudget(total: .milliseconds(300), deadline: .milliseconds(100))
        let failures = fixture.compiled.validate(.array(Self.hostile(100)), against: id, budget: budget)
        let note = try #require(failures.first)
        #expect(failures.count == 1)
        #expect(note.notValidated && note.keyword == "pattern" && note.instancePointer.isRoot)
        #expect(note.schemaPointer.pointer.description == "/components/schemas/Words/items/pattern")
        #expect(note.message.hasPrefix(#"the pattern ^(a+)+\1$ was not checked on 100 of 100 values ("#), "\(note.message)")
        #expect(note.message.contains("were not tried once the 300 ms of pattern matching this validation may spend had run out"))
        #expect(note.message.hasSuffix("; they are neither passed nor failed"))
        // 100 searches of 100 ms would spend 10 s of ICU time; the budget stops them after about 300 ms (the bound
        // leaves room for a loaded machine's late progress callbacks).
        #expect(budget.timeSpent < .seconds(5))
        #expect(fixture.compiled.isValid(.array(Self.hostile(100)), against: id, budget: PatternBudget(total: .milliseconds(50), deadline: .milliseconds(50))))
    }

    @Test func checkedAndUncheckedStringsAreCountedApart() throws {
        let fixture = Self.fixture
        let id = try #require(fixture.ids["Words"])
        // Strings the search decides at once (they match, or are too short to backtrack) are counted as checked.
        let quick: [JSONValue] = [.string("aa"), .string("b"), .string("aaaa")]
        let failures = fixture.compiled.validate(
            .array(quick + Self.hostile(20)), against: id, budget: PatternBudget(total: .milliseconds(200), deadline: .milliseconds(50)))
        #expect(failures.map(\.keyword) == ["pattern", "pattern"])
        #expect(failures[0].message == #""b" does not match the pattern ^(a+)+\1$"#)
        #expect(!failures[0].notValidated)
        #expect(failures[1].notValidated)
        #expect(failures[1].message.hasPrefix(#"the pattern ^(a+)+\1$ was not checked on 20 of 23 values"#), "\(failures[1].message)")
    }

    @Test func anExhaustedBudgetIsSharedByTheValuesValidatedAsOne() throws {
        let fixture = Self.fixture
        let id = try #require(fixture.ids["Words"])
        let budget = PatternBudget(total: .milliseconds(100), deadline: .milliseconds(100))
        _ = fixture.compiled.validate(.array(Self.hostile(3)), against: id, budget: budget)
        // The second value of the same exchange finds the budget spent: nothing is searched, all is reported.
        let spentBefore = budget.timeSpent
        let second = fixture.compiled.validate(.array(Self.hostile(5, from: 3)), against: id, budget: budget)
        #expect(budget.timeSpent == spentBefore)
        #expect(second.count == 1)
        #expect(second.first?.message.hasPrefix(#"the pattern ^(a+)+\1$ was not checked on 5 of 5 values (5 were not tried"#) == true, "\(second)")
    }

    @Test func aTimedOutStringIsNotSearchedAgain() throws {
        let regex = try ECMARegex(#"^(a+)+\1$"#)
        #expect(regex.needsICU)
        let budget = PatternBudget(total: .seconds(10), deadline: .milliseconds(50))
        let text = Array((String(repeating: "a", count: 28) + "!").utf8)
        let first = text.withUnsafeBufferPointer { budget.search(regex, utf8: $0) }
        let spent = budget.timeSpent
        let again = text.withUnsafeBufferPointer { budget.search(regex, utf8: $0) }
        #expect(first == .timedOut && again == .timedOut)
        #expect(budget.timeSpent == spent)
    }

    @Test func linearPatternsNeverTouchTheBudget() throws {
        let regex = try ECMARegex("^(a+)+$")
        #expect(!regex.needsICU)
        let budget = PatternBudget(total: .zero, deadline: .zero)
        let verdict = Array((String(repeating: "a", count: 5_000) + "!").utf8).withUnsafeBufferPointer { budget.search(regex, utf8: $0) }
        #expect(verdict == .notMatched)
    }

    /// A member name the pattern cannot decide is neither additional (`additionalProperties: false` would call it
    /// invalid) nor checked against the pattern's schema.
    @Test func undecidedMemberNamesAreNotCalledAdditional() {
        let name = String(repeating: "a", count: 28) + "!"
        let failures = Self.fixture.check("Names", #"{"\#(name)": "not an integer", "aa": 1}"#)
        #expect(failures.count == 1)
        #expect(failures.first?.hasPrefix(#"not validated:  patternProperties: the pattern ^(a+)+\1$ was not checked on 1 of 2 property names (1 took longer than the 250 ms"#) == true, "\(failures)")
    }

    /// A config's custom format searches against the same budget, and its undecided strings are a note too.
    @Test func customFormatsShareTheBudget() throws {
        let options = SchemaOptions(formats: FormatRegistry(custom: ["nick": #"^(a+)+\1$"#]), patternDeadline: .milliseconds(50), patternBudget: .milliseconds(100))
        let fixture = try SchemaFixture("hostile-patterns-3.1.yaml", options: options)
        let id = try #require(fixture.ids["Nicknames"])
        let failures = fixture.compiled.validate(.array([.string("b")] + Self.hostile(30)), against: id)
        #expect(failures.map(\.keyword) == ["format", "format"])
        #expect(failures.first?.message == #""b" is not a valid nick: does not match the pattern '^(a+)+\1$' of custom format 'nick'"#)
        #expect(failures.last?.notValidated == true)
        #expect(failures.last?.schemaPointer.pointer.description == "/components/schemas/Nicknames/items/format")
        #expect(failures.last?.message.hasPrefix(#"the pattern ^(a+)+\1$ was not checked on 30 of 31 values"#) == true, "\(failures)")
    }

    /// With other failures, the collecting pass reuses the fast pass's verdicts: the note counts each string once.
    @Test func theCollectingPassCountsEachStringOnce() throws {
        let failures = Self.fixture.check("Pair", #"{"count": "x", "words": ["\#(String(repeating: "a", count: 28))!"]}"#)
        #expect(failures == [
            "/count type: expected integer, found the string \"x\"",
            #"not validated:  pattern: the pattern ^(a+)+\1$ was not checked on 1 of 1 value (1 took longer than the 250 ms a search may take); they are neither passed nor failed"#,
        ])
    }
}
