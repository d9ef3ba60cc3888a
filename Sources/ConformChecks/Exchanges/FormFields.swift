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
        let spread = spreadObjects(names: names, trees: trees, shape: shape)
        var object = JSONObject()
        for name in names {
            guard let tree = trees[name] else { continue }
            if let owner = spread.owners[name] {
                if object[owner] == nil { object[owner] = spread.objects[owner] }
                continue
            }
            let property = shape.properties[name] ?? shape.additionalProperties
            object[name] = tree.members.isEmpty
                ? plain(tree.values, property: property, encoding: encodings.first { $0.property == name })
                : styles.value(of: tree, schema: property)
        }
        return .object(object)
    }

    /// Object properties a form body spreads over names of their own: OpenAPI's default encoding of a property is
    /// form with explode, which writes an object `{clientId: "c1", deviceId: "d1"}` as `clientId=c1&deviceId=d1`
    /// (as Swagger UI sends it), the way an exploded form query parameter is read. A property sent under its own
    /// name or with brackets is not spread; a name the body's schema has itself stays the body's; the first
    /// property (by name) to have a name takes it. The owner of each name taken, and each spread object.
    private func spreadObjects(
        names: [String], trees: [String: FormTree], shape: SchemaShape
    ) -> (owners: [String: String], objects: [String: JSONValue]) {
        // Only names the body's schema does not have can belong to a spread object: most bodies have none.
        let strays = names.filter { shape.properties[$0] == nil && trees[$0]?.members.isEmpty == true }
        guard case .form = body, !strays.isEmpty else { return ([:], [:]) }
        var owners: [String: String] = [:]
        var objects: [String: JSONValue] = [:]
        for (property, schema) in shape.properties.sorted(by: { $0.key < $1.key }) where trees[property] == nil {
            let encoding = encodings.first { $0.property == property }
            let style = encoding?.style ?? .form
            guard style == .form, encoding?.explode ?? true else { continue }
            let inner = styles.shape(schema)
            guard inner.isObject, !inner.properties.isEmpty else { continue }
            var members = JSONObject()
            for name in strays where owners[name] == nil {
                guard let member = inner.properties[name], let tree = trees[name] else { continue }
                members[name] = plain(tree.values, property: member, encoding: nil)
                owners[name] = property
            }
            if !members.isEmpty { objects[property] = .object(members) }
        }
        return (owners, objects)
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
