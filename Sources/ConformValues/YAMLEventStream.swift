internal import CYAML

/// A position in YAML input: 1-based line and 1-based column counted in Unicode scalars.
struct YAMLMark: Sendable, Hashable {
    var line: Int
    var column: Int
}

/// How a scalar was written. Only plain scalars go through tag resolution; every other style is a string.
enum YAMLScalarStyle: Sendable, Hashable {
    case plain
    case singleQuoted
    case doubleQuoted
    case literal
    case folded
}

/// One libyaml parser event, with everything the reader needs copied out of C memory.
///
/// Tags arrive resolved by libyaml (`!!int` is `tag:yaml.org,2002:int`); anchors and tags are nil when absent.
enum YAMLEvent: Sendable, Hashable {
    case streamStart
    case documentStart(implicit: Bool, mark: YAMLMark)
    case documentEnd
    case sequenceStart(anchor: String?, tag: String?, mark: YAMLMark)
    case sequenceEnd
    case mappingStart(anchor: String?, tag: String?, mark: YAMLMark)
    case mappingEnd
    case scalar(value: String, anchor: String?, tag: String?, style: YAMLScalarStyle, mark: YAMLMark)
    case alias(anchor: String, mark: YAMLMark)
    case streamEnd
}

/// Pulls events from libyaml over a file's bytes. The only place that touches libyaml's C types.
///
/// The parser and the event live in manually allocated memory: libyaml keeps a pointer to the parser inside
/// the parser, so it must not move, which Swift does not promise for stored properties. The input is the
/// caller's buffer, read in place (no copy of a large file); the caller keeps it alive while the stream is used.
package final class YAMLEventStream {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let event: UnsafeMutablePointer<yaml_event_t>
    private let input: UnsafeBufferPointer<UInt8>
    /// libyaml refuses a null input pointer, which an empty buffer may have; this byte stands in.
    private let placeholder: UnsafeMutablePointer<UInt8>
    private let path: String
    private var finished = false
    /// Whether `yaml_parser_initialize` succeeded, so the parser has something to delete.
    private var parserReady = false

    /// A stream over `input`, which must stay valid and unchanged for as long as the stream is used.
    init(input: UnsafeBufferPointer<UInt8>, path: String) throws(LoadError) {
        self.input = input
        self.path = path
        parser = .allocate(capacity: 1)
        event = .allocate(capacity: 1)
        placeholder = .allocate(capacity: 1)
        // On a throw from here on, `deinit` runs and frees what was allocated.
        guard yaml_parser_initialize(parser) != 0 else {
            let start = SourceLocation(file: path, line: 1, column: 1)
            throw LoadError(.io, "out of memory starting the YAML parser", at: start)
        }
        parserReady = true
        yaml_parser_set_input_string(parser, input.baseAddress ?? UnsafePointer(placeholder), input.count)
    }

    deinit {
        if parserReady { yaml_parser_delete(parser) }
        parser.deallocate()
        event.deallocate()
        placeholder.deallocate()
    }

    /// The next event. After `streamEnd` (or an error) it keeps returning `streamEnd`.
    ///
    /// Inlined into the reader's loop, so the event's payload goes straight where it is used (about 2% of a load).
    @inline(__always)
    func next() throws(LoadError) -> YAMLEvent {
        if finished { return .streamEnd }
        guard yaml_parser_parse(parser, event) != 0 else {
            finished = true
            throw parseError()
        }
        defer { yaml_event_delete(event) }
        let mark = Self.mark(event.pointee.start_mark)
        switch event.pointee.type {
        case YAML_STREAM_START_EVENT:
            return .streamStart
        case YAML_DOCUMENT_START_EVENT:
            return .documentStart(implicit: event.pointee.data.document_start.implicit != 0, mark: mark)
        case YAML_DOCUMENT_END_EVENT:
            return .documentEnd
        case YAML_SEQUENCE_START_EVENT:
            let data = event.pointee.data.sequence_start
            return .sequenceStart(anchor: Self.string(data.anchor), tag: Self.string(data.tag), mark: mark)
        case YAML_SEQUENCE_END_EVENT:
            return .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            let data = event.pointee.data.mapping_start
            return .mappingStart(anchor: Self.string(data.anchor), tag: Self.string(data.tag), mark: mark)
        case YAML_MAPPING_END_EVENT:
            return .mappingEnd
        case YAML_SCALAR_EVENT:
            let data = event.pointee.data.scalar
            // The length is explicit: a double-quoted "\0" puts a NUL byte inside the value. This initializer
            // builds short strings in place and measured faster than `String(decoding:as:)`.
            let bytes = UnsafeBufferPointer(start: data.value, count: data.length)
            let value = String(unsafeUninitializedCapacity: bytes.count) { target in
                target.initialize(from: bytes).1
            }
            return .scalar(
                value: value,
                anchor: Self.string(data.anchor),
                tag: Self.string(data.tag),
                style: Self.style(data.style),
                mark: mark
            )
        case YAML_ALIAS_EVENT:
            return .alias(anchor: Self.string(event.pointee.data.alias.anchor) ?? "", mark: mark)
        default:
            // The stream's end (libyaml's only other event type is the empty one it never returns).
            finished = true
            return .streamEnd
        }
    }

    private static func mark(_ mark: yaml_mark_t) -> YAMLMark {
        YAMLMark(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }

    // MARK: Errors

    /// Turns libyaml's error state into a `LoadError`: its problem text, lowercased first, followed by what it was
    /// doing ("while scanning a simple key") and where that began when it is not the problem's own position.
    private func parseError() -> LoadError {
        let state = parser.pointee
        let problem = state.problem.map { String(cString: $0) } ?? "unknown problem"
        switch state.error {
        case YAML_READER_ERROR:
            return readerError(problem: problem, offset: Int(state.problem_offset), value: Int(state.problem_value))
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
            let at = Self.mark(state.problem_mark)
            let isTab = problem == "found character that cannot start any token" && character(at: at) == "\t"
            var message = isTab ? "found a tab character that cannot start any token" : Self.lowercasedFirst(problem)
            if let context = state.context.map({ String(cString: $0) }) {
                message += " " + context
                let began = Self.mark(state.context_mark)
                if began != at {
                    message += " that began at line \(began.line), column \(began.column)"
                }
            }
            if isTab { message += "; indent YAML with spaces" }
            return LoadError(.syntax, message, at: location(at))
        case YAML_MEMORY_ERROR:
            return LoadError(.tooLarge, "out of memory while parsing YAML", at: location(Self.mark(state.problem_mark)))
        default:
            return LoadError(.syntax, Self.lowercasedFirst(problem), at: location(Self.mark(state.problem_mark)))
        }
    }

    /// Reader errors carry a byte offset instead of a mark; decoding problems are reported as invalid UTF-8 with
    /// the offending byte, since libyaml's octet vocabulary means little to most readers.
    private func readerError(problem: String, offset: Int, value: Int) -> LoadError {
        let bytes = Array(input)
        let position = LineTable(bytes).location(ofOffset: offset, in: bytes)
        let at = SourceLocation(file: path, line: position.line, column: position.column)
        let byte = "0x" + String(offset < bytes.count ? Int(bytes[offset]) : value, radix: 16, uppercase: true)
        switch problem {
        case "invalid leading UTF-8 octet":
            return LoadError(.invalidUTF8, "invalid UTF-8: byte \(byte) cannot start a character", at: at)
        case "invalid trailing UTF-8 octet":
            return LoadError(.invalidUTF8, "invalid UTF-8: byte \(byte) cannot continue a multi-byte character", at: at)
        case "incomplete UTF-8 octet sequence":
            return LoadError(.invalidUTF8, "invalid UTF-8: the file ends inside a character", at: at)
        case "invalid length of a UTF-8 sequence":
            return LoadError(.invalidUTF8, "invalid UTF-8: overlong encoding starting with byte \(byte)", at: at)
        case "invalid Unicode character":
            let scalar = "U+" + String(value, radix: 16, uppercase: true)
            return LoadError(.invalidUTF8, "invalid UTF-8: \(scalar) is not a Unicode scalar value", at: at)
        case "control characters are not allowed":
            let digits = String(value, radix: 16, uppercase: true)
            let scalar = "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
            return LoadError(.syntax, "control character \(scalar) is not allowed in YAML", at: at)
        default:
            return LoadError(.syntax, Self.lowercasedFirst(problem), at: at)
        }
    }

    /// The character at a mark, read from the input (only on the error path).
    private func character(at mark: YAMLMark) -> Unicode.Scalar? {
        let bytes = Array(input)
        guard let line = LineTable(bytes).lineText(mark.line, in: bytes) else { return nil }
        let scalars = Array(line.unicodeScalars)
        return mark.column <= scalars.count ? scalars[mark.column - 1] : nil
    }

    private func location(_ mark: YAMLMark) -> SourceLocation {
        SourceLocation(file: path, line: mark.line, column: mark.column)
    }

    private static func lowercasedFirst(_ text: String) -> String {
        guard let first = text.first, first.isUppercase else { return text }
        return first.lowercased() + text.dropFirst()
    }

    // MARK: Baseline

    /// Counts libyaml's events over `bytes` and does nothing else: the benchmark's raw-scan baseline.
    package static func scanEvents(_ bytes: [UInt8]) -> Int {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        defer {
            parser.deallocate()
            event.deallocate()
        }
        guard yaml_parser_initialize(parser) != 0 else { return 0 }
        defer { yaml_parser_delete(parser) }
        // libyaml refuses a null input pointer, which an empty array may give.
        let storage: [UInt8] = bytes.isEmpty ? [0] : bytes
        return storage.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(parser, buffer.baseAddress, bytes.count)
            var count = 0
            while yaml_parser_parse(parser, event) != 0 {
                count += 1
                let type = event.pointee.type
                yaml_event_delete(event)
                if type == YAML_STREAM_END_EVENT { break }
            }
            return count
        }
    }
}
