import ConformValues
import Foundation

/// What a schema says about the JSON type of its values, found through `$ref`s and combinators: enough to turn
/// the strings of a query, header, path or form field into the JSON value the schema means (`"42"` → 42).
package struct SchemaShape: Sendable {
    /// JSON types the schema allows; empty when it does not say (any type). A bit set: asked about for every
    /// parameter of every request.
    package var types: TypeSet = []
    /// The schema of array items, when there is one.
    package var items: SchemaID?
    /// Property schemas of an object.
    package var properties: [String: SchemaID] = [:]
    /// The schema of properties not listed, when there is one that accepts some value (`additionalProperties:
    /// false` allows no other member, so it is not one).
    package var additionalProperties: SchemaID?

    package init() {}

    /// Whether the text is read as a list (an object): null aside, since no style or form field spells null, so a
    /// nullable list's text is the list (`status=paid` for `anyOf: [{type: array}, {type: 'null'}]`, which FastAPI
    /// and Litestar write for an optional list, or 3.0's `nullable: true`).
    package var isArray: Bool { types.subtracting(.null) == .array }
    package var isObject: Bool { types.subtracting(.null) == .object }
}

/// Shapes computed so far, shared by every task validating against the same schemas. Traffic checks ask for the
/// same parameter schemas' shapes on every exchange, so each is worked out once.
final class ShapeCache: @unchecked Sendable {
    private let lock = NSLock()
    private var shapes: [SchemaID: SchemaShape] = [:]

    func shape(of schema: SchemaID, computing compute: () -> SchemaShape) -> SchemaShape {
        lock.lock()
        if let known = shapes[schema] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let shape = compute()
        lock.lock()
        shapes[schema] = shape
        lock.unlock()
        return shape
    }
}

extension CompiledSchemas {
    /// The shape of a schema, merging what its `$ref`, `allOf`, `anyOf` and `oneOf` say; computed once per schema.
    package func shape(of schema: SchemaID) -> SchemaShape {
        shapes.shape(of: schema) { computeShape(of: schema) }
    }

    private func computeShape(of schema: SchemaID) -> SchemaShape {
        var shape = SchemaShape()
        var typeSets: [TypeSet] = []
        var seen: Set<SchemaID> = []
        var queue = [schema]
        while let id = queue.popLast(), seen.insert(id).inserted {
            let node = nodes[Int(id)]
            if let types = node.types { typeSets.append(types) }
            if shape.items == nil { shape.items = node.items ?? node.prefixItems.first }
            for (name, property) in node.properties where shape.properties[name] == nil {
                shape.properties[name] = property
            }
            if shape.additionalProperties == nil, let other = node.additionalProperties, nodes[Int(other)].constant != false {
                shape.additionalProperties = other
            }
            queue += [node.ref, node.dynamicRef?.target].compactMap { $0 }
            queue += node.allOf + node.anyOf + node.oneOf
        }
        for types in typeSets {
            shape.types.formUnion(types)
        }
        return shape
    }

    /// The JSON value a schema means by a string from a URL, header or form field: a number or a boolean when the
    /// schema wants one and the text is one, null for an empty text where null is allowed and a string is not; the
    /// string itself otherwise (validation then says why).
    package func coerce(_ text: String, to schema: SchemaID?) -> JSONValue {
        guard let schema else { return .string(text) }
        let types = shape(of: schema).types
        if types.isEmpty || types.contains(.string) { return .string(text) }
        if types.contains(.integer), let value = Int64(text) { return .integer(value) }
        // A JSON number literal means what it means in a body, beyond Int64 (`limit=28060138199953478151663779840`)
        // and Double (`1e400`) too: the schema judges it as a number, not as a string. Where only integers are
        // allowed, only digits spell one (with a sign: `+5` and `-5` are integers to Python's, Go's, Java's and
        // JavaScript's readers alike), as servers read a query's integer (`page=1e2` and `page=2.0` are text).
        // Other spellings Double reads (`+1.5`, `.5`) are numbers as well.
        if types.contains(.number) || (types.contains(.integer) && JSONValue.isDecimalInteger(text.utf8)), let number = JSONValue.number(spelledBy: text) {
            return number
        }
        if types.contains(.number), let value = Double(text), value.isFinite,
            text.allSatisfy({ $0.isNumber || "+-.eE".contains($0) })
        {
            return value == value.rounded() && !text.contains(".") && !text.lowercased().contains("e") && abs(value) < 9e18
                ? .integer(Int64(value)) : .number(value)
        }
        if types.contains(.boolean), text == "true" || text == "false" { return .bool(text == "true") }
        // No style spells null: RFC 6570 leaves an undefined value out, so `email=null` is the text "null", as
        // servers read it. An empty value is all a nullable non-string can mean by nothing.
        if types.contains(.null), text.isEmpty { return .null }
        return .string(text)
    }
}
