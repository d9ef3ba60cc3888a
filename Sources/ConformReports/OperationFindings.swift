import ConformChecks
import ConformFindings

/// One operation's exchanges as the readable formats list them: each finding that repeats (more than
/// `FindingGroup.examplesShown` times, across exchanges or array items) once, first; then each exchange with
/// the findings that remain. An exchange whose every finding is in a repeated group is not listed on its own;
/// the group's examples name it. So 2,000 bad items of one response are a few lines, not 6,000.
package struct OperationFindings {
    /// An exchange to list, with its findings that are in no repeated group.
    package struct Exchange {
        package var result: ExchangeResult
        package var findings: [Finding]
    }

    package private(set) var repeated: [FindingGroup] = []
    package private(set) var exchanges: [Exchange] = []

    /// `shown` picks the findings to list: all of them, or for `--quiet` those at the failing severity.
    package init(_ results: ExchangeResults, shown: (Finding) -> Bool = { _ in true }) {
        // Keys are computed once (a fingerprint hashes the finding's text): the second pass reads them back in the
        // same order. Only the keys and each group's examples are kept, never a copy of every finding; findings
        // are read in place, by index, as a copy of one retains each of its strings.
        var keys: [FindingGroup.Identity] = []
        var builder = FindingGroup.Builder<FindingGroup.Identity>(kind: .sameFinding)
        results.forEachFindings { _, source, findings in
            for position in findings.indices where shown(findings[position]) {
                let key = FindingGroup.Identity(findings[position])
                keys.append(key)
                builder.add(
                    { var located = findings[position]; located.exchange = located.exchange ?? source; return located }(),
                    exchange: findings[position].exchange ?? source, key: key)
            }
        }
        guard !keys.isEmpty else { return }
        repeated = builder.groups.filter(\.isRepeated)
        let repeatedKeys = Set(repeated.map { FindingGroup.Identity($0.first) })
        var next = 0
        results.forEachFindings { index, _, findings in
            var remaining: [Finding] = []
            for position in findings.indices where shown(findings[position]) {
                if !repeatedKeys.contains(keys[next]) { remaining.append(findings[position]) }
                next += 1
            }
            if !remaining.isEmpty { exchanges.append(Exchange(result: results[index], findings: remaining)) }
        }
    }

    /// Whether there is anything to list.
    package var isEmpty: Bool { repeated.isEmpty && exchanges.isEmpty }
}
