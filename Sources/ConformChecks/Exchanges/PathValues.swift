/// Path parameter values by name, as a matched template gives them. A request has a handful at most, so a list
/// searched by name costs less than a dictionary hashed, grown and freed for every request routed.
package struct PathValues: Sendable {
    /// A struct rather than a tuple: an array of tuples is freed through the runtime's generic tuple witnesses.
    private struct Pair: Sendable {
        let name: String
        var value: String
    }

    private var pairs: [Pair] = []

    package init() {}

    package subscript(name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// Adds a value unless the name has one already: the first a template captures for a name is its value.
    mutating func add(_ name: String, _ value: String) {
        guard self[name] == nil else { return }
        pairs.append(Pair(name: name, value: value))
    }

    /// Gives the name this value, in place of any it had.
    mutating func set(_ name: String, _ value: String) {
        if let index = pairs.firstIndex(where: { $0.name == name }) {
            pairs[index].value = value
        } else {
            pairs.append(Pair(name: name, value: value))
        }
    }

    /// Each name and its value, in the order they were added.
    func forEachPair(_ body: (_ name: String, _ value: String) -> Void) {
        for pair in pairs { body(pair.name, pair.value) }
    }

    /// The values as a dictionary, for tests and for the probe's runtime expressions (`$request.path.id`).
    package var dictionary: [String: String] {
        Dictionary(pairs.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    }
}
