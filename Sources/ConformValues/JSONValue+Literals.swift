/// JSON values written as Swift literals, for bodies built in code (tests, live requests):
/// `["name": "Rex", "tags": ["a", "b"], "age": 3, "owner": .null]`.
///
/// `nil` is deliberately not a literal of JSON null: with it, `condition ? nil : value` in a function returning
/// `JSONValue?` silently means null instead of "absent".
extension JSONValue: ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }

    /// Members in the order written; a key written twice keeps its last value, as a dictionary literal reads.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        var object = JSONObject()
        for (key, value) in elements { object[key] = value }
        self = .object(object)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// Members in the order written; a key written twice keeps its last value, as a dictionary literal reads.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init()
        for (key, value) in elements { self[key] = value }
    }
}

extension JSONValue {
    /// Parses JSON text (RFC 8259, strictly): numbers keep integer-ness, duplicate keys are an error.
    /// - Throws: `LoadError` with the line and column of the first problem, in a file named `name`.
    public init(parsing text: String, name: String = "<json>") throws(LoadError) {
        self = try JSONReader.parse(Array(text.utf8), path: name)
    }

    /// The value as compact JSON text.
    public var jsonText: String { JSONWriter.string(self) }
}
