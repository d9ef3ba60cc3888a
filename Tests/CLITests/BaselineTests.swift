import ConformTestSupport
import Foundation
import Testing

/// `--baseline FILE` and `--update-baseline` on lint as on validate; a baseline file that does not exist is an
/// error unless `--update-baseline` is about to write it.
@Suite struct BaselineTests {
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("baseline-\(UUID().uuidString).json").path
    }

    @Test func lintWritesABaselineAndThenFailsOnlyOnNewFindings() throws {
        let baseline = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: baseline) }
        let spec = "specs/asset/openapi.yaml"
        let before = try CLIProcess.run(["lint", "--fail-on", "warning", spec])
        #expect(before.status == 1, "the asset description has three warnings")
        let write = try CLIProcess.run(["lint", "--baseline", baseline, "--update-baseline", spec])
        #expect(write.status == 0)
        #expect(write.stdout == "wrote 3 fingerprints to \(baseline)\n")
        let after = try CLIProcess.run(["lint", "--fail-on", "warning", "--baseline", baseline, spec])
        #expect(after.status == 0, "\(after.stdout)")
        #expect(after.stdout.hasSuffix("\n0 errors, 0 warnings · 3 in the baseline\n"))
    }

    @Test(arguments: [
        ["lint", "--baseline", "no-such-baseline.json", "specs/qonto/openapi.yaml"],
        ["validate", "--baseline", "no-such-baseline.json", "--spec", "specs/qonto/openapi.yaml", "specs/qonto/traffic.har"],
    ])
    func aMissingBaselineIsAnError(_ arguments: [String]) throws {
        let outcome = try CLIProcess.run(arguments)
        #expect(outcome.status == 2)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr == "error: the baseline file 'no-such-baseline.json' does not exist; write it with --update-baseline\n")
    }

    @Test func updateBaselineCreatesAMissingFile() throws {
        let baseline = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: baseline) }
        let outcome = try CLIProcess.run(["lint", "--baseline", baseline, "--update-baseline", "specs/qonto/openapi.yaml"])
        #expect(outcome.status == 0)
        #expect(FileManager.default.fileExists(atPath: baseline))
    }

    @Test func updateBaselineNeedsAFile() throws {
        let outcome = try CLIProcess.run(["lint", "--update-baseline", "specs/qonto/openapi.yaml"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("Error: --update-baseline needs --baseline <file> to write to."))
    }
}
