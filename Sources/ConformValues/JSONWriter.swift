/// Serializes values as JSON text (RFC 8259), keeping member order, so output is byte-for-byte deterministic.
package enum JSONWriter {
    package struct Options: Sendable {
        /// Indent nested values by this many spaces; nil writes everything on one line.
        package var indent: Int?

        package init(indent: Int? = nil) {
            self.indent = indent
        }

        package static let compact = Options()
        package static let pretty = Options(indent: 2)
    }

    package static func string(_ value: JSONValue, options: Options = .compact) -> String {
        var output = ""
        write(value, into: &output, options: options, depth: 0)
        return output
    }

    /// Writes a value as if it were nested `depth` levels deep: its inner lines are indented to match, so a
    /// streaming writer can emit a large document one member at a time and get the same bytes as `string`.
    package static func write<Output: TextOutputStream>(_ value: JSONValue, into output: inout Output, options: Options, depth: Int) {
        switch value {
        case .null: output.write("null")
        case .bool(let flag): output.write(flag ? "true" : "false")
        case .integer(let number): output.write(String(number))
        case .number(let number): output.write(format(number))
        case .bigNumber(let text): output.write(text)
        case .string(let text): writeString(text, into: &output)
        case .array(let items):
            guard !items.isEmpty else { output.write("[]"); return }
            output.write("[")
            for (index, item) in items.enumerated() {
                if index > 0 { output.write(",") }
                newline(&output, options: options, depth: depth + 1)
                write(item, into: &output, options: options, depth: depth + 1)
            }
            newline(&output, options: options, depth: depth)
            output.write("]")
        case .object(let object):
            guard !object.isEmpty else { output.write("{}"); return }
            output.write("{")
            for (index, (key, member)) in object.members.enumerated() {
                if index > 0 { output.write(",") }
                newline(&output, options: options, depth: depth + 1)
                writeString(key, into: &output)
                output.write(options.indent == nil ? ":" : ": ")
                write(member, into: &output, options: options, depth: depth + 1)
            }
            newline(&output, options: options, depth: depth)
            output.write("}")
        }
    }

    static func newline<Output: TextOutputStream>(_ output: inout Output, options: Options, depth: Int) {
        guard let indent = options.indent else { return }
        if indent == 2, depth < prettyBreaks.count {
            output.write(prettyBreaks[depth])
        } else {
            output.write("\n" + String(repeating: " ", count: indent * depth))
        }
    }

    /// Line breaks with the indentation of `.pretty` at each depth a report reaches, made once: a report writes
    /// one before every member.
    private static let prettyBreaks: [String] = (0..<24).map { "\n" + String(repeating: " ", count: 2 * $0) }
    /// The longest of `prettyBreaks` as bytes, of which the first `1 + 2 * depth` are the break at `depth`. Kept
    /// for the life of the process outside any array, so that taking a break out of it retains nothing.
    nonisolated(unsafe) static let prettyBreakBytes: UnsafeBufferPointer<UInt8> = {
        let text = Array(prettyBreaks[prettyBreaks.count - 1].utf8)
        let storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: text.count)
        _ = storage.initialize(from: text)
        return UnsafeBufferPointer(storage)
    }()

    /// Integral doubles print with `.0` so they read back as numbers with a fraction, as they were.
    private static func format(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        return String(number)
    }

    package static func writeString<Output: TextOutputStream>(_ text: String, into output: inout Output) {
        // Most strings of a report need no escape; a byte scan finds that without walking Unicode scalars.
        if !needsEscape(text) {
            output.write("\"")
            output.write(text)
            output.write("\"")
            return
        }
        output.write("\"")
        let scalars = text.unicodeScalars
        // Runs of characters that need no escape are written as one slice.
        var runStart = scalars.startIndex
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let escape: String? = switch scalar {
            case "\"": "\\\""
            case "\\": "\\\\"
            case "\n": "\\n"
            case "\r": "\\r"
            case "\t": "\\t"
            case "\u{08}": "\\b"
            case "\u{0C}": "\\f"
            case "\u{2028}": "\\u2028"
            case "\u{2029}": "\\u2029"
            default: scalar.value < 0x20 ? unicodeEscape(scalar.value) : nil
            }
            if let escape {
                if runStart < index { output.write(String(scalars[runStart..<index])) }
                output.write(escape)
                runStart = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        if runStart < scalars.endIndex { output.write(String(scalars[runStart...])) }
        output.write("\"")
    }

    /// Whether a string holds a byte JSON escapes (a quote, a backslash, a control character) or U+2028/U+2029,
    /// which are escaped so the output is also valid JavaScript (their UTF-8 starts E2 80 A8/A9).
    private static func needsEscape(_ text: String) -> Bool {
        return text.withUTF8Bytes(needsEscape)
    }

    /// Whether UTF-8 text holds a character `writeString` escapes: a quote, a backslash, a control character, or
    /// U+2028/U+2029 (line separators to JavaScript).
    static func needsEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        // Every string of a report comes here: plain ASCII is passed eight bytes at a time, and from a quote, a
        // backslash, a control character or a non-ASCII byte on the bytes are looked at one by one.
        var index = ByteWord.skip(base, from: 0, to: bytes.count, unless: JSONInput.attention)
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C { return true }
            if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 {
                return true
            }
            index += 1
        }
        return false
    }

    /// `\u001f`: a control character as JSON's four-digit escape.
    private static func unicodeEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}
