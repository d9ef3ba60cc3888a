import ConformSpec
import ConformTraffic

/// Finds the operation a request was meant for: server (scheme, host, base path, variables), then path template
/// (concrete segments win over templated ones), then method.
///
/// Servers are those that apply where each operation is written: an Operation's own `servers`, else its Path
/// Item's, else the description's (OpenAPI: each level's list replaces the one above), and in every case the
/// servers given for the run (`--server`, the config's `servers:`).
package struct OperationRouter: Sendable {
    /// A matched request: the operation and the path parameter values taken from the URL.
    package struct Match: Sendable {
        /// The operation, with what its checks need worked out.
        let plan: OperationPlan
        package var operation: ConformSpec.Operation { plan.operation }
        /// Values by parameter name, percent-decoded but still style-encoded.
        package var pathValues: PathValues
        /// Values by parameter name as sent, still percent-encoded, so that a style's delimiters can be told from
        /// encoded ones (`a%2Cb,c` is two items); empty when the raw path does not match the template segment by
        /// segment (a literal written decoded in the template but sent encoded).
        package var rawPathValues = PathValues()
    }

    package enum Outcome: Sendable {
        case matched(Match)
        /// A path matched, but not for this method; the methods it does document.
        case methodNotAllowed(path: String, allowed: [String])
        /// No path matched; the base paths tried, for the message.
        case noPath(tried: [String])
        /// The request's scheme and host are those of no server: the servers it could have meant, for the message.
        case unknownServer(origin: String, tried: [String])
        /// The path matched, but its Path Item is a `$ref` that leads nowhere.
        case unresolvedPath(path: String, UnresolvedReference)
    }

    /// A server base and the routes it serves, most specific first, and their trie. A class, as `Route` is: each
    /// request reads them, and a reference is retained once where a copy would retain every field.
    private final class BaseGroup: Sendable {
        let base: ServerBase
        let routes: [Route]
        let trie: RouteTrie

        init(base: ServerBase, routes: [Route]) {
            self.base = base
            self.routes = routes.sorted(by: Route.isMoreSpecific)
            trie = RouteTrie(self.routes)
        }
    }

    private let groups: [BaseGroup]
    /// Whether some server names a host, so that a request to another host is to an unknown server.
    private let serversNameHosts: Bool
    private let trailingSlashMatters: Bool

    /// - Parameters:
    ///   - extraServers: URLs of servers the traffic may have been recorded against besides the description's.
    ///   - schemas: The description's compiled schemas, which each operation's plan names.
    ///   - trailingSlashMatters: Whether `/pets/` and `/pets` are different paths (`strict: [trailing-slash]`).
    package init(document: OpenAPIDocument, schemas: SpecSchemas, extraServers: [String] = [], trailingSlashMatters: Bool = false) {
        let extras = extraServers.map { ServerBase(url: $0) }
        var grouped: [(base: ServerBase, routes: [Route])] = []
        func add(_ base: ServerBase, _ route: Route) {
            if let index = grouped.firstIndex(where: { $0.base.description == base.description }) {
                if !grouped[index].routes.contains(where: { $0.item.template == route.item.template }) { grouped[index].routes.append(route) }
            } else {
                grouped.append((base, [route]))
            }
        }
        let documentBases = document.servers.isEmpty ? [ServerBase(server: nil)] : document.servers.map(ServerBase.init)
        for item in document.paths {
            let plans = item.operations.map { OperationPlan($0, document: document, schemas: schemas) }
            let route = Route(item, plans: plans, trailingSlashMatters: trailingSlashMatters)
            for base in Self.bases(of: item, documentBases: documentBases) + extras { add(base, route) }
        }
        let groups = grouped.map { BaseGroup(base: $0.base, routes: $0.routes) }
        self.groups = groups
        self.trailingSlashMatters = trailingSlashMatters
        serversNameHosts = groups.contains { $0.base.host != nil }
    }

    /// The bases an item's operations are served from: the operations' own, the item's, or the description's.
    private static func bases(of item: PathItem, documentBases: [ServerBase]) -> [ServerBase] {
        var bases: [ServerBase] = []
        for operation in item.operations {
            bases += effectiveBases(of: operation, in: item, documentBases: documentBases)
        }
        if item.operations.isEmpty { bases = item.servers.isEmpty ? documentBases : item.servers.map(ServerBase.init) }
        return bases
    }

    private static func effectiveBases(of operation: ConformSpec.Operation, in item: PathItem, documentBases: [ServerBase]) -> [ServerBase] {
        if !operation.servers.isEmpty { return operation.servers.map(ServerBase.init) }
        if !item.servers.isEmpty { return item.servers.map(ServerBase.init) }
        return documentBases
    }

    package func route(method: String, url: String) -> Outcome {
        route(method: method, url: RequestURL(url))
    }

    func route(method: String, url request: RequestURL) -> Outcome {
        // Read out before the closure, which would copy the whole URL (four strings) for each server and route.
        let scheme = request.scheme, host = request.hostWithoutDefaultPort, query = request.query
        return PathSegments.withSegments(of: request.path) { rawSegments, segments, encoded in
            var hostMatched = false
            var pathMatch: Route?
            for group in groups {
                guard group.base.accepts(scheme: scheme, host: host) else { continue }
                hostMatched = true
                guard let start = group.base.pathStart(in: segments) else { continue }
                let remainder = segments.dropping(start)
                for index in group.trie.candidates(remainder, trailingSlashOptional: !trailingSlashMatters) {
                    let route = group.routes[index]
                    guard let values = route.match(remainder), route.acceptsQuery(query) else { continue }
                    if let broken = route.item.unresolved { return .unresolvedPath(path: route.item.template, broken) }
                    if let plan = route.plan(for: method) {
                        let raw = encoded ? route.match(rawSegments.dropping(start)) ?? PathValues() : values
                        return .matched(Match(plan: plan, pathValues: values, rawPathValues: raw))
                    }
                    if pathMatch == nil { pathMatch = route }
                }
            }
            return unmatched(scheme: scheme, host: host, pathMatch: pathMatch, hostMatched: hostMatched)
        }
    }

    /// Why a request reached no operation: the path it matched has no such method, or no path or server fits.
    private func unmatched(scheme: String?, host: String?, pathMatch: Route?, hostMatched: Bool) -> Outcome {
        if let route = pathMatch {
            return .methodNotAllowed(path: route.item.template, allowed: route.item.operations.map { $0.method.name })
        }
        var tried: [String] = []
        for group in groups where !tried.contains(group.base.description) { tried.append(group.base.description) }
        if !hostMatched, serversNameHosts, let host {
            return .unknownServer(origin: (scheme.map { $0 + "://" } ?? "") + host, tried: tried)
        }
        return .noPath(tried: tried)
    }
}

