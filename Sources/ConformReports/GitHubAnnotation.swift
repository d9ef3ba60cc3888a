import ConformFindings
import ConformValues

/// One GitHub Actions workflow command that makes an annotation:
/// `::error file=specs/api.yaml,line=12,col=9,title=response-body-invalid::message`. The runner reads these from
/// the step's output and shows them on the files of a pull request (or on the run, without a file).
///
/// Escaping follows the runner's rules (actions/toolkit `command.ts`): in the message `%`, CR and LF become
/// `%25`, `%0D`, `%0A`; in a property `:` and `,` become `%3A` and `%2C` as well, since they end a property.
package struct GitHubAnnotation: Sendable, Equatable {
    package enum Level: String, Sendable {
        case error, warning, notice
    }

    package var level: Level
    package var location: SourceLocation?
    package var title: String
    /// May span several lines.
    package var message: String

    package init(level: Level, location: SourceLocation?, title: String, message: String) {
        self.level = level
        self.location = location
        self.title = title
        self.message = message
    }

    /// The level of a finding's annotation, by the one verdict: `error` when it fails the run (at or above
    /// `--fail-on`), as SARIF's level; below that, `warning` or `notice` by its own severity.
    package static func level(_ severity: Severity, threshold: Severity) -> Level {
        if severity >= threshold { return .error }
        return severity == .warning ? .warning : .notice
    }

    /// The command line, without its line break.
    package var command: String {
        var properties: [(String, String)] = []
        if let location {
            properties += [("file", location.file), ("line", "\(location.line)"), ("col", "\(location.column)")]
        }
        properties.append(("title", title))
        let list = properties.map { "\($0.0)=\(Self.escapeProperty($0.1))" }.joined(separator: ",")
        return "::\(level.rawValue) \(list)::\(Self.escapeData(message))"
    }

    package static func escapeData(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": escaped += "%25"
            case "\r": escaped += "%0D"
            case "\n": escaped += "%0A"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    package static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
