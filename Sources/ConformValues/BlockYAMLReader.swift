import Foundation

/// Reads the block-style YAML that OpenAPI descriptions are written in, building exactly the values and source map
/// that `YAMLReader` builds from libyaml's events, several times faster.
///
/// It takes a subset: block mappings and sequences, plain scalars (also over several lines), quoted scalars on one
/// line, literal and folded block scalars, flow collections on one line, comments, a leading `---`. On anything
/// else it declines and libyaml reads the file: anchors, aliases, tags, `?` keys, merge keys, quoted or flow
/// scalars over several lines, tabs, CR or Unicode line breaks, a byte-order mark, several documents, a document
/// that is a scalar, nesting deeper than it recurses, and every error. So errors and their messages, and every
/// rarer feature, stay libyaml's; a test reads every YAML file of the corpus both ways and compares the values and
/// source maps, and another compares them on mutated files.
enum BlockYAMLReader {
    /// Deepest nesting read here (the reader recurses); deeper documents go to libyaml, which has its own bound.
    static let recursionLimit = 128

    /// The document, or nil when the file is not in the subset (libyaml then reads it).
    static func read(_ file: SourceFile, limits: LoadLimits) -> LoadedDocument? {
        // This reader does not measure its scalars: it takes only files too small to hold one longer than the
        // `string-bytes` limit (an escape writes at most 3 bytes for 2), and libyaml's path checks the rest.
        guard file.bytes.count <= limits.maxStringBytes / 2 else { return nil }
        return file.bytes.withUnsafeBufferPointer { input -> LoadedDocument? in
            guard let text = BlockYAMLInputCheck.kind(of: input) else { return nil }
            var parser = BlockYAMLParser(
                input: input, isASCII: text == .ascii, estimatedValues: file.bytes.count / 20,
                maxDepth: min(limits.maxDepth, recursionLimit))
            guard let root = try? parser.document() else { return nil }
            return LoadedDocument(file: file, root: root, sourceMap: parser.sourceMap(file: file))
        }
    }
}

/// The input is outside the subset `BlockYAMLReader` takes; libyaml reads it instead.
struct Decline: Error {}

/// A place a value or key was written, as libyaml reports it: 1-based line and 1-based column in Unicode scalars.
/// Line 0 stands for "no key" (the root, sequence items).
struct BlockYAMLMark {
    var line: Int
    var column: Int

    static let none = BlockYAMLMark(line: 0, column: 0)
}

/// The state of one block read: a recursive descent over lines. Every node parser leaves the reader at the start
/// of the first line it did not consume.
struct BlockYAMLParser: ~Copyable {
    let input: UnsafeBufferPointer<UInt8>
    let count: Int
    /// The line `lineStart` begins (1-based).
    var line = 1
    /// Offset of the first byte of the current line.
    var lineStart = 0
    var builder: SourceMapBuilder
    var values: MoveStack<JSONValue>
    var keys: MoveStack<String>
    var depth = 0
    let maxDepth: Int
    /// Whether the input is all ASCII, so that a column is a byte offset in its line.
    let isASCII: Bool
    /// The last mark counted in a non-ASCII input: its line, offset and column.
    private var lastMark = (lineStart: -1, offset: 0, column: 1)

    /// Mappings up to this size are checked for duplicate keys by a linear scan.
    static let linearKeyScanLimit = 16
    /// libyaml looks for the `:` of a key at most 1024 characters after the key starts.
    private static let longestKey = 1000

    init(input: UnsafeBufferPointer<UInt8>, isASCII: Bool, estimatedValues: Int, maxDepth: Int) {
        self.isASCII = isASCII
        self.input = input
        count = input.count
        builder = SourceMapBuilder(estimatedCount: estimatedValues)
        self.maxDepth = maxDepth
        // Room for the open collections' items, sized by the file: most files of a description are small, and
        // allocating and freeing stacks for hundreds of items showed in reading thousands of them.
        let stackCapacity = min(256, max(8, estimatedValues / 2))
        values = MoveStack(capacity: stackCapacity)
        keys = MoveStack(capacity: stackCapacity)
    }

    func sourceMap(file: SourceFile) -> SourceMap {
        builder.build(file: file, byteColumns: false)
    }

    // MARK: Document

