import ConformTestSupport
import Foundation
import Testing

/// `--quiet` means one thing on every command: only what fails the run, then the summary.
@Suite struct QuietTests {
    /// A command line under --quiet and what its output must and must not hold.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var arguments: [String]
        var status: Int32
        var contains: [String] = []
        var lacks: [String]
        var last: String
        var testDescription: String { name }
    }

    static let pets = "Tests/ConformCheckSupport/Fixtures/pets/"

    static let cases: [Case] = [
        Case(
            name: "lint: no overview, no warnings, the tally",
            arguments: ["lint", "--quiet", "specs/asset/openapi.yaml"], status: 0,
            lacks: ["files ", "operations ", "warning["], last: "0 errors, 3 warnings"),
        Case(
            name: "validate: failures and the summary, no never-seen list",
            arguments: ["validate", "-q", "--spec", pets + "openapi.yaml", pets + "traffic.jsonl"], status: 2,
            contains: ["error[request-body-invalid]", "\ncoverage: 7 of 8 documented responses seen"],
            lacks: ["pets  Tests/", "never seen", "not validated", "note[", "warning[", "#2  GET"],
            last: "10 exchanges: 4 passed, 6 failed · 8 errors, 1 warning, 1 note · 1 unreadable entry"),
        Case(
            name: "payload: no line for a valid file",
            arguments: PayloadCommandTests.qonto + ["--quiet", PayloadCommandTests.fixtures + "qonto-valid.json"], status: 0,
            lacks: ["valid against"], last: "1 payload: 1 valid, 0 invalid"),
    ]

    @Test(arguments: cases)
    func onlyWhatFailsAndTheSummary(_ example: Case) throws {
        let outcome = try CLIProcess.run(example.arguments)
        #expect(outcome.status == example.status, "\(outcome.stdout)\(outcome.stderr)")
        for text in example.contains { #expect(outcome.stdout.contains(text), "\(text) is missing:\n\(outcome.stdout)") }
        for text in example.lacks { #expect(!outcome.stdout.contains(text), "\(text) is printed:\n\(outcome.stdout)") }
        #expect(outcome.stdout.hasSuffix(example.last + "\n"), "\(outcome.stdout)")
        #expect(!outcome.stdout.hasPrefix("\n"))
    }

    @Test func runQuietNamesOnlyTheAPIsThatFail() throws {
        let folder = RunCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let outcome = try CLIProcess.run(["run", "--quiet", "--specs", "specs", "--reports", folder, "--fail-on", "error"])
        #expect(outcome.status == 1)
        let lines = outcome.stdout.split(separator: "\n")
        #expect(lines.last == "reports: \(folder)/index.html")
        #expect(lines.dropLast().allSatisfy { $0.contains(" failed ") }, "only failing APIs: \(outcome.stdout)")
    }
}
