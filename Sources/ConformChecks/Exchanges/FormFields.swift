import ConformSchema
import ConformSpec
import ConformTraffic
import ConformValues

/// The fields of a form or multipart body as the object its schema describes. Each property is read by its
/// Encoding Object's `style` and `explode` with the styles parameters use; without one, by OpenAPI's defaults
/// (form, explode true: a repeated name is an array). Bracketed names (`address[line1]`, `expand[]`,
/// `tax_id_data[0][type]`) nest, as the clients of Stripe-style APIs send them, whatever the style: deepObject
/// names one level of them and those clients write the rest.
struct FormFields {
    enum Body {
        case form
        /// `styled`: whether an Encoding Object's style applies to parts (OpenAPI 3.1) or is ignored (3.0).
        case multipart(styled: Bool)
    }

    let styles: StyleDecoder
    let encodings: [Encoding]
    let body: Body

    func object(_ fields: [(name: String, value: FieldValue)], schema: SchemaID?) -> JSONValue {
        let shape = styles.shape(schema)
        var names: [String] = []
        var trees: [String: FormTree] = [:]
        for (name, value) in fields {
            var base = name
            var keys: [String] = []
            // A property whose name has brackets in it is that property, not a nesting.
            if shape.properties[name] == nil, let bracketed = BracketName.split(name) {
                (base, keys) = bracketed
            }
            if trees[base] == nil {
                names.append(base)
                trees[base] = FormTree()
            }
            trees[base]?.insert(value, at: keys[...])
        }
        var object = JSONObject()
        for name in names {
            guard let tree = trees[name] else { continue }
            let property = shape.properties[name] ?? shape.additionalProperties
            object[name] = tree.members.isEmpty
                ? plain(tree.values, property: property, encoding: encodings.first { $0.property == name })
                : styles.value(of: tree, schema: property)
        }
        return .object(object)
    }

    /// Values sent under a property's own name, read by its style.
    private func plain(_ values: [FieldValue], property: SchemaID?, encoding: Encoding?) -> JSONValue {
        var texts: [SentText] = []
        for value in values {
            guard case .text(let text) = value else { return styles.leaf(values, schema: property) }
            texts.append(text)
        }
        if case .form = body, let json = stringifiedJSON(texts, property: property, encoding: encoding) {
            return json
        }
        var style = ParameterStyle.form
        var explode = true
        switch body {
        case .form, .multipart(styled: true):
            style = encoding?.style ?? .form
            explode = encoding?.explode ?? (style == .form)
        case .multipart(styled: false):
            break
        }
        return styles.values(texts, style: style, explode: explode, schema: property) ?? .null
    }

    /// A form field whose encoding names no style may carry JSON text: the Encoding Object's default content type
    /// for an object is `application/json`, and OpenAPI 3.0.3's form example stringifies its `address` object.
    /// Read so only when the encoding declares JSON, or the property is an object or array and the text is one.
    private func stringifiedJSON(_ texts: [SentText], property: SchemaID?, encoding: Encoding?) -> JSONValue? {
        guard texts.count == 1, encoding?.style == nil else { return nil }
        let declared = encoding?.contentType.map { MediaTypeName.isJSON(Self.firstMediaType($0)) } ?? false
        let shape = styles.shape(property)
        guard declared || shape.isObject || shape.isArray,
            let value = try? JSONReader.parse(Array(texts[0].decoded.utf8))
        else { return nil }
        if declared { return value }
        return (shape.isObject && value.objectValue != nil) || (shape.isArray && value.arrayValue != nil) ? value : nil
    }

    /// An Encoding Object's `contentType` may list several (`image/png, image/jpeg`); the first stands for them
    /// when deciding how to read a value.
    static func firstMediaType(_ list: String) -> String {
        let first = list.utf8.firstIndex(of: UInt8(ascii: ",")).map { String(list[..<$0]) } ?? list
        return MediaTypeName.essence(first)
    }
}
