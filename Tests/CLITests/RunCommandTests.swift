import ConformTestSupport
import Foundation
import Testing

/// `run`: every bundled API checked, its reports written under --reports, an index linking them.
@Suite struct RunCommandTests {
    static func temporaryFolder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("run-reports-\(UUID().uuidString)").path
    }

    @Test func runWritesEveryReportOfEveryBundledAPI() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let outcome = try CLIProcess.run(["run", "--reports", folder])
        // The bundled recordings hold deliberately wrong exchanges (commented WRONG), so the run reports them.
        #expect(outcome.status == 1, "\(outcome.stdout)\(outcome.stderr)")
        #expect(outcome.stdout == """
            asset   OpenAPI 3.1.0 · 1 operation · 17 exchanges, 5 failed · coverage 100% · 5 errors, 3 warnings  → \(folder)/asset/report.html
            cadana  OpenAPI 3.0.0 · 1 operation · 15 exchanges, 5 failed · coverage 100% · 5 errors, 0 warnings  → \(folder)/cadana/report.html
            codat   OpenAPI 3.1.0 · 4 operations · 23 exchanges, 5 failed · coverage 35.3% · 5 errors, 0 warnings  → \(folder)/codat/report.html
            qonto   OpenAPI 3.1.1 · 1 operation · 14 exchanges, 5 failed · coverage 100% · 5 errors, 0 warnings  → \(folder)/qonto/report.html
            reports: \(folder)/index.html

            """)
        #expect(outcome.stderr.isEmpty, "nothing on stderr when it is not a terminal: \(outcome.stderr)")
        for api in ["asset", "cadana", "codat", "qonto"] {
            for file in ["report.html", "report.md", "report.json", "junit.xml", "report.sarif"] {
                let path = "\(folder)/\(api)/\(file)"
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                #expect(size > 1_000, "\(path) is missing or nearly empty")
            }
            let json = try String(contentsOfFile: "\(folder)/\(api)/report.json", encoding: .utf8)
            #expect(json.contains("\"spec\": {\n    \"path\": \"specs/\(api)/openapi.yaml\""))
        }
        let index = try String(contentsOfFile: "\(folder)/index.html", encoding: .utf8)
        for api in ["asset", "cadana", "codat", "qonto"] {
            #expect(index.contains("href=\"\(api)/report.html\""))
        }
    }

    @Test func theCoverageGateIsRecordedInTheReports() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let outcome = try CLIProcess.run(["run", "--reports", folder, "--min-coverage", "50%"])
        #expect(outcome.status == 1)
        let codat = try String(contentsOfFile: "\(folder)/codat/report.json", encoding: .utf8)
        #expect(codat.contains("\"minimum\": 50"))
        let markdown = try String(contentsOfFile: "\(folder)/codat/report.md", encoding: .utf8)
        #expect(markdown.contains("❌ Coverage 35.3% is under the required 50%."))
    }

    @Test func aCoverageGateOutsideZeroToHundredIsAUsageError() throws {
        let outcome = try CLIProcess.run(["run", "--min-coverage", "120"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("Error: --min-coverage takes a percentage from 0 to 100, not '120'."))
    }

    @Test func runWithoutSpecsIsAnInputError() throws {
        let outcome = try CLIProcess.run(["run", "--specs", "Tests/CLITests/Fixtures"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "error: no API descriptions found under 'Tests/CLITests/Fixtures' (expected Tests/CLITests/Fixtures/<api>/openapi.yaml)\n")
    }
}
