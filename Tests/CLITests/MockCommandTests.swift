import ConformTestSupport
import Foundation
import Testing

/// `openapi-conform mock` as a user runs it: port 0 printed, requests answered, findings and an access log on
/// standard error (credentials masked), and on SIGTERM or SIGINT the report and the exit status.
@Suite struct MockCommandTests {
    static let orders = TestPaths.fixture("ConformLiveTests", "orders.yaml")

    @Test func servesUntilSIGTERMThenReports() throws {
        let reportFile = FileManager.default.temporaryDirectory.appendingPathComponent("mock-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: reportFile) }
        let mock = try LiveProcess(["--spec", Self.orders, "--port", "0", "--report", "json=\(reportFile)"])
        #expect(mock.port != 0, "\(mock.firstLine)")
        #expect(mock.firstLine.hasPrefix("mock: serving "))
        #expect(mock.firstLine.hasSuffix("(base paths: /v1)"))

        let client = try RawHTTPClient(port: mock.port)
        client.send("GET /v1/orders?limit=2&access_token=tok_secret_1234 HTTP/1.1\r\nHost: api.orders.example.com\r\nAuthorization: Bearer sk_live_abcdef\r\n\r\n")
        #expect(try client.readResponse().status == 200)
        client.send("GET /v1/orders?limit=1000 HTTP/1.1\r\nHost: api.orders.example.com\r\nAuthorization: Bearer sk_live_abcdef\r\n\r\n")
        #expect(try client.readResponse().status == 400)

        let ended = mock.stop()
        #expect(ended.status == 1, "a request had an error finding: \(ended.stderr)")
        #expect(ended.stderr.contains("\"GET /v1/orders?limit=2&access_token=[REDACTED] HTTP/1.1\" 200 "), "\(ended.stderr)")
        #expect(!ended.stderr.contains("tok_secret_1234"))
        #expect(!ended.stdout.contains("sk_live_abcdef") && !ended.stderr.contains("sk_live_abcdef"))
        #expect(ended.stderr.contains("request-parameter-invalid"))
        #expect(ended.stdout.contains("2 exchanges"), "the text report at shutdown: \(ended.stdout)")
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: reportFile))) as? [String: Any]
        let summary = report?["summary"] as? [String: Any]
        #expect(summary?["exchanges"] as? Int == 2, "\(String(describing: summary))")
    }

    @Test func aCleanSessionExitsZeroOnSIGINT() throws {
        let mock = try LiveProcess(["--spec", Self.orders, "--port", "0", "--quiet"])
        let client = try RawHTTPClient(port: mock.port)
        client.send("GET /v1/orders HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer sk_test_123456\r\n\r\n")
        #expect(try client.readResponse().status == 200)
        let ended = mock.stop(signal: SIGINT)
        #expect(ended.status == 0, "\(ended.stderr)")
        #expect(ended.stderr.isEmpty, "--quiet prints no access log: \(ended.stderr)")
    }

    /// Standard output is the report's alone, so `--format json` there is a JSON document a script can read; where
    /// the mock serves is said on standard error.
    @Test func aJSONReportOnStandardOutputParses() throws {
        let mock = try LiveProcess(["--spec", Self.orders, "--port", "0", "--quiet", "--format", "json"])
        #expect(mock.firstLine.hasPrefix("mock: serving "), "\(mock.firstLine)")
        let client = try RawHTTPClient(port: mock.port)
        client.send("GET /v1/orders HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer sk_test_123456\r\n\r\n")
        #expect(try client.readResponse().status == 200)
        let ended = mock.stop(signal: SIGINT)
        #expect(ended.status == 0, "\(ended.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(ended.stdout.utf8)) as? [String: Any]
        let summary = report?["summary"] as? [String: Any]
        #expect(summary?["exchanges"] as? Int == 1, "\(ended.stdout.prefix(300))")
    }

    @Test func aPortInUseIsExit2() throws {
        let first = try LiveProcess(["--spec", Self.orders, "--port", "0", "--quiet"])
        let second = try CLIProcess.run(["mock", "--spec", Self.orders, "--port", String(first.port)])
        #expect(second.status == 2)
        #expect(second.stderr.contains("cannot listen on 127.0.0.1:\(first.port)"), "\(second.stderr)")
        _ = first.stop()
    }

    @Test func aBrokenDescriptionIsExit2() throws {
        let result = try CLIProcess.run(["mock", "--spec", "no/such/file.yaml", "--port", "0"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no/such/file.yaml"))
    }
}
