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

    /// `minimum` picks the findings to list: all of them, or for `--quiet` those at the failing severity.
    package init(_ results: ExchangeResults, atLeast minimum: Severity? = nil) {
        // Grouped by the keys the report worked out as it took each result in: a finding itself is read only when
        // a group keeps it as an example, or when its exchange is listed with it.
        func shown(_ key: FindingKey) -> Bool { minimum.map { key.severity >= $0 } ?? true }
        var builder = FindingGroup.Builder<FindingKey>(kind: .sameFinding)
        results.forEachFindingKeys { index, exchange, keys in
            // Read once at most: when a group keeps one as an example, or when one names another exchange than
            // its result's.
            var findings: [Finding]?
            func finding(_ position: Int) -> Finding {
                if findings == nil { findings = results[index].findings }
                return findings![position]
            }
            let source = exchange ?? results[index].source
            for position in keys.indices where shown(keys[position]) {
                builder.add(
                    { var located = finding(position); located.exchange = located.exchange ?? source; return located }(),
                    exchange: exchange ?? finding(position).exchange ?? source, key: keys[position])
            }
        }
        repeated = builder.groups.filter(\.isRepeated)
        for index in repeated.indices { repeated[index].otherWordings = results.otherWordings(of: repeated[index].first.fingerprintValue) }
        let repeatedKeys = Set(repeated.map { FindingKey($0.first) })
        results.forEachFindingKeys { index, _, keys in
            func listed(_ position: Int) -> Bool { shown(keys[position]) && !repeatedKeys.contains(keys[position]) }
            guard keys.indices.contains(where: listed) else { return }
            let result = results[index]
            exchanges.append(Exchange(result: result, findings: keys.indices.filter(listed).map { result.findings[$0] }))
        }
    }

    /// Whether there is anything to list.
    package var isEmpty: Bool { repeated.isEmpty && exchanges.isEmpty }
}
