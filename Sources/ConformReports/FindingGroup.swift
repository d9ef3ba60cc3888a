import ConformChecks
import ConformFindings

/// Findings that say the same thing, which the formats people read (text, Markdown, HTML, GitHub annotations)
/// show once with a count and a few examples; JSON, SARIF and the baseline keep every occurrence.
///
/// Two findings are the same when they have
/// - one fingerprint and severity (`sameFinding`): rule, operation, side, instance pointer with array positions
///   folded and spec location, as the baseline identifies a finding. The same defect in 2,000 items of one
///   response, or in every exchange of an operation, is one group.
/// - one rule, severity and message (`sameMessage`), wherever in the description: a format the tool does not
///   know, written by 408 schemas, is one group. Used for the description's own findings, whose places differ.
package struct FindingGroup: Sendable {
    /// Groups of more occurrences than this are shown once with a count; smaller ones finding by finding, as
    /// their examples hold all of them.
    package static let examplesShown = 3

    /// What the occurrences share, and so what tells them apart when they are listed.
    package enum Kind: Sendable {
        /// One finding occurring again and again: told apart by exchange and instance pointer.
        case sameFinding
        /// One message at several places of the description: told apart by place.
        case sameMessage
    }

    package let kind: Kind

    /// The first occurrence: its message and location stand for the group.
    package var first: Finding { examples[0] }
    /// The first occurrences in order, at most `examplesShown`; each carries the exchange it came from.
    package private(set) var examples: [Finding]
    package private(set) var count = 0
    /// For a `sameFinding` group, its occurrences that expected otherwise than the first (see `FindingWordings`).
    package var otherWordings: FindingWordings?
    /// How many exchanges the occurrences are spread over; 0 for findings about no exchange.
    package private(set) var exchanges = 0
    private var lastExchange: ExchangeReference?

    private init(_ finding: Finding, kind: Kind) {
        examples = [finding]
        self.kind = kind
    }

    /// Shown once with a count, rather than finding by finding.
    package var isRepeated: Bool { count > (Self.groupedFromTheSecond.contains(first.rule) ? 1 : Self.examplesShown) }

    /// Rules about where the traffic went rather than what one exchange did: every request to a host none of the
    /// servers names reads alike, so the host is one line with its count however few requests went there.
    package static let groupedFromTheSecond: Set<RuleID> = [.requestUnknownServer]

    /// An occurrence about `exchange`; the finding is made only if it is kept as an example.
    private mutating func add(_ finding: () -> Finding, exchange: ExchangeReference?) {
        count += 1
        if count > 1, examples.count < Self.examplesShown { examples.append(finding()) }
        // An exchange's findings are added together, so a new exchange is one unlike the last.
        if let exchange, exchange != lastExchange {
            exchanges += 1
            lastExchange = exchange
        }
    }

    private struct Wording: Hashable {
        var rule: RuleID
        var severity: Severity
        var message: String
    }

    /// Groups by fingerprint and severity, in the order each group first occurs.
    package static func sameFinding(_ findings: some Sequence<Finding>) -> [FindingGroup] {
        grouped(findings.lazy.map { ($0, FindingKey($0)) }, kind: .sameFinding)
    }

    /// Groups by rule, severity and message, in the order each group first occurs.
    package static func sameMessage(_ findings: some Sequence<Finding>) -> [FindingGroup] {
        grouped(findings.lazy.map { ($0, Wording(rule: $0.rule, severity: $0.severity, message: $0.message)) }, kind: .sameMessage)
    }

    /// A group of one for each finding, for lists that are never grouped (unreadable traffic entries).
    package static func each(_ findings: some Sequence<Finding>) -> [FindingGroup] {
        findings.map { finding in
            var group = FindingGroup(finding, kind: .sameFinding)
            group.add({ finding }, exchange: finding.exchange)
            return group
        }
    }

    /// Groups findings paired with their keys.
    package static func grouped<Key: Hashable>(_ keyed: some Sequence<(Finding, Key)>, kind: Kind) -> [FindingGroup] {
        var builder = Builder<Key>(kind: kind)
        for (finding, key) in keyed { builder.add(finding, key: key) }
        return builder.groups
    }

    /// Groups findings one at a time, keeping only the examples of each: a long run's findings are never copied.
    package struct Builder<Key: Hashable> {
        let kind: Kind
        /// In the order each group first occurred.
        package private(set) var groups: [FindingGroup] = []
        private var positions: [Key: Int] = [:]

        package init(kind: Kind) {
            self.kind = kind
        }

        package mutating func add(_ finding: Finding, key: Key) {
            add(finding, exchange: finding.exchange, key: key)
        }

        /// An occurrence about `exchange`. The finding is made only when the group keeps it as an example: a long
        /// run's findings mostly fall into groups that have their examples already.
        package mutating func add(_ finding: @autoclosure () -> Finding, exchange: ExchangeReference?, key: Key) {
            if let known = positions[key] {
                groups[known].add(finding, exchange: exchange)
                return
            }
            let first = finding()
            positions[key] = groups.count
            groups.append(FindingGroup(first, kind: kind))
            groups[groups.count - 1].add({ first }, exchange: exchange)
        }
    }

    /// `×2,000 in 3 exchanges`, `×408`: how often the group occurs.
    package var countText: String {
        "×\(NumberText.grouped(count))" + (exchanges > 1 ? " in \(NumberText.grouped(exchanges)) exchanges" : "")
    }

    /// How many occurrences the examples leave out.
    package var unshown: Int { count - examples.count }
}

/// Numbers as reports print them in prose: `1,234`.
package enum NumberText {
    package static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { grouped += "," }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }
}
