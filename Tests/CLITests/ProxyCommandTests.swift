import ConformTestSupport
import Foundation
import Testing

/// `openapi-conform proxy` as a user runs it, in front of `openapi-conform mock`: findings print as requests pass,
/// the recording is written as traffic flows, and at SIGTERM the report; the recording validates the same.
@Suite struct ProxyCommandTests {
    static let orders = TestPaths.fixture("ConformLiveTests", "orders.yaml")

    @Test func proxyingTheMockRecordsAndReports() throws {
        let mock = try LiveProcess(["--spec", Self.orders, "--port", "0", "--quiet"])
        defer { _ = mock.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("proxy-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let recording = folder + "/traffic.jsonl"
        let proxy = try LiveProcess(
            ["--spec", Self.orders, "--port", "0", "--record", recording], command: "proxy",
            extra: ["--upstream", "http://127.0.0.1:\(mock.port)"])
        #expect(proxy.firstLine.hasPrefix("proxy: http://127.0.0.1:\(proxy.port) → http://127.0.0.1:\(mock.port)"), "\(proxy.firstLine)")
        let client = try RawHTTPClient(port: proxy.port)
        client.send("GET /v1/orders?limit=2 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer sk_live_secret\r\n\r\n")
        #expect(try client.readResponse().status == 200)
        client.send("GET /v1/orders?limit=1000 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer sk_live_secret\r\n\r\n")
        #expect(try client.readResponse().status == 400)
        let ended = proxy.stop()
        #expect(ended.status == 1, "an exchange had an error finding: \(ended.stderr)")
        #expect(ended.stderr.contains("request-parameter-invalid"))
        #expect(ended.stdout.contains("2 exchanges"), "\(ended.stdout)")
        #expect(!ended.stdout.contains("proxy: "), "standard output is the report's alone: \(ended.stdout.prefix(300))")
        let lines = try String(contentsOfFile: recording, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(!lines.joined().contains("sk_live_secret"))
        let validate = try CLIProcess.run(["validate", "--spec", Self.orders, "--server", "http://127.0.0.1:\(mock.port)/v1", recording])
        #expect(validate.status == 1)
        #expect(validate.stdout.contains("request-parameter-invalid"))
        #expect(validate.stdout.contains("2 exchanges: 1 passed, 1 failed"), "\(validate.stdout.suffix(600))")
    }
}
