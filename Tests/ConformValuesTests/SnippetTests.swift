import Testing

@testable import ConformValues

/// The one source-line window every format shows under a finding: short lines as they are, long ones cut to
/// `Snippet.width` scalars around the column with `…` at each cut, and the caret always under the column.
@Suite struct SnippetTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var line: String
        var column: Int
        var dropIndentation = false
        /// The text shown and the caret's column in it.
        var text: String
        var caret: Int
        var testDescription: String { name }
    }

    static let a = String(repeating: "a", count: 1_000)
    static let b = String(repeating: "b", count: 1_000)

    static let cases: [Case] = [
        Case(name: "a short line is shown whole", line: "    type: string", column: 11, text: "    type: string", caret: 11),
        Case(name: "indentation is dropped when asked", line: "      type: string", column: 13, dropIndentation: true, text: "type: string", caret: 7),
        Case(
            name: "a long line with the column near its start is cut at the end only", line: a, column: 5,
            text: String(repeating: "a", count: 120) + "…", caret: 5),
        Case(
            name: "a minified line is cut around the column, 40 scalars before it", line: a + "X" + b, column: 1_001,
            text: "…" + String(repeating: "a", count: 40) + "X" + String(repeating: "b", count: 79) + "…", caret: 42),
        Case(
            name: "near the end the window still holds 120 scalars", line: a, column: 990,
            text: "…" + String(repeating: "a", count: 120), caret: 990 - 880 + 1),
        Case(
            name: "a column past the end of a long line stays past the end", line: a, column: 1_002,
            text: "…" + String(repeating: "a", count: 120), caret: 1_002 - 880 + 1),
        Case(
            name: "scalars, not bytes, are counted", line: String(repeating: "é", count: 100) + "X", column: 101,
            text: String(repeating: "é", count: 100) + "X", caret: 101),
        Case(
            name: "a long line of two- and four-byte scalars is cut by scalars", line: String(repeating: "é", count: 500) + "🐕" + String(repeating: "ü", count: 500),
            column: 501, text: "…" + String(repeating: "é", count: 40) + "🐕" + String(repeating: "ü", count: 79) + "…", caret: 42),
        Case(
            name: "ASCII before the column and wider scalars after it", line: a + "X" + String(repeating: "日", count: 300), column: 1_001,
            text: "…" + String(repeating: "a", count: 40) + "X" + String(repeating: "日", count: 79) + "…", caret: 42),
        Case(
            name: "indentation is dropped before a long line is cut", line: "      " + a, column: 507, dropIndentation: true,
            text: "…" + String(repeating: "a", count: 120) + "…", caret: 42),
    ]

    @Test(arguments: cases)
    func window(_ example: Case) {
        let window = Snippet.window(line: example.line, column: example.column, dropIndentation: example.dropIndentation)
        #expect(window.text == example.text)
        #expect(window.column == example.caret)
    }

    @Test func theCaretStaysUnderTheColumn() {
        let lines = Snippet.render(line: Self.a + "X" + Self.b, column: 1_001).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].count < Snippet.width + 10)
        let x = lines[0].firstIndex(of: "X").map { lines[0].distance(from: lines[0].startIndex, to: $0) }
        #expect(x == lines[1].count - 1)
    }
}
