import ConformSchema
import ConformSpec
import ConformTraffic
import ConformValues

/// The parts of a `multipart/mixed` body as the items of a sequence (OpenAPI 3.2, "Encoding By Position": "modeled
/// as an array, with one item per part, in order"), each read by its own Content-Type, else by the Encoding Object
/// for its position (`prefixEncoding`, then `itemEncoding`), else by OpenAPI's default for the item schema.
struct MixedParts {
    let decoder: BodyDecoder

    struct Read {
        var items: [SequenceItem]
        /// Parts no schema can judge (an image, a PDF), named with their type: checked for presence only.
        var unchecked: [String]
    }

    /// Nil when the body does not follow its boundary.
    func read(_ bytes: [UInt8], contentType: String, media: MediaType, itemSchema: SchemaID?) -> Read? {
        guard let boundary = MultipartBody.boundary(in: contentType), let parts = MultipartBody.parts(bytes, boundary: boundary) else {
            return nil
        }
        var read = Read(items: [], unchecked: [])
        for (index, part) in parts.enumerated() {
            let label = "part \(index + 1)"
            let encoding = index < media.prefixEncoding.count ? media.prefixEncoding[index] : media.itemEncoding
            let type = part.contentType.map(MediaTypeName.essence)
                ?? encoding?.contentType.map(FormFields.firstMediaType)
                ?? decoder.schemas.defaultPartType(of: itemSchema)
            if MediaTypeName.isJSON(type) {
                do throws(LoadError) {
                    read.items.append(SequenceItem(index: index, label: label, content: .value(try JSONReader.parse(part.body))))
                } catch {
                    read.items.append(SequenceItem(index: index, label: label, content: .malformed("\(label) is not JSON: \(error.message)")))
                }
            } else if type.hasPrefix("text/") {
                read.items.append(SequenceItem(index: index, label: label, content: .value(.string(String(decoding: part.body, as: UTF8.self)))))
            } else {
                read.unchecked.append("\(label) (\(type))")
            }
        }
        return read
    }
}
