import ConformCheckSupport
import ConformTestSupport
import ConformValues
import Foundation
import Testing

/// Every command that writes JSON writes a finding in one shape, the one `$defs/finding` of the report schema
/// describes; `validate` writes the whole report the schema describes, and the baseline file is `$defs/baseline`.
@Suite struct JSONOutputTests {
    static let rulesSpec = "Tests/ConformChecksTests/Fixtures/rules/openapi.yaml"
    static let rulesTraffic = "Tests/ConformChecksTests/Fixtures/rules/rules.jsonl"

    /// A command and where its findings are in what it prints (pointers with `*` for every array item).
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var arguments: [String]
        var findings: [[String]]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "lint", arguments: ["lint", "--format", "json", "Tests/ConformChecksTests/Fixtures/lint/problems.yaml"],
            findings: [["findings", "*"]]),
        Case(
            name: "lint of a broken reference", arguments: ["lint", "--format", "json", "Tests/CLITests/Fixtures/broken-ref.yaml"],
            findings: [["findings", "*"]]),
        Case(
            name: "payload",
            arguments: [
                "payload", "--spec", "specs/qonto/openapi.yaml", "--operation", "createPaymentLinkConnection", "--request",
                "--format", "json", "Tests/CLITests/Fixtures/payloads/qonto-invalid.json",
            ],
            findings: [["description", "*"], ["files", "*", "findings", "*"]]),
        Case(
            name: "payload against a broken reference",
            arguments: [
                "payload", "--spec", "Tests/CLITests/Fixtures/broken-ref.yaml", "--operation", "listPets", "--response", "200",
                "--format", "json", "Tests/CLITests/Fixtures/payloads/codat-company.json",
            ],
            findings: [["description", "*"], ["files", "*", "findings", "*"]]),
        Case(
            name: "validate", arguments: ["validate", "--spec", rulesSpec, "--format", "json", rulesTraffic],
            findings: [["description", "*"], ["exchanges", "*", "findings", "*"], ["unreadable", "*"]]),
    ]

    @Test(arguments: cases)
    func everyFindingHasTheOneShape(_ command: Case) throws {
        let outcome = try CLIProcess.run(command.arguments)
        let root = try JSONReader.parse(Array(outcome.stdout.utf8), path: command.name)
        var count = 0
        for path in command.findings {
            for finding in Self.values(at: path[...], in: root) {
                count += 1
                let failures = try ReportSchema.failures(of: JSONWriter.string(finding), definition: "finding")
                #expect(failures.isEmpty, "\(command.name): \(JSONWriter.string(finding)): \(failures)")
            }
        }
        #expect(count > 0, "\(command.name) printed no findings to check: \(outcome.stdout) \(outcome.stderr)")
    }

    @Test func validateWritesTheWholeReportTheSchemaDescribes() throws {
        let outcome = try CLIProcess.run(["validate", "--spec", Self.rulesSpec, "--format", "json", Self.rulesTraffic])
        let failures = try ReportSchema.failures(of: outcome.stdout)
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func theBaselineFileKeepsEachFindingsIdentity() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let outcome = try CLIProcess.run(["validate", "--spec", Self.rulesSpec, "--baseline", path, "--update-baseline", Self.rulesTraffic])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let failures = try ReportSchema.failures(of: text, definition: "baseline")
        #expect(failures.isEmpty, "\(failures)")
        #expect(!text.contains("\"message\""), "the baseline keeps identities, not values")
        let again = try CLIProcess.run(["validate", "--spec", Self.rulesSpec, "--baseline", path, Self.rulesTraffic])
        #expect(again.stdout.contains("in the baseline"), "\(again.stdout)")
    }

    /// The values at a path of member names, `*` standing for every item of an array.
    static func values(at path: ArraySlice<String>, in value: JSONValue) -> [JSONValue] {
        guard let first = path.first else { return [value] }
        if first == "*" {
            return (value.arrayValue ?? []).flatMap { values(at: path.dropFirst(), in: $0) }
        }
        return value[first].map { values(at: path.dropFirst(), in: $0) } ?? []
    }
}
