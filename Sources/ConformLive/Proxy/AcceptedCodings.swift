import ConformTraffic
import ConformValues

/// The `Accept-Encoding` the proxy sends on: the client's, without the codings the proxy cannot undo to check a
/// body (`br`, `zstd`). Browsers offer br first, and an API that takes it up would have every body passed
/// unchecked; offering less is an intermediary's right, and the client still gets a coding it accepts (or none).
enum AcceptedCodings {
    /// The field's value with undecodable codings left out; nil to send no field (identity) when nothing is left.
    static func checkable(_ value: String) -> String? {
        let kept = value.split(separator: ",").filter { item in
            let coding = item.split(separator: ";").first.map { $0.trimmingASCIISpaces().lowercased() } ?? ""
            return !undecodable.contains(coding)
        }.map { $0.trimmingASCIISpaces() }
        return kept.isEmpty ? nil : kept.joined(separator: ", ")
    }

    /// The fields with `Accept-Encoding` made checkable.
    static func checkable(_ fields: [(name: String, value: String)]) -> [(name: String, value: String)] {
        fields.compactMap { field in
            guard field.name.caseInsensitiveEquals("Accept-Encoding") else { return field }
            return checkable(field.value).map { (field.name, $0) }
        }
    }

    private static let undecodable: Set<String> = ["br", "zstd"]
}
