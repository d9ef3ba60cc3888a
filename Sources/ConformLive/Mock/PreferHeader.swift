/// What a client asks of the mock in `Prefer` (RFC 7240), in the tokens Prism's users already write:
/// `Prefer: code=404`, `Prefer: example=not-found`, `Prefer: dynamic=true`, comma-separated or in several headers.
struct PreferHeader: Sendable, Equatable {
    /// The documented status to answer with.
    var code: Int?
    /// The named example (a media type's `examples` entry) to answer with.
    var example: String?
    /// Generate the body from the schema even where the description has an example.
    var dynamic = false

    init(code: Int? = nil, example: String? = nil, dynamic: Bool = false) {
        self.code = code
        self.example = example
        self.dynamic = dynamic
    }

    /// Reads every `Prefer` value; unknown preferences are ignored, as RFC 7240 asks of a server.
    init(_ values: [String]) {
        for value in values {
            for preference in value.split(separator: ",") {
                // A preference's own parameters follow `;`; none of these three has any.
                let token = preference.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
                let parts = token.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: [" ", "\t"]) }
                guard parts.count == 2 else { continue }
                let name = parts[0].lowercased()
                let text = parts[1].count >= 2 && parts[1].hasPrefix("\"") && parts[1].hasSuffix("\"") ? String(parts[1].dropFirst().dropLast()) : parts[1]
                switch name {
                case "code": code = Int(text)
                case "example": example = text
                case "dynamic": dynamic = text.lowercased() == "true"
                default: continue
                }
            }
        }
    }
}
