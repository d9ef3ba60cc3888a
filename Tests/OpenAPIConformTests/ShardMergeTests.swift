import ConformCheckSupport
import ConformReports
import ConformTestSupport
import Foundation
import OpenAPIConform
import Testing

/// `validate --shard K/N` on N machines, then `merge`: the merged report is the one run over all the traffic,
/// byte for byte in JSON (and so in every format, which all render the same report), apart from when it was
/// written. The traffic: the pets fixture (passing, failing and unchecked exchanges, unreadable lines) and its
/// first six lines as a second file, so shares cut across files and unreadable entries land in some shards only.
@Suite struct ShardMergeTests {
    static let spec = ReportFixture.spec
    static let date = ReportFixture.date

    static func run(_ traffic: [String], shard: Shard?) async throws -> ConformanceReport {
        var run = ConformanceRun(name: "pets", specPath: spec, lint: false)
        run.shard = shard
        return try await run.report(traffic.map { .file($0) }, paths: PathDisplay(base: TestPaths.repositoryRoot), at: date)
    }

    @Test(arguments: [1, 2, 4, 7])
    func shardsMergedGiveTheOneRunsReport(_ count: Int) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shards-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let lines = try String(contentsOfFile: ReportFixture.traffic, encoding: .utf8).split(separator: "\n")
        try (lines.prefix(6).joined(separator: "\n") + "\n").write(toFile: folder + "/more.jsonl", atomically: true, encoding: .utf8)
        let traffic = [ReportFixture.traffic, folder + "/more.jsonl"]
        let whole = try await Self.run(traffic, shard: nil)
        var files: [String] = []
        var exchanges = 0
        for index in (0..<count).reversed() {
            let part = try await Self.run(traffic, shard: Shard(index: index, count: count))
            exchanges += part.exchangeCount
            let file = folder + "/report-\(index + 1).json"
            try JSONReporter().render(part).write(toFile: file, atomically: true, encoding: .utf8)
            files.append(file)
        }
        #expect(exchanges == whole.exchangeCount, "each exchange is in exactly one shard")
        let merged = try ReportMerge.merge(files, contract: whole.contract, paths: PathDisplay(base: TestPaths.repositoryRoot), at: Self.date)
        #expect(JSONReporter().render(merged) == JSONReporter().render(whole))
        #expect(TextReporter().render(merged) == TextReporter().render(whole))
    }

    @Test(arguments: ["0/4", "5/4", "1/0", "2", "a/b", "1/4/2"])
    func aShardIsKOfN(_ text: String) {
        #expect(Shard(parsing: text) == nil)
    }

    @Test func shardsTakeEveryNthEntry() throws {
        let shard = try #require(Shard(parsing: "2/3"))
        #expect((0..<9).filter(shard.owns) == [1, 4, 7])
    }

    /// Reports of different runs are not merged: the second file is named, and why.
    @Test func reportsOfAnotherRunAreRefused() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shards-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var one = ConformanceRun(name: "pets", specPath: Self.spec, lint: false)
        one.shard = Shard(parsing: "1/2")
        let first = try await one.report([.file(ReportFixture.traffic)], at: Self.date)
        one.shard = Shard(parsing: "2/2")
        one.failOn = .warning
        let second = try await one.report([.file(ReportFixture.traffic)], at: Self.date)
        try JSONReporter().render(first).write(toFile: folder + "/a.json", atomically: true, encoding: .utf8)
        try JSONReporter().render(second).write(toFile: folder + "/b.json", atomically: true, encoding: .utf8)
        #expect(throws: ReportMerge.Problem.self) { try ReportMerge.merge([folder + "/a.json", folder + "/b.json"], contract: first.contract) }
        do {
            _ = try ReportMerge.merge([folder + "/a.json", folder + "/b.json"], contract: first.contract)
        } catch {
            #expect(error.file == folder + "/b.json")
            #expect(error.message.hasPrefix("is the report of another run"))
        }
    }
}
