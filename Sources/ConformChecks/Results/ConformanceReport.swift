import ConformFindings
import ConformSpec
import ConformValues
import Foundation

/// Everything one API's check produced, as every reporter reads it: the description's own findings, the result of
/// each exchange, unreadable traffic entries, and the coverage of documented responses. Values in it are already
/// redacted (`Contract.validate` masks them).
///
/// It grows one exchange at a time (`add(_:)`), so a live session can report what it has seen so far; the tallies,
/// coverage and grouping by operation that reporters read are kept up to date as results arrive.
public struct ConformanceReport: Sendable {
    /// The API's name: its folder under specs/ for `run`, the description's file name otherwise.
    public var name: String
    public let contract: Contract
    /// Where the exchanges come from, as given: traffic files, or the name of a live source. Empty for a report
    /// about the description alone (`lint`), which then says nothing about traffic or coverage.
    public private(set) var sources: [TrafficSource]
    /// The `--min-coverage` gate, a percentage, when one was set.
    public var minimumCoverage: Double?
    public var generatedAt: Date
    /// How file paths are shown: relative to the directory the run started in.
    public var paths: PathDisplay

    public private(set) var coverage: Coverage
    /// Entries and files that could not be read, as located `traffic-unreadable` findings.
    public private(set) var unreadable: [Finding] = []
    public private(set) var exchangeCount = 0
    /// Exchanges whose verdict is `fail`.
    public private(set) var failedCount = 0
    /// Findings left out because the baseline lists them.
    public private(set) var baselined = 0
    /// Exchanges left out because they went to a host the run does not check (`--host`), by host in the order
    /// first met; neither passed nor failed, and not in coverage.
    public private(set) var skipped: [(host: String, exchanges: Int)] = []

    private var store = ResultStore()
    private var severityCounts: [Severity: Int]
    /// The exchanges' findings counted by rule and severity as they are added, while each is at hand: reports
    /// that tally rules read these instead of every finding of a long run again.
    package private(set) var exchangeRuleCounts: [RuleSeverity: Int] = [:]

    public init(
        name: String, contract: Contract, sources: [TrafficSource] = [], minimumCoverage: Double? = nil,
        generatedAt: Date = ReportDate.now(), paths: PathDisplay = .currentDirectory
    ) {
        self.name = name
        self.contract = contract
        self.sources = sources
        self.minimumCoverage = minimumCoverage
        self.generatedAt = generatedAt
        self.paths = paths
        self.coverage = Coverage(document: contract.document)
        var counts: [Severity: Int] = [:]
        for finding in contract.findings { counts[finding.severity, default: 0] += 1 }
        self.severityCounts = counts
        self.baselined = contract.baselinedFindings
    }

    /// Adds a traffic source the report did not name when it was made (a file opened later in a session).
    public mutating func add(source: TrafficSource) {
        if !sources.contains(source) { sources.append(source) }
    }

    /// Adds the result of one exchange (from `Contract.validate`).
    public mutating func add(_ result: consuming ExchangeResult) {
        let result = consume result
        // By index: a copy of a finding retains each of its strings.
        for index in result.findings.indices {
            severityCounts[result.findings[index].severity, default: 0] += 1
            exchangeRuleCounts[RuleSeverity(result.findings[index]), default: 0] += 1
        }
        exchangeCount += 1
        if !result.passed { failedCount += 1 }
        baselined += result.baselined
        coverage.add(result)
        store.append(consume result)
    }

    /// Counts an exchange left out because it went to `host` (`(no host)` for a relative URL).
    public mutating func skip(host: String, exchanges: Int = 1) {
        if let index = skipped.firstIndex(where: { $0.host == host }) {
            skipped[index].exchanges += exchanges
        } else {
            skipped.append((host, exchanges))
        }
    }

    /// Counts exchange findings the baseline left out where the results no longer say how many each had (`merge`
    /// reads totals).
    package mutating func addBaselined(_ count: Int) {
        baselined += count
    }

    /// Exchanges left out, over every host.
    public var skippedCount: Int { skipped.reduce(0) { $0 + $1.exchanges } }

    /// Adds a traffic entry or file that could not be read.
    public mutating func add(unreadable finding: Finding) {
        unreadable.append(finding)
        severityCounts[finding.severity, default: 0] += 1
    }

    /// The lowest severity that fails the run.
    public var threshold: Severity { contract.failOn }

    /// Whether the report is about traffic at all (`lint` reports are not).
    public var checksTraffic: Bool { !sources.isEmpty }

    /// The description's own findings (`Contract.findings`).
    public var descriptionFindings: [Finding] { contract.findings }

    public var specPath: String { paths(contract.bundle.entryPath) }

    /// Every exchange's result, in the order they were added.
    public var results: ExchangeResults { store.all }

    /// Every finding: the description's, then each exchange's, then unreadable entries.
    public var findings: [Finding] { descriptionFindings + results.flatMap(\.findings) + unreadable }

    public func count(_ severity: Severity) -> Int { severityCounts[severity, default: 0] }

    public var passedCount: Int { exchangeCount - failedCount }

    /// Whether coverage is under the `--min-coverage` gate.
    public var belowMinimumCoverage: Bool {
        minimumCoverage.map { coverage.percent + 1e-9 < $0 } ?? false
    }

    /// Conformant when no finding reaches the failing severity, every entry could be read, and coverage meets the gate.
    public var conformant: Bool {
        !Severity.allCases.contains { $0 >= threshold && count($0) > 0 } && unreadable.isEmpty && !belowMinimumCoverage
    }

    /// Whether a finding is at or above the failing severity.
    public func fails(_ finding: Finding) -> Bool { finding.severity >= threshold }

    /// Where a finding points in the description (or, for a finding located directly, in its own file), with the
    /// path shown as the report shows paths.
    public func location(of finding: Finding) -> SourceLocation? {
        guard var location = finding.sourceLocation ?? finding.specPointer.flatMap(contract.bundle.location(of:)) else { return nil }
        location.file = paths(location.file)
        return location
    }

    /// The description's source line at a finding's location, for a snippet under the message.
    public func sourceLine(of finding: Finding) -> String? {
        guard finding.sourceLocation == nil, let pointer = finding.specPointer,
            let location = contract.bundle.location(of: pointer)
        else { return nil }
        return contract.bundle.sourceLine(of: location)
    }

    /// Exchanges grouped by the operation they were routed to, in the description's order; operations the
    /// description does not list (webhooks) follow in name order, and exchanges routed nowhere come last under a
    /// nil operation.
    public var resultsByOperation: [(operation: OperationKey?, results: ExchangeResults)] {
        var groups = store.groups
        var ordered: [(operation: OperationKey?, results: ExchangeResults)] = contract.document.operations.compactMap { operation in
            groups.removeValue(forKey: operation.key).map { (operation.key, store.view($0)) }
        }
        let unrouted = groups.removeValue(forKey: nil)
        let others = groups.compactMap { key, positions in key.map { (key: $0, positions: positions) } }.sorted { $0.key < $1.key }
        ordered += others.map { ($0.key, store.view($0.positions)) }
        if let unrouted { ordered.append((nil, store.view(unrouted))) }
        return ordered
    }
}

/// What findings are tallied by: their rule and severity.
package struct RuleSeverity: Hashable, Sendable {
    package var rule: RuleID
    package var severity: Severity

    package init(rule: RuleID, severity: Severity) {
        self.rule = rule
        self.severity = severity
    }

    package init(_ finding: borrowing Finding) {
        self.init(rule: finding.rule, severity: finding.severity)
    }
}
