import ConformChecks
import ConformFindings
/// Renders a conformance report in one format. Each format is one type in its own file.
///
/// Reporters write piece by piece into a stream, so the formats that list every exchange (json, sarif, junit,
/// text) never hold a long run's whole report as one string: a file stream flushes as it goes.
public protocol Reporter: Sendable {
    func write<Output: TextOutputStream>(_ report: ConformanceReport, to output: inout Output)
}

extension Reporter {
    /// The whole report as one string.
    public func render(_ report: ConformanceReport) -> String {
        var text = ""
        write(report, to: &text)
        return text
    }
}

/// The report formats, by the name `--format` and `--report` take.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, json, junit, sarif, markdown, html
    /// GitHub Actions workflow commands: an annotation per finding, for a workflow step's standard output.
    case github

    /// The file name `run` writes the format to in an API's report folder.
    public var fileName: String {
        switch self {
        case .text: return "report.txt"
        case .json: return "report.json"
        case .junit: return "junit.xml"
        case .sarif: return "report.sarif"
        case .markdown: return "report.md"
        case .html: return "report.html"
        case .github: return "github-annotations.txt"
        }
    }

    /// The reporter for the format; `colour` matters to text only, `quiet` (only what fails the run) to text and
    /// github: the other formats are whole reports.
    public func reporter(colour: Bool = false, quiet: Bool = false) -> any Reporter {
        switch self {
        case .text: return TextReporter(colour: colour, quiet: quiet)
        case .github: return GitHubReporter(quiet: quiet)
        case .json: return JSONReporter()
        case .junit: return JUnitReporter()
        case .sarif: return SARIFReporter()
        case .markdown: return MarkdownReporter()
        case .html: return HTMLReporter()
        }
    }
}

/// The tool's name and version, as reports name their producer.
public enum ToolInfo {
    public static let name = "openapi-conform"
    public static let version = "0.5.0"
}
