import ConformSpec
import ConformTraffic
import ConformValues

/// Matches a message's Content-Type to a documented media type: exact (parameters ignored), then ranges such as
/// `application/*`, then `*/*`.
enum MediaTypeMatcher {
    /// The position in `names` (a `content` map's keys, in order) of the media type a Content-Type selects.
    static func index(_ contentType: String, in names: [String]) -> Int? {
        if let exact = names.firstIndex(where: { MediaTypeName.sameEssence($0, contentType) }) { return exact }
        let essence = MediaTypeName.essence(contentType)
        let range = (essence.split(separator: "/").first.map(String.init) ?? "") + "/*"
        if let match = names.firstIndex(where: { MediaTypeName.sameEssence($0, range) }) { return match }
        return names.firstIndex { MediaTypeName.sameEssence($0, "*/*") }
    }
}
