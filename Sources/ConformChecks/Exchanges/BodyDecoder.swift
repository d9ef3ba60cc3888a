import ConformSchema
import ConformSpec
import ConformTraffic
@_spi(Tape) import ConformValues

/// Turns a message body into the JSON value its schema describes: JSON parsed, form and multipart bodies decoded
/// into objects, text as a string. What cannot be decoded is said, never passed in silence.
struct BodyDecoder {
    let schemas: CompiledSchemas
    /// Whether an Encoding Object's `style` and `explode` apply to multipart parts as well as to form bodies:
    /// OpenAPI 3.1 says they do, 3.0 that they are ignored there.
    var stylesApplyToMultipart = false
    /// The exchange's pattern budget (see `StyleDecoder.budget`).
    var budget: PatternBudget?

    enum Decoded {
        /// The value, laid out as the tape validation reads (a JSON body is parsed straight into it).
        case value(JSONTape)
        /// A multipart body's value, and its parts, whose headers the Encoding Object may describe.
        case multipart(JSONValue, parts: [MultipartBody.Part])
        /// The body cannot be checked against a schema (binary, an unknown media type): a `not-validated` note.
        case notChecked(String)
        /// The body claims a format it does not have (JSON that does not parse): a finding.
        case malformed(String)
    }

    /// `contentType` is the message's Content-Type header (with parameters, for the multipart boundary).
    func decode(_ body: HTTPBody, contentType: String, media: MediaType, schema: SchemaID?) -> Decoded {
        switch body {
        case .json(let value): return .value(JSONTape(value))
        case .recordedJSON(let recorded): return .value(recorded.tape)
        case .none, .bytes: break
        }
        guard case .bytes(let bytes) = body else { return .value(JSONTape(.null)) }
        let essence = MediaTypeName.essence(contentType)
        if MediaTypeName.isJSON(essence) || (essence.isEmpty && MediaTypeName.isJSON(media.name)) {
            do {
                return .value(try JSONTape.parse(bytes, path: "body"))
            } catch {
                return .malformed("the body is not valid JSON: \(error.message) (line \(error.location.line), column \(error.location.column))")
            }
        }
        let styles = StyleDecoder(schemas: schemas, budget: budget)
        if essence == "application/x-www-form-urlencoded" {
            return .value(JSONTape(formObject(Substring(String(decoding: bytes, as: UTF8.self)), media: media, schema: schema)))
        }
        if essence == "multipart/form-data" {
            guard let boundary = MultipartBody.boundary(in: contentType) else {
                return .malformed("a multipart/form-data body needs a boundary parameter in its Content-Type")
            }
            guard let parts = MultipartBody.parts(bytes, boundary: boundary) else {
                return .malformed("the multipart body does not follow its boundary '\(boundary)'")
            }
            let shape = styles.shape(schema)
            let fields = parts.compactMap { part -> (name: String, value: FieldValue)? in
                guard let name = part.name else { return nil }
                let encoding = media.encoding.first { $0.property == name }
                return (name, partValue(part, declared: encoding?.contentType, property: shape.properties[name] ?? shape.additionalProperties))
            }
            let fieldsDecoder = FormFields(styles: styles, encodings: media.encoding, body: .multipart(styled: stylesApplyToMultipart))
            return .multipart(fieldsDecoder.object(fields, schema: schema), parts: parts)
        }
        if essence.hasPrefix("text/"), let schema {
            // Text is a string. A schema that admits no string (an object schema copied to `text/html` beside
            // `application/json`, as generated descriptions do) cannot describe it: said, not failed.
            let types = schemas.shape(of: schema).types
            if !types.isEmpty, !types.contains(.string) {
                let kinds = types.names.sorted().joined(separator: " or ")
                return .notChecked("a \(essence) body is text, which its \(kinds) schema cannot describe; it is checked for presence only")
            }
            return .value(JSONTape(.string(String(decoding: bytes, as: UTF8.self))))
        }
        let what = essence.isEmpty ? "body without a media type" : essence + " body"
        let article = what.first.map { "aeiou".contains($0) } == true ? "an" : "a"
        return .notChecked("\(article) \(what) is checked for presence only")
    }

    /// A form-encoded text (a body, or a 3.2 querystring parameter's query string) as the object its schema
    /// describes, each field by the media type's Encoding Object.
    func formObject(_ text: Substring, media: MediaType, schema: SchemaID?) -> JSONValue {
        let fields = QueryPair.pairs(in: text).map { pair in
            (name: pair.name, value: FieldValue.text(SentText(pair.rawValue, escaping: .form)))
        }
        return FormFields(styles: StyleDecoder(schemas: schemas, budget: budget), encodings: media.encoding, body: .form).object(fields, schema: schema)
    }

    /// A part read by its own Content-Type, else its encoding's `contentType`, else OpenAPI's default for the
    /// property ("Special Considerations for multipart Content": JSON for an object or an array of objects,
    /// text for primitives). JSON that parses is the value; a file stands for its bytes; text is coerced later.
    private func partValue(_ part: MultipartBody.Part, declared: String?, property: SchemaID?) -> FieldValue {
        let partType = part.contentType.map(MediaTypeName.essence) ?? declared.map(FormFields.firstMediaType) ?? schemas.defaultPartType(of: property)
        let isJSON = MediaTypeName.isJSON(partType)
        if isJSON, let value = try? JSONReader.parse(part.body) {
            return .json(value)
        }
        if part.filename != nil || !(isJSON || partType.hasPrefix("text/")) {
            // File content: a schema says `format: binary`; the value stands for the bytes.
            return .json(.string(String(decoding: part.body.prefix(64), as: UTF8.self)))
        }
        return .text(.plain(String(decoding: part.body, as: UTF8.self)))
    }
}
