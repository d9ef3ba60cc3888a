/// Serializes values as JSON text (RFC 8259), keeping member order, so output is byte-for-byte deterministic.
public enum JSONWriter {
    public struct Options: Sendable {
        /// Indent nested values by this many spaces; nil writes everything on one line.
        public var indent: Int?

        public init(indent: Int? = nil) {
            self.indent = indent
        }

        public static let compact = Options()
        public static let pretty = Options(indent: 2)
    }

    public static func string(_ value: JSONValue, options: Options = .compact) -> String {
        var output = ""
        write(value, into: &output, options: options, depth: 0)
        return output
    }

    private static func write(_ value: JSONValue, into output: inout String, options: Options, depth: Int) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .integer(let number): output += String(number)
        case .number(let number): output += format(number)
        case .bigNumber(let text): output += text
        case .string(let text): writeString(text, into: &output)
        case .array(let items):
            guard !items.isEmpty else { output += "[]"; return }
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                newline(&output, options: options, depth: depth + 1)
                write(item, into: &output, options: options, depth: depth + 1)
            }
            newline(&output, options: options, depth: depth)
            output += "]"
        case .object(let object):
            guard !object.isEmpty else { output += "{}"; return }
            output += "{"
            for (index, (key, member)) in object.members.enumerated() {
                if index > 0 { output += "," }
                newline(&output, options: options, depth: depth + 1)
                writeString(key, into: &output)
                output += options.indent == nil ? ":" : ": "
                write(member, into: &output, options: options, depth: depth + 1)
            }
            newline(&output, options: options, depth: depth)
            output += "}"
        }
    }

    private static func newline(_ output: inout String, options: Options, depth: Int) {
        guard let indent = options.indent else { return }
        output += "\n" + String(repeating: " ", count: indent * depth)
    }

    /// Integral doubles print with `.0` so they read back as numbers with a fraction, as they were.
    private static func format(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        return String(number)
    }

    public static func writeString(_ text: String, into output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case "\u{2028}": output += "\\u2028"
            case "\u{2029}": output += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
