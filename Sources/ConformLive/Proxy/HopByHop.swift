/// The header fields that describe one connection, not the message (RFC 9110 §7.6.1): a proxy removes them, and
/// every field the `Connection` header names, before forwarding in either direction.
enum HopByHop {
    static let fields: Set<String> = [
        "connection", "proxy-connection", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade",
        "proxy-authenticate", "proxy-authorization",
    ]

    /// `headers` without hop-by-hop fields and without the ones `Connection` names.
    static func removed(from headers: [(name: String, value: String)]) -> [(name: String, value: String)] {
        var named = fields
        for field in headers where field.name.lowercased() == "connection" {
            for option in field.value.split(separator: ",") {
                named.insert(option.trimmingCharacters(in: .whitespaces).lowercased())
            }
        }
        return headers.filter { !named.contains($0.name.lowercased()) }
    }
}
