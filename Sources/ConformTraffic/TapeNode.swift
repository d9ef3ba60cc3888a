@_spi(Tape) import ConformValues

/// A value of a recording's entry read as a tape, with the lookups a mapping to an exchange asks for: members,
/// items, strings and numbers, each read in place; `value` makes a `JSONValue` of it when one is needed.
///
/// Valid only inside the `withView` call its view comes from.
struct TapeNode {
    let view: JSONTapeView
    let index: Int

    var kind: JSONTape.Kind { view.kind(index) }
    var isNull: Bool { kind == .null }

    /// The member named `key` of an object; nil when it has none, or is not an object.
    subscript(key: String) -> TapeNode? {
        guard kind == .object, let member = view.member(named: key, in: index) else { return nil }
        return TapeNode(view: view, index: member)
    }

    /// Whether this is an object.
    var isObject: Bool { kind == .object }

    /// The items of an array; nil for any other value.
    var items: [TapeNode]? {
        guard kind == .array else { return nil }
        var items: [TapeNode] = []
        items.reserveCapacity(view.count(index))
        var item = index + 1
        for _ in 0..<view.count(index) {
            items.append(TapeNode(view: view, index: item))
            item = view.end(item)
        }
        return items
    }

    /// Calls `body` with each item of an array, read in place; nothing for other values. A HAR entry's header
    /// lists come through here, and `items` would make an array of them for every exchange.
    func forEachItem(_ body: (TapeNode) -> Void) {
        guard kind == .array else { return }
        var item = index + 1
        for _ in 0..<view.count(index) {
            body(TapeNode(view: view, index: item))
            item = view.end(item)
        }
    }

    var stringValue: String? { kind == .string ? view.string(index) : nil }

    /// A string's UTF-8 bytes, read in place.
    var stringBytes: UnsafeBufferPointer<UInt8>? { kind == .string ? view.bytes(index) : nil }

    /// An integral number as `JSONValue.intValue` reads it.
    var intValue: Int? {
        switch kind {
        case .integer: return Int(exactly: view.integer(index))
        case .number: return Int(exactly: view.double(index))
        default: return nil
        }
    }

    var value: JSONValue { view.value(at: index) }
}
