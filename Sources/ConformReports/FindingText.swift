import ConformChecks
import ConformFindings
import ConformValues

/// Renders one finding the way compilers do, so editors and CI logs can jump to it:
/// ```
/// specs/api.yaml:12:9: error[spec-ref-unresolved] '$ref: #/components/schemas/Pet' cannot be resolved: …
///       $ref: '#/components/schemas/Pet'
///       ^
/// ```
/// A group of repeated findings is its first finding with the count after the message, then a few examples:
/// ```
/// specs/api.yaml:40:13: error[response-body-invalid] response body /items/0/id: "a" is not an integer (×2,000 in 3 exchanges)
///               type: integer
///               ^
///   e.g. traffic.har#4 /items/0/id, traffic.har#4 /items/1/id, traffic.har#9 /items/0/id, and 1,997 more
/// ```
public struct FindingText: Sendable {
    let locator: any SpecLocating
    /// Whether to colour severities with ANSI escapes (only on a terminal, never with NO_COLOR).
    let colour: Bool
    let paths: PathDisplay

    public init(locator: any SpecLocating, colour: Bool, paths: PathDisplay = PathDisplay(base: nil)) {
        self.locator = locator
        self.colour = colour
        self.paths = paths
    }

    public func location(of finding: Finding) -> SourceLocation? {
        finding.sourceLocation ?? finding.specPointer.flatMap(locator.location(of:))
    }

    /// Renders a finding; `sourceLine` is the line of a directly located finding (a payload file) to show.
    public func render(_ finding: Finding, sourceLine: String? = nil) -> String {
        render(finding, sourceLine: sourceLine, count: nil, trailer: nil)
    }

    /// A finding on one line, `file:line:col: severity[rule] message`, without the spec line or notes: for output
    /// that scrolls as a live server runs.
    package func line(_ finding: Finding) -> String {
        var text = ""
        if let location = location(of: finding) {
            text += shown(location) + ": "
        } else if let pointer = finding.specPointer {
            text += "\(pointer): "
        }
        return text + paint(finding.severity) + "[\(finding.rule.name)] " + finding.message
    }

    /// A group: as its findings one by one when it is small, else once with its count and examples.
    /// `sourceLine` gives the line of a directly located finding (a payload file).
    package func render(_ group: FindingGroup, sourceLine: (Finding) -> String? = { _ in nil }) -> String {
        guard group.isRepeated else {
            return group.examples.map { render($0, sourceLine: sourceLine($0)) }.joined(separator: "\n")
        }
        return render(group.first, sourceLine: sourceLine(group.first), count: group.countText, trailer: examples(of: group))
    }

    /// `e.g. traffic.har#4 /items/0/id, …, and 1,997 more` for one finding occurring again and again;
    /// `also at api.yaml:80:9, …, and 405 more` for one message at many places.
    package func examples(of group: FindingGroup) -> String {
        let labels: [String]
        let lead: String
        switch group.kind {
        case .sameFinding:
            lead = "e.g. "
            labels = group.examples.map(occurrence)
        case .sameMessage:
            lead = "also at "
            labels = group.examples.dropFirst().map { finding in location(of: finding).map(shown) ?? occurrence(finding) }
        }
        let rest = group.unshown
        return lead + labels.joined(separator: ", ") + (rest > 0 ? ", and \(NumberText.grouped(rest)) more" : "")
            + (group.otherWordings.map(otherWordings) ?? "")
    }

    /// `; 10 worded otherwise: required property 'message' is missing (×10)`: the group's message is its first
    /// occurrence's, which not all of them share.
    private func otherWordings(_ others: FindingWordings) -> String {
        let shown = others.wordings.map { "\($0.message) (×\(NumberText.grouped($0.count)))" }
        let unshown = others.occurrences - others.wordings.reduce(0) { $0 + $1.count }
        return "; \(NumberText.grouped(others.occurrences)) worded otherwise: " + shown.joined(separator: ", ")
            + (unshown > 0 ? ", and \(NumberText.grouped(unshown)) more" : "")
    }

    /// `traffic.har#4 /items/0/id`: the exchange and where in its payload, as much as is known.
    private func occurrence(_ finding: Finding) -> String {
        var parts: [String] = []
        if let exchange = finding.exchange { parts.append(paths(exchange)) }
        if let pointer = finding.instancePointer, !pointer.tokens.isEmpty {
            parts.append(pointer.description)
        } else if let location = finding.sourceLocation {
            parts.append("\(location.line):\(location.column)")
        }
        return parts.isEmpty ? "(no location)" : parts.joined(separator: " ")
    }

    private func shown(_ location: SourceLocation) -> String {
        "\(paths(location.file)):\(location.line):\(location.column)"
    }

    private func render(_ finding: Finding, sourceLine: String?, count: String?, trailer: String?) -> String {
        let location = location(of: finding)
        var text = ""
        if let location {
            text += shown(location) + ": "
        } else if let pointer = finding.specPointer {
            text += "\(pointer): "
        }
        text += paint(finding.severity) + "[\(finding.rule.name)] " + finding.message
        if let count { text += " (\(count))" }
        if let location, let line = sourceLine ?? (finding.sourceLocation == nil ? locator.sourceLine(of: location) : nil) {
            text += "\n" + Snippet.render(line: line, column: location.column)
        }
        for note in finding.notes {
            text += "\n  note: " + note
        }
        if let trailer { text += "\n  " + trailer }
        return text
    }

    /// A load error as `LoadError.description` words it, with its source line cut to a window around the column
    /// (an unreadable minified file is one very long line).
    public static func render(_ error: LoadError) -> String {
        var bare = error
        bare.sourceLine = nil
        guard let line = error.sourceLine else { return bare.description }
        return bare.description + "\n" + Snippet.render(line: line, column: error.location.column)
    }

    private func paint(_ severity: Severity) -> String {
        guard colour else { return severity.rawValue }
        let code = switch severity {
        case .error: "31"
        case .warning: "33"
        case .note: "36"
        }
        return "\u{1B}[1;\(code)m\(severity.rawValue)\u{1B}[0m"
    }
}
