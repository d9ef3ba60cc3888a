import ConformValues
/// HTTP header fields as received: order and duplicates kept, names looked up without regard to case.
public struct HTTPHeaders: Sendable, Hashable, Sequence {
    public private(set) var fields: [(name: String, value: String)]

    public init(_ fields: [(name: String, value: String)] = []) {
        self.fields = fields
    }

    public mutating func append(name: String, value: String) {
        fields.append((name, value))
    }

    /// The first value of a header, matched case-insensitively.
    ///
    /// Fields are read by index, names compared where they are: a copy of each field (as `first(where:)` makes)
    /// retains and releases its name and value, for every field of every lookup of every exchange.
    public subscript(name: String) -> String? {
        for index in fields.indices where fields[index].name.caseInsensitiveEquals(name) { return fields[index].value }
        return nil
    }

    /// Every value of a header, in order.
    public func values(for name: String) -> [String] {
        var values: [String] = []
        for index in fields.indices where fields[index].name.caseInsensitiveEquals(name) { values.append(fields[index].value) }
        return values
    }

    public func contains(_ name: String) -> Bool { self[name] != nil }

    public var isEmpty: Bool { fields.isEmpty }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        fields.makeIterator()
    }

    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.map(\.name) == rhs.fields.map(\.name) && lhs.fields.map(\.value) == rhs.fields.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        for field in fields {
            hasher.combine(field.name.lowercased())
            hasher.combine(field.value)
        }
    }
}

extension HTTPHeaders: ExpressibleByDictionaryLiteral {
    /// Fields in the order written: `["Content-Type": "application/json", "Authorization": "Bearer …"]`.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements.map { (name: $0.0, value: $0.1) })
    }
}
