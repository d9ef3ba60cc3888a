import Foundation
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
        return .notChecked("a \(essence.isEmpty ? "body without a media type" : essence + " body") is checked for presence only")
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
            object[name] = propertyShape?.isArray == true || coerced.count > 1 ? .array(coerced) : coerced[0]
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

/// A `multipart/form-data` body split into its parts (RFC 7578).
enum MultipartBody {
    struct Part {
        var name: String?
        var filename: String?
        var contentType: String?
        var body: [UInt8]
    }

    static func boundary(in contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pieces = parameter.split(separator: "=", maxSplits: 1)
            guard pieces.count == 2, pieces[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else { continue }
            return pieces[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }

    static func parts(_ bytes: [UInt8], boundary: String) -> [Part]? {
        let delimiter = Array(("--" + boundary).utf8)
        var positions: [Int] = []
        var index = 0
        while index + delimiter.count <= bytes.count {
            if bytes[index] == delimiter[0], Array(bytes[index..<index + delimiter.count]) == delimiter {
                positions.append(index)
                index += delimiter.count
            } else {
                index += 1
            }
        }
        guard positions.count >= 2 else { return nil }
        var parts: [Part] = []
        for (start, end) in zip(positions, positions.dropFirst()) {
            var slice = Array(bytes[(start + delimiter.count)..<end])
            if slice.starts(with: [13, 10]) { slice.removeFirst(2) } else if slice.first == 10 { slice.removeFirst() }
            if slice.suffix(2) == [13, 10] { slice.removeLast(2) } else if slice.last == 10 { slice.removeLast() }
            parts.append(part(slice))
        }
        return parts
    }

    private static func part(_ bytes: [UInt8]) -> Part {
        var headerEnd = bytes.count
        var bodyStart = bytes.count
        for index in bytes.indices {
            if bytes[index...].starts(with: [13, 10, 13, 10]) { headerEnd = index; bodyStart = index + 4; break }
            if bytes[index...].starts(with: [10, 10]) { headerEnd = index; bodyStart = index + 2; break }
        }
        var result = Part(body: bodyStart <= bytes.count ? Array(bytes[bodyStart...]) : [])
        let headers = String(decoding: bytes[..<headerEnd], as: UTF8.self)
        for line in headers.split(whereSeparator: { $0 == "\r" || $0 == "\n" }) {
            let pieces = line.split(separator: ":", maxSplits: 1)
            guard pieces.count == 2 else { continue }
            let value = pieces[1].trimmingCharacters(in: .whitespaces)
            switch pieces[0].trimmingCharacters(in: .whitespaces).lowercased() {
            case "content-type":
                result.contentType = value
            case "content-disposition":
                for parameter in value.split(separator: ";").dropFirst() {
                    let pair = parameter.split(separator: "=", maxSplits: 1)
                    guard pair.count == 2 else { continue }
                    let text = pair[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                    switch pair[0].trimmingCharacters(in: .whitespaces).lowercased() {
                    case "name": result.name = text
                    case "filename": result.filename = text
                    default: break
                    }
                }
            default:
                break
            }
        }
        return result
    }
}
