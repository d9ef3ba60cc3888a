/// The bytes a `JSONStreamWriter` gathers before they go to its output. A report writes a quote, a key, a separator
/// at a time, millions of small appends: here each is a store into storage the writer holds, without an array's
/// uniqueness and capacity bookkeeping or a call to copy a few bytes. A writer is passed `inout`, not copied; were
/// it copied, each copy would still write only within storage it keeps alive (growing replaces the storage rather
/// than freeing what another copy may hold), though what they wrote would mix.
struct JSONWriteBuffer: TextOutputStream, AppendableBytes {
    /// `storage.base`, kept at hand.
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int
    private var storage: Storage

    /// Bytes freed when the last buffer holding them goes.
    private final class Storage {
        let base: UnsafeMutablePointer<UInt8>

        init(capacity: Int) {
            base = .allocate(capacity: capacity)
        }

        deinit { base.deallocate() }
    }

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        storage = Storage(capacity: self.capacity)
        base = storage.base
    }

    /// What was written since the last `removeAll`, valid until the next write.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    mutating func removeAll() {
        count = 0
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        let length = bytes.count
        if count + length > capacity { grow(to: count + length) }
        if length <= 16 {
            // Keys, numbers, short values: a loop, not a call to copy them.
            for offset in 0..<length { base[count + offset] = bytes[offset] }
        } else {
            (base + count).update(from: bytes.baseAddress!, count: length)
        }
        count += length
    }

    private mutating func grow(to needed: Int) {
        var larger = capacity * 2
        while larger < needed { larger *= 2 }
        let moved = Storage(capacity: larger)
        moved.base.update(from: base, count: count)
        storage = moved
        base = moved.base
        capacity = larger
    }

    mutating func write(_ string: String) {
        string.withUTF8Bytes { append(contentsOf: $0) }
    }

    /// `JSONWriter.writeString` into bytes: text that needs no escape is copied between its quotes at once, and
    /// text that does is escaped as it is copied, without a string made of any part of it.
    mutating func writeJSONString(_ text: String) {
        text.withUTF8Bytes { writeJSONString(utf8: $0) }
    }

    mutating func writeJSONString(_ text: Substring) {
        text.withUTF8Bytes { writeJSONString(utf8: $0) }
    }

    private mutating func writeJSONString(utf8: UnsafeBufferPointer<UInt8>) {
        append(0x22)
        if JSONWriter.needsEscape(utf8) {
            JSONWriter.forEachEscapedPiece(of: utf8) { append(contentsOf: $0) }
        } else {
            append(contentsOf: utf8)
        }
        append(0x22)
    }

    /// A JSON Pointer as a JSON string, `JSONPointer.description` without making it: each token is copied with its
    /// `~` and `/` escaped in place (a description's pointers hold `/paths/~1pets~1{id}`, one per finding). A token
    /// with a byte JSON escapes (a quote, a backslash, a control character) is rare: the pointer is then written
    /// through its text.
    mutating func writeJSONPointer(_ pointer: JSONPointer) {
        let plain = pointer.tokens.allSatisfy { token in token.withUTF8Bytes { !JSONWriter.needsEscape($0) } }
        guard plain else { return writeJSONString(pointer.description) }
        append(0x22)
        for token in pointer.tokens {
            append(UInt8(ascii: "/"))
            token.withUTF8Bytes { utf8 in JSONPointer.forEachEscapedPiece(of: utf8) { append(contentsOf: $0) } }
        }
        append(0x22)
    }

    /// A line break and the indentation of `depth`, as `JSONWriter.newline` writes them.
    mutating func writeNewline(options: JSONWriter.Options, depth: Int) {
        let breaks = JSONWriter.prettyBreakBytes
        if options.indent == 2, 1 + 2 * depth <= breaks.count {
            append(contentsOf: UnsafeBufferPointer(rebasing: breaks[..<(1 + 2 * depth)]))
        } else {
            JSONWriter.newline(&self, options: options, depth: depth)
        }
    }
}
