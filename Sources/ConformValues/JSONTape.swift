import Foundation

/// A JSON value laid out flat for validation: one 16-byte entry per value and per object key, in document order,
/// with the text of every string, key and big number in one byte buffer.
///
/// Why a second form beside `JSONValue`: walking a `JSONValue` retains and releases the strings, arrays and objects
/// it passes through (the enum's payloads are reference-counted), and that bookkeeping was most of the cost of
/// validating a payload. Walking a tape is index arithmetic over two buffers that stay put.
///
/// Layout: an object's entry is followed by its members, each a key entry (a string) and then the value's
/// entries; an array's entry by its items' entries. A container's entry holds its member or item count and the
/// index just past its last entry, so a whole value is skipped in one step. The root is entry 0.
///
/// Not part of the library's surface: it is SPI (`@_spi(Tape) import ConformValues`) rather than `package` because
/// the schema evaluator reads it in its innermost loop from another module, and only public declarations have
/// their bodies inlined across modules by the compiler's default cross-module optimization.
@_spi(Tape) public struct JSONTape: Sendable {
    public typealias Index = Int

    public enum Kind: UInt8, Sendable {
        case null, `false`, `true`, integer, number, bigNumber, string, array, object
    }

    @frozen
    public struct Entry: Sendable {
        /// The kind in the low 8 bits; above them a string's byte length or a container's count.
        @usableFromInline let header: UInt64
        /// An integer's or a double's bits, a text offset, or a container's end index.
        @usableFromInline let payload: UInt64

        @inlinable
        init(_ kind: Kind, _ extra: Int, _ payload: UInt64) {
            header = UInt64(kind.rawValue) | UInt64(extra) << 8
            self.payload = payload
        }

        init(header: UInt64, payload: UInt64) {
            self.header = header
            self.payload = payload
        }
    }

    public private(set) var entries: [Entry] = []
    public private(set) var text: [UInt8] = []
    /// Where the value starts: 0, or a value inside a larger tape (`rooted(at:)`). Validation and `value` start here.
    package private(set) var root: Index = 0

    /// Lays out a value.
    public init(_ value: JSONValue) {
        entries.reserveCapacity(16)
        append(value)
        // A view needs a base address for the text even when there is none.
        if text.isEmpty { text.append(0) }
    }

    /// A tape laid out by a parser (`JSONTape.parse`).
    init(entries: [Entry], text: [UInt8]) {
        self.entries = entries
        self.text = text
        if self.text.isEmpty { self.text.append(0) }
    }

    /// Whether two tapes hold the same entries, with the same bytes for each string, key and big number: what two
    /// ways of laying out one value (`JSONTape.parse` and `JSONTape(_:)`) must give. Where those bytes sit in the
    /// text may differ (the parser leaves them where they are in the document).
    package func hasSameLayout(as other: JSONTape) -> Bool {
        guard entries.count == other.entries.count else { return false }
        return zip(entries, other.entries).allSatisfy { mine, theirs in
            guard mine.header == theirs.header else { return false }
            switch Kind(rawValue: UInt8(truncatingIfNeeded: mine.header)) {
            case .string, .bigNumber:
                let length = Int(truncatingIfNeeded: mine.header >> 8)
                let (start, otherStart) = (Int(truncatingIfNeeded: mine.payload), Int(truncatingIfNeeded: theirs.payload))
                return text[start..<(start + length)].elementsEqual(other.text[otherStart..<(otherStart + length)])
            default:
                return mine.payload == theirs.payload
            }
        }
    }

    /// The value at `index` as a tape of its own (a message body inside a recording's line): the same buffers,
    /// shared rather than copied, read from `index` as the root.
    package func rooted(at index: Index) -> JSONTape {
        var tape = self
        tape.root = index
        return tape
    }

