import ConformFindings
import Foundation

/// Everything one API's check produced, as every reporter reads it: the description's own findings, the result of
/// each recorded exchange, and the coverage of documented responses. Values in it are already redacted.
///
/// The description, its findings and the traffic are fixed when the report is made, because the tallies and the
/// grouping by operation that every reporter reads are computed once from them.
public struct ConformanceReport: Sendable {
    /// The API's name: its folder under specs/ for `run`, the description's file name otherwise.
    public var name: String
    public let description: Description
    /// Lint findings of the description (empty when only traffic was checked).
    public let lintFindings: [Finding]
    public let traffic: TrafficReport
    /// The recordings checked, as given.
    public var trafficFiles: [String]
    public var coverage: Coverage
    /// Lowest severity that fails the run (`--fail-on`).
    public var threshold: Severity
    /// The `--min-coverage` gate, a percentage, when one was set.
    public var minimumCoverage: Double?
    public var generatedAt: Date
    /// How file paths are shown: relative to the directory the run started in.
    public var paths: PathDisplay

    public init(
        name: String, description: Description, lintFindings: [Finding] = [], traffic: TrafficReport, trafficFiles: [String],
        threshold: Severity = .error, minimumCoverage: Double? = nil, generatedAt: Date = ReportDate.now(), paths: PathDisplay = .currentDirectory
    ) {
        self.name = name
        self.description = description
        self.lintFindings = lintFindings.sorted(locatedBy: description.bundle)
        var counts: [Severity: Int] = [:]
        for finding in lintFindings { counts[finding.severity, default: 0] += 1 }
        for result in traffic.results { for finding in result.findings { counts[finding.severity, default: 0] += 1 } }
        for finding in traffic.unreadable { counts[finding.severity, default: 0] += 1 }
        self.severityCounts = counts
        self.resultsByOperation = Self.group(traffic.results, by: description.document.operations)
        self.traffic = traffic
        self.trafficFiles = trafficFiles
        self.coverage = Coverage(document: description.document, results: traffic.results)
        self.threshold = threshold
        self.minimumCoverage = minimumCoverage
        self.generatedAt = generatedAt
        self.paths = paths
    }

    public var specPath: String { paths(description.bundle.entryPath) }

    /// Every finding: the description's, then each exchange's, then unreadable entries.
    public var findings: [Finding] { lintFindings + traffic.findings }

    /// Findings per severity, counted once: reporters ask often, and a long run has many findings.
    private let severityCounts: [Severity: Int]

    public func count(_ severity: Severity) -> Int { severityCounts[severity, default: 0] }

    /// Whether coverage is under the `--min-coverage` gate.
    public var belowMinimumCoverage: Bool {
        minimumCoverage.map { coverage.percent + 1e-9 < $0 } ?? false
    }

    /// Conformant when no finding reaches the failing severity, every entry could be read, and coverage meets the gate.
    public var conformant: Bool {
        !Severity.allCases.contains { $0 >= threshold && count($0) > 0 } && traffic.unreadable.isEmpty && !belowMinimumCoverage
    }

    /// Where a finding points in the description, with the path shown as the report shows paths.
    public func location(of finding: Finding) -> SourceLocation? {
        guard var location = finding.sourceLocation ?? finding.specPointer.flatMap(description.bundle.location(of:)) else { return nil }
        location.file = paths(location.file)
        return location
    }

    /// The description's source line at a finding's location, for a snippet under the message.
    public func sourceLine(of finding: Finding) -> String? {
        guard finding.sourceLocation == nil, let pointer = finding.specPointer,
            let location = description.bundle.location(of: pointer)
        else { return nil }
        return description.bundle.sourceLine(of: location)
    }

    /// Exchanges grouped by the operation they were routed to, in the description's order; exchanges routed
    /// nowhere come last under a nil operation. Grouped once: four reporters read it, and a long run has hundreds
    /// of thousands of results.
    public let resultsByOperation: [(operation: String?, results: [ExchangeResult])]

    private static func group(
        _ results: some Sequence<ExchangeResult>, by operations: [Operation]
    ) -> [(operation: String?, results: [ExchangeResult])] {
        var groups: [String: [ExchangeResult]] = [:]
        var unrouted: [ExchangeResult] = []
        for result in results {
            if let operation = result.operation { groups[operation, default: []].append(result) } else { unrouted.append(result) }
        }
        var ordered: [(String?, [ExchangeResult])] = operations.compactMap { operation in
            groups.removeValue(forKey: operation.displayName).map { (operation.displayName, $0) }
        }
        ordered += groups.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        if !unrouted.isEmpty { ordered.append((nil, unrouted)) }
        return ordered
    }
}

/// Shows file paths relative to a base directory, so reports read the same on every machine and CI log.
public struct PathDisplay: Sendable {
    public var base: String?

    public init(base: String?) {
        self.base = base.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
    }

    public static var currentDirectory: PathDisplay { PathDisplay(base: FileManager.default.currentDirectoryPath) }

    public func callAsFunction(_ path: String) -> String {
        guard let base, !base.isEmpty, path.hasPrefix(base + "/") else { return path }
        return String(path.dropFirst(base.count + 1))
    }
}
