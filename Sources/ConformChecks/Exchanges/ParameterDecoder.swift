import ConformSchema
import ConformSpec
import ConformTraffic
import ConformValues

/// Turns the text of a parameter, as serialized by its `style` and `explode`, into the JSON value its schema
/// describes: `id=3,4,5` → `[3, 4, 5]`, `color[R]=100&color[G]=200` → `{"R": 100, "G": 200}`, `;id=5` → `5`.
struct ParameterDecoder {
    let schemas: CompiledSchemas

    /// Where a parameter's value came from.
    enum Source {
        /// A path segment value (still style-encoded: `.a.b`, `;id=5`).
        case path(String)
        /// Every query pair, so exploded and deepObject parameters can collect theirs.
        case query([(name: String, value: String)])
        /// A header's value.
        case header(String)
        /// A cookie's value.
        case cookie(String)
    }

    func decode(_ parameter: Parameter, schema: SchemaID?, from source: Source) -> JSONValue? {
        if let media = parameter.content.first {
            return decodeContent(parameter, media: media, source: source)
        }
        let shape = schema.map(schemas.shape(of:)) ?? SchemaShape()
        switch source {
        case .path(let text):
            return decodeDelimited(unprefixed(text, parameter: parameter), parameter: parameter, shape: shape, schema: schema)
        case .header(let text), .cookie(let text):
            return decodeDelimited(text, parameter: parameter, shape: shape, schema: schema)
        case .query(let pairs):
            return decodeQuery(parameter, pairs: pairs, shape: shape, schema: schema)
        }
    }

    /// Query names a parameter accounts for (`color`, `color[R]`, exploded object properties).
    func claims(_ name: String, parameter: Parameter, schema: SchemaID?) -> Bool {
        if name == parameter.name { return true }
        if parameter.style == .deepObject, name.hasPrefix(parameter.name + "[") { return true }
        if parameter.style == .form, parameter.explode, let schema {
            let shape = schemas.shape(of: schema)
            if shape.isObject { return shape.properties[name] != nil || shape.additionalProperties != nil }
        }
        return false
    }

    // MARK: Styles

    /// Label (`.a.b`) and matrix (`;id=a,b`, `;id=a;id=b`) values lose their prefix; the rest is simple style.
    private func unprefixed(_ text: String, parameter: Parameter) -> String {
        switch parameter.style {
        case .label:
            return text.hasPrefix(".") ? String(text.dropFirst()) : text
        case .matrix:
            let prefix = ";\(parameter.name)="
            if parameter.explode {
                // `;id=3;id=4` → `3,4`; exploded objects `;R=1;G=2` → `R=1,G=2`; `;id` is the empty value (RFC 6570).
                return text.split(separator: ";").map { part in
                    if part == parameter.name { return "" }
                    return part.hasPrefix(parameter.name + "=") ? String(part.dropFirst(parameter.name.count + 1)) : String(part)
                }.joined(separator: ",")
            }
            if text.hasPrefix(prefix) { return String(text.dropFirst(prefix.count)) }
            return text == ";\(parameter.name)" ? "" : text
        default:
            return text
        }
    }

    private func separator(for parameter: Parameter) -> Character {
        switch parameter.style {
        case .label where parameter.explode: return "."
        case .spaceDelimited: return " "
        case .pipeDelimited: return "|"
        default: return ","
        }
    }

    /// Simple-style text: one value, a delimited array, or an object as `k,v,k,v` (or `k=v,k=v` exploded).
    private func decodeDelimited(_ text: String, parameter: Parameter, shape: SchemaShape, schema: SchemaID?) -> JSONValue {
        let delimiter = separator(for: parameter)
        if shape.isArray {
            guard !text.isEmpty else { return .array([]) }
            return .array(text.split(separator: delimiter, omittingEmptySubsequences: false).map { schemas.coerce(String($0), to: shape.items) })
        }
        if shape.isObject {
            let parts = text.split(separator: delimiter, omittingEmptySubsequences: false).map(String.init)
            var pairs: [(String, String)] = []
            if parameter.explode {
                for part in parts {
                    let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                    pairs.append((String(pieces[0]), pieces.count > 1 ? String(pieces[1]) : ""))
                }
            } else {
                var index = 0
                while index + 1 < parts.count {
                    pairs.append((parts[index], parts[index + 1]))
                    index += 2
                }
            }
            return object(pairs, shape: shape)
        }
        return schemas.coerce(text, to: schema)
    }

    private func decodeQuery(_ parameter: Parameter, pairs: [(name: String, value: String)], shape: SchemaShape, schema: SchemaID?) -> JSONValue? {
        if parameter.style == .deepObject {
            let prefix = parameter.name + "["
            let members = pairs.filter { $0.name.hasPrefix(prefix) && $0.name.hasSuffix("]") }.map { pair in
                (String(pair.name.dropFirst(prefix.count).dropLast()), pair.value)
            }
            return members.isEmpty ? nil : object(members, shape: shape)
        }
        if shape.isObject && parameter.style == .form && parameter.explode {
            let members = pairs.filter { shape.properties[$0.name] != nil || (shape.additionalProperties != nil && $0.name != parameter.name) }
            return members.isEmpty ? nil : object(members.map { ($0.name, $0.value) }, shape: shape)
        }
        let values = pairs.filter { $0.name == parameter.name }.map(\.value)
        guard !values.isEmpty else { return nil }
        if shape.isArray {
            if parameter.explode && parameter.style == .form {
                return .array(values.map { schemas.coerce($0, to: shape.items) })
            }
            return decodeDelimited(values[0], parameter: parameter, shape: shape, schema: schema)
        }
        if shape.isObject {
            return decodeDelimited(values[0], parameter: parameter, shape: shape, schema: schema)
        }
        // A scalar sent twice is itself a problem; the array makes validation say so.
        if values.count > 1 { return .array(values.map { schemas.coerce($0, to: schema) }) }
        return schemas.coerce(values[0], to: schema)
    }

    private func object(_ pairs: [(String, String)], shape: SchemaShape) -> JSONValue {
        var object = JSONObject()
        for (key, value) in pairs where object[key] == nil {
            object[key] = schemas.coerce(value, to: shape.properties[key] ?? shape.additionalProperties)
        }
        return .object(object)
    }

    /// A `content` parameter carries a serialized value (usually JSON) in one string.
    private func decodeContent(_ parameter: Parameter, media: MediaType, source: Source) -> JSONValue? {
        let text: String?
        switch source {
        case .path(let value), .header(let value), .cookie(let value): text = value
        case .query(let pairs): text = pairs.first { $0.name == parameter.name }?.value
        }
        guard let text else { return nil }
        if MediaTypeName.isJSON(media.name), let value = try? JSONReader.parse(Array(text.utf8)) {
            return value
        }
        return .string(text)
    }
}
