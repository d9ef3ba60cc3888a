/// Writes one large JSON document piece by piece, so a report with hundreds of thousands of exchanges never
/// exists as one value tree or one string. The bytes are exactly those `JSONWriter.string` would produce for the
/// same document with the same options.
///
/// ```swift
/// var json = JSONStreamWriter(into: output, options: .pretty)
/// json.beginObject()
/// json.member("version", .integer(2))
/// json.beginArray(member: "exchanges")
/// for exchange in exchanges { json.element(encode(exchange)) }
/// json.end()
/// json.end()
/// output = json.output
/// ```
///
/// Everything is rendered into a byte buffer of the writer's own, handed to `output` in blocks: the many small
/// writes of a report (a quote, a key, a separator) are appends to concrete bytes, not calls through the output's
/// protocol, which a caller in another module would make unspecialised.
package struct JSONStreamWriter<Output: TextOutputStream> {
    private var stream: Output
    private var buffer = JSONWriteBuffer(capacity: Self.blockBytes)
    private let options: JSONWriter.Options
    /// The open containers, innermost last: whether each is an object, and whether anything was written in it yet.
    private var open: [(isObject: Bool, hasEntries: Bool)] = []

    /// Bytes gathered before they go to the output.
    private static var blockBytes: Int { 1 << 16 }

    package init(into output: Output, options: JSONWriter.Options = .compact) {
        self.stream = output
        self.options = options
    }

    /// The output, with everything written so far.
    package var output: Output {
        mutating get {
            flush()
            return stream
        }
    }

    private mutating func flush() {
        guard buffer.count > 0 else { return }
        Self.write(buffer.bytes, to: &stream)
        buffer.removeAll()
    }

    /// Hands the buffer to the output once it holds a block.
    private mutating func flushIfFull() {
        if buffer.count >= Self.blockBytes { flush() }
    }

    /// UTF-8 bytes to an output: as they are to a byte sink, else as text.
    private static func write(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout Output) {
        if let sink = output as? any ByteSink {
            sink.write(bytes: bytes)
        } else if Output.self == ByteOutput.self {
            withByteOutput(&output) { $0.append(bytes) }
        } else {
            output.write(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// Changes an output that is a `ByteOutput` in place. A copy taken out by a cast would share the bytes already
    /// written, and appending to it would copy them all.
    private static func withByteOutput(_ output: inout Output, _ body: (inout ByteOutput) -> Void) {
        precondition(Output.self == ByteOutput.self)
        withUnsafeMutablePointer(to: &output) { pointer in
            body(&UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: ByteOutput.self).pointee)
        }
    }

    package mutating func beginObject(member key: String? = nil) {
        startEntry(key)
        buffer.append(UInt8(ascii: "{"))
        open.append((isObject: true, hasEntries: false))
    }

    package mutating func beginArray(member key: String? = nil) {
        startEntry(key)
        buffer.append(UInt8(ascii: "["))
        open.append((isObject: false, hasEntries: false))
    }

    /// A complete member of the open object.
    package mutating func member(_ key: String, _ value: JSONValue) {
        startEntry(key)
        JSONWriter.write(value, into: &buffer, options: options, depth: open.count)
    }

    /// A string member, written without making a `JSONValue` of it (a report writes several per exchange).
    package mutating func member(_ key: String, string: String) {
        startEntry(key)
        buffer.writeJSONString(string)
    }

    /// A string member, or `null`.
    package mutating func member(_ key: String, string: String?) {
        startEntry(key)
        if let string { buffer.writeJSONString(string) } else { buffer.write("null") }
    }

    /// An integer member, or `null`.
    package mutating func member(_ key: String, integer: Int?) {
        startEntry(key)
        buffer.write(integer.map { String($0) } ?? "null")
    }

    // Written in place: a report writes these for every exchange and finding, and making each a string first was
    // an allocation apiece.
    package mutating func member(_ key: String, text: Substring) {
        startEntry(key)
        buffer.writeJSONString(text)
    }

    package mutating func member(_ key: String, pointer: JSONPointer) {
        startEntry(key)
        buffer.writeJSONPointer(pointer)
    }

    package mutating func member(_ key: String, hex: UInt64) {
        startEntry(key)
        buffer.append(UInt8(ascii: "\""))
        HexDigits.withDigits(hex) { buffer.append(contentsOf: $0) }
        buffer.append(UInt8(ascii: "\""))
    }

    /// A string element of the open array, written without making a `JSONValue` of it.
    package mutating func element(string: String) {
        startEntry(nil)
        buffer.writeJSONString(string)
    }

    /// A complete element of the open array.
    package mutating func element(_ value: JSONValue) {
        startEntry(nil)
        JSONWriter.write(value, into: &buffer, options: options, depth: open.count)
    }

    package var position: JSONStreamPosition { JSONStreamPosition(options: options, open: open) }

    /// A writer for entries of the innermost open container at `position`, rendered apart (on another thread, say):
    /// it writes them exactly as the writer at `position` would after `entriesBefore` (whether that container has
    /// entries before them). Its output goes back in with `append(entries:)`.
    package init(into output: Output, continuing position: JSONStreamPosition, entriesBefore: Bool) {
        self.stream = output
        self.options = position.options
        self.open = position.open
        if !open.isEmpty { open[open.count - 1].hasEntries = entriesBefore }
    }

    /// Entries of the innermost open container as a writer continuing this one's position wrote them (UTF-8).
    package mutating func append(entries bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        flush()
        bytes.withUnsafeBufferPointer { Self.write($0, to: &stream) }
        if !open.isEmpty { open[open.count - 1].hasEntries = true }
    }

    /// Entries of the innermost open container rendered before by a writer continuing this one's position after
    /// entries (`init(into:continuing:entriesBefore: true)`): the part many entries share, rendered once.
    package mutating func append(rendered bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBufferPointer { buffer.append(contentsOf: $0) }
        if !open.isEmpty { open[open.count - 1].hasEntries = true }
        flushIfFull()
    }

    /// Whether the innermost open container has entries yet.
    package var hasEntries: Bool { open.last?.hasEntries ?? false }

    /// Closes the innermost open object or array.
    package mutating func end() {
        guard let container = open.popLast() else { return }
        if container.hasEntries { buffer.writeNewline(options: options, depth: open.count) }
        buffer.append(container.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
        flushIfFull()
    }

    /// The separator, line break and key before an entry of the open container.
    private mutating func startEntry(_ key: String?) {
        guard let container = open.last else { return }
        if container.hasEntries { buffer.append(UInt8(ascii: ",")) }
        open[open.count - 1].hasEntries = true
        buffer.writeNewline(options: options, depth: open.count)
        if let key {
            buffer.writeJSONString(key)
            buffer.append(UInt8(ascii: ":"))
            if options.indent != nil { buffer.append(UInt8(ascii: " ")) }
        }
    }
}

/// Where a `JSONStreamWriter` is in its document: enough for another writer, of any output, to go on from there.
package struct JSONStreamPosition: Sendable {
    fileprivate let options: JSONWriter.Options
    fileprivate let open: [(isObject: Bool, hasEntries: Bool)]
}
