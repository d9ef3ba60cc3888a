import ConformSchema
import ConformSpec
import ConformTraffic
import ConformValues

/// Turns the text of a parameter, as serialized by its `style` and `explode`, into the JSON value its schema
/// describes: `id=3,4,5` → `[3, 4, 5]`, `color[R]=100&color[G]=200` → `{"R": 100, "G": 200}`, `;id=5` → `5`.
/// The styles themselves are `StyleDecoder`'s, which form bodies share; this type knows where each parameter's
/// text is found and what its prefix must be.
struct ParameterDecoder {
    let schemas: CompiledSchemas
    /// The exchange's pattern budget (see `StyleDecoder.budget`).
    var budget: PatternBudget?
    private var styles: StyleDecoder { StyleDecoder(schemas: schemas, budget: budget) }

    /// Where a parameter's value came from.
    enum Source {
        /// A path value percent-decoded, still style-encoded (`.a.b`, `;id=5`): what the router gives when the raw
        /// path does not line up with the template.
        case path(String)
        /// A path value as sent, still percent-encoded, so the style splits it before decoding (`a%2Cb,c`).
        case rawPath(Substring)
        /// Every query pair, values as sent, so exploded and deepObject parameters can collect theirs.
        case query([QueryPair])
        /// A header's value.
        case header(String)
        /// A cookie's value.
        case cookie(String)
    }

    enum Decoded: Equatable {
        /// The parameter was not sent.
        case absent
        case value(JSONValue)
        /// The text is no serialization of the parameter's style; the reason completes a sentence that starts
        /// with the parameter ("path parameter 'id' …").
        case invalid(String)
        /// Sent in a form OpenAPI does not define for the style, so there is nothing to check it against; the
        /// reason completes a sentence that starts with the parameter.
        case notValidated(String)
    }

    func decode(_ parameter: Parameter, schema: SchemaID?, from source: Source) -> Decoded {
        if let media = parameter.content.first {
            return decodeContent(parameter, media: media, source: source)
        }
        switch source {
        case .path(let text):
            return decodePath(.plain(text), parameter: parameter, schema: schema)
        case .rawPath(let text):
            return decodePath(SentText(text, escaping: .percent), parameter: parameter, schema: schema)
        case .header(let text), .cookie(let text):
            return .value(delimited(.plain(text), style: parameter.style, explode: parameter.explode, schema: schema))
        case .query(let pairs):
            return decodeQuery(parameter, pairs: pairs, schema: schema)
        }
    }

    /// A header's value (a response's or a multipart part's): simple style, or its single `content` entry.
    func decode(_ header: Header, schema: SchemaID?, text: String) -> JSONValue {
        if let media = header.content.first { return contentValue(text, media: media) }
        return delimited(.plain(text), style: header.style, explode: header.explode, schema: schema)
    }

    /// Whether a query parameter was sent with nothing after its name (`?status=`, `?status`). Of the query
    /// styles only form has an empty value; OpenAPI's style table says "n/a" for spaceDelimited, pipeDelimited and
    /// deepObject, and has `allowEmptyValue` ignored for them.
    func isSentEmpty(_ parameter: Parameter, in pairs: [QueryPair]) -> Bool {
        guard parameter.location == .query, !parameter.content.isEmpty || parameter.style == .form else { return false }
        var sent = false
        for pair in pairs where pair.name == parameter.name {
            guard pair.rawValue.isEmpty else { return false }
            sent = true
        }
        return sent
    }

    /// Query names a parameter accounts for (`color`, `color[R]`, exploded object properties).
    func claims(_ name: String, parameter: Parameter, schema: SchemaID?) -> Bool {
        if name == parameter.name { return true }
        if parameter.style == .deepObject {
            let own = parameter.name.utf8
            return name.utf8.starts(with: own) && name.utf8.dropFirst(own.count).first == UInt8(ascii: "[")
        }
        if parameter.style == .form, parameter.explode, let schema {
            let shape = schemas.shape(of: schema)
            if shape.isObject { return shape.properties[name] != nil || shape.additionalProperties != nil }
        }
        return false
    }

    // MARK: Path styles

    /// Label values start with `.`, matrix values with `;name=` (`;name` alone is the empty value); a value without
    /// its prefix is no serialization of the style, whatever the schema would say of the rest.
    private func decodePath(_ text: SentText, parameter: Parameter, schema: SchemaID?) -> Decoded {
        switch parameter.style {
        case .label:
            guard let rest = text.dropping(".") else {
                return .invalid("is '\(text.text)', but label style needs a leading '.' (as in '.\(text.text)')")
            }
            return .value(delimited(rest, style: .label, explode: parameter.explode, schema: schema))
        case .matrix:
            return decodeMatrix(text, parameter: parameter, schema: schema)
        default:
            return .value(delimited(text, style: parameter.style, explode: parameter.explode, schema: schema))
        }
    }

