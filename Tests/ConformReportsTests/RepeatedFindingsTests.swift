import ConformTestSupport
import ConformValues
import Foundation
import Testing

import ConformCheckSupport
import OpenAPIConform

@testable import ConformReports

/// A finding that repeats is shown once with its count and a few examples in the formats people read (text,
/// Markdown, HTML, GitHub annotations, JUnit bodies); JSON and SARIF keep every occurrence; summaries count per rule.
@Suite struct RepeatedFindingsTests {
    /// The pets fixture with a recording of four exchanges: three list responses whose pets have a kind outside the
    /// enum (2,000, 5 and 1 of them: 2,006 findings at one spec location), and one with a single other finding.
    static func report() async throws -> ConformanceReport {
        func list(_ count: Int) -> String {
            let pets = Array(repeating: #"{"name": "Nemo", "kind": "fish"}"#, count: count).joined(separator: ", ")
            return #"{"request": {"method": "GET", "url": "https://api.example.com/pets?api_key=k"}, "response": {"status": 200, "headers": {"Content-Type": "application/json"}, "body": [\#(pets)]}}"#
        }
        let single = #"{"request": {"method": "GET", "url": "https://api.example.com/pets?limit=80&api_key=k"}, "response": {"status": 200, "headers": {"Content-Type": "application/json"}, "body": []}}"#
        let traffic = FileManager.default.temporaryDirectory.appendingPathComponent("repeated-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: traffic) }
        try ([list(2_000), list(5), single, list(1)].joined(separator: "\n") + "\n").write(toFile: traffic, atomically: true, encoding: .utf8)
        let contract = try Contract(path: ReportFixture.spec)
        var report = ConformanceReport(name: "pets", contract: contract, sources: [.file(traffic)], paths: PathDisplay(base: TestPaths.repositoryRoot))
        await TrafficValidation(contract: contract).run([.file(traffic)], into: &report)
        return report
    }

    static let message = #"response body /0/kind: "fish" is not one of the allowed values: "cat|dog", "bird""#

    @Test func textShowsTheRepeatedFindingOnceWithItsCountAndExamples() async throws {
        let report = try await Self.report()
        let text = TextReporter().render(report)
        #expect(text.components(separatedBy: "error[response-body-invalid]").count - 1 == 1)
        #expect(text.contains("error[response-body-invalid] \(Self.message) (×2,006 in 3 exchanges)\n"))
        let examples = try #require(text.split(separator: "\n").first { $0.hasPrefix("    e.g. ") })
        #expect(examples.contains(".jsonl#0 /0/kind, "))
        #expect(examples.hasSuffix(".jsonl#0 /2/kind, and 2,003 more"))
        #expect(text.contains("#2  GET https://api.example.com/pets?limit=80&api_key=[REDACTED] → 200\n"), "an exchange with another finding is listed")
        #expect(!text.contains("#3  GET"), "an exchange whose only findings are repeated is named by the examples alone")
        #expect(text.split(separator: "\n").count < 40)
        #expect(text.contains("by rule: response-body-invalid 2,006 · request-parameter-invalid 1 · spec-unknown-format 1\n"))
    }

    /// A required property missing is one finding at the object whichever property it is: shown once under the
    /// first's message, the group says that some expected another property (which payload values they quote does
    /// not count: the 2,006 kinds above differ by item only).
    @Test func occurrencesExpectingOtherwiseAreSaid() async throws {
        let pets = [#"{"kind": "cat"}"#, #"{"name": "Tom"}"#, #"{"kind": "dog"}"#, #"{"name": "Rex"}"#, #"{"kind": "bird"}"#]
        let lines = pets.map { pet in
            #"{"request": {"method": "GET", "url": "https://api.example.com/pets?api_key=k"}, "response": {"status": 200, "headers": {"Content-Type": "application/json"}, "body": [\#(pet)]}}"#
        }
        let traffic = FileManager.default.temporaryDirectory.appendingPathComponent("wordings-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: traffic) }
        try (lines.joined(separator: "\n") + "\n").write(toFile: traffic, atomically: true, encoding: .utf8)
        let contract = try Contract(path: ReportFixture.spec)
        var report = ConformanceReport(name: "pets", contract: contract, sources: [.file(traffic)], paths: PathDisplay(base: TestPaths.repositoryRoot))
        await TrafficValidation(contract: contract).run([.file(traffic)], into: &report)
        let text = TextReporter().render(report)
        #expect(text.contains("error[response-body-invalid] response body /0: required property 'name' is missing (×5 in 5 exchanges)\n"), "\(text)")
        #expect(text.contains(", and 2 more; 2 worded otherwise: response body /0: required property 'kind' is missing (×2)\n"), "\(text)")
        let plain = TextReporter().render(try await Self.report())
        #expect(!plain.contains("worded otherwise"))
    }

    @Test func jsonAndSARIFKeepEveryOccurrence() async throws {
        let report = try await Self.report()
        let json = JSONReporter().render(report)
        #expect(json.components(separatedBy: "\"rule\": \"response-body-invalid\"").count - 1 == 2_006)
        let sarif = SARIFReporter().render(report)
        #expect(sarif.components(separatedBy: "\"ruleId\": \"response-body-invalid\"").count - 1 == 2_006)
    }

    @Test func markdownHasOneRowWithTheCountAndARuleTable() async throws {
        let markdown = MarkdownReporter().render(try await Self.report())
        let rows = markdown.split(separator: "\n").filter { $0.contains("`response-body-invalid`") }
        #expect(rows.count == 2, "the rule table's row and the finding's: \(rows)")
        #expect(markdown.contains("| `response-body-invalid` | ❌ error | 2,006 |"))
        #expect(markdown.contains("| ×2,006 in 3 exchanges | ❌ error | `response-body-invalid` |"))
    }

    @Test func htmlHasOneItemThatCountsForAllItsFindings() async throws {
        let html = HTMLReporter().render(try await Self.report())
        #expect(html.components(separatedBy: "data-rule=\"response-body-invalid\"").count - 1 == 1)
        #expect(html.contains("data-rule=\"response-body-invalid\" data-count=\"2006\">"))
        #expect(html.contains("<span class=\"times\">×2,006 in 3 exchanges</span>"))
        #expect(html.contains("<table class=\"rules\">"))
        #expect(html.utf8.count < 100_000)
    }

    @Test func githubWritesOneAnnotationForTheRepeatedFinding() async throws {
        let output = GitHubReporter().render(try await Self.report())
        let annotations = output.split(separator: "\n").filter { $0.hasPrefix("::") }
        #expect(annotations.count == 3, "the description's unknown format, the repeated finding, the other exchange's finding")
        #expect(annotations.contains { $0.contains("title=response-body-invalid::") && $0.contains("(×2,006 in 3 exchanges)%0A") })
    }

    @Test func junitGroupsAnExchangesRepeatedFindingsInItsFailure() async throws {
        let junit = JUnitReporter().render(try await Self.report())
        #expect(junit.contains("(×2,000)"), "the 2,000 items of the first exchange are one finding in its failure")
        #expect(junit.utf8.count < 50_000)
    }

    @Test func descriptionFindingsWithOneMessageAreGroupedAcrossPlaces() {
        let findings = (1...10).map { index in
            Finding(
                rule: .specUnknownFormat, message: "format 'unix-time' is not known, so values are not checked against it",
                sourceLocation: ConformValues.SourceLocation(file: "stripe.yaml", line: index * 10, column: 7))
        } + [Finding(rule: .specUnknownFormat, message: "format 'decimal' is not known, so values are not checked against it")]
        let groups = FindingGroup.sameMessage(findings)
        #expect(groups.map(\.count) == [10, 1])
        #expect(groups[0].isRepeated && !groups[1].isRepeated)
        let text = FindingText(locator: NoLocations(), colour: false).render(groups[0])
        #expect(text == """
            stripe.yaml:10:7: warning[spec-unknown-format] format 'unix-time' is not known, so values are not checked against it (×10)
              also at stripe.yaml:20:7, stripe.yaml:30:7, and 7 more
            """)
    }

    @Test(arguments: [(1, false), (3, false), (4, true)])
    func groupsOfMoreThanTheExamplesAreRepeated(_ count: Int, _ repeated: Bool) {
        let findings = Array(repeating: Finding(rule: .payloadInvalid, message: "/0: expected a string"), count: count)
        let group = FindingGroup.sameFinding(findings)
        #expect(group.count == 1)
        #expect(group[0].isRepeated == repeated)
        #expect(group[0].examples.count == min(count, FindingGroup.examplesShown))
    }

    @Test func aReportsRuleTallyIsTheTallyOfAllItsFindings() async throws {
        let report = try await Self.report()
        #expect(RuleTally(report).rows == RuleTally(report.findings).rows, "counted as the results were added, as if counted after")
    }

    @Test func theRuleTallyCountsMostFirst() {
        let findings = [RuleID.requestBodyInvalid, .payloadInvalid, .payloadInvalid].map { Finding(rule: $0, message: "m") }
        #expect(RuleTally(findings).line == "by rule: payload-invalid 2 · request-body-invalid 1")
        #expect(RuleTally(findings.prefix(2)).line == nil, "no rule has two findings: the list says as much")
    }
}

/// A locator for findings located directly (payloads), which never looks anything up.
struct NoLocations: SpecLocating {
    func location(of pointer: SpecPointer) -> ConformValues.SourceLocation? { nil }
    func sourceLine(of location: ConformValues.SourceLocation) -> String? { nil }
}
