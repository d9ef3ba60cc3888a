/// Levenshtein distance, used for "Did you mean" suggestions.
package enum EditDistance {
    /// The number of single-character insertions, deletions and substitutions that turn `a` into `b`.
    package static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for (i, characterA) in a.enumerated() {
            var current = [i + 1]
            for (j, characterB) in b.enumerated() {
                let substitution = previous[j] + (characterA == characterB ? 0 : 1)
                current.append(min(substitution, previous[j + 1] + 1, current[j] + 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// The candidate closest to `name`, if it is within `max(2, length / 3)` edits, where length
    /// counts `name` without its leading dashes. The floor of 2 lets a swapped pair of letters
    /// (`--fromat`) through even in short names; a third of the length lets longer names stray
    /// further without suggesting unrelated ones. Ties go to the earlier candidate.
    package static func suggestion(for name: String, among candidates: [String]) -> String? {
        // Candidates are short names; a text many times longer is no misspelling of one, and comparing it would
        // cost its length times theirs.
        let longest = candidates.map(\.count).max() ?? 0
        guard name.utf8.count <= 2 * longest + 8 else { return nil }
        let limit = max(2, name.drop(while: { $0 == "-" }).count / 3)
        let scored = candidates.map { (candidate: $0, distance: between(name, $0)) }
        guard let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= limit else { return nil }
        return best.candidate
    }
}
