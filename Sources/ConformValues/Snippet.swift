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
        return line.withUTF8Bytes { window($0, column: max(column, 1), dropIndentation: dropIndentation) }
    }

    /// The window over the line's UTF-8, walked only as far as the window's end and counted in bytes (columns
    /// are scalars, and only a scalar's first byte is not `10xxxxxx`): a minified description is one line of
    /// megabytes, and every finding on it asks for its window.
    private static func window(_ bytes: UnsafeBufferPointer<UInt8>, column: Int, dropIndentation: Bool) -> (text: String, column: Int) {
        var column = column
        var start = 0
        if dropIndentation {
            while start < bytes.count, start < column - 1, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
            column -= start
        }
        let line = UnsafeBufferPointer(rebasing: bytes[start...])
        func text(_ from: Int, _ to: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: line[from..<to]), as: UTF8.self)
        }
        // No more scalars than bytes: a short line is never counted.
        guard line.count > width else { return (text(0, line.count), column) }
        var cut = max(column - 1 - before, 0)
        var first = UTF8Counting.offset(ofScalar: cut, in: line) ?? line.count
        if first == line.count { cut = UTF8Counting.scalars(in: line) }
        var last = first
        var taken = 0
        while taken < width, last < line.count {
            last += 1
            while last < line.count, line[last] & 0xC0 == 0x80 { last += 1 }
            taken += 1
        }
        // Near the end of the line the window takes what it lacks from before the column.
        while taken < width, first > 0 {
            first -= 1
            while first > 0, line[first] & 0xC0 == 0x80 { first -= 1 }
            taken += 1
            cut -= 1
        }
        if taken < width || (first == 0 && last == line.count) { return (text(0, line.count), column) }
        var result = cut > 0 ? "…" : ""
        result += text(first, last)
        if last < line.count { result += "…" }
        return (result, column - cut + (cut > 0 ? 1 : 0))
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
