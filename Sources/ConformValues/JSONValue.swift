/// The one in-memory document type. YAML and JSON both load into it.
///
/// Numbers keep what the text said: an integer literal that fits 64 bits is `.integer`, one that does not is
/// `.bigNumber` with its text, so nothing is rounded away; a literal with a fraction or exponent is `.number`
/// unless its magnitude overflows a `Double` (`1e400`), which is `.bigNumber` as well.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    /// A number literal that `Int64` or `Double` cannot hold exactly; the text as written.
    case bigNumber(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

extension JSONValue {
    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let array) = self { return array }
        return nil
    }

    public var stringValue: String? {
        if case .string(let string) = self { return string }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let bool) = self { return bool }
        return nil
    }

    /// The value as a `Double` when it is any kind of number.
    public var doubleValue: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .number(let value): return value
        case .bigNumber(let text): return Double(text)
        default: return nil
        }
    }

    /// The value as an `Int` when it is an integer, or a number with no fractional part that fits.
    public var intValue: Int? {
        switch self {
        case .integer(let value): return Int(exactly: value)
        case .number(let value): return Int(exactly: value)
        default: return nil
        }
    }

    public var isNull: Bool { self == .null }

    /// Member lookup on objects; nil for any other kind of value.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// The JSON type name used in messages: "object", "array", "string", "integer", "number", "boolean", "null".
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .integer: return "integer"
        case .number: return "number"
        case .bigNumber: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// Follows a JSON pointer from this value; nil when a token names nothing.
    public func value(at pointer: JSONPointer) -> JSONValue? {
        var current = self
        for token in pointer.tokens {
            switch current {
            case .object(let object):
                guard let next = object[token] else { return nil }
                current = next
            case .array(let array):
                guard let index = JSONPointer.arrayIndex(token), index < array.count else { return nil }
                current = array[index]
            default:
                return nil
            }
        }
        return current
    }
}
