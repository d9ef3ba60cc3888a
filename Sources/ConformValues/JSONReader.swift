/// Reads JSON text strictly by RFC 8259, straight from its UTF-8 bytes.
///
/// Numbers keep what the text said (see `JSONValue`): an integer literal that fits `Int64` is `.integer`, a longer
/// one is `.bigNumber` with its text; a literal with a fraction or an exponent is `.number`, correctly rounded,
/// unless it overflows a `Double` (`1e400`), which is `.bigNumber` too. `-0` is read as `.number(-0.0)`, not
/// `.integer(0)`, so that its sign survives. `1.0` stays `.number(1.0)`.
///
/// Nesting is followed with an explicit stack rather than recursion, so no input can overflow the call stack;
/// a container that would nest deeper than `LoadLimits.maxDepth` is an error at its opening bracket.
package enum JSONReader {
    /// Reads a spec or document file together with a `SourceMap` of where every value was written.
    package static func read(_ file: SourceFile, limits: LoadLimits = .default) throws(LoadError) -> LoadedDocument {
        do throws(JSONSyntaxError) {
            let (root, builder) = try parseBytes(file.bytes, limits: limits, recording: SourceMapBuilder.self)
            return LoadedDocument(file: file, root: root, sourceMap: builder.build(file: file, byteColumns: true))
        } catch {
            throw error.loadError(in: file)
        }
    }

    /// Parses a payload without recording locations; `path` only names the input in error messages.
    package static func parse(
        _ bytes: [UInt8],
        path: String = "<payload>",
        limits: LoadLimits = .default
    ) throws(LoadError) -> JSONValue {
        do throws(JSONSyntaxError) {
            return try parseBytes(bytes, limits: limits, recording: NoLocations.self).value
        } catch {
            throw error.loadError(in: SourceFile(path: path, bytes: bytes))
        }
    }

    static func parseBytes<Recorder: JSONLocationRecorder>(
        _ bytes: [UInt8],
        limits: LoadLimits,
        recording: Recorder.Type
    ) throws(JSONSyntaxError) -> (value: JSONValue, recorder: Recorder) {
        guard bytes.count <= limits.maxDocumentBytes else {
            throw JSONSyntaxError(
                .tooLarge,
                "document is \(bytes.count) bytes, more than the limit of \(limits.maxDocumentBytes)",
                at: 0
            )
        }
        return try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in
            guard let base = buffer.baseAddress, !buffer.isEmpty else {
                throw JSONSyntaxError(.emptyDocument, "empty document: no JSON value", at: 0)
            }
            var parser = JSONParser<Recorder>(
                JSONInput(base: base, count: buffer.count), maxDepth: limits.maxDepth, maxStringBytes: limits.maxStringBytes)
            let value = try parser.parseDocument()
            return (value, parser.recorder)
        }
    }
}


/// What a parse records about positions: a `SourceMapBuilder` for documents, nothing for payloads.
///
/// The parser is generic over it so that the payload path is specialised into code that does no location work.
protocol JSONLocationRecorder {
    /// Whether the parser must count lines (only needed to record locations).
    static var tracksLines: Bool { get }
    init(estimatedCount: Int)
    mutating func add(keyLine: Int, keyColumn: Int, line: Int, column: Int) -> Int
    mutating func close(_ index: Int)
}

extension SourceMapBuilder: JSONLocationRecorder {
    static var tracksLines: Bool { true }
}

struct NoLocations: JSONLocationRecorder {
    static var tracksLines: Bool { false }

    init(estimatedCount: Int) {}

    @inline(__always)
    mutating func add(keyLine: Int, keyColumn: Int, line: Int, column: Int) -> Int { 0 }

    @inline(__always)
    mutating func close(_ index: Int) {}
}

/// The bytes being read, and everything that only looks at them.
///
/// Kept apart from the parser so that these helpers take a 16-byte value: a non-mutating method of the parser
/// itself, called from one of its mutating methods, is handed a copy of the whole parser.
struct JSONInput {
    let base: UnsafePointer<UInt8>
    let count: Int

    @inline(__always)
    subscript(offset: Int) -> UInt8 {
        base[offset]
    }

    /// The byte at `offset`, or 0 past the end (0 is never valid where this is asked).
    @inline(__always)
    func byte(at offset: Int) -> UInt8 {
        offset < count ? base[offset] : 0
    }

