/// The path templates of one server base as a trie of segments, so that a request is matched against the few
/// templates whose literal segments it has rather than against every template of the description.
///
/// A literal segment (`pets`) is a keyed child; a segment with a variable (`{id}`, `{file}.json`) goes to the one
/// wildcard child, whose templates are checked in full afterwards. The trie only narrows: `candidates` gives, in
/// the routes' own order, every route whose literal segments and segment count fit the request, and the caller
/// matches those exactly as it would have matched all of them.
struct RouteTrie: Sendable {
    private struct Node: Sendable {
        /// Literal children, ordered by their UTF-8 bytes: most nodes have a few, searched in turn, and some (a
        /// large description's `/v1/…`) hundreds, searched by halves.
        var literals: [(literal: [UInt8], node: Int)] = []
        var wildcard: Int?
        /// Routes whose segments end at this node, by their index in the routes given to `init`.
        var routes: [Int] = []

        func child(_ segment: UnsafeBufferPointer<UInt8>) -> Int? {
            if literals.count <= 8 {
                for entry in literals where segment.hasSameBytes(as: entry.literal) { return entry.node }
                return nil
            }
            var (low, high) = (0, literals.count)
            while low < high {
                let middle = (low + high) / 2
                let order = segment.compareBytes(with: literals[middle].literal)
                if order == 0 { return literals[middle].node }
                if order < 0 { high = middle } else { low = middle + 1 }
            }
            return nil
        }
    }

    private var nodes = [Node()]

    init(_ routes: [Route]) {
        for (index, route) in routes.enumerated() {
            var node = 0
            for segment in route.segments {
                node = child(of: node, for: segment.literalBytes)
            }
            nodes[node].routes.append(index)
        }
    }

    private mutating func child(of node: Int, for literal: [UInt8]?) -> Int {
        if let literal {
            let found = literal.withUnsafeBufferPointer { key in
                (nodes[node].child(key), nodes[node].literals.firstIndex { key.compareBytes(with: $0.literal) < 0 })
            }
            if let next = found.0 { return next }
            nodes.append(Node())
            nodes[node].literals.insert((literal, nodes.count - 1), at: found.1 ?? nodes[node].literals.endIndex)
        } else {
            if let next = nodes[node].wildcard { return next }
            nodes.append(Node())
            nodes[node].wildcard = nodes.count - 1
        }
        return nodes.count - 1
    }

    /// The indices, ascending, of the routes that can match `segments`. With `trailingSlashOptional`, a request
    /// ending in an empty segment (`/pets/`) also reaches the routes one segment shorter, as `Route.match` allows.
    func candidates(_ segments: PathSegments, trailingSlashOptional: Bool) -> [Int] {
        let shorter = trailingSlashOptional && segments.count > 0 && segments[segments.count - 1].isEmpty ? segments.count - 1 : -1
        var found: [Int] = []
        nodes.withUnsafeBufferPointer { nodes in
            Self.collect(nodes, from: 0, depth: 0, segments, shorter: shorter, into: &found)
        }
        if found.count > 1 { found.sort() }
        return found
    }

    /// Depth first, on the stack: each request walks the trie, and a list of pending nodes would be an allocation.
    /// The depth is the trie's (the longest template's segments), however many segments a request has.
    private static func collect(
        _ nodes: UnsafeBufferPointer<Node>, from node: Int, depth: Int, _ segments: PathSegments, shorter: Int, into found: inout [Int]
    ) {
        if depth == shorter { found += nodes[node].routes }
        if depth == segments.count {
            found += nodes[node].routes
            return
        }
        if let next = nodes[node].child(segments[depth]) { collect(nodes, from: next, depth: depth + 1, segments, shorter: shorter, into: &found) }
        if let next = nodes[node].wildcard { collect(nodes, from: next, depth: depth + 1, segments, shorter: shorter, into: &found) }
    }
}