    mutating func document() throws(Decline) -> JSONValue {
        guard var indent = try nextContentLine(allowingDocumentStart: true) else { throw Decline() }
        if indent == 0 && isDocumentMarker(at: lineStart, UInt8(ascii: "-")) {
            // `---` may only be followed by a comment on its line.
            let after = skipSpaces(lineStart + 3)
            guard endsContent(after) else { throw Decline() }
            moveToLine(after: after)
            guard let next = try nextContentLine() else { throw Decline() }
            indent = next
        }
        let start = lineStart + indent
        let root: JSONValue
        if isSequenceEntry(at: start) {
            root = try sequence(at: start, indentless: false, key: .none)
        } else if let first = try scanKey(at: start) {
            root = try mapping(at: start, firstKey: first, key: .none)
        } else {
            // A document that is a scalar or a flow collection is rare enough to leave to libyaml.
            throw Decline()
        }
        guard try nextContentLine() == nil else { throw Decline() }
        return root
    }

    // MARK: Collections

    /// The node whose first character is at `start`, the first thing on its line after indentation or after a
    /// sequence's `- `. `blockIndent` is the indentation of the collection holding it (-1 for none).
    mutating func lineNode(at start: Int, blockIndent: Int, key: BlockYAMLMark) throws(Decline) -> JSONValue {
        if isSequenceEntry(at: start) {
            return try sequence(at: start, indentless: false, key: key)
        }
        if let first = try scanKey(at: start) {
            return try mapping(at: start, firstKey: first, key: key)
        }
        return try inlineNode(at: start, blockIndent: blockIndent, key: key)
    }

    /// A block mapping whose first key, `firstKey`, starts at `start`. Its indentation is the key's column; only
    /// spaces and `- ` come before a block collection on its line, so the byte offset is the column.
    mutating func mapping(at start: Int, firstKey: ScannedKey, key: BlockYAMLMark) throws(Decline) -> JSONValue {
        let indent = start - lineStart
        try enter()
        let entry = addEntry(key: key, at: start)
        let keyBase = keys.count
        let valueBase = values.count
        var keySet: Set<ExactKey>?
        var at = start
        var scanned = firstKey
        while true {
            if isDuplicate(scanned.text, from: keyBase, keySet: &keySet) { throw Decline() }
            let keyMark = mark(at)
            keys.push(scanned.text)
            let afterColon = scanned.colon + 1
            let valueStart = skipSpaces(afterColon)
            let value: JSONValue
            if endsContent(valueStart) {
                value = try valueOnFollowingLines(indent: indent, key: keyMark, afterColon: afterColon, end: valueStart)
            } else {
                value = try inlineNode(at: valueStart, blockIndent: indent, key: keyMark)
            }
            values.push(value)
            guard let next = try nextContentLine(), next >= indent else { break }
            guard next == indent else { throw Decline() }
            at = lineStart + next
            guard let following = try scanKey(at: at) else { throw Decline() }
            scanned = following
        }
        let object = JSONObject(uniqueKeys: keys.take(from: keyBase), values: values.take(from: valueBase))
        builder.close(entry)
        depth -= 1
        return .object(object)
    }

    /// The value of a key whose line ends after the colon: a node on the lines below, more indented than the key
    /// or a sequence at the key's own indentation; otherwise null, placed just after the colon as libyaml does.
    private mutating func valueOnFollowingLines(
        indent: Int, key: BlockYAMLMark, afterColon: Int, end: Int
    ) throws(Decline) -> JSONValue {
        let emptyMark = mark(afterColon)
        moveToLine(after: end)
        if let next = try nextContentLine(), next >= indent {
            let start = lineStart + next
            if next > indent {
                return try lineNode(at: start, blockIndent: indent, key: key)
            }
            if isSequenceEntry(at: start) {
                return try sequence(at: start, indentless: true, key: key)
            }
        }
        _ = builder.add(keyLine: key.line, keyColumn: key.column, line: emptyMark.line, column: emptyMark.column)
        return .null
    }

