import ConformSchema
import ConformValues

/// A value sent under a form name: text as it arrived, or a multipart part already parsed as JSON.
enum FieldValue: Sendable {
    case text(SentText)
    case json(JSONValue)
}

/// The bracketed names of one form name (`color[R]`, `metadata[order_id]`, `expand[]`,
/// `invoice_settings[custom_fields][0][name]`) gathered into a tree. deepObject defines one level of brackets;
/// the deeper nesting and the `[]` and `[0]` array forms are what Rails, PHP, `qs` and Stripe's clients write
/// for form bodies, so form bodies read them all and parameters note what OpenAPI leaves undefined.
struct FormTree: Sendable {
    /// Values sent for exactly this name.
    var values: [FieldValue] = []
    /// Bracketed members in the order first sent; `[]` is the key "".
    var members: [(key: String, tree: FormTree)] = []

    /// Adds a value under `keys`. A `[]` followed by more keys (`items[][name]=a&items[][qty]=2`) starts a new
    /// array item when the last one already has that key, the way Rails reads it.
    mutating func insert(_ value: FieldValue, at keys: ArraySlice<String>) {
        guard let key = keys.first else {
            values.append(value)
            return
        }
        let rest = keys.dropFirst()
        let position: Int
        if key.isEmpty, let next = rest.first {
            if let last = members.lastIndex(where: { $0.key.isEmpty }), !members[last].tree.has(next) {
                position = last
            } else {
                members.append((key, FormTree()))
                position = members.count - 1
            }
        } else if let found = members.firstIndex(where: { $0.key == key }) {
            position = found
        } else {
            members.append((key, FormTree()))
            position = members.count - 1
        }
        members[position].tree.insert(value, at: rest)
    }

    private func has(_ key: String) -> Bool {
        members.contains { $0.key == key }
    }

    /// The deepest bracket level below this name (`a[b]` is 1, `a[b][c]` is 2).
    var depth: Int {
        members.map { 1 + $0.tree.depth }.max() ?? 0
    }
}

/// Names of the form `base[key][key]…`.
enum BracketName {
    /// `a[b][0][]` → ("a", ["b", "0", ""]); nil when the name has no brackets, leaves one open, has text after
    /// one, or has nothing before the first.
    static func split(_ name: String) -> (base: String, keys: [String])? {
        let bytes = name.utf8
        guard let open = bytes.firstIndex(of: UInt8(ascii: "[")), open != bytes.startIndex,
            bytes.last == UInt8(ascii: "]")
        else { return nil }
        var keys: [String] = []
        var index = open
        while index != bytes.endIndex {
            guard bytes[index] == UInt8(ascii: "["),
                let close = bytes[bytes.index(after: index)...].firstIndex(of: UInt8(ascii: "]"))
            else { return nil }
            keys.append(String(name[bytes.index(after: index)..<close]))
            index = bytes.index(after: close)
        }
        return (String(name[..<open]), keys)
    }

    /// `0`, `12`: an array position.
    static func isIndex(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}

extension StyleDecoder {
    /// The value a tree means under `schema`: its members are an array when every key is `[]`, or when every key
    /// is `[]` or a position and the schema allows an array (positions alone are put in numeric order); otherwise
    /// an object, each member read against its property's schema. Values without members are read as form values
    /// with explode: one value, or an array of them.
    func value(of tree: FormTree, schema: SchemaID?) -> JSONValue {
        let shape = shape(schema)
        guard !tree.members.isEmpty else { return leaf(tree.values, schema: schema) }
        let appends = tree.members.allSatisfy { $0.key.isEmpty }
        let positions = tree.members.allSatisfy { BracketName.isIndex($0.key) }
        let itemKeys = tree.members.allSatisfy { $0.key.isEmpty || BracketName.isIndex($0.key) }
        guard appends || (itemKeys && shape.types.contains(.array)) else {
            var object = JSONObject()
            for member in tree.members {
                object[member.key] = value(of: member.tree, schema: shape.properties[member.key] ?? shape.additionalProperties)
            }
            return .object(object)
        }
        var items = tree.values.map { item($0, schema: shape.items) }
        let ordered = positions
            ? tree.members.enumerated().sorted { (Int($0.element.key) ?? 0, $0.offset) < (Int($1.element.key) ?? 0, $1.offset) }.map(\.element)
            : tree.members
        for member in ordered {
            if member.key.isEmpty && member.tree.members.isEmpty {
                items += member.tree.values.map { item($0, schema: shape.items) }
            } else {
                items.append(value(of: member.tree, schema: shape.items))
            }
        }
        return .array(items)
    }

    /// Values sent for one name with no members below it. A JSON part is a whole value (an array for an array
    /// property, the way a JSON part for an object is that object).
    func leaf(_ values: [FieldValue], schema: SchemaID?) -> JSONValue {
        let shape = shape(schema)
        if values.count == 1 {
            switch values[0] {
            case .json(let value):
                if shape.isArray, value.arrayValue == nil { return .array([value]) }
                return value
            case .text(let text):
                return shape.isArray ? .array([scalar(text, schema: shape.items)]) : scalar(text, schema: schema)
            }
        }
        return .array(values.map { item($0, schema: shape.isArray ? shape.items : schema) })
    }

    private func item(_ value: FieldValue, schema: SchemaID?) -> JSONValue {
        switch value {
        case .json(let value): value
        case .text(let text): scalar(text, schema: schema)
        }
    }
}
