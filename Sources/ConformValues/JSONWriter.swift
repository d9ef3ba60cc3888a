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
        text.withUTF8Bytes { utf8 in forEachEscapedPiece(of: utf8) { output.write(String(decoding: $0, as: UTF8.self)) } }
        output.write("\"")
    }

    /// A string's UTF-8 as a JSON string holds it, between its quotes, handed to `emit` in pieces: the runs that need
    /// no escape as they are, and each escape. Quotes, backslashes and control characters are escaped (`\n`, `\t`, …,
    /// else `\u001f`), and U+2028/U+2029 too (`\u2028`), which JavaScript reads as line breaks. The rule's one home:
    /// the writers into text and into bytes both go through it.
    static func forEachEscapedPiece(of utf8: UnsafeBufferPointer<UInt8>, _ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        var run = 0
        var index = 0
        func escape(_ text: StaticString, skipping length: Int) {
            if run < index { emit(UnsafeBufferPointer(rebasing: utf8[run..<index])) }
            emit(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
            index += length
            run = index
        }
        while index < utf8.count {
            let byte = utf8[index]
            switch byte {
            case 0x22: escape("\\\"", skipping: 1)
            case 0x5C: escape("\\\\", skipping: 1)
            case 0x0A: escape("\\n", skipping: 1)
            case 0x0D: escape("\\r", skipping: 1)
            case 0x09: escape("\\t", skipping: 1)
            case 0x08: escape("\\b", skipping: 1)
            case 0x0C: escape("\\f", skipping: 1)
            case 0x00..<0x20:
                // `\u001f`: the other control characters as four lowercase hex digits.
                escape("\\u", skipping: 1)
                HexDigits.withDigits(UInt64(byte)) { emit(UnsafeBufferPointer(rebasing: $0[12...])) }
            case 0xE2 where index + 2 < utf8.count && utf8[index + 1] == 0x80 && utf8[index + 2] == 0xA8:
                escape("\\u2028", skipping: 3)
            case 0xE2 where index + 2 < utf8.count && utf8[index + 1] == 0x80 && utf8[index + 2] == 0xA9:
                escape("\\u2029", skipping: 3)
            default:
                index += 1
            }
        }
        if run < utf8.count { emit(UnsafeBufferPointer(rebasing: utf8[run...])) }
    }

    /// Whether a string holds a byte JSON escapes (a quote, a backslash, a control character) or U+2028/U+2029,
    /// which are escaped so the output is also valid JavaScript (their UTF-8 starts E2 80 A8/A9).
    private static func needsEscape(_ text: String) -> Bool {
        return text.withUTF8Bytes(needsEscape)
    }

    /// Whether UTF-8 text holds a character `forEachEscapedPiece` escapes: a quote, a backslash, a control character,
    /// or U+2028/U+2029 (line separators to JavaScript). The two must name the same set: a string this calls plain is
    /// copied as it is, by both writers.
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
}
