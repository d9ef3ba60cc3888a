import ConformSpec
import ConformTraffic

/// Matches a message's Content-Type to a documented media type: exact (parameters ignored), then ranges such as
/// `application/*`, then `*/*`.
enum MediaTypeMatcher {
    /// The position in `content` of the media type a Content-Type selects.
    static func index(_ contentType: String, in content: [MediaType]) -> Int? {
        if let exact = content.firstIndex(where: { MediaTypeName.sameEssence($0.name, contentType) }) { return exact }
        let essence = MediaTypeName.essence(contentType)
        let range = (essence.split(separator: "/").first.map(String.init) ?? "") + "/*"
        if let match = content.firstIndex(where: { MediaTypeName.sameEssence($0.name, range) }) { return match }
        return content.firstIndex { MediaTypeName.sameEssence($0.name, "*/*") }
    }
}
