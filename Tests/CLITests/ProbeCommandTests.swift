import ConformTestSupport
import Foundation
import Testing

/// `openapi-conform probe` as a user runs it, against `openapi-conform mock` started the same way: no findings,
/// a report, and a recording that `validate` reads back with the same verdict.
@Suite struct ProbeCommandTests {
    static let orders = TestPaths.fixture("ConformLiveTests", "orders.yaml")

    @Test func probingTheMockFindsNothingAndItsRecordingValidates() throws {
        let mock = try LiveProcess(["--spec", Self.orders, "--port", "0", "--quiet", "--credential", "sk_test_probe"])
        let base = "http://127.0.0.1:\(mock.port)/v1"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("probe-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let recording = folder + "/probe.har"
        let probe = try CLIProcess.run(
            ["probe", "--spec", Self.orders, "--base-url", base, "--max-examples", "2", "--auth", "bearer=$PROBE_TOKEN",
             "--record", recording, "--format", "json"],
            environment: ["PROBE_TOKEN": "sk_test_probe"])
        _ = mock.stop()
        #expect(probe.status == 0, "\(probe.stderr)\n\(probe.stdout.prefix(2000))")
        let report = try JSONSerialization.jsonObject(with: Data(probe.stdout.utf8)) as? [String: Any]
        let summary = report?["summary"] as? [String: Any]
        #expect((summary?["exchanges"] as? Int ?? 0) > 20, "\(String(describing: summary))")
        #expect(!probe.stdout.contains("sk_test_probe"), "the credential never appears in the report")
        let har = try String(contentsOfFile: recording, encoding: .utf8)
        #expect(!har.contains("sk_test_probe"), "nor in the recording")
        #expect(har.contains("invalid-on-purpose") && har.contains("at-edge"))
        // The run says what it sent, on standard error.
        #expect(probe.stderr.split(separator: "\n").contains { $0.hasPrefix("probe: sent \(summary?["exchanges"] as? Int ?? 0) requests: ") && $0.contains(" at an edge)") },
                "\(probe.stderr)")
        let validate = try CLIProcess.run(["validate", "--spec", Self.orders, "--server", base, recording])
        #expect(validate.status == 0, "\(validate.stdout.suffix(3000))")
    }

    /// `--min-coverage` gates a probe as it gates validate: a probe of one operation sees too few responses.
    @Test func minimumCoverageFailsAProbeThatSeesTooLittle() throws {
        let mock = try LiveProcess(["--spec", Self.orders, "--port", "0", "--quiet"])
        let base = "http://127.0.0.1:\(mock.port)/v1"
        let narrow = try CLIProcess.run(
            ["probe", "--spec", Self.orders, "--base-url", base, "--max-examples", "1", "--operation", "listOrders", "--auth", "bearer=x",
             "--min-coverage", "90", "--quiet"])
        let wide = try CLIProcess.run(
            ["probe", "--spec", Self.orders, "--base-url", base, "--max-examples", "1", "--operation", "listOrders", "--auth", "bearer=x",
             "--min-coverage", "1", "--quiet"])
        _ = mock.stop()
        #expect(narrow.status == 1, "\(narrow.stderr)")
        #expect(narrow.stderr.contains("documented responses seen; --min-coverage requires 90%"), "\(narrow.stderr)")
        #expect(wide.status == 0, "\(wide.stderr)\n\(wide.stdout.suffix(2000))")
    }

    /// A description with nothing to ask (webhooks only, as Adyen's notification descriptions are) is said, not a
    /// pass of no exchanges.
    @Test func aDescriptionWithoutOperationsIsExit2() throws {
        let spec = TestPaths.fixture("CLITests", "webhooks-only.yaml")
        let result = try CLIProcess.run(["probe", "--spec", spec, "--base-url", "http://127.0.0.1:9"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("the description has no operations to probe (its 1 webhook is a request the API sends, not one it answers)"), "\(result.stderr)")
        #expect(result.stdout.isEmpty, "no report of nothing: \(result.stdout)")
    }

    @Test func anUnreachableAPIIsExit2() throws {
        let result = try CLIProcess.run(["probe", "--spec", Self.orders, "--base-url", "http://127.0.0.1:9/v1", "--max-examples", "1", "--operation", "listOrders"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("could not be reached"))
    }

    @Test(arguments: [
        (["--base-url", "ftp://example.com"], "--base-url"),
        (["--base-url", "http://127.0.0.1:9", "--auth", "nosuchscheme=x"], "--auth names no security scheme"),
        (["--base-url", "http://127.0.0.1:9", "--header", "no colon"], "--header"),
        // A selector that matches nothing would send nothing and pass: a typo is said, with the name it is closest to.
        (["--base-url", "http://127.0.0.1:9", "--operation", "listOrder"], "--operation 'listOrder' names no operation; did you mean 'listOrders'?"),
        (["--base-url", "http://127.0.0.1:9", "--operation", "listOrders", "--operation", "nope"], "--operation 'nope' names no operation (operationIds: 'listOrders', 'createOrder', 'getOrder', 'cancelOrder', 'getReceipt', 'createRefund' and 'health')"),
        (["--base-url", "http://127.0.0.1:9", "--method", "put"], "--method 'PUT' names no operation"),
        (["--base-url", "http://127.0.0.1:9", "--operation", "listOrders", "--method", "DELETE"], "no operation matches them all"),
    ])
    func badOptionsAreExit2(_ extra: [String], _ message: String) throws {
        let result = try CLIProcess.run(["probe", "--spec", Self.orders] + extra)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}
