import ConformTraffic
import ConformValues

/// Picks the documented media type an `Accept` header prefers (RFC 9110, section 12.5.1): the highest quality,
/// then the most specific range that gives it, then the description's order. A documented range (`*/*`,
/// `application/*`) is answered with a concrete type within it.
enum AcceptNegotiation {
    struct Range: Equatable {
        var type: String
        var subtype: String
        var quality: Double

        /// How specific the range is: `*/*` 0, `text/*` 1, `text/plain` 2.
        var specificity: Int { type == "*" ? 0 : subtype == "*" ? 1 : 2 }

        func matches(_ essence: String) -> Bool {
            let parts = essence.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { return false }
            return (type == "*" || type == parts[0]) && (subtype == "*" || subtype == parts[1])
        }
    }

    /// The ranges of an `Accept` value; a range without `q` has quality 1, and malformed ones are skipped.
    static func ranges(_ accept: String) -> [Range] {
        accept.split(separator: ",").compactMap { item in
            let pieces = item.split(separator: ";").map { $0.trimmingCharacters(in: [" ", "\t"]) }
            guard let first = pieces.first else { return nil }
            let essence = first.lowercased().split(separator: "/", maxSplits: 1).map(String.init)
            guard essence.count == 2, !essence[0].isEmpty, !essence[1].isEmpty else { return nil }
            var quality = 1.0
            for parameter in pieces.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: [" ", "\t"]) }
                if pair.count == 2, pair[0].lowercased() == "q", let value = Double(pair[1]) { quality = min(max(value, 0), 1) }
            }
            return Range(type: essence[0], subtype: essence[1], quality: quality)
        }
    }

    /// The index of the documented type to answer with, and the concrete type to send; nil when the client
    /// accepts none of them (406). Without `Accept`, the first JSON type, else the first.
    static func choose(_ documented: [String], accept: String?) -> (index: Int, contentType: String)? {
        guard !documented.isEmpty else { return nil }
        guard let accept, !accept.trimmingCharacters(in: [" ", "\t"]).isEmpty else {
            let index = documented.firstIndex { MediaTypeName.isJSON($0) } ?? 0
            return (index, concrete(documented[index], within: nil))
        }
        let ranges = ranges(accept)
        var best: (index: Int, quality: Double, specificity: Int, contentType: String)?
        for (index, name) in documented.enumerated() {
            let essence = MediaTypeName.essence(name)
            for range in ranges where range.quality > 0 {
                // A documented range is answered with the concrete type the client names within it.
                let sent: String
                if range.matches(essence) {
                    sent = concrete(name, within: range)
                } else if let documentedRange = Range.documented(essence), range.specificity == 2, documentedRange.matches("\(range.type)/\(range.subtype)") {
                    sent = "\(range.type)/\(range.subtype)"
                } else {
                    continue
                }
                let better = best.map { range.quality > $0.quality || (range.quality == $0.quality && range.specificity > $0.specificity) } ?? true
                if better { best = (index, range.quality, range.specificity, sent) }
            }
        }
        return best.map { ($0.index, $0.contentType) }
    }

    /// A concrete type for a documented name: itself, or for a range the type the client's range names, else JSON
    /// for `*/*` and `application/*`, `text/plain` for `text/*`, `…/octet-stream` otherwise.
    static func concrete(_ documented: String, within range: Range?) -> String {
        let essence = MediaTypeName.essence(documented)
        guard essence.hasSuffix("/*") else { return documented }
        if let range, range.specificity == 2 { return "\(range.type)/\(range.subtype)" }
        switch essence {
        case "*/*", "application/*": return "application/json"
        case "text/*": return "text/plain"
        default: return essence.dropLast(2) + "/octet-stream"
        }
    }
}

extension AcceptNegotiation.Range {
    /// A documented name read as a range, when it is one (`application/*`).
    static func documented(_ essence: String) -> AcceptNegotiation.Range? {
        let parts = essence.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, parts[0] == "*" || parts[1] == "*" else { return nil }
        return AcceptNegotiation.Range(type: parts[0], subtype: parts[1], quality: 1)
    }
}
