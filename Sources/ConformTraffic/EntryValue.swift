@_spi(Tape) import ConformValues

/// A value of a recording's entry as the mappings to exchanges read it: a `JSONValue` (a file loaded whole, as VCR
/// cassettes and Pact files are) or a `TapeNode` (a HAR or JSONL entry, read in place). Rules that every format
/// shares, such as the shapes a header list may take, are written once against it.
protocol EntryValue {
    var isNull: Bool { get }
    var isObject: Bool { get }
    var isArray: Bool { get }
    /// The member named `key` of an object; nil when it has none, or is not an object.
    subscript(key: String) -> Self? { get }
    /// An object's members in order; nil for any other value.
    var members: [(key: String, value: Self)]? { get }
    /// An array's items; nil for any other value.
    var items: [Self]? { get }
    var stringValue: String? { get }
    var intValue: Int? { get }
    /// The value as a tree.
    var value: JSONValue { get }
}

extension JSONValue: EntryValue {
    var isObject: Bool { objectValue != nil }
    var isArray: Bool { arrayValue != nil }
    var members: [(key: String, value: JSONValue)]? { objectValue.map { Array($0.members).map { (key: $0.0, value: $0.1) } } }
    var items: [JSONValue]? { arrayValue }
    var value: JSONValue { self }
}

extension TapeNode: EntryValue {
    var isArray: Bool { kind == .array }

    var members: [(key: String, value: TapeNode)]? {
        guard kind == .object else { return nil }
        var members: [(key: String, value: TapeNode)] = []
        members.reserveCapacity(view.count(index))
        var key = index + 1
        for _ in 0..<view.count(index) {
            members.append((view.string(key), TapeNode(view: view, index: key + 1)))
            key = view.end(key + 1)
        }
        return members
    }
}
