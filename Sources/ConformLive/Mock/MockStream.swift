import ConformChecks
import ConformSchema
import ConformSpec
import ConformTraffic
import ConformValues

/// The body the mock sends for a sequential media type that describes its items only (OpenAPI 3.2 `itemSchema`,
/// no `schema`): a few items generated from `itemSchema`, written one after the other in the media type's format,
/// so that the answer passes the item checks a recording of it goes through.
struct MockStream {
    /// Enough items to show the format repeats; a mock answer is not a stream that runs on.
    static let itemCount = 3
    /// The boundary of a `multipart/mixed` answer.
    static let boundary = "openapi-conform-mock"

    let contract: Contract

    /// Why no items can be made: the generator's located reason.
    struct Failure: Error {
        var reason: String
    }

    /// The body and the Content-Type it goes with (`multipart/mixed` needs its boundary).
    func body(
        for media: MediaType, format: SequenceFormat, contentType: String, itemSchema: SchemaID, seed: UInt64
    ) -> Result<(bytes: [UInt8], contentType: String), Failure> {
        var items: [JSONValue] = []
        for offset in 0..<Self.itemCount {
            var generator = ValueGenerator(schemas: contract.schemas.compiled, seed: seed &+ UInt64(offset))
            switch generator.valid(itemSchema, direction: .response) {
            case .success(let value): items.append(value)
            case .failure(let error): return .failure(Failure(reason: error.description))
            }
        }
        return .success(Self.write(items, media: media, format: format, contentType: contentType))
    }

    /// Items written one after the other in `format`, and the Content-Type they go with. Also the answer for a
    /// sequential media type described by a `schema` alone (OpenAPI 3.2 reads it as the array of the items).
    static func write(_ items: [JSONValue], media: MediaType, format: SequenceFormat, contentType: String) -> (bytes: [UInt8], contentType: String) {
        switch format {
        case .jsonLines:
            return (items.flatMap { Array(JSONWriter.string($0).utf8) + [0x0A] }, contentType)
        case .jsonSeq:
            return (items.flatMap { [0x1E] + Array(JSONWriter.string($0).utf8) + [0x0A] }, contentType)
        case .eventStream:
            return (items.flatMap(event), contentType)
        case .multipartMixed:
            let parts = items.enumerated().map { index, item in
                let encoding = index < media.prefixEncoding.count ? media.prefixEncoding[index] : media.itemEncoding
                let declared = encoding?.contentType.map { String($0.split(separator: ",")[0]).trimmingASCIISpaces() }
                let text = declared.map { MediaTypeName.essence($0).hasPrefix("text/") } ?? false
                return MultipartBody.Part(
                    name: nil, contentType: declared ?? "application/json",
                    body: text ? Array((item.stringValue ?? JSONWriter.string(item)).utf8) : Array(JSONWriter.string(item).utf8))
            }
            return (MultipartBody.build(parts, boundary: boundary, formData: false), "multipart/mixed; boundary=\(boundary)")
        }
    }

    /// One server-sent event from the object OpenAPI 3.2 models it as (section 4.14.4): `data` split into `data:`
    /// lines, `event`, `id` and `retry` one line each, then the blank line that dispatches it. Fields other than
    /// these four cannot be sent, and a generated value that is not a string is sent as its JSON text.
    static func event(_ item: JSONValue) -> [UInt8] {
        var text = ""
        let fields = item.objectValue
        func line(_ name: String) {
            guard let value = fields?[name] else { return }
            let string = value.stringValue ?? JSONWriter.string(value)
            let lines = name == "data" ? string.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) : [string]
            for part in lines { text += "\(name): \(part)\n" }
        }
        for name in ["event", "id", "retry", "data"] { line(name) }
        // An event without fields would be no event at all; a comment keeps its place visible.
        return Array((text.isEmpty ? ": event without fields\n\n" : text + "\n").utf8)
    }
}
