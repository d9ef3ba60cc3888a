import ConformTestSupport
import Foundation
import Testing

@Suite struct LintCommandTests {
    @Test(arguments: ["cadana", "codat", "asset", "qonto"])
    func bundledSpecsLintClean(_ api: String) throws {
        let outcome = try CLIProcess.run(["lint", "specs/\(api)/openapi.yaml"])
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
        #expect(outcome.stdout.hasPrefix("specs/\(api)/openapi.yaml: OpenAPI 3."))
        #expect(outcome.stdout.contains("\n0 errors, "))
    }

    @Test func brokenReferenceExitsOneAndNamesTheRefLine() throws {
        let outcome = try CLIProcess.run(["lint", "--quiet", "Tests/CLITests/Fixtures/broken-ref.yaml"])
        #expect(outcome.status == 1)
        #expect(outcome.stdout == """
            Tests/CLITests/Fixtures/broken-ref.yaml:15:17: error[spec-ref-unresolved] '$ref: #/components/schemas/Pets' cannot be resolved: 'Tests/CLITests/Fixtures/broken-ref.yaml' has nothing at '#/components/schemas/Pets'
                              $ref: '#/components/schemas/Pets'
                              ^
            1 error, 0 warnings

            """)
    }

    @Test func summaryListsServersOperationsAndSchemas() throws {
        let outcome = try CLIProcess.run(["lint", "specs/qonto/openapi.yaml"])
        #expect(outcome.stdout == """
            specs/qonto/openapi.yaml: OpenAPI 3.1.1 · Qonto v2
              files       1 (12.9 kB)
              servers     https://thirdparty.qonto.com  (Production URL)
                          https://thirdparty-sandbox.staging.qonto.co  (Sandbox URL)
              operations  1
                POST /v2/payment_links/connections  [createPaymentLinkConnection]
              schemas     9
              security    OAuth, SecretKey
            0 errors, 0 warnings

            """)
    }

    @Test func jsonFormatListsFindingsWithLocations() throws {
        let outcome = try CLIProcess.run(["lint", "--format", "json", "Tests/CLITests/Fixtures/broken-ref.yaml"])
        #expect(outcome.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.count == 1)
        #expect(findings.first?["rule"] as? String == "spec-ref-unresolved")
        let spec = try #require(findings.first?["spec"] as? [String: Any])
        #expect(spec["file"] as? String == "Tests/CLITests/Fixtures/broken-ref.yaml")
        #expect(spec["pointer"] as? String == "/paths/~1pets/get/responses/200/content/application~1json/schema/$ref")
        #expect(spec["line"] as? Int == 15)
        #expect(spec["column"] as? Int == 17)
    }

    @Test func unreadableSpecExitsTwoWithALocatedError() throws {
        let outcome = try CLIProcess.run(["lint", "Tests/CLITests/Fixtures/syntax-error.yaml"])
        #expect(outcome.status == 2)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.hasPrefix("Tests/CLITests/Fixtures/syntax-error.yaml:8:1: error: "))
    }

    @Test func missingFileExitsTwo() throws {
        let outcome = try CLIProcess.run(["lint", "no/such/openapi.yaml"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("no/such/openapi.yaml:1:1: error: cannot read file"))
    }

    @Test func usageErrorsExitTwoWithASuggestion() throws {
        let outcome = try CLIProcess.run(["lint", "--fromat", "json", "specs/qonto/openapi.yaml"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr == """
            Error: Unknown option '--fromat'. Did you mean '--format'?
            Usage: openapi-conform lint [--format <format>] [--output <file>] [--fail-on <severity>] [--config <file>] [--limit <name=value> ...] [--allow-external-refs] [--allow-remote-refs] [--baseline <file>] [--update-baseline] [--quiet] <spec>
            See 'openapi-conform lint --help'.

            """)
    }

    @Test func unknownCommandSuggestsTheClosest() throws {
        let outcome = try CLIProcess.run(["lnit", "specs/qonto/openapi.yaml"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("Error: Unknown command 'lnit'. Did you mean 'lint'?"))
    }

    @Test func helpIsGeneratedFromTheCommandTable() throws {
        let outcome = try CLIProcess.run(["lint", "--help"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.hasPrefix("OVERVIEW: Check an OpenAPI 3.0 or 3.1 description and summarise it."))
        #expect(outcome.stdout.contains("--fail-on <severity>"))
    }

    @Test func sarifPutsTheDescriptionsFindingsInCodeScanningForm() throws {
        let outcome = try CLIProcess.run(["lint", "--format", "sarif", "specs/asset/openapi.yaml"])
        #expect(outcome.status == 0, "warnings only")
        let log = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.map { $0["ruleId"] as? String } == ["spec-discriminator-mapping", "spec-discriminator-mapping", "spec-example-invalid"])
        #expect(results.allSatisfy { $0["level"] as? String == "warning" })
    }

    @Test func outputWritesTheFileInsteadOfStandardOutput() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lint-\(UUID().uuidString).xml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let outcome = try CLIProcess.run(["lint", "--format", "junit", "--output", path, "Tests/CLITests/Fixtures/broken-ref.yaml"])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.isEmpty)
        let xml = try String(contentsOfFile: path, encoding: .utf8)
        #expect(xml.contains("<failure message=\"&#39;$ref: #/components/schemas/Pets&#39; cannot be resolved"))
    }

    /// A description named through `..` reaches its other files' schemas by the paths their `$ref`s resolve to
    /// (RFC 3986 removes the dot segments), so the same files lint the same from any folder.
    @Test func aDescriptionNamedThroughDotDotLintsAsFromItsOwnFolder() throws {
        let fromRoot = try CLIProcess.run(["lint", "Tests/ConformChecksTests/Fixtures/lob/lob.yml"])
        let fromBelow = try CLIProcess.run(
            ["lint", "../ConformChecksTests/Fixtures/lob/lob.yml"], in: TestPaths.repositoryRoot + "/Tests/CLITests")
        #expect(fromRoot.stdout.hasSuffix("0 errors, 5 warnings\n"), "\(fromRoot.stdout)")
        #expect(fromBelow.stdout.hasSuffix("0 errors, 5 warnings\n"), "\(fromBelow.stdout)")
    }
}
