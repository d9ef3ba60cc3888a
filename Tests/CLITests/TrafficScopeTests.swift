import ConformTestSupport
import Foundation
import Testing

/// `validate --server` and `--host`: traffic recorded against a host the description does not name (schemathesis
/// against a local server), and a browser session with requests to many hosts.
@Suite struct TrafficScopeTests {
    static let notes = "Tests/ConformChecksTests/Fixtures/schemathesis/notes.yaml"
    static let recording = "Tests/ConformChecksTests/Fixtures/schemathesis/schemathesis.har"
    static let cassette = "Tests/ConformChecksTests/Fixtures/schemathesis/cassette.yaml"
    static let capturedNotes = "Tests/ConformChecksTests/Fixtures/captures/notes.yaml"
    static let capture = "Tests/ConformChecksTests/Fixtures/captures/browser.har"

    @Test(arguments: [recording, cassette])
    func withTheServerNamedSchemathesisTrafficHasNoHostPathOrCredentialFindings(_ traffic: String) throws {
        let outcome = try CLIProcess.run(["validate", "--spec", Self.notes, "--server", "http://127.0.0.1:8765/api", "--format", "json", traffic])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let exchanges = try #require(json["exchanges"] as? [[String: Any]])
        #expect(exchanges.count == 101)
        let rules = exchanges.flatMap { ($0["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String } }
        #expect(!rules.contains("request-unknown-server"))
        #expect(!rules.contains("request-unknown-path"))
        // schemathesis's negative cases are findings about their requests; the server's responses all conform.
        let responseErrors = exchanges.flatMap { ($0["findings"] as? [[String: Any]] ?? []) }
            .filter { $0["side"] as? String == "response" && $0["severity"] as? String == "error" }
        #expect(responseErrors.isEmpty)
        #expect(!outcome.stdout.contains("st-0f8c2e7a91d4b635"))
    }

    @Test func withoutTheServerEachHostIsOneLineWithItsCountAndTheHint() throws {
        let outcome = try CLIProcess.run(["validate", "--spec", Self.notes, Self.recording])
        #expect(outcome.status == 1)
        let lines = outcome.stdout.split(separator: "\n").filter { $0.contains("error[request-unknown-server]") }
        #expect(lines.count == 1, "\(outcome.stdout)")
        #expect(lines.first?.hasSuffix(
            "requests to http://127.0.0.1:8765 match none of the description's servers (https://notes.example.com/api); to check them, run with --server http://127.0.0.1:8765/api (×101 in 101 exchanges)") == true)
    }

    @Test func twoUnknownHostsAreTwoLinesEvenWithOneRequestEach() throws {
        let outcome = try CLIProcess.run(["validate", "--spec", Self.capturedNotes, Self.capture])
        let lines = outcome.stdout.split(separator: "\n").filter { $0.contains("error[request-unknown-server]") }
        #expect(lines.count == 2, "\(outcome.stdout)")
        #expect(lines.contains { $0.contains("requests to https://cdn.example.net match none") })
        #expect(lines.contains { $0.contains("requests to https://stats.example.net match none") })
    }

    @Test func hostsOutsideTheListAreCountedAsSkippedNeitherPassedNorFailed() throws {
        let text = try CLIProcess.run(["validate", "--spec", Self.capturedNotes, "--host", "notes.example.com", Self.capture])
        #expect(text.status == 0)
        #expect(text.stdout.contains("\nskipped (not among --host): cdn.example.net 1 exchange, stats.example.net 1 exchange\n"))
        #expect(text.stdout.hasSuffix("9 exchanges: 9 passed, 0 failed · 0 errors, 0 warnings, 7 notes · 2 skipped (other hosts)\n"))

        let json = try CLIProcess.run(["validate", "--spec", Self.capturedNotes, "--host", "notes.example.com", "--format", "json", Self.capture])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((report["summary"] as? [String: Any])?["skipped"] as? Int == 2)
        #expect((report["summary"] as? [String: Any])?["exchanges"] as? Int == 9)
        let skipped = try #require(report["skipped"] as? [[String: Any]])
        #expect(skipped.map { "\($0["host"] ?? "") \($0["exchanges"] ?? "")" } == ["cdn.example.net 1", "stats.example.net 1"])

        let markdown = try CLIProcess.run(["validate", "--spec", Self.capturedNotes, "--host", "notes.example.com", "--format", "markdown", Self.capture])
        #expect(markdown.stdout.contains("2 exchanges to other hosts (cdn.example.net 1, stats.example.net 1) were not checked (--host)."))
    }

    @Test func aHostMatchesWithoutRegardToCaseAndAnyPortUnlessItNamesOne() throws {
        let jsonl = """
            {"request": {"method": "GET", "url": "http://localhost:8080/api/notes"}, "response": {"status": 401}}
            {"request": {"method": "GET", "url": "http://LOCALHOST:9090/api/notes"}, "response": {"status": 401}}

            """
        let anyPort = try CLIProcess.run(
            ["validate", "--spec", Self.capturedNotes, "--server", "http://localhost:8080/api", "--server", "http://localhost:9090/api",
             "--host", "localhost", "-"], input: Data(jsonl.utf8))
        #expect(anyPort.stdout.contains("\n2 exchanges: "), "\(anyPort.stdout)")
        let onePort = try CLIProcess.run(
            ["validate", "--spec", Self.capturedNotes, "--server", "http://localhost:8080/api", "--host", "localhost:8080", "-"],
            input: Data(jsonl.utf8))
        #expect(onePort.stdout.contains("\n1 exchange: "), "\(onePort.stdout)")
        #expect(onePort.stdout.contains("skipped (not among --host): localhost:9090 1 exchange"))
    }

    @Test(arguments: [
        (["--server", "127.0.0.1:8080"], "The value '127.0.0.1:8080' is invalid for '--server <url>': a server is a URL with its scheme, such as 'http://127.0.0.1:8080'."),
        (["--server", "http://"], "The value 'http://' is invalid for '--server <url>': a server URL names a host after 'http://'."),
        (["--host", "https://notes.example.com"], "The value 'https://notes.example.com' is invalid for '--host <name>': a host is a name such as 'api.example.com' or 'localhost:8080', without scheme or path."),
    ])
    func aMalformedServerOrHostIsAUsageError(_ options: [String], _ message: String) throws {
        let outcome = try CLIProcess.run(["validate", "--spec", Self.capturedNotes] + options + [Self.capture])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("Error: " + message + "\n"), "\(outcome.stderr)")
    }

    @Test func theConfigsServersApplyToRunToo() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("scope-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let api = directory + "/specs/notes"
        try FileManager.default.createDirectory(atPath: api, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: TestPaths.repositoryRoot + "/" + Self.notes, toPath: api + "/openapi.yaml")
        try FileManager.default.copyItem(atPath: TestPaths.repositoryRoot + "/" + Self.recording, toPath: api + "/traffic.har")
        try "servers:\n  - http://127.0.0.1:8765/api\n".write(toFile: api + "/openapi-conform.yaml", atomically: true, encoding: .utf8)
        let outcome = try CLIProcess.run(["run", "--specs", directory + "/specs", "--reports", directory + "/reports"])
        let report = try String(contentsOfFile: directory + "/reports/notes/report.json", encoding: .utf8)
        #expect(!report.contains("request-unknown-server"), "\(outcome.stdout)\(outcome.stderr)")
        #expect(report.contains("\"exchanges\": 101"))
    }
}
