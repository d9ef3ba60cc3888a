import ConformCheckSupport
import ConformTestSupport
import OpenAPIConform
import Testing

/// Traffic schemathesis recorded against a local server that implements the description (see
/// `Fixtures/schemathesis/README.md`), checked as a user would: with `--server` naming where it was recorded. Its
/// negative cases are findings about their requests; what must not appear is a false positive about the host, the
/// path or the credentials schemathesis filtered.
@Suite struct SchemathesisRecordingTests {
    static let spec = TestPaths.fixture("ConformChecksTests", "schemathesis/notes.yaml")

    static func check(_ recording: String) async throws -> ConformanceReport {
        var config = ConformConfig()
        config.servers = ["http://127.0.0.1:8765/api"]
        return try await TrafficSupport.check(spec: spec, traffic: [TestPaths.fixture("ConformChecksTests", "schemathesis/\(recording)")], config: config)
    }

    @Test(arguments: ["schemathesis.har", "cassette.yaml"])
    func aRecordingOfAConformingServerHasNoHostPathOrCredentialFalsePositives(_ recording: String) async throws {
        let report = try await Self.check(recording)
        #expect(report.unreadable.isEmpty)
        #expect(report.exchangeCount == 101)
        let rules = report.results.flatMap(\.findings).map(\.rule)
        #expect(!rules.contains(.requestUnknownServer))
        #expect(!rules.contains(.requestUnknownPath))
        for result in report.results where result.findings.contains(where: { $0.rule == .requestSecurityMissing }) {
            // Only requests schemathesis sent without the token on purpose; a [Filtered] one is a present token.
            #expect(result.findings.first { $0.rule == .requestSecurityMissing }?.message.contains("Authorization header") == false, "\(result)")
        }
        // The server conforms: no response of a documented operation breaks the description.
        let responseErrors = report.results.flatMap(\.findings).filter { $0.side == .response && $0.severity == .error }
        #expect(responseErrors.isEmpty, "\(responseErrors.prefix(5))")
        // The filtered token was seen as present: each request that carried it says so in a note.
        #expect(report.results.contains { $0.findings.contains { $0.rule == .notValidated && $0.message.contains("hides the credentials") } })
    }

    @Test func withoutTheServerTheHostIsNamedOnceForEveryRequest() async throws {
        let report = try await TrafficSupport.check(spec: Self.spec, traffic: [TestPaths.fixture("ConformChecksTests", "schemathesis/schemathesis.har")])
        let messages = Set(report.results.flatMap(\.findings).filter { $0.rule == .requestUnknownServer }.map(\.message))
        #expect(messages == ["requests to http://127.0.0.1:8765 match none of the description's servers (https://notes.example.com/api); to check them, run with --server http://127.0.0.1:8765/api"])
        #expect(report.results.allSatisfy { $0.findings.map(\.rule) == [.requestUnknownServer] })
    }
}
