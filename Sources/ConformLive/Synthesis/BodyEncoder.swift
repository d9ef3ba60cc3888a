import ConformChecks
import ConformSpec
import ConformTraffic
import ConformValues
import Foundation

/// A request body's bytes and Content-Type for a media type: JSON for JSON types; form fields for
/// `application/x-www-form-urlencoded` (nested objects as bracketed names, arrays as repeated names, as
/// Stripe-style clients send them); one part per property for `multipart/form-data`, files as files; a string as
/// itself otherwise.
enum BodyEncoder {
    static let boundary = "openapi-conform-7d41b2"

    /// `schemas` tell which multipart properties are files (`CompiledSchemas.fileMediaType(of:)`).
    static func encode(_ value: JSONValue, as media: MediaType, schemas: SpecSchemas) -> (contentType: String, bytes: [UInt8]) {
        let essence = MediaTypeName.essence(media.name)
        if MediaTypeName.isJSON(essence) || essence == "*/*" || essence == "application/*" {
            return (essence.hasSuffix("*") ? "application/json" : media.name, Array(JSONWriter.string(value).utf8))
        }
        switch essence {
        case "application/x-www-form-urlencoded":
            return (media.name, Array(formFields(value).joined(separator: "&").utf8))
        case "multipart/form-data":
            return ("multipart/form-data; boundary=\(boundary)", multipart(value, encodings: media.encoding, plan: PartPlan(media, schemas: schemas)))
        default:
            return (media.name, bytes(value, as: media.name))
        }
    }

    /// The bytes of a body of `contentType` when no Encoding Object applies: JSON for JSON types, form fields for
    /// `application/x-www-form-urlencoded`, a string as itself, anything else as JSON text.
    static func bytes(_ value: JSONValue, as contentType: String) -> [UInt8] {
        let essence = MediaTypeName.essence(contentType)
        if MediaTypeName.isJSON(essence) { return Array(JSONWriter.string(value).utf8) }
        if essence == "application/x-www-form-urlencoded" { return Array(formFields(value).joined(separator: "&").utf8) }
        if case .string(let text) = value { return Array(text.utf8) }
        return Array(JSONWriter.string(value).utf8)
    }

    /// `name=value` pairs, percent-encoded, nested objects as `a[b]=…` and arrays as repeated names. Null is left
    /// out (RFC 6570's undefined): `name=null` would send the text "null".
    static func formFields(_ value: JSONValue, prefix: String? = nil) -> [String] {
        switch value {
        case .null:
            return []
        case .object(let object):
            return object.members.flatMap { member in
                let name = prefix.map { "\($0)[\(member.0)]" } ?? member.0
                return formFields(member.1, prefix: name)
            }
        case .array(let items):
            guard let prefix else { return [] }
            return items.flatMap { item -> [String] in
                if case .object = item { return formFields(item, prefix: prefix + "[]") }
                return ["\(ParameterEncoder.encode(prefix, reserved: false))=\(ParameterEncoder.encode(ParameterEncoder.text(item), reserved: false))"]
            }
        default:
            guard let prefix else { return [] }
            return ["\(ParameterEncoder.encode(prefix, reserved: false))=\(ParameterEncoder.encode(ParameterEncoder.text(value), reserved: false))"]
        }
    }

    /// What the schema of a multipart body says of its parts, read from its properties' shapes once.
    private struct PartPlan {
        /// The media type of each property that is a file (`CompiledSchemas.fileMediaType(of:)`).
        var files: [String: String] = [:]
        /// Each property's default part type (`CompiledSchemas.defaultPartType(of:)`).
        var types: [String: String] = [:]
        /// The default part type of a member the schema does not name (`additionalProperties`).
        var otherType: String?

        init(_ media: MediaType, schemas: SpecSchemas) {
            guard let schema = media.schema.flatMap(schemas.schema(at:)) else { return }
            let shape = schemas.compiled.shape(of: schema)
            files = shape.properties.compactMapValues(schemas.compiled.fileMediaType(of:))
            types = shape.properties.mapValues { schemas.compiled.defaultPartType(of: $0) }
            otherType = shape.additionalProperties.map { schemas.compiled.defaultPartType(of: $0) }
        }
    }

    /// One part per property (one per item of an array), written by `MultipartBody.build`, the writer recordings'
    /// fields are rebuilt with: each value in its property's part type (`PartPlan`: text for strings, numbers and
    /// booleans, JSON for objects; a member the schema says nothing of by the value's kind), a file as a file named
    /// after its property (`Content-Disposition: form-data; name="file"; filename="file"`, its schema's media type),
    /// as browsers and HTTP clients send an upload; an Encoding Object's `contentType` names the part's type.
    private static func multipart(_ value: JSONValue, encodings: [Encoding], plan: PartPlan) -> [UInt8] {
        var parts: [MultipartBody.Part] = []
        for (name, member) in value.objectValue?.members ?? zip([], []) {
            let values: [JSONValue] = if case .array(let items) = member { items } else { [member] }
            let declared = encodings.first { $0.property == name }?.contentType?.split(separator: ",").first.map { String($0).trimmingCharacters(in: .whitespaces) }
            for part in values where part != .null || declared.map(MediaTypeName.isJSON) == true {
                let isText: Bool = if case .string = part { true } else { false }
                let file = plan.files[name]
                let type = declared ?? file ?? plan.types[name] ?? plan.otherType ?? (isText ? "text/plain" : "application/json")
                let body = MediaTypeName.isJSON(type) ? JSONWriter.string(part) : ParameterEncoder.text(part)
                parts.append(MultipartBody.Part(name: name, filename: file == nil ? nil : name, contentType: type, body: Array(body.utf8)))
            }
        }
        return MultipartBody.build(parts, boundary: boundary)
    }
}
