import ConformChecks
import ConformFindings
import ConformValues

/// Renders one finding the way compilers do, so editors and CI logs can jump to it:
/// ```
/// specs/api.yaml:12:9: error[spec-ref-unresolved] '$ref: #/components/schemas/Pet' cannot be resolved: …
///       $ref: '#/components/schemas/Pet'
///       ^
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
        let location = location(of: finding)
        var text = ""
        if let location {
            text += "\(paths(location.file)):\(location.line):\(location.column): "
        } else if let pointer = finding.specPointer {
            text += "\(pointer): "
        }
        text += paint(finding.severity) + "[\(finding.rule.name)] " + finding.message
        if let location, let line = sourceLine ?? (finding.sourceLocation == nil ? locator.sourceLine(of: location) : nil) {
            text += "\n" + Snippet.render(line: line, column: location.column)
        }
        for note in finding.notes {
            text += "\n  note: " + note
        }
        return text
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
