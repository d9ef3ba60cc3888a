import ConformTestSupport
import Foundation
import Testing

/// Without --config, `openapi-conform.yaml` (or `.yml`) is looked for beside the description, then in the working
/// directory and each folder above it up to the repository root; the file used is named on stderr beside text.
@Suite struct ConfigDiscoveryTests {
    /// A description whose one schema uses `format: pet-tag`, which only a config defines.
    static let spec = """
        openapi: 3.0.3
        info: {title: Tags, version: '1'}
        paths:
          /tags:
            get:
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {type: string, format: pet-tag}
        """
    static let config = "formats:\n  pet-tag: '^t'\n"

    /// A temporary folder holding `files` (path → text; a path ending in `/` is a folder), removed after `body`.
    static func tree(_ files: [String: String], _ body: (String) throws -> Void) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        for (path, text) in files {
            let full = root + "/" + path
            if path.hasSuffix("/") {
                try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
            } else {
                try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try text.write(toFile: full, atomically: true, encoding: .utf8)
            }
        }
        try body(root)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var files: [String: String]
        /// Where the command runs, inside the tree.
        var directory: String
        var arguments: [String]
        /// The `config:` line expected on stderr, or nil when no config is used.
        var used: String?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "beside the description", files: ["repo/.git/": "", "repo/api/openapi.yaml": spec, "repo/api/openapi-conform.yaml": config],
            directory: "repo", arguments: ["lint", "api/openapi.yaml"], used: "api/openapi-conform.yaml"),
        Case(
            name: "at the repository root, as .yml, from a folder below it",
            files: ["repo/.git/": "", "repo/api/openapi.yaml": spec, "repo/openapi-conform.yml": config, "repo/work/deep/": ""],
            directory: "repo/work/deep", arguments: ["lint", "../../api/openapi.yaml"], used: "../../openapi-conform.yml"),
        Case(
            name: "beside the description before the working directory",
            files: [
                "repo/.git/": "", "repo/api/openapi.yaml": spec, "repo/api/openapi-conform.yaml": config,
                "repo/openapi-conform.yaml": "rules:\n  spec-unknown-format: error\n",
            ],
            directory: "repo", arguments: ["lint", "api/openapi.yaml"], used: "api/openapi-conform.yaml"),
        Case(
            name: "not above the repository root",
            files: ["outside/openapi-conform.yaml": config, "outside/repo/.git/": "", "outside/repo/openapi.yaml": spec],
            directory: "outside/repo", arguments: ["lint", "openapi.yaml"], used: nil),
        Case(
            name: "outside a repository, the working directory only",
            files: ["loose/openapi-conform.yaml": config, "loose/work/openapi.yaml": spec],
            directory: "loose/work", arguments: ["lint", "openapi.yaml"], used: nil),
        Case(
            name: "an explicit --config", files: ["repo/.git/": "", "repo/openapi.yaml": spec, "repo/settings.yaml": config],
            directory: "repo", arguments: ["lint", "--config", "settings.yaml", "openapi.yaml"], used: "settings.yaml"),
    ]

    @Test(arguments: cases)
    func theConfigFound(_ example: Case) throws {
        try Self.tree(example.files) { root in
            let outcome = try CLIProcess.run(example.arguments, in: root + "/" + example.directory)
            #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
            if let used = example.used {
                #expect(outcome.stderr == "config: \(used)\n")
                #expect(outcome.stdout.hasSuffix("\n0 errors, 0 warnings\n"), "the config defines the format: \(outcome.stdout)")
            } else {
                #expect(outcome.stderr.isEmpty)
                #expect(outcome.stdout.hasSuffix("\n0 errors, 1 warning\n"), "no config, so the format is unknown: \(outcome.stdout)")
            }
        }
    }

    @Test(arguments: [["--quiet"], ["--format", "json"], ["--format", "sarif"], ["--format", "github"]])
    func theConfigLineIsLeftOutBesideMachineReadableOutputAndUnderQuiet(_ options: [String]) throws {
        try Self.tree(["repo/.git/": "", "repo/openapi.yaml": Self.spec, "repo/openapi-conform.yaml": Self.config]) { root in
            let outcome = try CLIProcess.run(["lint"] + options + ["openapi.yaml"], in: root + "/repo")
            #expect(outcome.status == 0)
            #expect(outcome.stderr.isEmpty, "\(outcome.stderr)")
        }
    }

    @Test func aMachineReadableFormatWrittenToAFileStillNamesTheConfig() throws {
        try Self.tree(["repo/.git/": "", "repo/openapi.yaml": Self.spec, "repo/openapi-conform.yaml": Self.config]) { root in
            let outcome = try CLIProcess.run(["lint", "--format", "sarif", "--output", "out.sarif", "openapi.yaml"], in: root + "/repo")
            #expect(outcome.stderr == "config: openapi-conform.yaml\n")
        }
    }
}
