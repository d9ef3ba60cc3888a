import ConformFindings
@_spi(Tape) import ConformValues

/// Which values each ICU-matched pattern of one validation decided and which it left unchecked (its search timed
/// out, or the `PatternBudget` was spent), so that the validation can say once per pattern how many values went
/// unchecked instead of letting them pass in silence or calling them invalid.
///
/// Shared (a class) by the fast pass, the collecting pass and every trial branch of one validated value: a value is
/// counted once whichever passes reached it, and a trial branch that is dropped still counts.
final class PatternTally {
    /// A pattern where it is written: the schema node and the keyword (`pattern`, `patternProperties`, `format`).
    struct Site: Hashable {
        let node: SchemaID
        let keyword: String
        let source: String
    }

    struct Values {
        var checked: Set<JSONTape.Index> = []
        var timedOut: Set<JSONTape.Index> = []
        var skipped: Set<JSONTape.Index> = []
    }

    private(set) var sites: [Site: Values] = [:]
    /// Sites in the order first met, for a stable order of the notes.
    private(set) var order: [Site] = []

    var isEmpty: Bool { order.isEmpty }

    /// Records what one search of `site`'s pattern came to for the value at `value` (a string or a member name).
    func record(_ verdict: PatternBudget.Verdict, at site: Site, value: JSONTape.Index) {
        if sites[site] == nil { order.append(site) }
        switch verdict {
        case .matched, .notMatched: sites[site, default: Values()].checked.insert(value)
        case .timedOut: sites[site, default: Values()].timedOut.insert(value)
        case .budgetSpent: sites[site, default: Values()].skipped.insert(value)
        }
    }

    /// Whether some value was left unchecked.
    var leftUnchecked: Bool {
        sites.values.contains { !$0.timedOut.isEmpty || !$0.skipped.isEmpty }
    }

    /// One note per pattern that left values unchecked, as failures marked `notValidated`.
    func notes(_ schemas: CompiledSchemas, budget: PatternBudget) -> [SchemaFailure] {
        order.compactMap { site in
            guard let values = sites[site] else { return nil }
            let timedOut = values.timedOut.subtracting(values.checked)
            let skipped = values.skipped.subtracting(values.checked).subtracting(timedOut)
            let unchecked = timedOut.count + skipped.count
            guard unchecked > 0 else { return nil }
            let total = values.checked.union(values.timedOut).union(values.skipped).count
            let noun = site.keyword == "patternProperties" ? "property name" : "value"
            var reasons: [String] = []
            if !timedOut.isEmpty {
                reasons.append("\(timedOut.count) took longer than the \(Self.text(budget.deadline)) a search may take")
            }
            if !skipped.isEmpty {
                reasons.append("\(skipped.count) \(skipped.count == 1 ? "was" : "were") not tried once the \(Self.text(budget.total)) of pattern matching this validation may spend had run out")
            }
            let message = "the pattern \(site.source) was not checked on \(unchecked) of \(CountText.phrase(total, noun)) (\(reasons.joined(separator: "; "))); they are neither passed nor failed"
            let node = schemas.nodes[Int(site.node)]
            return SchemaFailure(
                instancePointer: .root, schemaPointer: schemas.keywordPointer(node, site.keyword), keyword: site.keyword,
                message: message, expected: site.source, notValidated: true)
        }
    }

    /// "250 ms", "1 s", "1.5 s".
    static func text(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1_000 + duration.components.attoseconds / 1_000_000_000_000_000
        if milliseconds < 1_000 || milliseconds % 100 != 0 { return "\(milliseconds) ms" }
        return milliseconds % 1_000 == 0 ? "\(milliseconds / 1_000) s" : "\(Double(milliseconds) / 1_000) s"
    }
}