    /// `body` with a view of a scalar value laid out on the stack (its text read where the string keeps it), or nil
    /// for an array or an object. Parameter and header values are validated once or more per exchange, and a tape of
    /// one entry is not worth two buffers. Inlinable, as `withView` is: unspecialised, every call would look up the
    /// metadata of its result type at run time.
    @inlinable
    package static func withScalarView<Result>(of value: JSONValue, _ body: (JSONTapeView) -> Result) -> Result? {
        func view(_ entry: Entry, text: UnsafePointer<UInt8>) -> Result {
            withUnsafePointer(to: entry) { body(JSONTapeView(entries: $0, text: text)) }
        }
        func view(_ kind: Kind, _ string: String) -> Result {
            return string.withUTF8Bytes { utf8 in
                guard let base = utf8.baseAddress, !utf8.isEmpty else {
                    return withUnsafePointer(to: UInt8(0)) { view(Entry(kind, 0, 0), text: $0) }
                }
                return view(Entry(kind, utf8.count, 0), text: base)
            }
        }
        switch value {
        case .string(let string): return view(.string, string)
        case .bigNumber(let literal): return view(.bigNumber, literal)
        case .array, .object: return nil
        default:
            return withUnsafePointer(to: UInt8(0)) { view(scalarEntry(value)!, text: $0) }
        }
    }

    /// The entry of a scalar that has no text; nil for the others.
    @usableFromInline
    static func scalarEntry(_ value: JSONValue) -> Entry? {
        switch value {
        case .null: Entry(.null, 0, 0)
        case .bool(let flag): Entry(flag ? .true : .false, 0, 0)
        case .integer(let number): Entry(.integer, 0, UInt64(bitPattern: number))
        case .number(let number): Entry(.number, 0, number.bitPattern)
        default: nil
        }
    }

    private mutating func append(_ value: JSONValue) {
        switch value {
        case .null, .bool, .integer, .number: entries.append(Self.scalarEntry(value)!)
        case .bigNumber(let literal): appendText(.bigNumber, literal)
        case .string(let string): appendText(.string, string)
        case .array(let items):
            let start = entries.count
            entries.append(Entry(.array, items.count, 0))
            for item in items { append(item) }
            entries[start] = Entry(.array, items.count, UInt64(entries.count))
        case .object(let object):
            let start = entries.count
            entries.append(Entry(.object, object.count, 0))
            for (key, member) in object.members {
                appendText(.string, key)
                append(member)
            }
            entries[start] = Entry(.object, object.count, UInt64(entries.count))
        }
    }

    private mutating func appendText(_ kind: Kind, _ string: String) {
        let offset = text.count
        text.append(contentsOf: string.utf8)
        entries.append(Entry(kind, text.count - offset, UInt64(offset)))
    }

    /// Runs `body` with a view of the tape whose buffers stay valid for the call. Inlinable, so that a caller's
    /// closure is specialised rather than called through generic code for every small validation.
    @inlinable
    public func withView<Result>(_ body: (JSONTapeView) throws -> Result) rethrows -> Result {
        try entries.withUnsafeBufferPointer { entries in
            try text.withUnsafeBufferPointer { text in
                try body(JSONTapeView(entries: entries.baseAddress!, text: text.baseAddress!))
            }
        }
    }

    /// The value at an index, as a `JSONValue`.
    public func value(at index: Index) -> JSONValue {
        withView { $0.value(at: index) }
    }
}

/// Read access to a `JSONTape` inside `withView`: unchecked, so indices must come from the tape itself (the root
/// is the tape's `root`; `end(_:)` and the members and items of containers lead to the others).
@frozen
@_spi(Tape) public struct JSONTapeView {
    @usableFromInline let entries: UnsafePointer<JSONTape.Entry>
    @usableFromInline let text: UnsafePointer<UInt8>

    @inlinable
    init(entries: UnsafePointer<JSONTape.Entry>, text: UnsafePointer<UInt8>) {
        self.entries = entries
        self.text = text
    }

    @inlinable @inline(__always)
    public func kind(_ index: JSONTape.Index) -> JSONTape.Kind {
        JSONTape.Kind(rawValue: UInt8(truncatingIfNeeded: entries[index].header))!
    }

