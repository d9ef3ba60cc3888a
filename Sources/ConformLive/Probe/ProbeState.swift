import ConformSpec
import ConformTraffic
import ConformValues

/// What earlier answers taught the probe: the id a create operation returned, to be used by the operations on the
/// item it created (`POST /companies` answers `{"id": "c1", …}` → `GET /companies/{companyId}` asks for `c1`), so
/// that reads, updates and deletes reach something that exists.
struct ProbeState {
    /// The id last created under each collection path (`/companies`).
    private var created: [String: String] = [:]

    /// Remembers the id of a 2xx answer to a POST on a collection.
    mutating func learn(from operation: ConformSpec.Operation, response: HTTPResponse) {
        guard operation.method.name.uppercased() == "POST", (200..<300).contains(response.status),
            case .bytes(let bytes) = response.body, let body = try? JSONReader.parse(bytes)
        else { return }
        if let id = Self.text(body["id"]) ?? Self.text(body["data"]?["id"]) {
            created[operation.path] = id
        }
    }

    /// Values for the path parameters of `operation` that name an item of a collection something was created in:
    /// `/companies/{companyId}/connections` takes the id created under `/companies`.
    func pathValues(for operation: ConformSpec.Operation) -> [String: String] {
        var values: [String: String] = [:]
        let segments = operation.path.split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() where segment.hasPrefix("{") && segment.hasSuffix("}") && index > 0 {
            let collection = segments[..<index].joined(separator: "/")
            if let id = created[collection] { values[String(segment.dropFirst().dropLast())] = id }
        }
        return values
    }

    private static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)?: return text.isEmpty ? nil : text
        case .integer(let number)?: return String(number)
        default: return nil
        }
    }
}
