/// Where an object's members go: a list that becomes a `JSONValue` (`JSONMemberList`), or a document being streamed
/// (`JSONStreamWriter`). A shape written once against this protocol is the same in both, byte for byte once
/// written, without a value tree for every object of a long report.
package protocol JSONMembers {
    mutating func member(_ key: String, string: String)
    mutating func member(_ key: String, integer: Int)
    mutating func member(_ key: String, strings: [String])
    /// A string member from part of a string (a path shown relative to the working directory).
    mutating func member(_ key: String, text: Substring)
    /// A JSON Pointer as its string (`/paths/~1pets/get`).
    mutating func member(_ key: String, pointer: JSONPointer)
    /// Sixteen lowercase hexadecimal digits (a fingerprint).
    mutating func member(_ key: String, hex: UInt64)
    /// A member whose value is an object, its members written by `body`.
    mutating func object(_ key: String, _ body: (inout Self) -> Void)
}

/// Members collected for a `JSONObject`.
package struct JSONMemberList: JSONMembers {
    package private(set) var members: [(String, JSONValue)] = []

    package init() {}

    package mutating func member(_ key: String, string: String) { members.append((key, .string(string))) }
    package mutating func member(_ key: String, integer: Int) { members.append((key, .integer(Int64(integer)))) }
    package mutating func member(_ key: String, strings: [String]) { members.append((key, .array(strings.map(JSONValue.string)))) }
    package mutating func member(_ key: String, text: Substring) { member(key, string: String(text)) }
    package mutating func member(_ key: String, pointer: JSONPointer) { member(key, string: pointer.description) }
    package mutating func member(_ key: String, hex: UInt64) { member(key, string: HexDigits.string(hex)) }

    package mutating func object(_ key: String, _ body: (inout JSONMemberList) -> Void) {
        var nested = JSONMemberList()
        body(&nested)
        members.append((key, .object(JSONObject(nested.members))))
    }
}

extension JSONStreamWriter: JSONMembers {
    package mutating func member(_ key: String, integer: Int) {
        member(key, integer: Optional(integer))
    }

    package mutating func member(_ key: String, strings: [String]) {
        beginArray(member: key)
        for string in strings { element(string: string) }
        end()
    }

    package mutating func object(_ key: String, _ body: (inout JSONStreamWriter<Output>) -> Void) {
        beginObject(member: key)
        body(&self)
        end()
    }
}