    /// A block sequence whose first `-` is at `start`. An indentless sequence (a mapping value at the mapping's
    /// own indentation) ends at the mapping's next key; any other ends only where the indentation drops.
    mutating func sequence(at start: Int, indentless: Bool, key: BlockYAMLMark) throws(Decline) -> JSONValue {
        let indent = start - lineStart
        try enter()
        let entry = addEntry(key: key, at: start)
        let valueBase = values.count
        var at = start
        while true {
            let itemStart = skipSpaces(at + 1)
            let value: JSONValue
            if endsContent(itemStart) {
                moveToLine(after: itemStart)
                // An empty item (null) is left to libyaml.
                guard let next = try nextContentLine(), next > indent else { throw Decline() }
                value = try lineNode(at: lineStart + next, blockIndent: indent, key: .none)
            } else {
                value = try lineNode(at: itemStart, blockIndent: indent, key: .none)
            }
            values.push(value)
            guard let next = try nextContentLine(), next >= indent else { break }
            guard next == indent else { throw Decline() }
            at = lineStart + next
            guard isSequenceEntry(at: at) else {
                if indentless { break }
                throw Decline()
            }
        }
        let array = values.take(from: valueBase)
        builder.close(entry)
        depth -= 1
        return .array(array)
    }

    /// A value that starts after `key: ` or `- ` on a line, or alone on its line: a scalar or a flow collection.
    mutating func inlineNode(at start: Int, blockIndent: Int, key: BlockYAMLMark) throws(Decline) -> JSONValue {
        switch input[start] {
        case UInt8(ascii: "|"), UInt8(ascii: ">"):
            return try blockScalar(at: start, blockIndent: blockIndent, key: key)
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            _ = addEntry(key: key, at: start)
            let (text, end) = try quotedScalar(at: start, multiline: true)
            try finishLine(after: end)
            return .string(text)
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            let (value, end) = try flowNode(at: start, key: key)
            try finishLine(after: end)
            return value
        default:
            guard isPlainStart(at: start) else { throw Decline() }
            return try plainScalar(at: start, blockIndent: blockIndent, key: key)
        }
    }

    // MARK: Keys

    struct ScannedKey {
        var text: String
        /// Offset of the `:` after the key.
        var colon: Int
    }

