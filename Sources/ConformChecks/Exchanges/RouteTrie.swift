/// The path templates of one server base as a trie of segments, so that a request is matched against the few
/// templates whose literal segments it has rather than against every template of the description.
///
/// A literal segment (`pets`) is a keyed child; a segment with a variable (`{id}`, `{file}.json`) goes to the one
/// wildcard child, whose templates are checked in full afterwards. The trie only narrows: `candidates` gives, in
/// the routes' own order, every route whose literal segments and segment count fit the request, and the caller
/// matches those exactly as it would have matched all of them.
struct RouteTrie: Sendable {
    private struct Node: Sendable {
        var literals: [String: Int] = [:]
        var wildcard: Int?
        /// Routes whose segments end at this node, by their index in the routes given to `init`.
        var routes: [Int] = []
    }

    private var nodes = [Node()]

    init(_ routes: [Route]) {
        for (index, route) in routes.enumerated() {
            var node = 0
            for segment in route.segments {
                node = child(of: node, for: segment.literal)
            }
            nodes[node].routes.append(index)
        }
    }

    private mutating func child(of node: Int, for literal: String?) -> Int {
        if let literal {
            if let next = nodes[node].literals[literal] { return next }
            nodes.append(Node())
            nodes[node].literals[literal] = nodes.count - 1
        } else {
            if let next = nodes[node].wildcard { return next }
            nodes.append(Node())
            nodes[node].wildcard = nodes.count - 1
        }
        return nodes.count - 1
    }

    /// The indices, ascending, of the routes that can match `segments`. With `trailingSlashOptional`, a request
    /// ending in an empty segment (`/pets/`) also reaches the routes one segment shorter, as `Route.match` allows.
    func candidates(_ segments: [String], trailingSlashOptional: Bool) -> [Int] {
        let shorter = trailingSlashOptional && segments.last == "" ? segments.count - 1 : -1
        var found: [Int] = []
        var pending: [(node: Int, depth: Int)] = [(0, 0)]
        while let (node, depth) = pending.popLast() {
            if depth == shorter { found += nodes[node].routes }
            if depth == segments.count {
                found += nodes[node].routes
                continue
            }
            if let next = nodes[node].literals[segments[depth]] { pending.append((next, depth + 1)) }
            if let next = nodes[node].wildcard { pending.append((next, depth + 1)) }
        }
        if found.count > 1 { found.sort() }
        return found
    }
}
