import ConformFindings
@_spi(Tape) import ConformValues

extension Evaluator {
    mutating func evaluateArray(_ node: CompiledNode, _ array: JSONTape.Index, _ annotations: inout Annotations?) -> Bool {
        var valid = true
        let count = tape.count(array)
        if let minimum = node.minItems, count < minimum {
            fail(node, "minItems", "\(Self.items(count)), at least \(minimum) required", expected: ">= \(minimum)", actual: "\(count)")
            valid = false
        }
        if let maximum = node.maxItems, count > maximum {
            fail(node, "maxItems", "\(Self.items(count)), at most \(maximum) allowed", expected: "<= \(maximum)", actual: "\(count)")
            valid = false
        }
        if node.uniqueItems, count > 1, case .array(let items) = tape.value(at: array), let (first, second) = Self.firstDuplicate(items) {
            // Told apart as sent; shown with secrets masked.
            let repeated = if case .array(let shownItems) = shown.value(array) { ValueText.render(shownItems[second]) } else { "" }
            fail(node, "uniqueItems", "items \(first) and \(second) are equal, but items must be unique", actual: repeated)
            valid = false
        }
        if !valid && !collecting { return false }

        let prefixCount = min(node.prefixItems.count, count)
        var item = array + 1
        for index in 0..<prefixCount {
            valid = evaluateItem(node.prefixItems[index], item, index) && valid
            if !valid && !collecting { return false }
            item = tape.end(item)
        }
        if prefixCount > 0, let previous = annotations?.prefix { annotations?.prefix = max(previous, prefixCount) }
        if let schema = node.items, count > prefixCount {
            if schemas.nodes[Int(schema)].constant == false {
                let limit = node.prefixItems.count
                fail(node, node.dialect.isDraft4Family ? "additionalItems" : "items", "\(Self.items(count)), at most \(limit) allowed (no items beyond the listed ones)", actual: "\(count)")
                valid = false
            } else {
                for index in prefixCount..<count {
                    valid = evaluateItem(schema, item, index) && valid
                    if !valid && !collecting { return false }
                    item = tape.end(item)
                }
            }
            annotations?.allItems = true
        }
        if let contains = node.contains {
            var matches = 0
            var matched: Set<Int> = []
            var item = array + 1
            for index in 0..<count {
                var probe = subEvaluator(collecting: false)
                var none: Annotations?
                let found = probe.evaluate(contains, item, &none)
                absorb(probe)
                if found {
                    matches += 1
                    matched.insert(index)
                }
                item = tape.end(item)
            }
            annotations?.containsMatches.formUnion(matched)
            let minimum = node.minContains ?? 1
            if matches < minimum {
                let message = minimum == 1 && node.minContains == nil
                    ? "no item matches the 'contains' schema"
                    : "\(Self.items(matches)) match the 'contains' schema, at least \(minimum) required"
                fail(node, node.minContains == nil ? "contains" : "minContains", message, expected: ">= \(minimum)", actual: "\(matches)")
                valid = false
            }
            if let maximum = node.maxContains, matches > maximum {
                fail(node, "maxContains", "\(matches) items match the 'contains' schema, at most \(maximum) allowed", expected: "<= \(maximum)", actual: "\(matches)")
                valid = false
            }
        }
        return valid
    }

    private mutating func evaluateItem(_ schema: SchemaID, _ item: JSONTape.Index, _ index: Int) -> Bool {
        if collecting { path.append(.item(index)) }
        defer { if collecting { path.removeLast() } }
        var none: Annotations?
        return evaluate(schema, item, &none)
    }

    static func items(_ count: Int) -> String {
        CountText.phrase(count, "item")
    }

    /// The first pair of equal items, by JSON Schema equality; quadratic only for arrays of containers.
    /// The first pair of equal items (the lowest second index, then the lowest first): items are bucketed by a hash
    /// that equal values share (`JSONEquality.hash`) and compared only within a bucket, so a long array of distinct
    /// items costs linear time, not a comparison of every pair.
    static func firstDuplicate(_ items: [JSONValue]) -> (Int, Int)? {
        guard items.count > 1 else { return nil }
        var buckets: [Int: [Int]] = [:]
        buckets.reserveCapacity(items.count)
        for second in items.indices {
            let hash = JSONEquality.hash(items[second])
            if let earlier = buckets[hash] {
                for first in earlier where JSONEquality.equal(items[first], items[second]) {
                    return (first, second)
                }
            }
            buckets[hash, default: []].append(second)
        }
        return nil
    }
}