/// A server's base: the scheme and host it must match (when the server and the recording both have them) and its
/// path prefix. A class: every request reads its group's base, and a reference is retained once where a copy
/// would retain every field.
final class ServerBase: Sendable, CustomStringConvertible {
    let scheme: String?
    /// Whether the scheme is a `{variable}`, which any request's scheme may fill.
    private let schemeIsTemplated: Bool
    let host: TemplateSegment?
    let pathSegments: [TemplateSegment]
    let description: String

    /// A description's server; nil stands for a description without servers (paths from the host's root).
    convenience init(server: Server?) {
        self.init(url: server?.url ?? "/", variables: server?.variables ?? [])
    }

    /// A server by its URL; `{variables}` match any value, or one of their `enum` values.
    init(url: String, variables: [ServerVariable] = []) {
        let parsed = RequestURL.server(url)
        scheme = parsed.scheme
        schemeIsTemplated = parsed.scheme?.utf8.contains(UInt8(ascii: "{")) ?? false
        host = parsed.host.map { TemplateSegment($0, variables: variables) }
        pathSegments = parsed.path == "/" ? [] : parsed.path.split(separator: "/").map { TemplateSegment(String($0), variables: variables) }
        description = url
    }

    /// Whether a request's scheme and host (without a default port) are this server's, where both sides name them.
    func accepts(scheme requestScheme: String?, host requestHost: String?) -> Bool {
        if let scheme, let requestScheme, !schemeIsTemplated, scheme != requestScheme { return false }
        if let host, let requestHost, host.match(requestHost) == nil { return false }
        return true
    }

