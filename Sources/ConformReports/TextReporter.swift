import ConformChecks
import ConformFindings

/// The terminal report: the description's findings, then each operation with the exchanges that broke it, each
/// finding as `file:line:col: severity[rule] message` with the spec line and a caret, then coverage and a summary.
/// A finding that repeats (across exchanges or array items, or one message at many places of the description) is
/// shown once with its count (`FindingGroup`); the closing lines count findings per rule.
public struct TextReporter: Reporter {
    /// ANSI colour, for a terminal only (the CLI decides, honouring NO_COLOR).
    public var colour: Bool
    /// Only what fails the run, then the summary (`--quiet`): no heading line, no finding below the failing
    /// severity, and no lists under the coverage sentence (responses never seen, bodies not validated).
    public var quiet: Bool

    /// Documented responses never seen that are listed before the rest are counted: a terminal is one screen.
    static let neverSeenShown = 20

    public init(colour: Bool = false, quiet: Bool = false) {
        self.colour = colour
        self.quiet = quiet
    }

    /// Streams the report a line at a time.
    public func write<Output: TextOutputStream>(_ report: ConformanceReport, to output: inout Output) {
        let text = FindingText(locator: report.contract.bundle, colour: colour, paths: report.paths)
        let document = report.contract.document
        // Under --quiet, only what fails the run.
        let minimum = quiet ? report.threshold : nil
        let shown: (Finding) -> Bool = { [quiet] finding in !quiet || report.fails(finding) }
        func line(_ text: String) { output.write(text + "\n") }
        // A blank line between sections; under --quiet there is no heading above the first one.
        var started = !quiet
        func gap() {
            if started { line("") }
            started = true
        }
        if !quiet {
            line(bold("\(report.name)") + "  \(report.specPath) · \(document.version)"
                + (document.title.isEmpty ? "" : " · \(document.title)"))
        }
        let description = report.descriptionFindings.filter(shown)
        if !description.isEmpty {
            gap()
            line(bold("Description") + " · " + CountText.phrase(description.count, "finding"))
            for group in FindingGroup.sameMessage(description) { line(indent(text.render(group), by: 2)) }
        }
        for group in report.resultsByOperation {
            let arranged = OperationFindings(group.results, atLeast: minimum)
            if quiet && arranged.isEmpty { continue }
            let withFindings = group.results.withFindingsCount
            let failed = group.results.failedCount
            gap()
            let heading = group.operation?.description ?? "Not routed to any operation"
            let outcome = failed > 0 ? "\(failed) failed"
                : withFindings == 0 ? "all passed" : "all passed, \(withFindings) with \(Self.belowThreshold(report.threshold))"
            line(bold(heading) + " · " + CountText.phrase(group.results.count, "exchange") + ", " + outcome)
            for repeated in arranged.repeated { line(indent(text.render(repeated), by: 2)) }
            for exchange in arranged.exchanges {
                line("  " + Self.heading(of: exchange.result, paths: report.paths))
                for finding in exchange.findings { line(indent(text.render(finding), by: 4)) }
            }
        }
        if !report.unreadable.isEmpty {
            gap()
            line(bold("Unreadable traffic"))
            for finding in report.unreadable { line(indent(text.render(finding), by: 2)) }
        }
        gap()
        if !report.skipped.isEmpty, !quiet { line(Self.skippedLine(report)) }
        for coverageLine in coverageLines(report) { line(coverageLine) }
        if let tally = RuleTally(report).line { line(tally) }
        line(Self.summary(report))
    }

    /// What findings that do not fail an exchange can be: "warnings or notes" when errors fail it.
    static func belowThreshold(_ threshold: Severity) -> String {
        threshold == .error ? "warnings or notes" : "notes"
    }

    /// `traffic.har#3  POST https://api.example.com/pets → 422  (comment)`.
    static func heading(of result: ExchangeResult, paths: PathDisplay) -> String {
        "\(paths(result.source))  " + label(of: result)
    }

