import ConformChecks
import ConformFindings

/// The terminal report: the description's findings, then each operation with the exchanges that broke it, each
/// finding as `file:line:col: severity[rule] message` with the spec line and a caret, then coverage and a summary.
public struct TextReporter: Reporter {
    /// ANSI colour, for a terminal only (the CLI decides, honouring NO_COLOR).
    public var colour: Bool

    /// Documented responses never seen that are listed before the rest are counted: a terminal is one screen.
    static let neverSeenShown = 20

    public init(colour: Bool = false) {
        self.colour = colour
    }

    /// Streams the report a line at a time.
    public func write<Output: TextOutputStream>(_ report: ConformanceReport, to output: inout Output) {
        let text = FindingText(locator: report.contract.bundle, colour: colour, paths: report.paths)
        let document = report.contract.document
        func line(_ text: String) { output.write(text + "\n") }
        line(bold("\(report.name)") + "  \(report.specPath) · \(document.version)"
            + (document.title.isEmpty ? "" : " · \(document.title)"))
        if !report.descriptionFindings.isEmpty {
            line("")
            line(bold("Description") + " · " + CountText.phrase(report.descriptionFindings.count, "finding"))
            for finding in report.descriptionFindings { line(indent(text.render(finding), by: 2)) }
        }
        for group in report.resultsByOperation {
            let withFindings = group.results.filter { !$0.findings.isEmpty }
            let failed = group.results.filter { !$0.passed }.count
            line("")
            let heading = group.operation?.description ?? "Not routed to any operation"
            let outcome = failed > 0 ? "\(failed) failed"
                : withFindings.isEmpty ? "all passed" : "all passed, \(withFindings.count) with \(Self.belowThreshold(report.threshold))"
            line(bold(heading) + " · " + CountText.phrase(group.results.count, "exchange") + ", " + outcome)
            for result in withFindings {
                line("  " + Self.heading(of: result, paths: report.paths))
                for finding in result.findings { line(indent(text.render(finding), by: 4)) }
            }
        }
        if !report.unreadable.isEmpty {
            line("")
            line(bold("Unreadable traffic"))
            for finding in report.unreadable { line(indent(text.render(finding), by: 2)) }
        }
        line("")
        for coverageLine in coverageLines(report) { line(coverageLine) }
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

    private func coverageLines(_ report: ConformanceReport) -> [String] {
        let coverage = report.coverage
        guard report.checksTraffic else { return [] }
        var lines = [Self.coverageSentence(coverage)]
        if let minimum = report.minimumCoverage, report.belowMinimumCoverage {
            lines.append("  coverage is under the --min-coverage gate of \(PercentText.format(minimum))")
        }
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
