import ConformFindings
import ConformSpec

extension LintRule {
    /// Lint: OpenAPI 3.2 nests tags by `parent`, which "MUST" name a tag of the description, and the nesting "MUST
    /// NOT" loop. A parent that names nothing is reported at its `parent` (with the tag meant, where one is close);
    /// a cycle once, at the `parent` of its tag written first, naming its tags in the order the parents lead.
    package static let tagParent = LintRule(.specTagParent, model: { document in
        TagTree(document.tags).findings
    })
}

/// The tags of a description as the tree their parents make of them.
private struct TagTree {
    let tags: [Tag]
    /// The first tag of each name (a name written twice is the meta-schema's and the reader's business).
    let byName: [String: Tag]

    init(_ tags: [Tag]) {
        self.tags = tags
        byName = Dictionary(tags.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    var findings: [Finding] {
        unknownParents + cycles
    }

    private var unknownParents: [Finding] {
        tags.compactMap { tag in
            guard let parent = tag.parent, byName[parent] == nil else { return nil }
            let hint = EditDistance.suggestion(for: parent, among: tags.map(\.name)).map { "; did you mean '\($0)'?" } ?? ""
            return Finding(
                rule: .specTagParent,
                message: "tag '\(tag.name)' has parent '\(parent)', which names no tag of the description\(hint)",
                specPointer: tag.origin / "parent")
        }
    }

    /// Each cycle once: parents are followed from every tag in document order; a walk that comes back to a tag of
    /// its own path has found a cycle, which is new unless an earlier walk went through it.
    private var cycles: [Finding] {
        var settled: Set<String> = []
        var findings: [Finding] = []
        for start in tags where !settled.contains(start.name) {
            var path: [String] = []
            var current: Tag? = start
            while let tag = current, !settled.contains(tag.name) {
                if let loopStart = path.firstIndex(of: tag.name) {
                    findings.append(finding(for: Array(path[loopStart...])))
                    break
                }
                path.append(tag.name)
                current = tag.parent.flatMap { byName[$0] }
            }
            settled.formUnion(path)
        }
        return findings
    }

    /// The cycle's finding, starting from its tag written first.
    private func finding(for cycle: [String]) -> Finding {
        let order = tags.map(\.name)
        let first = cycle.indices.min { (order.firstIndex(of: cycle[$0]) ?? 0) < (order.firstIndex(of: cycle[$1]) ?? 0) } ?? 0
        let ordered = Array(cycle[first...] + cycle[..<first])
        let shown = (ordered + [ordered[0]]).map { "'\($0)'" }.joined(separator: " → ")
        let origin = byName[ordered[0]]?.origin
        let message = ordered.count == 1
            ? "tag '\(ordered[0])' names itself as its parent"
            : "the parents of \(ordered.count) tags lead round in a cycle: \(shown)"
        return Finding(rule: .specTagParent, message: message, specPointer: origin.map { $0 / "parent" })
    }
}
