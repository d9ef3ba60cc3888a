import Foundation
import OpenAPIConform

/// `openapi-conform run`: the main job over the bundled APIs, one folder per API under `specs/`, one report folder
/// per API under `reports/`.
struct RunCommand: Command {
    /// The formats written for each API; text is what the terminal shows.
    static let formats: [ReportFormat] = [.html, .markdown, .json, .junit, .sarif]

    static let spec = CommandSpec(
        name: "run",
        abstract: "Check every bundled API under specs/ and write its reports under reports/.",
        discussion: """
            For each specs/<api>/openapi.yaml: lint the description and validate specs/<api>/traffic.har when it \
            exists, then write reports/<api>/ (report.html, report.md, report.json, junit.xml, report.sarif) and \
            reports/index.html linking them. Prints one line per API (with --quiet, only for the APIs that fail).
            Exit status: 0 when every API is conformant, 1 when one has findings at the failing severity or \
            coverage under --min-coverage, 2 when a description or recording cannot be read or a report cannot \
            be written.
            """,
        options: [
            OptionSpec("--specs", valueName: "directory", help: "Folder holding one sub-folder per API.", defaultValue: "specs"),
            OptionSpec("--reports", valueName: "directory", help: "Folder the reports are written to.", defaultValue: "reports"),
            ReportOptions.minimumCoverageOption,
            FailurePolicy.option,
            QuietOption.option,
        ])

    let specsDirectory: String
    let reportsDirectory: String
    let threshold: Severity
    let minimumCoverage: Double?
    /// Only the APIs that fail (or cannot be loaded), then where the reports are.
    let quiet: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        quiet = arguments.flag("--quiet")
        specsDirectory = arguments.value("--specs") ?? "specs"
        reportsDirectory = arguments.value("--reports") ?? "reports"
        threshold = FailurePolicy.threshold(arguments)
        minimumCoverage = try ReportOptions.minimumCoverage(arguments)
    }

    func run() async -> ExitStatus {
        let apis = BundledAPIs.find(in: specsDirectory)
        guard !apis.isEmpty else {
            Console.error("error: no API descriptions found under '\(specsDirectory)' (expected \(specsDirectory)/<api>/openapi.yaml)")
            return .usageOrInput
        }
        var status = ExitStatus.success
        var entries: [HTMLIndexPage.Entry] = []
        let width = apis.map(\.name.count).max() ?? 0
        let started = ReportDate.now()
        for api in apis {
            let label = api.name.padding(toLength: width, withPad: " ", startingAt: 0)
            let folder = "\(reportsDirectory)/\(api.name)"
            let report: ConformanceReport
            do {
                var run = ConformanceRun(name: api.name, specPath: api.specPath, lint: true)
                run.failOn = threshold
                run.minimumCoverage = minimumCoverage
                let progressLine = ProgressLine(label: api.name, enabled: !quiet)
                run.progress = { progressLine.update($0) }
                report = try await run.report(api.trafficPath.map { [.file($0)] } ?? [], at: started)
                progressLine.finish()
            } catch {
                Console.out("\(label)  cannot be loaded")
                Console.error(FindingText.render(error))
                entries.append(HTMLIndexPage.Entry(name: api.name, folder: "\(api.name)/", report: nil, loadError: FindingText.render(error)))
                status = .usageOrInput
                continue
            }
            entries.append(HTMLIndexPage.Entry(name: api.name, folder: "\(api.name)/", report: report, loadError: nil))
            if !quiet || !report.conformant {
                Console.out(label + "  " + Self.line(report) + "  → \(folder)/\(ReportFormat.html.fileName)")
            }
            for format in Self.formats {
                status = worst(status, write(to: "\(folder)/\(format.fileName)") { try ReportFile.write(report, as: format.reporter(), to: $0) })
            }
            if !report.unreadable.isEmpty {
                status = worst(status, .usageOrInput)
            } else if !report.conformant {
                status = worst(status, .findings)
            }
        }
        let index = "\(reportsDirectory)/index.html"
        status = worst(status, write(to: index) { path in
            try ReportFile.write(to: path) { $0.write(HTMLIndexPage.render(entries, generatedAt: started)) }
        })
        Console.out("reports: \(index)")
        return status
    }

    /// `OpenAPI 3.0.3 · 12 operations · 20 exchanges, 5 failed · coverage 40% · 3 errors, 1 warning`.
    static func line(_ report: ConformanceReport) -> String {
        let document = report.contract.document
        var parts = [
            "OpenAPI \(document.version.text)",
            CountText.phrase(document.operations.count, "operation"),
        ]
        if report.checksTraffic {
            parts.append("\(CountText.phrase(report.exchangeCount, "exchange")), \(report.failedCount) failed")
            parts.append("coverage \(PercentText.format(report.coverage.percent))")
        }
        parts.append([
            CountText.phrase(report.count(.error), "error"),
            CountText.phrase(report.count(.warning), "warning"),
        ].joined(separator: ", "))
        return parts.joined(separator: " · ")
    }

    private func write(to path: String, _ body: (String) throws -> Void) -> ExitStatus {
        do {
            try body(path)
            return .success
        } catch {
            Console.error("error: cannot write \(path): \(error.localizedDescription)")
            return .usageOrInput
        }
    }

    private func worst(_ first: ExitStatus, _ second: ExitStatus) -> ExitStatus {
        first.rawValue >= second.rawValue ? first : second
    }
}

/// The APIs bundled under a folder: each sub-folder with an `openapi.yaml`, `openapi.yml` or `openapi.json`.
enum BundledAPIs {
    struct API {
        var name: String
        var specPath: String
        /// `traffic.har` beside the description, when the API has recorded traffic.
        var trafficPath: String?
    }

    static func find(in directory: String) -> [API] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.sorted().compactMap { name in
            for file in ["openapi.yaml", "openapi.yml", "openapi.json"] {
                let path = "\(directory)/\(name)/\(file)"
                guard FileManager.default.fileExists(atPath: path) else { continue }
                let traffic = "\(directory)/\(name)/traffic.har"
                return API(name: name, specPath: path, trafficPath: FileManager.default.fileExists(atPath: traffic) ? traffic : nil)
            }
            return nil
        }
    }
}
