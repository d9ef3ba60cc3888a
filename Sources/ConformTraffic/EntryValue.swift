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
    /// An object's number of members; nil for any other value.
    var memberCount: Int? { get }
    /// Calls `body` with each member of an object in order, read in place (every exchange's header object comes
    /// through here, and a list of its members would be made and freed for nothing); nothing for other values.
    func forEachMember(_ body: (_ key: String, _ value: Self) -> Void)
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
    var memberCount: Int? { objectValue?.count }

    func forEachMember(_ body: (_ key: String, _ value: JSONValue) -> Void) {
        guard let object = objectValue else { return }
        for (key, value) in object.members { body(key, value) }
    }

    var items: [JSONValue]? { arrayValue }
    var value: JSONValue { self }
}

extension TapeNode: EntryValue {
    var isArray: Bool { kind == .array }

    var memberCount: Int? { kind == .object ? view.count(index) : nil }

    func forEachMember(_ body: (_ key: String, _ value: TapeNode) -> Void) {
        guard kind == .object else { return }
        var key = index + 1
        for _ in 0..<view.count(index) {
            body(view.string(key), TapeNode(view: view, index: key + 1))
            key = view.end(key + 1)
        }
    }
}