    private func decodeMatrix(_ text: SentText, parameter: Parameter, schema: SchemaID?) -> Decoded {
        let name = parameter.name
        let example = text.text.utf8.first == UInt8(ascii: ";") ? "" : " (as in ';\(name)=\(text.text)')"
        let missing = Decoded.invalid("is '\(text.text)', but matrix style needs ';\(name)=' before the value\(example)")
        let shape = styles.shape(schema)
        if !parameter.explode {
            // `;id=3,4,5`, `;id=role,admin,firstName,Alex`; `;id` is the empty value (RFC 6570 §3.2.7).
            if text.reads(";" + name) { return .value(delimited(.plain(""), style: .matrix, explode: false, schema: schema)) }
            guard let rest = text.dropping(";\(name)=") else { return missing }
            return .value(delimited(rest, style: .matrix, explode: false, schema: schema))
        }
        guard let rest = text.dropping(";") else { return missing }
        if shape.isObject {
            // `;role=admin;firstName=Alex`: the members name themselves.
            return .value(styles.delimited(rest, delimiter: UInt8(ascii: ";"), explode: true, schema: schema))
        }
        // `;id=3;id=4;id=5`, each item under the parameter's name.
        var items: [SentText] = []
        for piece in rest.split(UInt8(ascii: ";")) {
            if piece.reads(name) {
                items.append(.plain(""))
            } else if let value = piece.dropping(name + "=") {
                items.append(value)
            } else {
                return .invalid("is '\(text.text)', but exploded matrix style needs ';\(name)=' before each value (as in ';\(name)=3;\(name)=4')")
            }
        }
        if shape.isArray { return .value(.array(items.map { styles.scalar($0, schema: shape.items) })) }
        return .value(items.count == 1 ? styles.scalar(items[0], schema: schema) : .array(items.map { styles.scalar($0, schema: schema) }))
    }

    private func delimited(_ text: SentText, style: ParameterStyle, explode: Bool, schema: SchemaID?) -> JSONValue {
        styles.delimited(text, delimiter: StyleDecoder.delimiter(style: style, explode: explode), explode: explode, schema: schema)
    }

    // MARK: Query styles

    private func decodeQuery(_ parameter: Parameter, pairs: [QueryPair], schema: SchemaID?) -> Decoded {
        if parameter.style == .deepObject {
            return decodeDeepObject(parameter, pairs: pairs, schema: schema)
        }
        let shape = styles.shape(schema)
        let nested = nestedStructure(shape).map { nested in
            Decoded.notValidated("holds \(nested), which the \(parameter.style.rawValue) style does not define; it is not checked")
        }
        if shape.isObject && parameter.style == .form && parameter.explode {
            let members = pairs.filter { shape.properties[$0.name] != nil || (shape.additionalProperties != nil && $0.name != parameter.name) }
            guard !members.isEmpty else { return .absent }
            if let nested { return nested }
            return .value(styles.object(members.map { ($0.name, SentText($0.rawValue, escaping: .form)) }, shape: shape))
        }
        if let nested { return pairs.contains { $0.name == parameter.name } ? nested : .absent }
        let values = pairs.filter { $0.name == parameter.name }.map { SentText($0.rawValue, escaping: .form) }
        return styles.values(values, style: parameter.style, explode: parameter.explode, schema: schema).map(Decoded.value) ?? .absent
    }

    /// What a parameter's schema nests that styles other than deepObject cannot write (OAS: the styles serialize
    /// primitives, arrays of primitives and objects of primitives): a list of objects or lists, or an object with a
    /// member that is one. Nil for what the styles define.
    private func nestedStructure(_ shape: SchemaShape) -> String? {
        func structured(_ schema: SchemaID?) -> Bool {
            guard let schema else { return false }
            let types = styles.shape(schema).types
            return !types.isEmpty && types.isSubset(of: [.object, .array])
        }
        if shape.isArray, structured(shape.items) { return "a list of objects or lists" }
        if shape.isObject, shape.properties.values.contains(where: structured) || structured(shape.additionalProperties) {
            return "an object with a member that is an object or a list"
        }
        return nil
    }

    /// `color[R]=100&color[G]=200` is an object; `expand[]=a` and `expand[0]=a` an array, for an array schema
    /// (Stripe's `expand`). Deeper keys (`filter[a][b]=x`) OpenAPI does not define for parameters: they are noted,
    /// never guessed at.
    private func decodeDeepObject(_ parameter: Parameter, pairs: [QueryPair], schema: SchemaID?) -> Decoded {
        var tree = FormTree()
        var nested: String?
        for pair in pairs where claims(pair.name, parameter: parameter, schema: schema) && pair.name != parameter.name {
            guard let (_, keys) = BracketName.split(pair.name) else { continue }
            if keys.count > 1, nested == nil { nested = pair.name }
            tree.insert(.text(SentText(pair.rawValue, escaping: .form)), at: keys[...])
        }
        if let nested {
            return .notValidated("has nested keys ('\(nested)'), which the deepObject style does not define; it is not checked")
        }
        return tree.members.isEmpty ? .absent : .value(styles.value(of: tree, schema: schema))
    }

    // MARK: Content parameters

    /// A `content` parameter carries a serialized value (usually JSON) in one string.
    private func decodeContent(_ parameter: Parameter, media: MediaType, source: Source) -> Decoded {
        let text: String?
        switch source {
        case .path(let value), .header(let value), .cookie(let value): text = value
        case .rawPath(let value): text = PercentDecoding.decode(value)
        case .query(let pairs): text = pairs.first { $0.name == parameter.name }?.value
        }
        return text.map { .value(contentValue($0, media: media)) } ?? .absent
    }

    private func contentValue(_ text: String, media: MediaType) -> JSONValue {
        if MediaTypeName.isJSON(media.name), let value = try? JSONReader.parse(Array(text.utf8)) {
            return value
        }
        return .string(text)
    }
}
