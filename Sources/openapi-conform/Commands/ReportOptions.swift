import Foundation
import OpenAPIConform

/// The report options shared by commands that check traffic: `--format` and `--output` for the main report,
/// `--report FORMAT=PATH` for more reports from the same run, and the `--min-coverage` gate.
struct ReportOptions: Sendable {
    /// One report to write: a format and where it goes (nil: standard output).
    struct Request: Sendable, Equatable {
        var format: ReportFormat
        var path: String?
    }

    static let options = [
        OptionSpec(
            "--format", valueName: "format", help: "Format of the report on standard output (or in --output).",
            allowedValues: ReportFormat.allCases.map(\.rawValue), defaultValue: "text"),
        OptionSpec("--output", short: "o", valueName: "file", help: "Write the --format report to this file instead of standard output."),
        OptionSpec(
            "--report", valueName: "format=file", kind: .repeated,
            help: "Also write a report in another format, e.g. --report html=out.html --report sarif=out.sarif."),
        minimumCoverageOption,
    ]

    static let minimumCoverageOption = OptionSpec(
        "--min-coverage", valueName: "percent", help: "Fail when fewer documented responses than this were seen (0-100).")

    var requests: [Request]
    var minimumCoverage: Double?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        let format = ReportFormat(rawValue: arguments.value("--format") ?? "text") ?? .text
        requests = [Request(format: format, path: arguments.value("--output"))]
        for value in arguments.values("--report") {
            guard let equals = value.firstIndex(of: "="), let extra = ReportFormat(rawValue: String(value[..<equals])),
                value.index(after: equals) < value.endIndex
            else {
                throw .invalidValue(option: "--report", value: value, allowed: ReportFormat.allCases.map { "\($0.rawValue)=<file>" })
            }
            requests.append(Request(format: extra, path: String(value[value.index(after: equals)...])))
        }
        let files = requests.compactMap(\.path)
        if let repeated = files.first(where: { path in files.filter { $0 == path }.count > 1 }) {
            throw .invalidCombination("two reports would be written to '\(repeated)'.")
        }
        minimumCoverage = try Self.minimumCoverage(arguments)
    }

    /// The `--min-coverage` percentage, `80` or `80%`.
    static func minimumCoverage(_ arguments: ParsedArguments) throws(UsageError) -> Double? {
        guard let text = arguments.value("--min-coverage") else { return nil }
        guard let percent = Double(text.hasSuffix("%") ? String(text.dropLast()) : text), (0...100).contains(percent) else {
            throw .invalidCombination("--min-coverage takes a percentage from 0 to 100, not '\(text)'.")
        }
        return percent
    }

    /// The main report (`--format`, to standard output or `--output`).
    var main: Request { requests[0] }

    /// Renders and writes every requested report. A report that cannot be written is an error on stderr; the
    /// others are still written. Returns false when any could not be. `quiet` shortens the main report only: the
    /// files of `--report` are whole reports.
    func write(_ report: ConformanceReport, quiet: Bool = false) -> Bool {
        var written = true
        for (index, request) in requests.enumerated() {
            let colour = request.path == nil && request.format == .text && Console.stdoutWantsColour
            let reporter = request.format.reporter(colour: colour, quiet: quiet && index == 0)
            guard let path = request.path else {
                Console.stream { stream in
                    var output = stream
                    reporter.write(report, to: &output)
                }
                continue
            }
            do {
                try ReportFile.write(report, as: reporter, to: path)
            } catch {
                Console.error("error: cannot write the \(request.format.rawValue) report to \(path): \(error.localizedDescription)")
                written = false
            }
        }
        return written
    }
}
