import Foundation
import OpenAPIConform

/// `openapi-conform run`: the main job over the bundled APIs, one folder per API under `specs/`.
struct RunCommand: Command {
    static let spec = CommandSpec(
        name: "run",
        abstract: "Check every bundled API under specs/ (specs/<api>/openapi.yaml).",
        discussion: """
            Lints each API's description and prints one line per API followed by its findings.
            Exit status: 0 when no API has findings at the failing severity, 1 otherwise, 2 when a \
            description cannot be read.
            """,
        options: [
            OptionSpec("--specs", valueName: "directory", help: "Folder holding one sub-folder per API.", defaultValue: "specs"),
            FailurePolicy.option,
        ])

    let specsDirectory: String
    let threshold: Severity

    init(_ arguments: ParsedArguments) throws(UsageError) {
        specsDirectory = arguments.value("--specs") ?? "specs"
        threshold = FailurePolicy.threshold(arguments)
    }

    func run() async -> ExitStatus {
        let apis = BundledAPIs.find(in: specsDirectory)
        guard !apis.isEmpty else {
            Console.error("error: no API descriptions found under '\(specsDirectory)' (expected \(specsDirectory)/<api>/openapi.yaml)")
            return .usageOrInput
        }
        var status = ExitStatus.success
        let width = apis.map(\.name.count).max() ?? 0
        for api in apis {
            let report: LintReport
            do {
                let config = try ConformConfig.resolve(explicit: nil, spec: api.specPath)
                report = try SpecLinter(config: config).lint(path: api.specPath)
            } catch {
                Console.out(api.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  cannot be loaded")
                Console.error(error.description)
                status = .usageOrInput
                continue
            }
            let document = report.document
            Console.out([
                api.name.padding(toLength: width, withPad: " ", startingAt: 0),
                document.version.description,
                LintSummary.plural(document.operations.count, "operation"),
                LintSummary.plural(document.components.schemas.count, "schema"),
                LintSummary.tally(report),
            ].joined(separator: "  "))
            let text = FindingText(locator: report.bundle, colour: Console.stdoutWantsColour)
            for finding in report.findings { Console.out(text.render(finding)) }
            if status == .success, FailurePolicy.exitStatus(for: report.findings, threshold: threshold) == .findings {
                status = .findings
            }
        }
        return status
    }
}

/// The APIs bundled under a folder: each sub-folder with an `openapi.yaml`, `openapi.yml` or `openapi.json`.
enum BundledAPIs {
    struct API {
        var name: String
        var specPath: String
    }

    static func find(in directory: String) -> [API] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.sorted().compactMap { name in
            for file in ["openapi.yaml", "openapi.yml", "openapi.json"] {
                let path = "\(directory)/\(name)/\(file)"
                if FileManager.default.fileExists(atPath: path) { return API(name: name, specPath: path) }
            }
            return nil
        }
    }
}
