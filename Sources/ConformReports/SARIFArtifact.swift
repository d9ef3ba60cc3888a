import ConformValues

/// Where a SARIF log says a file is. A path inside the directory the run started in is a URI relative to the base
/// id `%SRCROOT%`, which the run's `originalUriBaseIds` defines as that directory: code-scanning services resolve
/// it against their checkout, so a description given by an absolute path (`$GITHUB_WORKSPACE/specs/api.yaml`)
/// still maps to the repository's file. A path outside it is an absolute `file://` URI, which takes no base id
/// (SARIF allows a base id only on a relative reference).
struct SARIFArtifact {
    static let baseID = "%SRCROOT%"

    /// The absolute directory relative paths start from; nil when the report shows paths as given.
    let root: String?

    /// `{"uri": "specs/api.yaml", "uriBaseId": "%SRCROOT%"}` or `{"uri": "file:///elsewhere/api.yaml"}`.
    func location(_ path: String) -> JSONValue {
        if let relative = relativePath(path) {
            return .object(JSONObject([("uri", .string(Self.encode(relative))), ("uriBaseId", .string(Self.baseID))]))
        }
        return .object(JSONObject([("uri", .string("file://" + Self.encode(absolutePath(path))))]))
    }

    /// `{"%SRCROOT%": {"uri": "file:///work/repo/"}}`, or nil without a root.
    var originalURIBaseIDs: JSONValue? {
        guard let root else { return nil }
        let uri = "file://" + Self.encode(root.hasSuffix("/") ? root : root + "/")
        return .object(JSONObject([(Self.baseID, .object(JSONObject([("uri", .string(uri))])))]))
    }

    /// The path relative to the root, without `.` or `..` segments; nil when it lies outside the root.
    func relativePath(_ path: String) -> String? {
        if path.hasPrefix("/") {
            guard let root else { return nil }
            let base = root.hasSuffix("/") ? String(root.dropLast()) : root
            guard path.hasPrefix(base + "/") else { return nil }
            return Self.normalized(String(path.dropFirst(base.count + 1)))
        }
        return Self.normalized(path)
    }

    private func absolutePath(_ path: String) -> String {
        guard !path.hasPrefix("/"), let root else { return path }
        return Self.normalized(root + "/" + path) ?? path
    }

    /// `a/./b/../c` → `a/c`; nil when `..` climbs above the start of a relative path.
    static func normalized(_ path: String) -> String? {
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..":
                guard !segments.isEmpty else { return path.hasPrefix("/") ? "/" : nil }
                segments.removeLast()
            default: segments.append(segment)
            }
        }
        return (path.hasPrefix("/") ? "/" : "") + segments.joined(separator: "/")
    }

    /// A path as a URI path: characters outside RFC 3986's path set percent-encoded.
    static func encode(_ path: String) -> String {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/!$&'()*+,;=:@".utf8)
        var encoded = ""
        for byte in path.utf8 {
            if allowed.contains(byte) {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return encoded
    }
}