    /// A container's number of members or items.
    @inlinable @inline(__always)
    public func count(_ index: JSONTape.Index) -> Int {
        Int(truncatingIfNeeded: entries[index].header >> 8)
    }

    /// The index just past the value at `index`: its next sibling, if it has one.
    @inlinable @inline(__always)
    public func end(_ index: JSONTape.Index) -> JSONTape.Index {
        let entry = entries[index]
        let kind = UInt8(truncatingIfNeeded: entry.header)
        return kind >= JSONTape.Kind.array.rawValue ? Int(truncatingIfNeeded: entry.payload) : index + 1
    }

    /// The UTF-8 bytes of a string, an object key or a big number's literal.
    @inlinable @inline(__always)
    public func bytes(_ index: JSONTape.Index) -> UnsafeBufferPointer<UInt8> {
        let entry = entries[index]
        return UnsafeBufferPointer(start: text + Int(truncatingIfNeeded: entry.payload), count: Int(truncatingIfNeeded: entry.header >> 8))
    }

    @inlinable @inline(__always)
    public func integer(_ index: JSONTape.Index) -> Int64 {
        Int64(bitPattern: entries[index].payload)
    }

    @inlinable @inline(__always)
    public func double(_ index: JSONTape.Index) -> Double {
        Double(bitPattern: entries[index].payload)
    }

    /// A string's or key's text.
    public func string(_ index: JSONTape.Index) -> String {
        String(decoding: bytes(index), as: UTF8.self)
    }

    /// A number as a `Double`, whatever its kind; nil for other values.
    public func doubleValue(_ index: JSONTape.Index) -> Double? {
        switch kind(index) {
        case .integer: return Double(integer(index))
        case .number: return double(index)
        case .bigNumber: return Double(string(index))
        default: return nil
        }
    }

    /// The index of the member named `name` (its value's entry) in the object at `object`, or nil.
    public func member(named name: UnsafeBufferPointer<UInt8>, in object: JSONTape.Index) -> JSONTape.Index? {
        var key = object + 1
        let last = end(object)
        while key < last {
            let candidate = bytes(key)
            if candidate.count == name.count, name.isEmpty || memcmp(candidate.baseAddress!, name.baseAddress!, name.count) == 0 {
                return key + 1
            }
            key = end(key + 1)
        }
        return nil
    }

    /// The index of the member named `name`, comparing UTF-8 bytes (so code points, as JSON Schema does).
    public func member(named name: String, in object: JSONTape.Index) -> JSONTape.Index? {
        return name.withUTF8Bytes { member(named: $0, in: object) }
    }

    /// The value at an index, rebuilt as a `JSONValue` (for messages and the rare keyword that needs one).
    public func value(at index: JSONTape.Index) -> JSONValue {
        value(at: index, replacing: [], with: .null)
    }

    /// The value at `index` with the values at `replaced` (strings a message must not show) given as `replacement`.
    public func value(at index: JSONTape.Index, replacing replaced: Set<JSONTape.Index>, with replacement: JSONValue) -> JSONValue {
        if !replaced.isEmpty, replaced.contains(index) { return replacement }
        switch kind(index) {
        case .null: return .null
        case .false: return .bool(false)
        case .true: return .bool(true)
        case .integer: return .integer(integer(index))
        case .number: return .number(double(index))
        case .bigNumber: return .bigNumber(string(index))
        case .string: return .string(string(index))
        case .array:
            var items: [JSONValue] = []
            items.reserveCapacity(count(index))
            var item = index + 1
            for _ in 0..<count(index) {
                items.append(value(at: item, replacing: replaced, with: replacement))
                item = end(item)
            }
            return .array(items)
        case .object:
            var keys: [String] = []
            var values: [JSONValue] = []
            keys.reserveCapacity(count(index))
            values.reserveCapacity(count(index))
            var key = index + 1
            for _ in 0..<count(index) {
                keys.append(string(key))
                values.append(value(at: key + 1, replacing: replaced, with: replacement))
                key = end(key + 1)
            }
            return .object(JSONObject(uniqueKeys: keys, values: values))
        }
    }
}