    /// Where the request's path segments below this base start, or nil when the base path does not match.
    func pathStart(in segments: PathSegments) -> Int? {
        guard segments.count >= pathSegments.count else { return nil }
        for (index, segment) in pathSegments.enumerated() where !segment.matches(segments[index]) {
            return nil
        }
        return pathSegments.count
    }
}

/// One path template, split into segments, and the plans of its operations.
final class Route: Sendable {
    let item: PathItem
    /// One per `item.operations`, in order.
    let plans: [OperationPlan]
    let segments: [TemplateSegment]
    /// Query pairs a template names after `#` (`/#Action=SendMessage`, as the AWS descriptions of APIs.guru tell
    /// operations on one path apart): a request reaches the template only when its query has them.
    let queryConditions: [(name: String, value: String)]

    /// Whether a trailing slash on either side is significant (`strict: [trailing-slash]`); by default it is not:
    /// `/orders/` and `/orders` name one resource.
    let trailingSlashMatters: Bool

    init(_ item: PathItem, plans: [OperationPlan], trailingSlashMatters: Bool = false) {
        self.item = item
        self.plans = plans
        self.trailingSlashMatters = trailingSlashMatters
        let (template, conditions) = Self.splitFragment(item.template)
        queryConditions = conditions
        var path = template.hasPrefix("/") ? String(template.dropFirst()) : template
        if !trailingSlashMatters, path.hasSuffix("/") { path.removeLast() }
        segments = path.split(separator: "/", omittingEmptySubsequences: false).map { TemplateSegment(String($0), variables: []) }
    }

    /// The operation for a method; HEAD is answered by GET where only GET is documented (RFC 9110, section 9.3.2).
    func plan(for method: String) -> OperationPlan? {
        plans.first { $0.operation.method.matches(method) }
            ?? (HTTPMethod.head.matches(method) ? plans.first { $0.operation.method == .get } : nil)
    }

    /// The path parameter values, when the segments (those below the server's base) fit this template.
    func match(_ request: PathSegments) -> PathValues? {
        var count = request.count
        if !trailingSlashMatters, count == segments.count + 1, request[count - 1].isEmpty { count -= 1 }
        guard count == segments.count else { return nil }
        // Every request is tried against route after route: literal segments, which tell most routes apart, are
        // compared before anything is captured.
        for index in segments.indices {
            if let literal = segments[index].literalBytes, !request[index].hasSameBytes(as: literal) { return nil }
        }
        var values = PathValues()
        for index in segments.indices where !segments[index].isLiteral {
            guard segments[index].capture(request[index], into: &values) else { return nil }
        }
        return values
    }

    /// Whether a request's raw query (without `?`) has every pair the template names after `#`.
    func acceptsQuery(_ query: String?) -> Bool {
        guard !queryConditions.isEmpty else { return true }
        let pairs = RequestURL.rawQueryPairs(query)
        return queryConditions.allSatisfy { condition in pairs.contains { $0.name == condition.name && $0.value == condition.value } }
    }

    /// A template's path and the query pairs written after its `#` (a URL's fragment never reaches a server, so
    /// a template holding one can only mean them).
    static func splitFragment(_ template: String) -> (path: String, conditions: [(name: String, value: String)]) {
        guard let hash = template.firstIndex(of: "#") else { return (template, []) }
        let conditions = RequestURL("/?" + template[template.index(after: hash)...]).queryPairs
        return (String(template[..<hash]), conditions)
    }

