/// What the keywords evaluated so far on one instance have covered, for `unevaluatedProperties` and
/// `unevaluatedItems`. Only collected below a schema that uses those keywords.
struct Annotations {
    var properties: Set<String> = []
    var allProperties = false
    /// Items `0..<prefix` were evaluated by `prefixItems` or `items`.
    var prefix = 0
    var allItems = false
    /// Indices that matched `contains`.
    var containsMatches: Set<Int> = []

    mutating func merge(_ other: Annotations) {
        properties.formUnion(other.properties)
        allProperties = allProperties || other.allProperties
        prefix = max(prefix, other.prefix)
        allItems = allItems || other.allItems
        containsMatches.formUnion(other.containsMatches)
    }
}
