import ConformTestSupport
import Foundation
import Testing

@Suite struct ValidateCommandTests {
    static let spec = "Tests/ConformChecksTests/Fixtures/rules/openapi.yaml"
    static let traffic = "Tests/ConformChecksTests/Fixtures/rules/rules.jsonl"

    @Test func bundledTrafficFailsOnlyOnItsWrongEntries() throws {
        let outcome = try CLIProcess.run(["validate", "--spec", "specs/qonto/openapi.yaml", "specs/qonto/traffic.har"])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.hasSuffix("14 exchanges: 9 passed, 5 failed · 5 errors, 0 warnings, 0 notes\n"))
    }

    @Test func jsonListsEveryExchangeWithSourceVerdictAndFindings() throws {
        let outcome = try CLIProcess.run(["validate", "--spec", Self.spec, "--format", "json", Self.traffic])
        #expect(outcome.status == 2, "one line of the fixture is unreadable")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let exchanges = try #require(json["exchanges"] as? [[String: Any]])
        #expect(exchanges.count == 37)
        let first = try #require(exchanges.first)
        let source = try #require(first["source"] as? [String: Any])
        #expect(source["file"] as? String == Self.traffic)
        #expect(source["index"] as? Int == 0)
        #expect(first["verdict"] as? String == "fail")
        let finding = try #require((first["findings"] as? [[String: Any]])?.first)
        #expect(finding["rule"] as? String == "request-unknown-path")
        #expect(finding["severity"] as? String == "error")
        #expect(finding["side"] as? String == "request")
        let passing = try #require(exchanges.first { $0["verdict"] as? String == "pass" })
        #expect(passing["operation"] as? String == "GET /items")
        #expect((passing["findings"] as? [Any])?.isEmpty == true)
    }

    @Test func sourceDateEpochFixesTheReportDate() throws {
        let arguments = ["validate", "--spec", "specs/qonto/openapi.yaml", "--format", "json", "specs/qonto/traffic.har"]
        let first = try CLIProcess.run(arguments, environment: ["SOURCE_DATE_EPOCH": "1700000000"])
        let second = try CLIProcess.run(arguments, environment: ["SOURCE_DATE_EPOCH": "1700000000"])
        #expect(first.stdout.contains(#""generatedAt": "2023-11-14T22:13:20Z""#))
        #expect(first.stdout == second.stdout, "the same run gives the same bytes")
        let unset = try CLIProcess.run(arguments, environment: ["SOURCE_DATE_EPOCH": "not a number"])
        #expect(!unset.stdout.contains("2023-11-14T22:13:20Z"), "a malformed value is ignored")
    }

    @Test func standardInputIsReadForADash() throws {
        let recording = try Data(contentsOf: URL(fileURLWithPath: TestPaths.repositoryRoot + "/specs/qonto/traffic.har"))
        let outcome = try CLIProcess.run(["validate", "--spec", "specs/qonto/openapi.yaml", "-"], input: recording)
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("<stdin>#1  POST"))
    }

    @Test func baselineWrittenThenUsedMakesTheRunPass() throws {
        let baseline = FileManager.default.temporaryDirectory.appendingPathComponent("cli-baseline-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: baseline) }
        let write = try CLIProcess.run(["validate", "--spec", "specs/codat/openapi.yaml", "--baseline", baseline, "--update-baseline", "specs/codat/traffic.har"])
        #expect(write.status == 0)
        #expect(write.stdout.hasPrefix("wrote 5 fingerprints to "))
        let check = try CLIProcess.run(["validate", "--spec", "specs/codat/openapi.yaml", "--baseline", baseline, "specs/codat/traffic.har"])
        #expect(check.status == 0)
        #expect(check.stdout.hasSuffix("23 exchanges: 23 passed, 0 failed · 0 errors, 0 warnings, 0 notes · 5 in the baseline\n"))
    }

    @Test func missingTrafficFileExitsTwoAndSaysWhy() throws {
        let outcome = try CLIProcess.run(["validate", "--spec", "specs/codat/openapi.yaml", "nowhere.har", "specs/codat/traffic.har"])
        #expect(outcome.status == 2)
        #expect(outcome.stdout.contains("nowhere.har:1:1: error[traffic-unreadable] cannot read file: "))
        #expect(outcome.stdout.contains("23 exchanges: 18 passed, 5 failed"))
    }

    static let reportsSpec = "Tests/ConformCheckSupport/Fixtures/pets/openapi.yaml"

    @Test func severalReportsFromOneRun() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("validate-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let outcome = try CLIProcess.run([
            "validate", "--spec", Self.reportsSpec, "--format", "json", "--output", "\(folder)/out.json",
            "--report", "html=\(folder)/out.html", "--report", "sarif=\(folder)/nested/out.sarif",
            "Tests/ConformCheckSupport/Fixtures/pets/traffic.jsonl",
        ])
        #expect(outcome.status == 2, "the fixture's last line is unreadable")
        #expect(outcome.stdout.isEmpty)
        for file in ["out.json", "out.html", "nested/out.sarif"] {
            #expect(FileManager.default.fileExists(atPath: "\(folder)/\(file)"), "\(file) was not written")
        }
        let html = try String(contentsOfFile: "\(folder)/out.html", encoding: .utf8)
        #expect(html.hasPrefix("<!doctype html>"))
    }

    @Test func theCoverageGateFailsARunThatIsOtherwiseClean() throws {
        let traffic = FileManager.default.temporaryDirectory.appendingPathComponent("one-pet-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: traffic) }
        let exchange = #"{"request": {"method": "GET", "url": "https://api.example.com/pets/3fa85f64-5717-4562-b3fc-2c963f66afa6?api_key=k", "headers": {}}, "response": {"status": 200, "headers": {"Content-Type": "application/json"}, "body": {"name": "Tom", "kind": "bird"}}}"#
        try (exchange + "\n").write(toFile: traffic, atomically: true, encoding: .utf8)
        let met = try CLIProcess.run(["validate", "--spec", Self.reportsSpec, "--min-coverage", "10", traffic])
        #expect(met.status == 0, "\(met.stdout)\(met.stderr)")
        #expect(met.stdout.contains("coverage: 1 of 8 documented responses seen (12.5%), 1 of 4 operations exercised"))
        let under = try CLIProcess.run(["validate", "--spec", Self.reportsSpec, "--min-coverage", "50", traffic])
        #expect(under.status == 1)
        #expect(under.stderr == "error: 1 of 8 documented responses seen; --min-coverage requires 50%\n")
    }

    @Test func aReportWithoutAFormatIsAUsageError() throws {
        let outcome = try CLIProcess.run(["validate", "--spec", Self.reportsSpec, "--report", "out.html", Self.traffic])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("--report"))
    }

    @Test func twoReportsToOneFileIsAUsageError() throws {
        let outcome = try CLIProcess.run(["validate", "--spec", Self.reportsSpec, "--output", "a.json", "--report", "html=a.json", Self.traffic])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("Error: two reports would be written to 'a.json'."))
    }

    /// A traffic file of one exchange, written for a test and removed after it.
    static func withTraffic(_ line: String, _ body: (String) throws -> Void) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("traffic-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try (line + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        try body(path)
    }

    @Test func anExchangeThatNeedsABrokenReferenceFailsAndTheDescriptionSaysWhy() throws {
        let exchange = #"{"request": {"method": "GET", "url": "/pets"}, "response": {"status": 200, "headers": {"Content-Type": "application/json"}, "body": [1, 2]}}"#
        try Self.withTraffic(exchange) { traffic in
            let outcome = try CLIProcess.run(["validate", "--spec", "Tests/CLITests/Fixtures/broken-ref.yaml", traffic])
            #expect(outcome.status == 1)
            #expect(outcome.stdout.contains("Description · 1 finding\n  Tests/CLITests/Fixtures/broken-ref.yaml:15:17: error[spec-ref-unresolved]"))
            #expect(outcome.stdout.contains("error[spec-ref-unresolved] response body: cannot be checked: the schema here is '$ref: #/components/schemas/Pets', which resolves nowhere"))
            #expect(outcome.stdout.hasSuffix("1 exchange: 0 passed, 1 failed · 2 errors, 0 warnings, 0 notes\n"))
        }
    }

    @Test(arguments: [("error", Int32(0), "1 exchange: 1 passed, 0 failed", "pass"), ("warning", Int32(1), "1 exchange: 0 passed, 1 failed", "fail")])
    func aWarningFailsTheExchangeOnlyUnderFailOnWarning(_ failOn: String, _ status: Int32, _ summary: String, _ verdict: String) throws {
        // The fixture's request-parameter-unknown:fires exchange: one warning, nothing else.
        let lines = try String(contentsOfFile: TestPaths.repositoryRoot + "/" + Self.traffic, encoding: .utf8).split(separator: "\n")
        let line = try #require(lines.first { $0.contains("\"request-parameter-unknown:fires\"") })
        try Self.withTraffic(String(line)) { traffic in
            let text = try CLIProcess.run(["validate", "--spec", Self.spec, "--fail-on", failOn, traffic])
            #expect(text.status == status)
            #expect(text.stdout.contains(summary + " · 0 errors, 1 warning, 0 notes"), "\(text.stdout)")
            let json = try CLIProcess.run(["validate", "--spec", Self.spec, "--fail-on", failOn, "--format", "json", traffic])
            #expect(json.status == status)
            #expect(json.stdout.contains("\"verdict\": \"\(verdict)\""))
            #expect(json.stdout.contains("\"conformant\": \(status == 0)"))
        }
    }
}
