import ConformSchema
import ConformSpec
import ConformTraffic
import ConformValues

/// Turns a message body into the JSON value its schema describes: JSON parsed, form and multipart bodies decoded
/// into objects, text as a string. What cannot be decoded is said, never passed in silence.
struct BodyDecoder {
    let schemas: CompiledSchemas

    enum Decoded {
        case value(JSONValue)
        /// The body cannot be checked against a schema (binary, an unknown media type): a `not-validated` note.
        case notChecked(String)
        /// The body claims a format it does not have (JSON that does not parse): a finding.
        case malformed(String)
    }

    /// `contentType` is the message's Content-Type header (with parameters, for the multipart boundary).
    func decode(_ body: HTTPBody, contentType: String, media: MediaType, schema: SchemaID?) -> Decoded {
        let essence = MediaTypeName.essence(contentType)
        if case .json(let value) = body {
            return .value(value)
        }
        guard case .bytes(let bytes) = body else { return .value(.null) }
        if MediaTypeName.isJSON(essence) || (essence.isEmpty && MediaTypeName.isJSON(media.name)) {
            do {
                return .value(try JSONReader.parse(bytes, path: "body"))
            } catch {
                return .malformed("the body is not valid JSON: \(error.message) (line \(error.location.line), column \(error.location.column))")
            }
        }
        if essence == "application/x-www-form-urlencoded" {
            let text = String(decoding: bytes, as: UTF8.self)
            let pairs = RequestURL("?" + text).queryPairs
            return .value(formObject(pairs.map { ($0.name, JSONValue.string($0.value)) }, schema: schema))
        }
        if essence == "multipart/form-data" {
            guard let boundary = MultipartBody.boundary(in: contentType) else {
                return .malformed("a multipart/form-data body needs a boundary parameter in its Content-Type")
            }
            guard let parts = MultipartBody.parts(bytes, boundary: boundary) else {
                return .malformed("the multipart body does not follow its boundary '\(boundary)'")
            }
            return .value(multipartObject(parts, media: media, schema: schema))
        }
        if essence.hasPrefix("text/"), schema != nil {
            return .value(.string(String(decoding: bytes, as: UTF8.self)))
        }
        let what = essence.isEmpty ? "body without a media type" : essence + " body"
        let article = what.first.map { "aeiou".contains($0) } == true ? "an" : "a"
        return .notChecked("\(article) \(what) is checked for presence only")
    }

    /// Form fields as an object; a field sent twice becomes an array, values coerced to the property's type.
    private func formObject(_ fields: [(String, JSONValue)], schema: SchemaID?) -> JSONValue {
        let shape = schema.map(schemas.shape(of:)) ?? SchemaShape()
        var grouped: [(String, [JSONValue])] = []
        for (name, value) in fields {
            if let index = grouped.firstIndex(where: { $0.0 == name }) {
                grouped[index].1.append(value)
            } else {
                grouped.append((name, [value]))
            }
        }
        var object = JSONObject()
        for (name, values) in grouped {
            let property = shape.properties[name] ?? shape.additionalProperties
            let propertyShape = property.map(schemas.shape(of:))
            let coerced = values.map { value -> JSONValue in
                guard case .string(let text) = value else { return value }
                return schemas.coerce(text, to: propertyShape?.isArray == true ? propertyShape?.items : property)
            }
            if coerced.count == 1, case .array = coerced[0] {
                // One part holding a JSON array is the property's whole value, not one item of it.
                object[name] = coerced[0]
            } else {
                object[name] = propertyShape?.isArray == true || coerced.count > 1 ? .array(coerced) : coerced[0]
            }
        }
        return .object(object)
    }

    private func multipartObject(_ parts: [MultipartBody.Part], media: MediaType, schema: SchemaID?) -> JSONValue {
        var fields: [(String, JSONValue)] = []
        for part in parts {
            guard let name = part.name else { continue }
            let declared = media.encoding.first { $0.property == name }?.contentType
            let partType = MediaTypeName.essence(part.contentType ?? declared ?? "text/plain")
            if MediaTypeName.isJSON(partType), let value = try? JSONReader.parse(part.body) {
                fields.append((name, value))
            } else if part.filename != nil || !partType.hasPrefix("text/") {
                // File content: a schema says `format: binary`; the value stands for the bytes.
                fields.append((name, .string(String(decoding: part.body.prefix(64), as: UTF8.self))))
            } else {
                fields.append((name, .string(String(decoding: part.body, as: UTF8.self))))
            }
        }
        return formObject(fields, schema: schema)
    }
}