    /// `POST https://api.example.com/pets → 422  (comment)`: the request, its status and the recording's note.
    static func label(of result: ExchangeResult) -> String {
        // A passing exchange keeps no URL; its operation's path template stands in for it.
        let target = result.url ?? result.operation?.path ?? ""
        var label = "\(result.method) \(target)"
        if let status = result.status { label += " → \(status)" }
        if let comment = result.comment, !comment.isEmpty { label += "  (\(comment))" }
        return label
    }

    /// `skipped (not among --host): cdn.example.net 12 exchanges, stats.example.net 3 exchanges`.
    static func skippedLine(_ report: ConformanceReport) -> String {
        "skipped (not among --host): " + report.skipped.map { "\($0.host) \(CountText.phrase($0.exchanges, "exchange"))" }.joined(separator: ", ")
    }

    private func coverageLines(_ report: ConformanceReport) -> [String] {
        let coverage = report.coverage
        guard report.checksTraffic else { return [] }
        var lines = [Self.coverageSentence(coverage)]
        if let minimum = report.minimumCoverage, report.belowMinimumCoverage {
            lines.append("  coverage is under the --min-coverage gate of \(PercentText.format(minimum))")
        }
        guard !quiet else { return lines }
        let neverSeen = coverage.neverSeen
        if !neverSeen.isEmpty {
            lines.append("  never seen:")
            for (operation, cell) in neverSeen.prefix(Self.neverSeenShown) {
                lines.append("    \(operation) → \(cell.key)" + (cell.mediaType.map { " \($0)" } ?? ""))
            }
            if neverSeen.count > Self.neverSeenShown {
                lines.append("    … and \(neverSeen.count - Self.neverSeenShown) more (the html and json reports list them all)")
            }
        }
        if !coverage.notValidated.isEmpty {
            lines.append("  not validated:")
            for note in coverage.notValidated {
                lines.append("    \(note.operation.map { "\($0): " } ?? "")\(note.message) (\(CountText.phrase(note.count, "exchange")))")
            }
        }
        return lines
    }

    static func coverageSentence(_ coverage: Coverage) -> String {
        "coverage: \(coverage.seenCount) of \(coverage.documentedCount) documented responses seen (\(PercentText.format(coverage.percent)))"
            + ", \(coverage.operationsSeen) of \(coverage.rows.count) operations exercised"
    }

    /// The closing line: exchanges, findings by severity, unreadable entries, baselined findings.
    public static func summary(_ report: ConformanceReport) -> String {
        var parts: [String] = []
        if report.checksTraffic {
            parts.append("\(CountText.phrase(report.exchangeCount, "exchange")): \(report.passedCount) passed, \(report.failedCount) failed")
        }
        parts.append([
            CountText.phrase(report.count(.error), "error"),
            CountText.phrase(report.count(.warning), "warning"),
            CountText.phrase(report.count(.note), "note"),
        ].joined(separator: ", "))
        if !report.unreadable.isEmpty { parts.append(CountText.phrase(report.unreadable.count, "unreadable entry", plural: "unreadable entries")) }
        if report.baselined > 0 { parts.append("\(report.baselined) in the baseline") }
        if report.skippedCount > 0 { parts.append("\(report.skippedCount) skipped (other hosts)") }
        return parts.joined(separator: " · ")
    }

    private func bold(_ text: String) -> String {
        colour ? "\u{1B}[1m\(text)\u{1B}[0m" : text
    }

    private func indent(_ text: String, by width: Int) -> String {
        let padding = String(repeating: " ", count: width)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { padding + $0 }.joined(separator: "\n")
    }
}

/// Percentages as reports print them: `40%`, `66.7%`, `100%`.
package enum PercentText {
    package static func format(_ percent: Double) -> String {
        let rounded = (percent * 10).rounded() / 10
        return rounded == rounded.rounded() ? "\(Int(rounded))%" : "\(rounded)%"
    }
}
