import Foundation
import OpenAPIConform

/// `openapi-conform run`: the main job over the bundled APIs, one folder per API under `specs/`.
struct RunCommand: Command {
    static let spec = CommandSpec(
        name: "run",
        abstract: "Check every bundled API under specs/: lint its description and validate its recorded traffic.",
        discussion: """
            For each specs/<api>/openapi.yaml: lint the description, then validate specs/<api>/traffic.har when \
            it exists. Prints one line per API and every finding.
            Exit status: 0 when no API has findings at the failing severity, 1 otherwise, 2 when a \
            description or recording cannot be read.
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
            let description: Description
            do {
                let config = try ConformConfig.resolve(explicit: nil, spec: api.specPath)
                report = try SpecLinter(config: config).lint(path: api.specPath)
                description = Description(linted: report, config: config)
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
            var findings = report.findings
            if let traffic = api.trafficPath {
                let validation = await TrafficValidation(description: description).run([.file(traffic)])
                Console.out(TrafficText.render(validation, description: description, colour: Console.stdoutWantsColour)
                    .split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n"))
                findings += validation.findings
                if !validation.unreadable.isEmpty { status = .usageOrInput }
            }
            if status == .success, FailurePolicy.exitStatus(for: findings, threshold: threshold) == .findings {
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
