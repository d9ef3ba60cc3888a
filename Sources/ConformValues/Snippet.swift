/// The source line shown under a finding or a load error, with a caret under its column: the one implementation
/// every format and every error message uses. A line longer than `width` is cut to a window around the column,
/// with `…` where it was cut, because a minified JSON description is one line of megabytes and a report that
/// repeats it under each finding runs to hundreds of megabytes.
package enum Snippet {
    /// Unicode scalars of the line kept: about a terminal's width.
    package static let width = 120
    /// How many of them come before the column when the line is cut: the column usually marks the start of a
    /// value or key, and what follows it says more than what precedes it.
    package static let before = 40

    /// The part of `line` to show and the caret's 1-based column in it. `dropIndentation` removes leading spaces
    /// and tabs first (HTML, where a nested YAML key would start half a phone screen to the right).
    package static func window(line: String, column: Int, dropIndentation: Bool = false) -> (text: String, column: Int) {
        let scalars = line.unicodeScalars
        var start = scalars.startIndex
        var column = max(column, 1)
        if dropIndentation {
            let indentation = min(scalars.prefix { $0 == " " || $0 == "\t" }.count, column - 1)
            start = scalars.index(start, offsetBy: indentation)
            column -= indentation
        }
        // No more scalars than bytes: a short line is never counted, and a long one only once.
        guard line.utf8.count > width else { return (String(scalars[start...]), column) }
        let length = scalars.distance(from: start, to: scalars.endIndex)
        guard length > width else { return (String(scalars[start...]), column) }
        let cut = min(max(column - 1 - before, 0), length - width)
        let first = scalars.index(start, offsetBy: cut)
        let last = scalars.index(first, offsetBy: width)
        var text = cut > 0 ? "…" : ""
        text.unicodeScalars.append(contentsOf: scalars[first..<last])
        if last < scalars.endIndex { text += "…" }
        return (text, column - cut + (cut > 0 ? 1 : 0))
    }

    /// The line's window with a caret line under it, both indented by two spaces; tabs before the column stay
    /// tabs in the caret line so the caret lands under its character.
    package static func render(line: String, column: Int, dropIndentation: Bool = false) -> String {
        let (text, column) = window(line: line, column: column, dropIndentation: dropIndentation)
        var caret = ""
        for (offset, scalar) in text.unicodeScalars.enumerated() where offset < column - 1 {
            caret.append(scalar == "\t" ? "\t" : " ")
        }
        let padding = max(0, column - 1 - text.unicodeScalars.count)
        caret += String(repeating: " ", count: padding) + "^"
        return "  " + text + "\n  " + caret
    }
}