    /// Whether the byte at `offset` is an ASCII letter, digit or underscore.
    @inline(__always)
    func isWordByte(at offset: Int) -> Bool {
        guard offset < count else { return false }
        let byte = base[offset]
        let letter = byte | 0x20
        return (letter >= UInt8(ascii: "a") && letter <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
    }

    @inline(__always)
    func bytes(from start: Int, to end: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + start, count: end - start)
    }

    func text(from start: Int, to end: Int) -> String {
        String(decoding: bytes(from: start, to: end), as: UTF8.self)
    }
}

/// Where a value is expected, so that an error can say what could have come instead.
enum JSONValueContext {
    case top
    case arrayStart
    case afterComma
    case afterColon
}

/// The byte cursor and the explicit stack of open containers.
///
/// Finished values of all open containers sit on one flat `values` stack (and member keys on `keys`); closing a
/// container moves its slice out into an exactly sized array, so no per-container array grows by reallocation.
struct JSONParser<Recorder: JSONLocationRecorder>: ~Copyable {
    /// An array or object whose closing bracket has not been reached yet.
    struct Frame {
        var isObject: Bool
        var valueStart: Int
        var keyStart: Int
        var mapIndex: Int
        /// Whether the object has outgrown the linear duplicate scan and its keys are in `keySets[depth]`.
        var usesKeySet = false
        /// The filter bits of the object's keys so far (see `insertKey`), all ones once a key was not plain ASCII.
        var keyFilter: UInt64 = 0
    }

    /// A key made into a `String` earlier, found again by its bytes.
    struct CachedKey {
        var fingerprint: KeyFingerprint
        var key: String
    }

    /// Objects with at most this many keys are checked for duplicates by a linear scan.
    static var linearKeyLimit: Int { 12 }
    /// A pooled key set that grew past this many keys is dropped rather than cleared, so that one huge object
    /// does not make every later object at its depth pay for clearing a large table.
    static var pooledKeySetLimit: Int { 256 }
    /// Inputs shorter than this get no key cache: they rarely repeat a key, and filling the cache costs more.
    static var keyCacheMinimumInput: Int { 2048 }

    let input: JSONInput
    let maxDepth: Int
    /// Longest string or key, in bytes as written between its quotes (escapes only shrink a string).
    let maxStringBytes: Int
    var position = 0
    /// Current 1-based line and the offset where it starts; newlines occur only in whitespace in valid JSON.
    var line = 1
    var lineStart = 0
    var recorder: Recorder
    var frames: [Frame] = []
    var values = MoveStack<JSONValue>(capacity: 64)
    var keys = MoveStack<String>(capacity: 32)
    /// Duplicate-key sets for large objects, one per depth and reused from one object to the next.
    var keySets: [Set<ExactKey>] = []
    /// Key position of the member whose value comes next; 0 for array items and the root.
    var keyLine = 0
    var keyColumn = 0
    var context = JSONValueContext.top
    /// Reused buffer for strings that contain escapes.
    var scratch: [UInt8] = []
    /// Recently read keys by the hash of their bytes; allocated at the first key.
    var keyCache: [CachedKey] = []
    /// Slots in `keyCache`, a power of two up to 256 growing with the input, or 0 for no cache.
    let keyCacheSize: Int

