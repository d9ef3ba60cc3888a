import ConformSpec
import ConformTraffic

/// Finds the operation a request was meant for: server (scheme, host, base path, variables), then path template
/// (concrete segments win over templated ones), then method.
package struct OperationRouter: Sendable {
    /// A matched request: the operation and the path parameter values taken from the URL.
    package struct Match: Sendable {
        package var operation: ConformSpec.Operation
        /// Raw (still style-encoded, percent-decoded) values by parameter name.
        package var pathValues: [String: String]
    }

    package enum Outcome: Sendable {
        case matched(Match)
        /// A path matched, but not for this method; the methods it does document.
        case methodNotAllowed(path: String, allowed: [String])
        /// No path matched; the base paths tried, for the message.
        case noPath(tried: [String])
        /// The path matched, but its Path Item is a `$ref` that leads nowhere.
        case unresolvedPath(path: String, UnresolvedReference)
    }

    private let routes: [Route]
    private let bases: [ServerBase]

    package init(document: OpenAPIDocument) {
        routes = document.paths.map(Route.init).sorted(by: Route.isMoreSpecific)
        var bases = document.servers.map(ServerBase.init)
        if bases.isEmpty { bases = [ServerBase(server: nil)] }
        self.bases = bases
    }

    package func route(method: String, url: String) -> Outcome {
        route(method: method, url: RequestURL(url))
    }

    func route(method: String, url request: RequestURL) -> Outcome {
        let segments = request.segments
        var pathMatches: [(route: Route, values: [String: String])] = []
        var tried: [String] = []
        for base in bases {
            tried.append(base.description)
            guard let remainder = base.strip(request, segments: segments) else { continue }
            for route in routes {
                if let values = route.match(remainder) { pathMatches.append((route, values)) }
            }
            if !pathMatches.isEmpty { break }
        }
        guard !pathMatches.isEmpty else { return .noPath(tried: tried) }
        let wanted = method.lowercased()
        for (route, values) in pathMatches {
            if let broken = route.item.unresolved { return .unresolvedPath(path: route.item.template, broken) }
            if let operation = route.item.operations.first(where: { $0.method.rawValue == wanted }) {
                return .matched(Match(operation: operation, pathValues: values))
            }
        }
        let first = pathMatches[0].route
        return .methodNotAllowed(path: first.item.template, allowed: first.item.operations.map(\.method.name))
    }
}

/// A server's base: the scheme and host it must match (when the recording has them) and its path prefix.
struct ServerBase: Sendable, CustomStringConvertible {
    let host: TemplateSegment?
    let pathSegments: [TemplateSegment]
    let description: String

    init(server: Server?) {
        guard let server else {
            host = nil
            pathSegments = []
            description = "/"
            return
        }
        // Substitute enum-less variables by templates; the URL keeps `{name}` where the value varies.
        let parsed = RequestURL(server.url)
        host = parsed.host.map { TemplateSegment($0, variables: server.variables) }
        pathSegments = parsed.path == "/" ? [] : parsed.path.split(separator: "/").map { TemplateSegment(String($0), variables: server.variables) }
        description = server.url
    }

    /// The request's path segments below this base, or nil when the base does not match.
    func strip(_ request: RequestURL, segments: [String]) -> [String]? {
        if let host, let requestHost = request.hostWithoutDefaultPort, host.match(requestHost) == nil {
            return nil
        }
        var segments = segments
        guard segments.count >= pathSegments.count else { return nil }
        for (index, segment) in pathSegments.enumerated() where segment.match(segments[index]) == nil {
            return nil
        }
        segments.removeFirst(pathSegments.count)
        return segments
    }
}

/// One path template, split into segments.
struct Route: Sendable {
    let item: PathItem
    let segments: [TemplateSegment]

    init(_ item: PathItem) {
        self.item = item
        var path = item.template.hasPrefix("/") ? String(item.template.dropFirst()) : item.template
        // A trailing slash on either side is not significant: `/orders/` and `/orders` name one resource.
        if path.hasSuffix("/") { path.removeLast() }
        segments = path.split(separator: "/", omittingEmptySubsequences: false).map { TemplateSegment(String($0), variables: []) }
    }

    func match(_ request: [String]) -> [String: String]? {
        var request = request
        if request.count == segments.count + 1, request.last == "" { request.removeLast() }
        guard request.count == segments.count else { return nil }
        var values: [String: String] = [:]
        for (segment, text) in zip(segments, request) {
            guard let captured = segment.match(text) else { return nil }
            values.merge(captured) { first, _ in first }
        }
        return values
    }

    /// Concrete segments before templated ones, left to right: `/pets/mine` wins over `/pets/{id}`.
    static func isMoreSpecific(_ lhs: Route, _ rhs: Route) -> Bool {
        for (left, right) in zip(lhs.segments, rhs.segments) where left.isLiteral != right.isLiteral {
            return left.isLiteral
        }
        return lhs.segments.filter(\.isLiteral).count > rhs.segments.filter(\.isLiteral).count
    }
}

/// A path or host segment that may hold `{variables}` among literal text (`{id}`, `v{version}`, `{file}.json`).
struct TemplateSegment: Sendable {
    enum Part: Sendable {
        case literal(String)
        case variable(String, allowed: [String]?)
    }

    let parts: [Part]
    var isLiteral: Bool { parts.allSatisfy { if case .literal = $0 { true } else { false } } }

    init(_ text: String, variables: [ServerVariable]) {
        var parts: [Part] = []
        var literal = ""
        var name: String?
        for character in text {
            if character == "{", name == nil {
                if !literal.isEmpty { parts.append(.literal(literal)) }
                literal = ""
                name = ""
            } else if character == "}", let current = name {
                parts.append(.variable(current, allowed: variables.first { $0.name == current }?.allowedValues))
                name = nil
            } else if name != nil {
                name?.append(character)
            } else {
                literal.append(character)
            }
        }
        if let name { literal += "{" + name }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        self.parts = parts
    }

    /// The variable values when the text matches; a variable takes at least one character, and as few as let the
    /// rest match (so `{name}.json` against `report.json` gives `report`).
    func match(_ text: String) -> [String: String]? {
        match(parts[...], Substring(text))
    }

    private func match(_ parts: ArraySlice<Part>, _ text: Substring) -> [String: String]? {
        guard let first = parts.first else { return text.isEmpty ? [:] : nil }
        switch first {
        case .literal(let literal):
            guard text.hasPrefix(literal) else { return nil }
            return match(parts.dropFirst(), text.dropFirst(literal.count))
        case .variable(let name, let allowed):
            guard !text.isEmpty else { return nil }
            var end = text.index(after: text.startIndex)
            while true {
                let value = String(text[..<end])
                if allowed.map({ $0.contains(value) }) ?? true, var rest = match(parts.dropFirst(), text[end...]) {
                    rest[name] = value
                    return rest
                }
                guard end < text.endIndex else { return nil }
                end = text.index(after: end)
            }
        }
    }
}
