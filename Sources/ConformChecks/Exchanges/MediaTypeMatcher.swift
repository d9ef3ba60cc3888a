import ConformSpec
import ConformTraffic

/// Matches a message's Content-Type to a documented media type: exact (parameters ignored), then ranges such as
/// `application/*`, then `*/*`.
enum MediaTypeMatcher {
    static func match(_ contentType: String, in content: [MediaType]) -> MediaType? {
        let essence = MediaTypeName.essence(contentType)
        if let exact = content.first(where: { MediaTypeName.hasEssence($0.name, essence) }) { return exact }
        let range = (essence.split(separator: "/").first.map(String.init) ?? "") + "/*"
        if let match = content.first(where: { MediaTypeName.hasEssence($0.name, range) }) { return match }
        return content.first { MediaTypeName.hasEssence($0.name, "*/*") }
    }
}