    /// Concrete segments before templated ones, left to right: `/pets/mine` wins over `/pets/{id}`; then a template
    /// that asks more of the query (`/#Action=X`) before one that asks less.
    static func isMoreSpecific(_ lhs: Route, _ rhs: Route) -> Bool {
        for (left, right) in zip(lhs.segments, rhs.segments) where left.isLiteral != right.isLiteral {
            return left.isLiteral
        }
        let (leftLiterals, rightLiterals) = (lhs.segments.filter(\.isLiteral).count, rhs.segments.filter(\.isLiteral).count)
        if leftLiterals != rightLiterals { return leftLiterals > rightLiterals }
        return lhs.queryConditions.count > rhs.queryConditions.count
    }
}

/// A path or host segment that may hold `{variables}` among literal text (`{id}`, `v{version}`, `{file}.json`).
/// Text is compared as bytes: a URL's path is bytes, and two spellings of one character are two paths.
struct TemplateSegment: Sendable {
    enum Part: Sendable {
        case literal(String)
        case variable(String, allowed: [String]?)
    }

    let parts: [Part]
    /// The whole segment when it has no variable: most path segments, compared as a whole on every request.
    let literal: String?
    /// `literal`'s UTF-8, which requests' segments are compared with.
    let literalBytes: [UInt8]?
    var isLiteral: Bool { literal != nil }

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
        switch parts.count {
        case 0: self.literal = ""
        case 1: if case .literal(let text) = parts[0] { self.literal = text } else { self.literal = nil }
        default: self.literal = nil
        }
        literalBytes = self.literal.map { Array($0.utf8) }
    }

    /// Adds the variable values of `text` to `values` (a name already there keeps its value); false when the text
    /// does not match. A whole-segment variable (`{id}`), the usual kind, is written straight in, without a
    /// `PathValues` of its own.
    func capture(_ text: UnsafeBufferPointer<UInt8>, into values: inout PathValues) -> Bool {
        if parts.count == 1, case .variable(let name, let allowed) = parts[0] {
            guard !text.isEmpty else { return false }
            let value = String(decoding: text, as: UTF8.self)
            guard allowed.map({ $0.contains { $0.hasSameBytes(as: value) } }) ?? true else { return false }
            values.add(name, value)
            return true
        }
        guard let captured = match(String(decoding: text, as: UTF8.self)) else { return false }
        captured.forEachPair { values.add($0, $1) }
        return true
    }

    /// Whether the text fits the segment; a literal one is compared as bytes, as each request's base path is.
    func matches(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        if let literalBytes { return text.hasSameBytes(as: literalBytes) }
        return match(String(decoding: text, as: UTF8.self)) != nil
    }

    /// The variable values when the text matches; a variable takes at least one character, and as few as let the
    /// rest match (so `{name}.json` against `report.json` gives `report`).
    func match(_ text: String) -> PathValues? {
        if let literal { return text.hasSameBytes(as: literal) ? PathValues() : nil }
        // A whole-segment variable (`{id}`), the usual kind, takes the whole text.
        if parts.count == 1, case .variable(let name, let allowed) = parts[0] {
            guard !text.isEmpty, allowed.map({ $0.contains { $0.hasSameBytes(as: text) } }) ?? true else { return nil }
            var values = PathValues()
            values.add(name, text)
            return values
        }
        return match(parts[...], Substring(text))
    }

    private func match(_ parts: ArraySlice<Part>, _ text: Substring) -> PathValues? {
        guard let first = parts.first else { return text.isEmpty ? PathValues() : nil }
        switch first {
        case .literal(let literal):
            guard text.utf8.starts(with: literal.utf8) else { return nil }
            return match(parts.dropFirst(), text[text.utf8.index(text.startIndex, offsetBy: literal.utf8.count)...])
        case .variable(let name, let allowed):
            guard !text.isEmpty else { return nil }
            var end = text.index(after: text.startIndex)
            while true {
                let value = String(text[..<end])
                if allowed.map({ $0.contains { $0.hasSameBytes(as: value) } }) ?? true, var rest = match(parts.dropFirst(), text[end...]) {
                    rest.set(name, value)
                    return rest
                }
                guard end < text.endIndex else { return nil }
                end = text.index(after: end)
            }
        }
    }
}
