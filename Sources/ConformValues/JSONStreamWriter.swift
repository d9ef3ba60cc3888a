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
package struct JSONStreamWriter<Output: TextOutputStream> {
    package private(set) var output: Output
    private let options: JSONWriter.Options
    /// The open containers, innermost last: whether each is an object, and whether anything was written in it yet.
    private var open: [(isObject: Bool, hasEntries: Bool)] = []

    package init(into output: Output, options: JSONWriter.Options = .compact) {
        self.output = output
        self.options = options
    }

    package mutating func beginObject(member key: String? = nil) {
        startEntry(key)
        output.write("{")
        open.append((isObject: true, hasEntries: false))
    }

    package mutating func beginArray(member key: String? = nil) {
        startEntry(key)
        output.write("[")
        open.append((isObject: false, hasEntries: false))
    }

    /// A complete member of the open object.
    package mutating func member(_ key: String, _ value: JSONValue) {
        startEntry(key)
        JSONWriter.write(value, into: &output, options: options, depth: open.count)
    }

    /// A string member, written without making a `JSONValue` of it (a report writes several per exchange).
    package mutating func member(_ key: String, string: String) {
        startEntry(key)
        JSONWriter.writeString(string, into: &output)
    }

    /// A string member, or `null`.
    package mutating func member(_ key: String, string: String?) {
        startEntry(key)
        if let string { JSONWriter.writeString(string, into: &output) } else { output.write("null") }
    }

    /// An integer member, or `null`.
    package mutating func member(_ key: String, integer: Int?) {
        startEntry(key)
        output.write(integer.map { String($0) } ?? "null")
    }

    /// A string element of the open array, written without making a `JSONValue` of it.
    package mutating func element(string: String) {
        startEntry(nil)
        JSONWriter.writeString(string, into: &output)
    }

    /// A complete element of the open array.
    package mutating func element(_ value: JSONValue) {
        startEntry(nil)
        JSONWriter.write(value, into: &output, options: options, depth: open.count)
    }

    package var position: JSONStreamPosition { JSONStreamPosition(options: options, open: open) }

    /// A writer for entries of the innermost open container at `position`, rendered apart (on another thread, say):
    /// it writes them exactly as the writer at `position` would after `entriesBefore` (whether that container has
    /// entries before them). Its output goes back in with `append(entries:)`.
    package init(into output: Output, continuing position: JSONStreamPosition, entriesBefore: Bool) {
        self.output = output
        self.options = position.options
        self.open = position.open
        if !open.isEmpty { open[open.count - 1].hasEntries = entriesBefore }
    }

    /// Entries of the innermost open container as a writer continuing this one's position wrote them (UTF-8).
    package mutating func append(entries bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        if let sink = output as? any ByteSink {
            bytes.withUnsafeBufferPointer { sink.write(bytes: $0) }
        } else {
            output.write(String(decoding: bytes, as: UTF8.self))
        }
        if !open.isEmpty { open[open.count - 1].hasEntries = true }
    }

    /// Whether the innermost open container has entries yet.
    package var hasEntries: Bool { open.last?.hasEntries ?? false }

    /// Closes the innermost open object or array.
    package mutating func end() {
        guard let container = open.popLast() else { return }
        if container.hasEntries { JSONWriter.newline(&output, options: options, depth: open.count) }
        output.write(container.isObject ? "}" : "]")
    }

    /// The separator, line break and key before an entry of the open container.
    private mutating func startEntry(_ key: String?) {
        guard let container = open.last else { return }
        if container.hasEntries { output.write(",") }
        open[open.count - 1].hasEntries = true
        JSONWriter.newline(&output, options: options, depth: open.count)
        if let key {
            JSONWriter.writeString(key, into: &output)
            output.write(options.indent == nil ? ":" : ": ")
        }
    }
}

/// Where a `JSONStreamWriter` is in its document: enough for another writer, of any output, to go on from there.
package struct JSONStreamPosition: Sendable {
    fileprivate let options: JSONWriter.Options
    fileprivate let open: [(isObject: Bool, hasEntries: Bool)]
}