    /// The key at `start` when the line holds `key:` there (plain or quoted, followed by `:` and a space or the
    /// line's end); nil when the line holds something else.
    mutating func scanKey(at start: Int) throws(Decline) -> ScannedKey? {
        let first = input[start]
        if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
            // A quoted scalar over several lines cannot be a key.
            guard closesOnItsLine(start) else { return nil }
            let (text, end) = try quotedScalar(at: start, multiline: false)
            let colon = skipSpaces(end)
            guard byte(colon) == UInt8(ascii: ":") else { return nil }
            guard isBlankOrEnd(byte(colon + 1)), colon - start <= Self.longestKey else { throw Decline() }
            return ScannedKey(text: text, colon: colon)
        }
        guard isPlainStart(at: start) else { return nil }
        var index = start
        while true {
            let current = byte(index)
            if current == UInt8(ascii: ":") {
                if isBlankOrEnd(byte(index + 1)) { break }
            } else if current == UInt8(ascii: "\n") || index >= count {
                return nil
            } else if current == UInt8(ascii: " ") && byte(index + 1) == UInt8(ascii: "#") {
                return nil
            }
            index += 1
        }
        guard index - start <= Self.longestKey else { throw Decline() }
        var end = index
        while input[end - 1] == UInt8(ascii: " ") { end -= 1 }
        let text = string(start..<end)
        // A merge key (`<<`) is applied by the libyaml reader.
        if text == "<<" { throw Decline() }
        return ScannedKey(text: text, colon: index)
    }

    /// Whether the open mapping whose keys start at `start` on the key stack already has `key`. Small mappings are
    /// scanned; a larger one gets a set of its keys (`keySet`, kept by the caller for the mapping's life), so a
    /// mapping of many keys is not checked in quadratic time.
    func isDuplicate(_ key: String, from start: Int, keySet: inout Set<ExactKey>?) -> Bool {
        if keySet != nil { return !keySet!.insert(ExactKey(key)).inserted }
        if keys.count - start < Self.linearKeyScanLimit { return keys.containsExactly(key, from: start) }
        var all = Set(keys.copy(from: start).map(ExactKey.init))
        let inserted = all.insert(ExactKey(key)).inserted
        keySet = all
        return !inserted
    }

    // MARK: Lines

    /// Skips blank and comment lines from the start of the current line; returns the indentation of the next line
    /// with content (the reader then stands at its start), or nil at the end of the input.
    mutating func nextContentLine(allowingDocumentStart: Bool = false) throws(Decline) -> Int? {
        while lineStart < count {
            let content = skipSpaces(lineStart)
            let current = byte(content)
            if current == UInt8(ascii: "#") || current == UInt8(ascii: "\n") {
                moveToLine(after: content)
                continue
            }
            if content >= count { return nil }
            if content == lineStart {
                // `...` ends a document; `---` starts one (only the first line may).
                if isDocumentMarker(at: content, UInt8(ascii: ".")) { throw Decline() }
                if isDocumentMarker(at: content, UInt8(ascii: "-")) && !allowingDocumentStart { throw Decline() }
            }
            return content - lineStart
        }
        return nil
    }

    /// Moves to the start of the line after the one `offset` is on.
    @inline(__always)
    mutating func moveToLine(after offset: Int) {
        let end = endOfLine(from: offset)
        if end < count {
            lineStart = end + 1
            line += 1
        } else {
            lineStart = count
        }
    }

    /// Ends a scalar or flow collection's line: only spaces and a comment (after a space) may follow it.
    mutating func finishLine(after end: Int) throws(Decline) {
        let next = skipSpaces(end)
        let current = byte(next)
        let isComment = current == UInt8(ascii: "#") && next > end
        guard current == UInt8(ascii: "\n") || next >= count || isComment else { throw Decline() }
        moveToLine(after: next)
    }

    // MARK: Bytes

    /// The byte at `offset`, or 0 past the end (the input holds no 0 byte).
    @inline(__always)
    func byte(_ offset: Int) -> UInt8 {
        offset < count ? input[offset] : 0
    }

    @inline(__always)
    func skipSpaces(_ offset: Int) -> Int {
        var index = offset
        while index < count && input[index] == UInt8(ascii: " ") { index += 1 }
        return index
    }

    /// Whether a line's content ends at `offset`: its end, the input's end, or a comment.
    @inline(__always)
    func endsContent(_ offset: Int) -> Bool {
        let current = byte(offset)
        return current == UInt8(ascii: "\n") || current == UInt8(ascii: "#") || offset >= count
    }

    @inline(__always)
    func isBlankOrEnd(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == 0
    }

    /// `- ` (or `-` ending its line) at `offset`.
    @inline(__always)
    func isSequenceEntry(at offset: Int) -> Bool {
        byte(offset) == UInt8(ascii: "-") && isBlankOrEnd(byte(offset + 1))
    }

    /// `---` or `...` at `offset` followed by a space or the line's end.
    func isDocumentMarker(at offset: Int, _ character: UInt8) -> Bool {
        byte(offset) == character && byte(offset + 1) == character && byte(offset + 2) == character
            && isBlankOrEnd(byte(offset + 3))
    }

    /// Whether a plain scalar may start at `offset` (in block context): not an indicator, except `-` followed by
    /// something other than a space. `?` and `:` starts, legal but rare, are left to libyaml with the indicators.
    func isPlainStart(at offset: Int) -> Bool {
        switch byte(offset) {
        case UInt8(ascii: "-"):
            return !isBlankOrEnd(byte(offset + 1))
        case UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"),
            UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""),
            UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"), UInt8(ascii: " "), UInt8(ascii: "\n"), 0:
            return false
        default:
            return true
        }
    }

    func string(_ range: Range<Int>) -> String {
        let bytes = UnsafeBufferPointer(rebasing: input[range])
        return String(unsafeUninitializedCapacity: bytes.count) { target in target.initialize(from: bytes).1 }
    }

    // MARK: Source map

    /// Where `offset` is, in libyaml's terms. The column counts characters from the line's start, so `offset`
    /// must be on the current line. Counting goes on from the last mark asked for on the same line, so a line of
    /// a million flow items is counted once, not once per item.
    mutating func mark(_ offset: Int) -> BlockYAMLMark {
        if isASCII { return BlockYAMLMark(line: line, column: offset - lineStart + 1) }
        var (index, column) = lastMark.lineStart == lineStart && lastMark.offset <= offset
            ? (lastMark.offset, lastMark.column) : (lineStart, 1)
        while index < offset {
            if input[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        lastMark = (lineStart, offset, column)
        return BlockYAMLMark(line: line, column: column)
    }

    /// Records a value starting at `offset`, held under `key` (or not, for `.none`); returns its entry.
    @inline(__always)
    mutating func addEntry(key: BlockYAMLMark, at offset: Int) -> Int {
        let place = mark(offset)
        return builder.add(keyLine: key.line, keyColumn: key.column, line: place.line, column: place.column)
    }

    mutating func enter() throws(Decline) {
        depth += 1
        if depth > maxDepth { throw Decline() }
    }
}
