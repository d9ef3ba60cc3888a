/// RFC 3986 reference resolution (§5.2), enough for schema identifiers: `http(s):`, `file:`, `urn:` and
/// `tag:` bases, relative paths with dot segments, fragments. Foundation's `URL` mishandles URN bases and
/// percent-encodes fragments, so identifiers are resolved here on plain strings.
enum URIReference {
    struct Parts: Equatable {
        var scheme: String?
        var authority: String?
        var path: String
        var query: String?
        var fragment: String?

        var text: String {
            var result = ""
            if let scheme { result += scheme + ":" }
            if let authority { result += "//" + authority }
            result += path
            if let query { result += "?" + query }
            if let fragment { result += "#" + fragment }
            return result
        }
    }

    static func parse(_ text: String) -> Parts {
        var rest = Substring(text)
        var fragment: String?
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        var query: String?
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        }
        var scheme: String?
        if let colon = rest.firstIndex(of: ":") {
            let candidate = rest[..<colon]
            if let first = candidate.first, first.isLetter,
                candidate.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." })
            {
                scheme = String(candidate)
                rest = rest[rest.index(after: colon)...]
            }
        }
        var authority: String?
        if rest.hasPrefix("//") {
            let afterSlashes = rest.dropFirst(2)
            let end = afterSlashes.firstIndex(of: "/") ?? afterSlashes.endIndex
            authority = String(afterSlashes[..<end])
            rest = afterSlashes[end...]
        }
        return Parts(scheme: scheme, authority: authority, path: String(rest), query: query, fragment: fragment)
    }

    /// The absolute form of `reference` against `base` (which must be absolute).
    static func resolve(_ reference: String, against base: String) -> String {
        let ref = parse(reference)
        if ref.scheme != nil {
            var target = ref
            target.path = removeDotSegments(ref.path)
            return target.text
        }
        let basis = parse(base)
        var target = Parts(scheme: basis.scheme, authority: nil, path: "", query: nil, fragment: ref.fragment)
        if ref.authority != nil {
            target.authority = ref.authority
            target.path = removeDotSegments(ref.path)
            target.query = ref.query
        } else if ref.path.isEmpty {
            target.authority = basis.authority
            target.path = basis.path
            target.query = ref.query ?? basis.query
        } else {
            target.authority = basis.authority
            if ref.path.hasPrefix("/") {
                target.path = removeDotSegments(ref.path)
            } else {
                target.path = removeDotSegments(merge(basis, ref.path))
            }
            target.query = ref.query
        }
        return target.text
    }

    /// The URI without its fragment, and the fragment (nil when there is none).
    static func splitFragment(_ uri: String) -> (base: String, fragment: String?) {
        guard let hash = uri.firstIndex(of: "#") else { return (uri, nil) }
        return (String(uri[..<hash]), String(uri[uri.index(after: hash)...]))
    }

    private static func merge(_ base: Parts, _ path: String) -> String {
        if base.authority != nil && base.path.isEmpty { return "/" + path }
        guard let slash = base.path.lastIndex(of: "/") else { return path }
        return String(base.path[...slash]) + path
    }

    private static func removeDotSegments(_ path: String) -> String {
        guard path.contains(".") else { return path }
        var input = Substring(path)
        var output: [Substring] = []
        let absolute = input.hasPrefix("/")
        if absolute { input = input.dropFirst() }
        let segments = input.split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            switch segment {
            case ".":
                if isLast { output.append("") }
            case "..":
                if !output.isEmpty { output.removeLast() }
                if isLast { output.append("") }
            default:
                output.append(segment)
            }
        }
        return (absolute ? "/" : "") + output.joined(separator: "/")
    }
}
