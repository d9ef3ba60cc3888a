import ConformTestSupport
import ConformValues
import Foundation
import Testing

/// A minified description is one line of tens of kilobytes to megabytes; a report that repeats it under every
/// finding runs to hundreds of megabytes (and code-scanning services reject SARIF over 10 MB). Every format shows
/// a window of the line around the column instead, so the output stays small.
@Suite struct LargeOutputTests {
    /// Single-file descriptions of the shared corpus with findings to show: the largest such file, and the one
    /// with the most findings. (Gmail's, larger, has none since its uint64 format is known.)
    static let corpusSpecs = [
        "apis-guru/configcat.com/v1/openapi.yaml",
        "apis-guru/whatsapp.local/1.0/openapi.yaml",
    ]

    /// The description re-serialized as one line of JSON in a temporary file.
    static func minified(_ path: String) throws -> String {
        let document = try DocumentReader.read(path: path)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("minified-\(UUID().uuidString).json").path
        try JSONWriter.string(document.root).write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test(.enabled(if: TestPaths.corpus != nil, Comment(rawValue: TestPaths.corpusMissingReason)), arguments: corpusSpecs)
    func lintingAMinifiedDescriptionPrintsUnderAMegabyte(_ spec: String) throws {
        let original = try #require(TestPaths.corpus) + "/specs/" + spec
        let file = try Self.minified(original)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1 && lines[0].utf8.count > 50_000)
        let expected = try CLIProcess.run(["lint", "--format", "json", original]).stdout.components(separatedBy: "\"rule\": ").count - 1
        #expect(expected > 5, "the description must have findings for the sizes to mean anything")
        for format in ["text", "sarif", "junit", "github"] {
            let outcome = try CLIProcess.run(["lint", "--format", format, file])
            #expect(outcome.stdout.utf8.count < 1_000_000, "\(format): \(outcome.stdout.utf8.count) bytes")
            #expect(outcome.stderr.isEmpty)
        }
        let sarif = try CLIProcess.run(["lint", "--format", "sarif", file]).stdout
        #expect(sarif.components(separatedBy: "\"ruleId\": ").count - 1 == expected, "SARIF keeps every finding")
        #expect(sarif.contains("\"snippet\": {\n"))
    }

    /// A description the size of GitHub's REST description (about 3 MB here) written as one line of JSON, with
    /// 400 unknown formats (as Stripe's `unix-time`) and 40 schemas with an unknown `type`: linted, the text and
    /// SARIF stay under a megabyte. Generated, so the check holds on a bare clone too.
    @Test func lintingALargeMinifiedDescriptionPrintsUnderAMegabyte() throws {
        var paths: [String] = []
        for index in 0..<1_000 {
            var properties = (0..<40).map { "\"field_\($0)\": {\"type\": \"string\", \"description\": \"Field \($0) of resource \(index), as the API returns it.\"}" }
            if index < 400 { properties.append("\"created\": {\"type\": \"integer\", \"format\": \"unix-time\"}") }
            if index < 40 { properties.append("\"state\": {\"type\": \"strin\"}") }
            paths.append("\"/resources/r\(index)/{id}\": {\"get\": {\"operationId\": \"get-r\(index)\", \"parameters\": [{\"name\": \"id\", \"in\": \"path\", \"required\": true, \"schema\": {\"type\": \"string\"}}], \"responses\": {\"200\": {\"description\": \"ok\", \"content\": {\"application/json\": {\"schema\": {\"type\": \"object\", \"properties\": {\(properties.joined(separator: ", "))}}}}}}}}")
        }
        let text = "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"Large\", \"version\": \"1\"}, \"paths\": {\(paths.joined(separator: ", "))}}"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("large-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(text.utf8.count > 3_000_000)
        var sarif = ""
        for format in ["text", "sarif"] {
            let outcome = try CLIProcess.run(["lint", "--format", format, file])
            #expect(outcome.status == 1, "the unknown types are errors")
            #expect(outcome.stdout.utf8.count < 1_000_000, "\(format): \(outcome.stdout.utf8.count) bytes")
            if format == "sarif" { sarif = outcome.stdout }
        }
        #expect(sarif.components(separatedBy: "\"ruleId\": ").count - 1 == 440, "SARIF keeps every finding")
    }

    @Test func aSyntaxErrorInAMinifiedDescriptionIsShownAsAWindow() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("broken-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let padding = (0..<5_000).map { "\"p\($0)\": {\"type\": \"string\"}" }.joined(separator: ", ")
        try "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"t\", \"version\": \"1\"}, \"paths\": {}, \"x\": {\(padding)}, oops}"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let outcome = try CLIProcess.run(["lint", file])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.utf8.count < 1_000, "\(outcome.stderr.utf8.count) bytes")
        #expect(outcome.stderr.contains("…"))
    }

    @Test func sarifNamesASpecGivenByAnAbsolutePathRelativeToTheWorkingDirectory() throws {
        let outcome = try CLIProcess.run(["lint", "--format", "sarif", TestPaths.repositoryRoot + "/specs/asset/openapi.yaml"])
        let log = try JSONReader.parse(Array(outcome.stdout.utf8), path: "lint.sarif")
        let run = try #require(log["runs"]?.arrayValue?.first)
        #expect(run["originalUriBaseIds"]?["%SRCROOT%"]?["uri"]?.stringValue == "file://\(TestPaths.repositoryRoot)/")
        let artifact = try #require(run["artifacts"]?.arrayValue?.first?["location"])
        #expect(artifact["uri"]?.stringValue == "specs/asset/openapi.yaml")
        #expect(artifact["uriBaseId"]?.stringValue == "%SRCROOT%")
        let location = try #require(run["results"]?.arrayValue?.first?["locations"]?.arrayValue?.first?["physicalLocation"]?["artifactLocation"])
        #expect(location["uri"]?.stringValue == "specs/asset/openapi.yaml")
        #expect(location["uriBaseId"]?.stringValue == "%SRCROOT%")
    }
}
