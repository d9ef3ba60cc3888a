import ConformSchema
import ConformTestSupport
import Foundation
import Testing

import ConformCheckSupport
import OpenAPIConform

@testable import ConformReports

/// Each report format is what its consumers expect: JSON against the schema shipped in Reports/Schema, SARIF
/// against the SARIF 2.1.0 schema, JUnit against the Ant JUnit XSD (with xmllint), Markdown tables intact, text
/// grouped by operation; and no credential from the traffic in any of them.
@Suite struct ReportTests {
    // MARK: JSON

    @Test func jsonFollowsTheShippedSchema() async throws {
        let report = try await ReportFixture.report()
        let output = JSONReporter().render(report)
        let failures = try ReportSchema.failures(of: output)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        #expect(output.contains("\"version\": \(JSONReporter.version)"))
    }

    @Test func theSchemaRejectsAReportOfAnotherShape() throws {
        let failures = try ReportSchema.failures(of: #"{"version": 1, "exchanges": []}"#)
        #expect(!failures.isEmpty)
    }

    // MARK: SARIF

    @Test(.enabled(if: TestPaths.corpus != nil, Comment(rawValue: TestPaths.corpusMissingReason)))
    func sarifFollowsTheSARIF210Schema() async throws {
        let schemaPath = try #require(TestPaths.corpus) + "/schemas/sarif-schema-2.1.0.json"
        let output = SARIFReporter().render(try await ReportFixture.report())
        let failures = try SchemaCheck.failures(
            of: output, schemaPath: schemaPath, dialect: .draft4,
            uri: "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test(.enabled(if: TestPaths.corpus != nil, Comment(rawValue: TestPaths.corpusMissingReason)))
    func theSARIFSchemaCheckCatchesABrokenLog() throws {
        let schemaPath = try #require(TestPaths.corpus) + "/schemas/sarif-schema-2.1.0.json"
        let failures = try SchemaCheck.failures(
            of: #"{"version": "2.0.0", "runs": [{"tool": {}}]}"#, schemaPath: schemaPath, dialect: .draft4,
            uri: "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
        #expect(failures.count >= 2)
    }

    @Test func sarifLocatesResultsInTheSpecAndTheTraffic() async throws {
        let report = try await ReportFixture.report()
        let log = try JSONReader.parse(Array(SARIFReporter().render(report).utf8), path: "report.sarif")
        let run = try #require(log["runs"]?.arrayValue?.first)
        #expect(run["columnKind"]?.stringValue == "unicodeCodePoints")
        let results = try #require(run["results"]?.arrayValue)
        #expect(results.count == report.findings.count)
        let tooLong = try #require(results.first { $0["message"]?["text"]?.stringValue?.contains("/name") == true })
        let physical = tooLong["locations"]?.arrayValue?.first?["physicalLocation"]
        #expect(physical?["artifactLocation"]?["uri"]?.stringValue == "Tests/ConformCheckSupport/Fixtures/pets/openapi.yaml")
        #expect(physical?["region"]?["startLine"] != nil)
        let related = tooLong["relatedLocations"]?.arrayValue?.first?["physicalLocation"]
        #expect(related?["artifactLocation"]?["uri"]?.stringValue == "Tests/ConformCheckSupport/Fixtures/pets/traffic.jsonl")
        #expect(related?["region"]?["startLine"]?.intValue == 5)
        #expect(tooLong["fingerprints"]?["openapiConform/v1"]?.stringValue?.count == 16)
        let rules = try #require(run["tool"]?["driver"]?["rules"]?.arrayValue)
        #expect(rules.count == RuleID.catalogue.count)
        #expect(rules.allSatisfy { $0["help"]?["text"]?.stringValue?.isEmpty == false })
    }

    // MARK: JUnit

    @Test(.enabled(if: TestPaths.corpus != nil && XMLLint.path != nil, "needs ../shared/corpus and xmllint (apt-get install libxml2-utils)"))
    func junitFollowsTheJUnitSchema() async throws {
        let xsd = try #require(TestPaths.corpus) + "/schemas/junit.xsd"
        let output = JUnitReporter().render(try await ReportFixture.report())
        let result = try XMLLint.validate(output, schema: xsd)
        #expect(result.status == 0, "\(result.output)")
    }

    @Test(.enabled(if: TestPaths.corpus != nil && XMLLint.path != nil, "needs ../shared/corpus and xmllint (apt-get install libxml2-utils)"))
    func theJUnitSchemaCheckCatchesABrokenReport() throws {
        let xsd = try #require(TestPaths.corpus) + "/schemas/junit.xsd"
        let result = try XMLLint.validate("<testsuites><testsuite name=\"x\"/></testsuites>", schema: xsd)
        #expect(result.status != 0)
    }

    @Test func junitHasASuitePerOperationAndACasePerExchange() async throws {
        let report = try await ReportFixture.report()
        let output = JUnitReporter().render(report)
        for operation in ["GET /pets", "POST /pets", "GET /pets/{petId}", "DELETE /pets/{petId}", "not routed to any operation", "unreadable traffic"] {
            #expect(output.contains("name=\"\(XMLEscaping.attribute(operation))\""), "no suite for \(operation)")
        }
        #expect(output.components(separatedBy: "<testcase ").count - 1 >= report.exchangeCount)
        #expect(output.contains("<skipped message=\"no recorded exchange reached this documented response\"/>"))
        #expect(!output.contains("<script>"))
    }

    // MARK: Text and Markdown

    @Test func textGroupsFindingsByOperationAndEndsWithASummary() async throws {
        let output = TextReporter(colour: false).render(try await ReportFixture.report())
        #expect(!output.contains("\u{1B}["))
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.contains("POST /pets · 2 exchanges, 2 failed"))
        #expect(lines.contains("Not routed to any operation · 1 exchange, 1 failed"))
        #expect(lines.last == "10 exchanges: 4 passed, 6 failed · 8 errors, 1 warning, 1 note · 1 unreadable entry")
        #expect(output.contains("coverage: 7 of 8 documented responses seen (87.5%), 3 of 4 operations exercised"))
    }

    @Test func textIsColouredOnlyWhenAsked() async throws {
        let output = TextReporter(colour: true).render(try await ReportFixture.report())
        #expect(output.contains("\u{1B}[1;31merror\u{1B}[0m"))
    }

    @Test func markdownTablesKeepTheirColumns() async throws {
        let output = MarkdownReporter().render(try await ReportFixture.report())
        var columns: Int?
        for line in output.split(separator: "\n") {
            guard line.hasPrefix("|") else {
                columns = nil
                continue
            }
            let count = line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
            if let columns { #expect(count == columns, "a table row has \(count - 1) cells instead of \(columns - 1): \(line)") }
            columns = count
        }
        #expect(output.contains("Report fixtures &lt;Pets &amp; Co&gt;"))
        #expect(!output.contains("<Pets"))
    }

    @Test func markdownCellsEscapeWhatWouldBreakThem() {
        #expect(MarkdownReporter.cell("a|b <i>*c*</i>\nd") == "a\\|b &lt;i&gt;\\*c\\*&lt;/i&gt;<br>d")
        #expect(MarkdownReporter.code("GET /a|`b`") == "GET /a\\|'b'")
    }

    @Test func xmlEscapingReplacesCharactersXMLCannotCarry() {
        #expect(XMLEscaping.attribute("a\"<b>&'\n") == "a&quot;&lt;b&gt;&amp;&#39;&#10;")
        #expect(XMLEscaping.text("x\u{01}y\u{FFFE}") == "x\u{FFFD}y\u{FFFD}")
    }

    // MARK: Verdict

    @Test func theVerdictFollowsTheFailingSeverityUnreadableEntriesAndCoverage() async throws {
        let report = try await ReportFixture.report()
        #expect(!report.conformant)
        #expect(report.findings.contains { $0.severity == .warning && $0.rule == .specUnknownFormat })
    }

    // MARK: Credentials

    @Test func noCredentialOfTheFixtureAppearsInAnyFormat() async throws {
        let report = try await ReportFixture.report()
        let secrets = ["k_live_5ecr3tAPIkey77", "sess_C00kieSecret991", "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0.sig", "c2VjcmV0"]
        for format in ReportFormat.allCases {
            let output = format.reporter().render(report)
            for secret in secrets {
                #expect(!output.contains(secret), "\(secret) appears in the \(format) report")
            }
        }
    }
}

/// Validates a JSON document against a JSON Schema file with the project's own validator.
/// `xmllint --schema`, when installed.
enum XMLLint {
    static let path: String? = ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static func validate(_ xml: String, schema: String) throws -> (status: Int32, output: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("junit-\(UUID().uuidString).xml")
        try xml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        guard let path else { return (127, "xmllint is not installed") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--noout", "--schema", schema, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
