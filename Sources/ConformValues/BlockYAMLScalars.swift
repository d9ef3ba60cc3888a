import Foundation

/// The scalars and flow collections of the block reader. Each follows the libyaml scanner it stands in for
/// (`yaml_parser_scan_plain_scalar`, `…_flow_scalar`, `…_block_scalar`), so the text is the text libyaml gives.
extension BlockYAMLParser {
    // MARK: Plain scalars

    /// A plain scalar at `start`, which may go on over the following lines while they are more indented than
    /// `blockIndent`: one line break folds into a space, each blank line between into a line break.
    mutating func plainScalar(at start: Int, blockIndent: Int, key: BlockYAMLMark) throws(Decline) -> JSONValue {
        _ = addEntry(key: key, at: start)
        var current = try plainLine(from: start)
        var next = current.endsInComment ? nil : continuation(after: current.stop, blockIndent: blockIndent)
        guard next != nil else {
            let text = string(start..<current.contentEnd)
            moveToLine(after: current.stop)
            return YAMLScalarResolver.resolvePlain(text)
        }
        var bytes = Array(UnsafeBufferPointer(rebasing: input[start..<current.contentEnd]))
        while let following = next {
            line = following.line
            lineStart = following.lineStart
            if following.blankLines == 0 {
                bytes.append(UInt8(ascii: " "))
            } else {
                bytes.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: following.blankLines))
            }
            current = try plainLine(from: following.content)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[following.content..<current.contentEnd]))
            next = current.endsInComment ? nil : continuation(after: current.stop, blockIndent: blockIndent)
        }
        moveToLine(after: current.stop)
        return YAMLScalarResolver.resolvePlain(String(decoding: bytes, as: UTF8.self))
    }

    struct PlainLine {
        /// Just past the last character that is not a space.
        var contentEnd: Int
        /// Where the scalar's part of the line stops: the line break, the input's end, or a comment's `#`.
        var stop: Int
        var endsInComment: Bool
    }

    /// One line of a plain scalar from `start`. `: ` inside it would make it a key where none may be (an error).
    func plainLine(from start: Int) throws(Decline) -> PlainLine {
        var index = start
        var contentEnd = start
        while index < count {
            let current = input[index]
            if current == UInt8(ascii: "\n") { break }
            if current == UInt8(ascii: " ") {
                if byte(index + 1) == UInt8(ascii: "#") {
                    return PlainLine(contentEnd: contentEnd, stop: index + 1, endsInComment: true)
                }
                index += 1
                continue
            }
            if current == UInt8(ascii: ":") && isBlankOrEnd(byte(index + 1)) { throw Decline() }
            index += 1
            contentEnd = index
        }
        return PlainLine(contentEnd: contentEnd, stop: index, endsInComment: false)
    }

    struct Continuation {
        var line: Int
        var lineStart: Int
        var content: Int
        var blankLines: Int
    }

    /// The line that continues a plain scalar whose line ends at `stop`, if any: the next line that is not blank,
    /// when it is more indented than the enclosing collection and is not a comment. Moves nothing.
    func continuation(after stop: Int, blockIndent: Int) -> Continuation? {
        guard stop < count else { return nil }
        var start = stop + 1
        var number = line + 1
        var blankLines = 0
        while start < count {
            let content = skipSpaces(start)
            let current = byte(content)
            if current == UInt8(ascii: "\n") {
                blankLines += 1
                start = content + 1
                number += 1
                continue
            }
            // Block indentation is at least 0 here (a document that is a scalar is left to libyaml), so a
            // continuation is never at column 0, where `---` and `...` would end the scalar.
            guard content < count, content - start > blockIndent, current != UInt8(ascii: "#") else { return nil }
            return Continuation(line: number, lineStart: start, content: content, blankLines: blankLines)
        }
        return nil
    }

    // MARK: Quoted scalars

    /// A single- or double-quoted scalar at `start`; returns its text and the offset after the closing quote.
    /// Over several lines (only where `multiline`; keys and flow items stay on one line) it folds as libyaml's
    /// `yaml_parser_scan_flow_scalar` does: one line break is a space, each blank line a line break, spaces around
    /// a break go, and a double-quoted line ending in `\` joins the next with nothing between.
    mutating func quotedScalar(at start: Int, multiline: Bool) throws(Decline) -> (String, Int) {
        let quote = input[start]
        let single = quote == UInt8(ascii: "'")
        var index = start + 1
        // Most quoted scalars are one line without escapes: their text is the bytes between the quotes.
        var scan = index
        while scan < count {
            let current = input[scan]
            if current == quote || current == UInt8(ascii: "\n") || (current == UInt8(ascii: "\\") && !single) { break }
            scan += 1
        }
        if byte(scan) == quote && !(single && byte(scan + 1) == quote) {
            return (string(index..<scan), scan + 1)
        }
        var text: [UInt8] = []
        while true {
            if index == lineStart && (isDocumentMarker(at: index, UInt8(ascii: "-"))
                || isDocumentMarker(at: index, UInt8(ascii: "."))) {
                throw Decline()
            }
            guard index < count else { throw Decline() }
            var leadingBlanks = false
            while index < count {
                let current = input[index]
                if current == UInt8(ascii: " ") || current == UInt8(ascii: "\n") { break }
                if single && current == quote && byte(index + 1) == quote {
                    text.append(quote)
                    index += 2
                    continue
                }
                if current == quote { break }
                if !single && current == UInt8(ascii: "\\") {
                    if byte(index + 1) == UInt8(ascii: "\n") {
                        guard multiline else { throw Decline() }
                        index += 2
                        line += 1
                        lineStart = index
                        leadingBlanks = true
                        break
                    }
                    index = try escape(at: index + 1, into: &text)
                    continue
                }
                text.append(current)
                index += 1
            }
            if byte(index) == quote { break }
            var spaces = 0
            var leadingBreak = false
            var trailingBreaks = 0
            while index < count && (input[index] == UInt8(ascii: " ") || input[index] == UInt8(ascii: "\n")) {
                if input[index] == UInt8(ascii: " ") {
                    if !leadingBlanks { spaces += 1 }
                } else {
                    guard multiline else { throw Decline() }
                    if leadingBlanks {
                        trailingBreaks += 1
                    } else {
                        spaces = 0
                        leadingBreak = true
                        leadingBlanks = true
                    }
                    line += 1
                    lineStart = index + 1
                }
                index += 1
            }
            if !leadingBlanks {
                text.append(contentsOf: repeatElement(UInt8(ascii: " "), count: spaces))
            } else if leadingBreak && trailingBreaks == 0 {
                text.append(UInt8(ascii: " "))
            } else {
                text.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: trailingBreaks))
            }
        }
        return (String(decoding: text, as: UTF8.self), index + 1)
    }

    /// Whether the quoted scalar at `start` closes on its own line (a key must).
    func closesOnItsLine(_ start: Int) -> Bool {
        let quote = input[start]
        var index = start + 1
        while index < count {
            let current = input[index]
            if current == UInt8(ascii: "\n") { return false }
            if current == quote {
                guard quote == UInt8(ascii: "'") && byte(index + 1) == quote else { return true }
                index += 2
                continue
            }
            index += current == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") ? 2 : 1
        }
        return false
    }

    /// Decodes the escape whose letter is at `offset` (after the backslash); returns the offset after it.
    private func escape(at offset: Int, into bytes: inout [UInt8]) throws(Decline) -> Int {
        let simple: UInt32?
        switch byte(offset) {
        case UInt8(ascii: "0"): simple = 0
        case UInt8(ascii: "a"): simple = 0x07
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "v"): simple = 0x0B
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "e"): simple = 0x1B
        case UInt8(ascii: " "): simple = 0x20
        case UInt8(ascii: "\""): simple = 0x22
        case UInt8(ascii: "/"): simple = 0x2F
        case UInt8(ascii: "\\"): simple = 0x5C
        case UInt8(ascii: "N"): simple = 0x85
        case UInt8(ascii: "_"): simple = 0xA0
        case UInt8(ascii: "L"): simple = 0x2028
        case UInt8(ascii: "P"): simple = 0x2029
        case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"): simple = nil
        default: throw Decline()
        }
        if let simple {
            bytes.appendUTF8(simple)
            return offset + 1
        }
        let digits = byte(offset) == UInt8(ascii: "x") ? 2 : byte(offset) == UInt8(ascii: "u") ? 4 : 8
        var value: UInt32 = 0
        for position in (offset + 1)..<(offset + 1 + digits) {
            guard let digit = HexDigit.value(byte(position)) else { throw Decline() }
            value = value << 4 | UInt32(digit)
        }
        // libyaml refuses surrogates and values past U+10FFFF.
        guard value < 0xD800 || (value > 0xDFFF && value <= 0x10FFFF) else { throw Decline() }
        bytes.appendUTF8(value)
        return offset + 1 + digits
    }

    // MARK: Block scalars

    /// A literal (`|`) or folded (`>`) block scalar whose indicator is at `start`. A port of libyaml's scanner:
    /// the indentation is found from the first lines, the text's final line breaks are kept or dropped by the
    /// chomping indicator, and folding joins lines with a space unless either is more indented.
    mutating func blockScalar(at start: Int, blockIndent: Int, key: BlockYAMLMark) throws(Decline) -> JSONValue {
        _ = addEntry(key: key, at: start)
        let literal = input[start] == UInt8(ascii: "|")
        var index = start + 1
        var chomping = 0
        var increment = 0
        // The chomping indicator (`-`, `+`) and the indentation indicator (1–9) come in either order.
        for _ in 0..<2 {
            let current = byte(index)
            if chomping == 0 && (current == UInt8(ascii: "-") || current == UInt8(ascii: "+")) {
                chomping = current == UInt8(ascii: "-") ? -1 : 1
            } else if increment == 0 && current >= UInt8(ascii: "0") && current <= UInt8(ascii: "9") {
                // `0` is an error.
                guard current != UInt8(ascii: "0") else { throw Decline() }
                increment = Int(current - UInt8(ascii: "0"))
            } else {
                break
            }
            index += 1
        }
        let afterHeader = skipSpaces(index)
        guard endsContent(afterHeader), byte(afterHeader) != UInt8(ascii: "#") || afterHeader > index else {
            throw Decline()
        }
        moveToLine(after: afterHeader)

        var text: [UInt8] = []
        // An indentation indicator counts from the enclosing collection's indentation.
        var indent = increment == 0 ? 0 : blockIndent >= 0 ? blockIndent + increment : increment
        var leadingBreak = false
        var leadingBlank = false
        var trailingBreaks = 0
        var position = lineStart
        breaks(&position, indent: &indent, blockIndent: blockIndent, breaks: &trailingBreaks)
        while position - lineStart == indent && position < count {
            let trailingBlank = input[position] == UInt8(ascii: " ")
            if !literal && leadingBreak && !leadingBlank && !trailingBlank {
                if trailingBreaks == 0 { text.append(UInt8(ascii: " ")) }
            } else if leadingBreak {
                text.append(UInt8(ascii: "\n"))
            }
            leadingBreak = false
            text.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: trailingBreaks))
            trailingBreaks = 0
            leadingBlank = input[position] == UInt8(ascii: " ")
            let lineEnd = endOfLine(from: position)
            text.append(contentsOf: UnsafeBufferPointer(rebasing: input[position..<lineEnd]))
            position = lineEnd
            if position < count {
                position += 1
                line += 1
                lineStart = position
                leadingBreak = true
            }
            breaks(&position, indent: &indent, blockIndent: blockIndent, breaks: &trailingBreaks)
        }
        if position >= count { lineStart = count }
        if chomping != -1 && leadingBreak { text.append(UInt8(ascii: "\n")) }
        if chomping == 1 { text.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: trailingBreaks)) }
        // The reader goes on from the start of the line that ended the scalar.
        return .string(String(decoding: text, as: UTF8.self))
    }

    /// libyaml's `yaml_parser_scan_block_scalar_breaks`: eats indentation and empty lines, counting the line
    /// breaks, and settles the indentation when it is not known yet (the deepest of the leading empty lines and
    /// the first line with text, at least one more than the enclosing collection's).
    private mutating func breaks(_ position: inout Int, indent: inout Int, blockIndent: Int, breaks: inout Int) {
        var deepest = 0
        while true {
            while (indent == 0 || position - lineStart < indent) && byte(position) == UInt8(ascii: " ") {
                position += 1
            }
            deepest = max(deepest, position - lineStart)
            guard byte(position) == UInt8(ascii: "\n") else { break }
            position += 1
            line += 1
            lineStart = position
            breaks += 1
        }
        if indent == 0 {
            indent = max(deepest, blockIndent + 1, 1)
        }
    }

    func endOfLine(from offset: Int) -> Int {
        guard offset < count else { return count }
        let remaining = UnsafeRawPointer(input.baseAddress! + offset)
        guard let found = memchr(remaining, 0x0A, count - offset) else { return count }
        return offset + remaining.distance(to: UnsafeRawPointer(found))
    }

    // MARK: Flow collections

    /// A flow sequence or mapping at `start`; returns it and the offset after its closing bracket. It may span
    /// lines; its scalars may not (a quoted or plain scalar over several lines inside one is left to libyaml).
    mutating func flowNode(at start: Int, key: BlockYAMLMark) throws(Decline) -> (JSONValue, Int) {
        try enter()
        defer { depth -= 1 }
        let entry = addEntry(key: key, at: start)
        let isSequence = input[start] == UInt8(ascii: "[")
        let closing = isSequence ? UInt8(ascii: "]") : UInt8(ascii: "}")
        let keyBase = keys.count
        let valueBase = values.count
        var keySet: Set<ExactKey>?
        var index = try skipFlowSpace(start + 1)
        if byte(index) != closing {
            while true {
                let value: JSONValue
                let end: Int
                if isSequence {
                    (value, end) = try flowItem(at: index, key: .none)
                } else {
                    let keyMark = mark(index)
                    let (name, afterColon) = try flowKey(at: index)
                    if isDuplicate(name, from: keyBase, keySet: &keySet) { throw Decline() }
                    keys.push(name)
                    (value, end) = try flowItem(at: try skipFlowSpace(afterColon), key: keyMark)
                }
                values.push(value)
                index = try skipFlowSpace(end)
                if byte(index) == UInt8(ascii: ",") {
                    index = try skipFlowSpace(index + 1)
                    // A trailing comma is left to libyaml.
                    if byte(index) == closing { throw Decline() }
                    continue
                }
                guard byte(index) == closing else { throw Decline() }
                break
            }
        }
        let items = values.take(from: valueBase)
        let value: JSONValue = isSequence
            ? .array(items) : .object(JSONObject(uniqueKeys: keys.take(from: keyBase), values: items))
        builder.close(entry)
        return (value, index + 1)
    }

    /// A flow mapping's key and its colon; returns the key and the offset after the colon. After a quoted key the
    /// colon may touch the value (`{"a":1}`); after a plain one it needs a space.
    private mutating func flowKey(at start: Int) throws(Decline) -> (String, Int) {
        if byte(start) == UInt8(ascii: "\"") || byte(start) == UInt8(ascii: "'") {
            let (name, end) = try quotedScalar(at: start, multiline: false)
            let colon = skipSpaces(end)
            guard byte(colon) == UInt8(ascii: ":") else { throw Decline() }
            return (name, colon + 1)
        }
        let end = try flowPlainEnd(from: start, allowingColon: true)
        let colon = skipSpaces(end)
        guard byte(colon) == UInt8(ascii: ":"), byte(colon + 1) == UInt8(ascii: " ") else { throw Decline() }
        return (string(start..<end), colon + 1)
    }

    private mutating func flowItem(at start: Int, key: BlockYAMLMark) throws(Decline) -> (JSONValue, Int) {
        switch byte(start) {
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            return try flowNode(at: start, key: key)
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            _ = addEntry(key: key, at: start)
            let (text, end) = try quotedScalar(at: start, multiline: false)
            return (.string(text), end)
        default:
            _ = addEntry(key: key, at: start)
            let end = try flowPlainEnd(from: start, allowingColon: false)
            return (YAMLScalarResolver.resolvePlain(string(start..<end)), end)
        }
    }

    /// The end of a plain scalar in a flow collection (trailing spaces excluded): it stops before `,[]{}`, and for
    /// a key before `:`. Colons and `#` elsewhere are left to libyaml, and so is a line break unless the next
    /// text closes the collection or starts its next item (which makes the scalar one line).
    private func flowPlainEnd(from start: Int, allowingColon: Bool) throws(Decline) -> Int {
        guard isPlainStart(at: start) else { throw Decline() }
        var index = start
        var contentEnd = start
        while true {
            switch byte(index) {
            case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"):
                return contentEnd
            case UInt8(ascii: ":"):
                guard allowingColon else { throw Decline() }
                return contentEnd
            case UInt8(ascii: "\n"):
                var next = index
                while byte(next) == UInt8(ascii: " ") || byte(next) == UInt8(ascii: "\n") { next += 1 }
                let following = byte(next)
                guard following == UInt8(ascii: ",") || following == UInt8(ascii: "]") || following == UInt8(ascii: "}")
                else { throw Decline() }
                return contentEnd
            case UInt8(ascii: "#"), 0:
                throw Decline()
            case UInt8(ascii: " "):
                index += 1
            default:
                index += 1
                contentEnd = index
            }
        }
    }

    /// Skips spaces, line breaks and comments between the parts of a flow collection.
    private mutating func skipFlowSpace(_ offset: Int) throws(Decline) -> Int {
        var index = offset
        while index < count {
            switch input[index] {
            case UInt8(ascii: " "):
                index += 1
            case UInt8(ascii: "\n"):
                index += 1
                line += 1
                lineStart = index
                if isDocumentMarker(at: index, UInt8(ascii: "-")) || isDocumentMarker(at: index, UInt8(ascii: ".")) {
                    throw Decline()
                }
            case UInt8(ascii: "#"):
                // A comment needs a space or line break before it.
                guard index > offset || byte(index - 1) == UInt8(ascii: " ") || byte(index - 1) == UInt8(ascii: "\n")
                else { throw Decline() }
                index = endOfLine(from: index)
            default:
                return index
            }
        }
        return index
    }
}
