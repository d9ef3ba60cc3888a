import ConformChecks
import ConformFindings

/// `--format github`: a GitHub Actions annotation per finding (`GitHubAnnotation`), located in the description
/// (or, for a finding of no place, on the run), then the summary line as plain log text. A repeated finding is
/// one annotation with its count, as in the text report: GitHub shows only the first few annotations of a step,
/// so 2,000 copies of one would hide every other finding.
public struct GitHubReporter: Reporter {
    /// Only the findings that fail the run (`--quiet`).
    public var quiet: Bool

    public init(quiet: Bool = false) {
        self.quiet = quiet
    }

    public func write<Output: TextOutputStream>(_ report: ConformanceReport, to output: inout Output) {
        let text = FindingText(locator: report.contract.bundle, colour: false, paths: report.paths)
        // Under --quiet, only what fails the run.
        let minimum = quiet ? report.threshold : nil
        let shown: (Finding) -> Bool = { [quiet] finding in !quiet || report.fails(finding) }
        func emit(_ group: FindingGroup, exchange: ExchangeResult?) {
            for annotation in Self.annotations(group, report: report, text: text, exchange: exchange) {
                output.write(annotation.command + "\n")
            }
        }
        for group in FindingGroup.sameMessage(report.descriptionFindings.filter(shown)) { emit(group, exchange: nil) }
        for operation in report.resultsByOperation {
            let arranged = OperationFindings(operation.results, atLeast: minimum)
            for group in arranged.repeated { emit(group, exchange: nil) }
            for exchange in arranged.exchanges {
                for group in FindingGroup.each(exchange.findings) { emit(group, exchange: exchange.result) }
            }
        }
        for group in FindingGroup.each(report.unreadable) { emit(group, exchange: nil) }
        output.write(TextReporter.summary(report) + "\n")
    }

    /// The annotations of a group: one for a repeated group, one per finding otherwise.
    static func annotations(_ group: FindingGroup, report: ConformanceReport, text: FindingText, exchange: ExchangeResult?) -> [GitHubAnnotation] {
        let findings = group.isRepeated ? [group.first] : group.examples
        return findings.map { finding in
            var lines = [finding.message + (group.isRepeated ? " (\(group.countText))" : "")]
            lines += finding.notes
            if let exchange {
                lines.append(TextReporter.heading(of: exchange, paths: report.paths))
            } else if let reference = finding.exchange, !group.isRepeated {
                lines.append(report.paths(reference))
            }
            if group.isRepeated { lines.append(text.examples(of: group)) }
            return GitHubAnnotation(
                level: GitHubAnnotation.level(finding.severity, threshold: report.threshold),
                location: report.location(of: finding), title: finding.rule.name, message: lines.joined(separator: "\n"))
        }
    }
}
