import ConformFindings
import ConformValues

extension ValueGenerator {
    /// An array: a count within `minItems`/`maxItems` (only `minItems` beyond the depth bound), each item of its
    /// `prefixItems` or `items` schemas, the first ones also of `contains` up to `minContains`, and no two items
    /// equal under `uniqueItems` (an equal one is built again).
    mutating func buildArray(_ merged: MergedSchema, depth: Int, at pointer: JSONPointer) throws(GenerationError) -> JSONValue {
        var maximum = merged.maxItems ?? Int.max
        if merged.items.contains(where: { schemas.nodes[Int($0)].constant == false }) {
            maximum = min(maximum, merged.prefixItems.count)
        }
        let needed = merged.contains.isEmpty ? 0 : (merged.minContains ?? 1)
        let minimum = max(merged.minItems ?? 0, needed)
        guard minimum <= maximum else {
            throw GenerationError(
                .unsatisfiable, "at least \(minimum) items are needed but at most \(maximum) are allowed",
                at: merged.itemCountNode.map { schemas.keywordPointer($0, "maxItems") }, instancePointer: pointer)
        }
        guard minimum <= 1_000 else {
            throw GenerationError(.exhausted, "minItems \(minimum) is more than the generator builds", at: merged.itemCountNode.map { schemas.keywordPointer($0, "minItems") }, instancePointer: pointer)
        }
        var count = minimum
        if depth < maxDepth {
            count = random.int(minimum...min(maximum, max(minimum, 1) + 2))
        }
        var items: [JSONValue] = []
        itemLoop: for index in 0..<count {
            var ids = index < merged.prefixItems.count ? merged.prefixItems[index] : merged.items
            if index < needed { ids += merged.contains }
            var item = try build(ids, depth: depth + 1, at: pointer.appending(index))
            if let unique = merged.uniqueItems {
                var tries = 0
                while items.contains(where: { JSONEquality.equal($0, item) }) {
                    tries += 1
                    guard tries <= 8 else {
                        // Fewer distinct items than hoped for are enough once minItems is met.
                        if index >= minimum { break itemLoop }
                        throw GenerationError(.exhausted, "could not build \(count) distinct items", at: schemas.keywordPointer(unique, "uniqueItems"), instancePointer: pointer)
                    }
                    item = try build(ids, depth: depth + 1, at: pointer.appending(index))
                }
            }
            items.append(item)
        }
        return .array(items)
    }
}
