import Foundation

extension JSONTape {
    /// Parses JSON text straight into a tape, with no `JSONValue` tree in between: the form a message body is
    /// validated in, made in one pass over its bytes.
    ///
    /// The text is read by the rules of `JSONReader.parse` (the same string, escape, UTF-8 and number readers, the
    /// same limits, duplicate keys refused alike), and the tape is the one `JSONTape(JSONReader.parse(bytes))` lays
    /// out. Text that does not parse is read again by `JSONReader`, whose located error is the one thrown, so the
    /// message cannot depend on which parser met the problem first.
    package static func parse(
        _ bytes: [UInt8],
        path: String = "<payload>",
        limits: LoadLimits = .default
    ) throws(LoadError) -> JSONTape {
        if let tape = JSONTapeParser.parse(bytes, limits: limits) { return tape }
        return JSONTape(try JSONReader.parse(bytes, path: path, limits: limits))
    }
}

/// The one-pass reader behind `JSONTape.parse`: entries are appended as the bytes are read (a string's entry points
/// at its bytes in the document), a container's entry written when it opens and completed (count, end) when it
/// closes. Nesting is followed with an explicit
/// stack, as in `JSONParser`.
///
/// Any problem ends the parse with nil: the caller has `JSONReader` say what is wrong, so this reader needs only to
/// reject exactly what that one rejects, not to word it.
package struct JSONTapeParser {
    /// An array or object whose closing bracket has not been reached yet.
    struct Frame {
        /// Its entry in the tape.
        let start: Int
        let isObject: Bool
        /// Members or items so far.
        var count = 0
        /// One bit per key hash (see `hashSlot`): a new key whose bit is not set cannot be a duplicate.
        var keyFilter = SIMD4<UInt64>()
        /// Whether the object outgrew the linear duplicate scan and its keys are in `keyTables[depth]`.
        var usesKeyTable = false
    }

    struct Failure: Error {}

    /// Objects with at most this many keys are checked for duplicates by a scan of the keys before, when the key's
    /// bit in the frame's filter is already set: most API objects have fewer, and a hash table for each of them
    /// (with its allocation for every document) would cost more than the few scans 256 bits leave.
    static var linearKeyLimit: Int { 32 }

    let input: JSONInput
    let maxDepth: Int
    let maxStringBytes: Int
    var position = 0
    var entries: [JSONTape.Entry] = []
    /// The tape's text when it is not the document itself: a copy of the document made at the first string with an
    /// escape, in which each such string is decoded where it stands.
    var decodedText: [UInt8]?
    var frames: [Frame] = []
    /// Duplicate-key tables for large objects, one per depth, emptied when the object closes.
    var keyTables: [TapeKeyTable] = []

    /// Strings, keys and long numbers stay where they are in the document, and the tape's text is the document
    /// itself: an entry's offset is that of its bytes between the quotes. At the first string with an escape the
    /// text becomes a copy of the document, in which that string and each later one with an escape is decoded where
    /// it stands; decoded text never outgrows the bytes it comes from, so it fits.
    package static func parse(_ bytes: [UInt8], limits: LoadLimits) -> JSONTape? {
        guard bytes.count <= limits.maxDocumentBytes, !bytes.isEmpty else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> JSONTape? in
            var parser = JSONTapeParser(
                input: JSONInput(base: buffer.baseAddress!, count: buffer.count), maxDepth: limits.maxDepth,
                maxStringBytes: limits.maxStringBytes)
            parser.entries.reserveCapacity(max(16, buffer.count / 16))
            // Deep enough for most documents, so that nesting does not grow the stack one level at a time.
            parser.frames.reserveCapacity(16)
            do {
                try parser.parseDocument()
            } catch {
                return nil
            }
            return JSONTape(entries: parser.entries, text: parser.decodedText ?? bytes)
        }
    }

    /// `body` with the tape's text as it stands: the copy once there is one, else the document.
    @inline(__always)
    func withText<Result>(_ body: (UnsafePointer<UInt8>) -> Result) -> Result {
        guard let decodedText else { return body(input.base) }
        return decodedText.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    mutating func parseDocument() throws(Failure) {
        if input.byte(at: 0) == 0xEF && input.byte(at: 1) == 0xBB && input.byte(at: 2) == 0xBF {
            position = 3
        }
        skipWhitespace()
        guard position < input.count else { throw Failure() }
        try parseValues()
        skipWhitespace()
        guard position == input.count else { throw Failure() }
    }

    /// Lays out one complete value starting at `position`, containers included, without recursion.
    mutating func parseValues() throws(Failure) {
        parsing: while true {
            let start = position
            guard start < input.count else { throw Failure() }
            switch input[start] {
            case UInt8(ascii: "\""):
                try appendString()
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard let number = try? input.readNumber(at: start) else { throw Failure() }
                position = number.end
                switch number.value {
                case .integer(let number): entries.append(JSONTape.Entry(.integer, 0, UInt64(bitPattern: number)))
                case .number(let number): entries.append(JSONTape.Entry(.number, 0, number.bitPattern))
                default: appendText(.bigNumber, from: start, to: number.end)
                }
            case UInt8(ascii: "t"):
                try literal("true")
                entries.append(JSONTape.Entry(.true, 0, 0))
            case UInt8(ascii: "f"):
                try literal("false")
                entries.append(JSONTape.Entry(.false, 0, 0))
            case UInt8(ascii: "n"):
                try literal("null")
                entries.append(JSONTape.Entry(.null, 0, 0))
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                let isObject = input[start] == UInt8(ascii: "{")
                guard frames.count < maxDepth else { throw Failure() }
                position += 1
                skipWhitespace()
                let index = entries.count
                if input.byte(at: position) == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    position += 1
                    entries.append(JSONTape.Entry(isObject ? .object : .array, 0, UInt64(index + 1)))
                } else {
                    entries.append(JSONTape.Entry(isObject ? .object : .array, 0, 0))
                    frames.append(Frame(start: index, isObject: isObject))
                    if isObject { try readMemberKey() }
                    continue parsing
                }
            default:
                throw Failure()
            }

            // A value is complete: count it in its container, closing containers as their brackets arrive.
            while !frames.isEmpty {
                let top = frames.count - 1
                frames[top].count += 1
                skipWhitespace()
                let byte = input.byte(at: position)
                if byte == UInt8(ascii: ",") {
                    position += 1
                    skipWhitespace()
                    if frames[top].isObject { try readMemberKey() }
                    continue parsing
                }
                guard byte == (frames[top].isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else { throw Failure() }
                position += 1
                let frame = frames.removeLast()
                if frame.usesKeyTable { keyTables[top].reset() }
                entries[frame.start] = JSONTape.Entry(
                    frame.isObject ? .object : .array, frame.count, UInt64(entries.count))
            }
            return
        }
    }

    /// Reads `"key"` and `:` of an object member, leaving `position` at the member's value.
    mutating func readMemberKey() throws(Failure) {
        guard input.byte(at: position) == UInt8(ascii: "\"") else { throw Failure() }
        try appendString()
        try insertKey(entries.count - 1)
        skipWhitespace()
        guard input.byte(at: position) == UInt8(ascii: ":") else { throw Failure() }
        position += 1
        skipWhitespace()
    }

    /// Appends the string whose opening quote is at `position` as a string entry: its bytes where they are, or
    /// decoded where they stand in the text's copy of the document.
    mutating func appendString() throws(Failure) {
        let open = position
        let length: Int
        do {
            let (end, _) = try input.scanString(from: open)
            if input[end] == UInt8(ascii: "\"") {
                length = end - open - 1
                position = end + 1
            } else {
                if decodedText == nil { decodedText = Array(UnsafeBufferPointer(start: input.base, count: input.count)) }
                let input = self.input
                let decoded = decodedText!.withUnsafeMutableBufferPointer { storage in
                    var decoded = TapeText(base: storage.baseAddress!)
                    decoded.move(to: open + 1)
                    return Result { () throws(JSONSyntaxError) in
                        (try input.decodeString(open: open, firstEscape: end, into: &decoded), decoded.count - open - 1)
                    }
                }
                (position, length) = try decoded.get()
            }
        } catch {
            throw Failure()
        }
        guard position - open - 2 <= maxStringBytes else { throw Failure() }
        entries.append(JSONTape.Entry(.string, length, UInt64(open + 1)))
    }

    /// A big number's entry: its text where it is.
    mutating func appendText(_ kind: JSONTape.Kind, from start: Int, to end: Int) {
        entries.append(JSONTape.Entry(kind, end - start, UInt64(start)))
    }

    /// Refuses the key at entry `key` when the innermost object has a key of the same bytes already (the equality
    /// `JSONReader` refuses duplicates by).
    mutating func insertKey(_ key: Int) throws(Failure) {
        let depth = frames.count - 1
        if !frames[depth].usesKeyTable {
            if frames[depth].count < Self.linearKeyLimit {
                let slot = withKeyBytes(key) { Self.hashSlot($0) }
                let bit: UInt64 = 1 << (slot & 63)
                if frames[depth].keyFilter[slot >> 6] & bit != 0, hasEarlierKey(like: key, in: frames[depth].start) { throw Failure() }
                frames[depth].keyFilter[slot >> 6] |= bit
                return
            }
            while keyTables.count <= depth { keyTables.append(TapeKeyTable()) }
            frames[depth].usesKeyTable = true
            var earlier = frames[depth].start + 1
            while earlier < key {
                _ = insert(earlier, depth: depth)
                earlier = end(of: earlier + 1)
            }
        }
        guard insert(key, depth: depth) else { throw Failure() }
    }

    /// Adds a key to the table of the object at `depth`, taken out of `keyTables` meanwhile so that it can change
    /// while the tape's buffers are read.
    mutating func insert(_ key: Int, depth: Int) -> Bool {
        var table = keyTables[depth]
        keyTables[depth] = TapeKeyTable()
        let inserted = entries.withUnsafeBufferPointer { entries in
            withText { text in table.insert(key, entries: entries.baseAddress!, text: text) }
        }
        keyTables[depth] = table
        return inserted
    }

    /// Whether a key before `key` in the object at `object` has its bytes.
    func hasEarlierKey(like key: Int, in object: Int) -> Bool {
        let (offset, length) = span(key)
        var earlier = object + 1
        while earlier < key {
            let (candidate, candidateLength) = span(earlier)
            if candidateLength == length, length == 0 || withText({ memcmp($0 + candidate, $0 + offset, length) }) == 0 {
                return true
            }
            earlier = end(of: earlier + 1)
        }
        return false
    }

    /// The text offset and byte length of the string entry at `index`.
    @inline(__always)
    func span(_ index: Int) -> (offset: Int, length: Int) {
        (Int(truncatingIfNeeded: entries[index].payload), Int(truncatingIfNeeded: entries[index].header >> 8))
    }

    func withKeyBytes<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let (offset, length) = span(index)
        return withText { body(UnsafeBufferPointer(start: $0 + offset, count: length)) }
    }

    /// The index after the complete value at `index`.
    @inline(__always)
    func end(of index: Int) -> Int {
        let entry = entries[index]
        return UInt8(truncatingIfNeeded: entry.header) >= JSONTape.Kind.array.rawValue
            ? Int(truncatingIfNeeded: entry.payload) : index + 1
    }

    /// One of 256 bits chosen by a hash of the key's length and first, middle and last bytes.
    @inline(__always)
    static func hashSlot(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash = UInt64(truncatingIfNeeded: bytes.count) &* 0x9E37_79B9_7F4A_7C15
        if let first = bytes.first, let last = bytes.last {
            hash ^= (UInt64(first) << 8 | UInt64(last)) &* 0xC2B2_AE3D_27D4_EB4F
            if bytes.count > 2 { hash ^= UInt64(bytes[bytes.count / 2]) &* 0x1656_67B1_9E37_79F9 }
        }
        return Int(truncatingIfNeeded: hash >> 56)
    }

    mutating func literal(_ text: StaticString) throws(Failure) {
        let length = text.utf8CodeUnitCount
        let expected = text.utf8Start
        guard position + length <= input.count else { throw Failure() }
        for index in 1..<length where input[position + index] != expected[index] { throw Failure() }
        guard !input.isWordByte(at: position + length) else { throw Failure() }
        position += length
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while position < input.count {
            switch input[position] {
            case 0x20, 0x09, 0x0D, 0x0A: position += 1
            default: return
            }
        }
    }
}

/// Where the tape parser decodes a string: in the text's copy of the document, from the string's first byte
/// (`move(to:)`), over the string's own bytes. No capacity check or reallocation per string.
struct TapeText: AppendableBytes {
    let base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0

    mutating func move(to offset: Int) {
        count = offset
    }

    init(base: UnsafeMutablePointer<UInt8>) {
        self.base = base
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }
}