    init(_ input: JSONInput, maxDepth: Int, maxStringBytes: Int = LoadLimits.default.maxStringBytes) {
        self.input = input
        self.maxDepth = maxDepth
        self.maxStringBytes = maxStringBytes
        self.recorder = Recorder(estimatedCount: Recorder.tracksLines ? input.count / 32 : 0)
        var cacheSize = 0
        if input.count >= Self.keyCacheMinimumInput {
            cacheSize = 16
            while cacheSize < 256 && cacheSize * 64 < input.count { cacheSize *= 2 }
        }
        self.keyCacheSize = cacheSize
        frames.reserveCapacity(16)
    }

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        if input.byte(at: 0) == 0xEF && input.byte(at: 1) == 0xBB && input.byte(at: 2) == 0xBF {
            position = 3
        } else if (input.byte(at: 0), input.byte(at: 1)) == (0xFE, 0xFF)
            || (input.byte(at: 0), input.byte(at: 1)) == (0xFF, 0xFE)
        {
            throw JSONSyntaxError(
                .invalidUTF8, "the document is UTF-16 (it starts with a UTF-16 byte order mark); JSON must be UTF-8",
                at: 0
            )
        }
        skipWhitespace()
        guard position < input.count else {
            throw JSONSyntaxError(.emptyDocument, "empty document: no JSON value", at: 0)
        }
        let root = try parseValues()
        skipWhitespace()
        guard position == input.count else {
            throw JSONSyntaxError("unexpected content after the JSON value", at: position)
        }
        return root
    }

    /// Parses one complete value starting at `position`, containers included, without recursion.
    mutating func parseValues() throws(JSONSyntaxError) -> JSONValue {
        parsing: while true {
            let start = position
            guard start < input.count else { throw input.unexpectedValueStart(at: start, context: context) }
            let mapIndex = recorder.add(
                keyLine: keyLine, keyColumn: keyColumn, line: line, column: start - lineStart + 1
            )
            var value: JSONValue
            switch input[start] {
            case UInt8(ascii: "\""):
                value = .string(try parseString())
                try checkStringLength(from: start)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = try parseNumber()
            case UInt8(ascii: "t"):
                value = try literal("true", .bool(true))
            case UInt8(ascii: "f"):
                value = try literal("false", .bool(false))
            case UInt8(ascii: "n"):
                value = try literal("null", .null)
            case UInt8(ascii: "["):
                guard frames.count < maxDepth else { throw Self.tooDeep(at: start, maxDepth: maxDepth) }
                position += 1
                skipWhitespace()
                if input.byte(at: position) == UInt8(ascii: "]") {
                    position += 1
                    recorder.close(mapIndex)
                    value = .array([])
                } else {
                    frames.append(
                        Frame(isObject: false, valueStart: values.count, keyStart: keys.count, mapIndex: mapIndex)
                    )
                    keyLine = 0
                    keyColumn = 0
                    context = .arrayStart
                    continue parsing
                }
            case UInt8(ascii: "{"):
                guard frames.count < maxDepth else { throw Self.tooDeep(at: start, maxDepth: maxDepth) }
                position += 1
                skipWhitespace()
                if input.byte(at: position) == UInt8(ascii: "}") {
                    position += 1
                    recorder.close(mapIndex)
                    value = .object(JSONObject())
                } else {
                    frames.append(
                        Frame(isObject: true, valueStart: values.count, keyStart: keys.count, mapIndex: mapIndex)
                    )
                    try readMemberKey(afterComma: false)
                    continue parsing
                }
            default:
                throw input.unexpectedValueStart(at: start, context: context)
            }

            // A value is complete: hand it to its container, closing containers as their brackets arrive.
            while !frames.isEmpty {
                let top = frames.count - 1
                values.push(consume value)
                skipWhitespace()
                let byte = input.byte(at: position)
                if byte == UInt8(ascii: ",") {
                    position += 1
                    skipWhitespace()
                    if frames[top].isObject {
                        try readMemberKey(afterComma: true)
                    } else {
                        keyLine = 0
                        keyColumn = 0
                        context = .afterComma
                    }
                    continue parsing
                }
                if frames[top].isObject {
                    guard byte == UInt8(ascii: "}") else {
                        throw input.expected("',' or '}' after object member", at: position)
                    }
                    position += 1
                    let frame = frames.removeLast()
                    if frame.usesKeySet { releaseKeySet(depth: top) }
                    let memberKeys = keys.take(from: frame.keyStart)
                    value = .object(JSONObject(uniqueKeys: memberKeys, values: values.take(from: frame.valueStart)))
                    recorder.close(frame.mapIndex)
                } else {
                    guard byte == UInt8(ascii: "]") else {
                        throw input.expected("',' or ']' after array item", at: position)
                    }
                    position += 1
                    let frame = frames.removeLast()
                    value = .array(values.take(from: frame.valueStart))
                    recorder.close(frame.mapIndex)
                }
            }
            return value
        }
    }

    /// Reads `"key"` and `:` of an object member, leaving `position` at the member's value.
    @inline(__always)
    mutating func readMemberKey(afterComma: Bool) throws(JSONSyntaxError) {
        let keyOffset = position
        guard input.byte(at: keyOffset) == UInt8(ascii: "\"") else {
            throw input.expected(afterComma ? "a string key after ','" : "a string key or '}'", at: keyOffset)
        }
        let (key, filterBit) = try parseKey()
        try checkStringLength(from: keyOffset)
        try insertKey(key, filterBit: filterBit, at: keyOffset)
        if Recorder.tracksLines {
            keyLine = line
            keyColumn = keyOffset - lineStart + 1
        }
        skipWhitespace()
        guard input.byte(at: position) == UInt8(ascii: ":") else {
            throw input.expected("':' after object key", at: position)
        }
        position += 1
        skipWhitespace()
        context = .afterColon
    }

    /// Adds a key to the innermost object, rejecting a duplicate.
    ///
    /// Keys compare by their bytes (`ExactKey`), the same equality `JSONObject` looks keys up with, so no member
    /// can become unreachable. Small objects are scanned linearly, but the scan is skipped when the key's filter
    /// bit is new to the object: equal bytes give equal bits. A key that is not plain ASCII (bit 0) sets every bit,
    /// so later keys always scan.
    @inline(__always)
    mutating func insertKey(_ key: String, filterBit: UInt64, at offset: Int) throws(JSONSyntaxError) {
        let depth = frames.count - 1
        if !frames[depth].usesKeySet {
            let first = frames[depth].keyStart
            if keys.count - first < Self.linearKeyLimit {
                let filter = frames[depth].keyFilter
                if filterBit == 0 || filter & filterBit != 0 {
                    if keys.containsExactly(key, from: first) { throw Self.duplicateKey(key, at: offset) }
                }
                frames[depth].keyFilter = filterBit == 0 ? ~0 : filter | filterBit
                keys.push(key)
                return
            }
            fillKeySet(depth: depth, from: first)
            frames[depth].usesKeySet = true
        }
        guard keySets[depth].insert(ExactKey(key)).inserted else { throw Self.duplicateKey(key, at: offset) }
        keys.push(key)
    }

    /// Moves an object over from the linear scan to the pooled set for its depth.
    mutating func fillKeySet(depth: Int, from first: Int) {
        while keySets.count <= depth {
            keySets.append(Set(minimumCapacity: 4 * Self.linearKeyLimit))
        }
        for index in first..<keys.count {
            let key = keys[index]
            keySets[depth].insert(ExactKey(key))
        }
    }

    mutating func releaseKeySet(depth: Int) {
        if keySets[depth].count > Self.pooledKeySetLimit {
            keySets[depth] = Set(minimumCapacity: 4 * Self.linearKeyLimit)
        } else {
            keySets[depth].removeAll(keepingCapacity: true)
        }
    }

    @inline(__always)
    mutating func literal(_ text: StaticString, _ value: JSONValue) throws(JSONSyntaxError) -> JSONValue {
        let length = text.utf8CodeUnitCount
        let expected = text.utf8Start
        guard position + length <= input.count else { throw input.invalidLiteral(text, at: position) }
        var index = 1
        while index < length {
            guard input[position + index] == expected[index] else { throw input.invalidLiteral(text, at: position) }
            index += 1
        }
        guard !input.isWordByte(at: position + length) else { throw input.invalidLiteral(text, at: position) }
        position += length
        return value
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while position < input.count {
            let byte = input[position]
            if byte > 0x20 { return }
            switch byte {
            case 0x20, 0x09, 0x0D:
                position += 1
            case 0x0A:
                position += 1
                if Recorder.tracksLines {
                    line += 1
                    lineStart = position
                }
            default:
                return
            }
        }
    }

    /// Refuses the string that started at `start` (its quote) and ended just before `position`, when it is longer
    /// than `maxStringBytes`; the document size alone lets one string be hundreds of megabytes.
    @inline(__always)
    func checkStringLength(from start: Int) throws(JSONSyntaxError) {
        guard position - start - 2 > maxStringBytes else { return }
        throw JSONSyntaxError(
            .tooLarge,
            "a string of \(position - start - 2) bytes, more than the string-bytes limit of \(maxStringBytes) (--limit string-bytes=…)",
            at: start)
    }

    @inline(never)
    static func tooDeep(at offset: Int, maxDepth: Int) -> JSONSyntaxError {
        JSONSyntaxError(.tooDeep, "nesting deeper than \(maxDepth) levels", at: offset)
    }

    @inline(never)
    static func duplicateKey(_ key: String, at offset: Int) -> JSONSyntaxError {
        JSONSyntaxError(.duplicateKey, "duplicate key \"\(escapedForDisplay(key))\" in object", at: offset)
    }

    /// A key as it would be written in JSON, so that quotes and control characters in it stay visible.
    static func escapedForDisplay(_ key: String) -> String {
        var text = ""
        for scalar in key.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\t": text += "\\t"
            case "\r": text += "\\r"
            case _ where scalar.value < 0x20:
                text += "\\u" + JSONInput.codePoint(scalar.value).dropFirst(2)
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text
    }
}

// MARK: - Structural error messages (cold paths)
