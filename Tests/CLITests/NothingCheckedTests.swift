import ConformTestSupport
import Foundation
import Testing

/// A run that checked no exchange is exit 2 with the reason, its report still written: a capture with no entries,
/// or a `--host` that no exchange went to. A shard may hold none; the merge of the shards may not.
@Suite struct NothingCheckedTests {
    static let spec = "specs/qonto/openapi.yaml"
    static let empty = TestPaths.fixture("CLITests", "empty.har")

    @Test func aCaptureWithoutEntriesIsExit2AndItsReportIsWritten() throws {
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("nothing-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: report) }
        let outcome = try CLIProcess.run(["validate", "--spec", Self.spec, "--quiet", "--report", "json=\(report)", Self.empty])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("error: no exchange was checked: the traffic holds none"), "\(outcome.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any]
        #expect((json?["summary"] as? [String: Any])?["exchanges"] as? Int == 0)
    }

    @Test func aHostNoExchangeWentToIsExit2AndSaysTheHostsThereAre() throws {
        let outcome = try CLIProcess.run(["validate", "--spec", Self.spec, "--quiet", "--host", "api.qonto.example", "specs/qonto/traffic.har"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("error: no exchange was checked: all "), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("went to hosts --host does not name: thirdparty-sandbox.staging.qonto.co (12) and thirdparty.qonto.com (2)"), "\(outcome.stderr)")
    }

    @Test func anEmptyShardPassesButTheMergeOfEmptyShardsDoesNot() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nothing-shards-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var shards: [String] = []
        for index in 1...2 {
            let shard = "\(folder)/shard-\(index).json"
            let outcome = try CLIProcess.run(
                ["validate", "--spec", Self.spec, "--quiet", "--shard", "\(index)/2", "--format", "json", "--output", shard, Self.empty])
            #expect(outcome.status == 0, "\(outcome.stderr)")
            shards.append(shard)
        }
        let merged = try CLIProcess.run(["merge", "--spec", Self.spec, "--quiet"] + shards)
        #expect(merged.status == 2)
        #expect(merged.stderr.contains("error: no exchange was checked"), "\(merged.stderr)")
    }
}
