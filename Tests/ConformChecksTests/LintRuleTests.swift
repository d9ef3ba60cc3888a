import ConformTestSupport
import Testing

import ConformCheckSupport
import OpenAPIConform

@testable import ConformChecks

/// `Contract(lint: true)`: the lint rules on top of what loading the description finds.
@Suite struct LintRuleTests {
    private func fixture(_ name: String) -> String {
        TestPaths.fixture("ConformChecksTests", name)
    }

    private func lint(_ path: String, config: ConformConfig = ConformConfig()) throws -> Contract {
        try Contract(path: path, config: config, lint: true)
    }

    private func rendered(_ report: Contract) -> [String] {
        let prefix = TestPaths.fixture("ConformChecksTests", "")
        return report.findings.map { finding in
            let location = finding.specPointer.flatMap(report.bundle.location(of:))?.description ?? "?"
            return "\(location.replacingOccurrences(of: prefix, with: "")) \(finding.severity)[\(finding.rule.name)] \(finding.message)"
        }
    }

    @Test func cleanDescriptionHasNoFindings() throws {
        let report = try lint(fixture("lint/clean.yaml"))
        #expect(report.findings.isEmpty, "\(rendered(report))")
        #expect(report.document.operations.count == 1)
        #expect(report.document.webhooks.map(\.name) == ["userCreated"])
        #expect(report.document.servers.first?.defaultURL == "https://eu.example.com/v1")
        let getUser = try #require(report.document.operations.first)
        #expect(getUser.parameters.map(\.name) == ["userId"])
        #expect(getUser.responses.map(\.key) == [.status(200), .range(4), .default])
        #expect(report.document.effectiveSecurity(of: getUser).count == 2)
    }

    @Test func reportsEachLintRuleWhereItIsBroken() throws {
        let report = try lint(fixture("lint/problems.yaml"))
        #expect(rendered(report) == [
            "lint/problems.yaml:9:5 error[spec-path-parameter-undeclared] GET /users/{userId}/posts/{postId}: the path has '{postId}', but the operation declares no path parameter 'postId'",
            "lint/problems.yaml:16:11 error[spec-path-parameter-unused] path parameter 'draftId' does not appear in the path '/users/{userId}/posts/{postId}'",
            "lint/problems.yaml:24:5 error[spec-operation-no-responses] GET /users documents no responses (OpenAPI 3.0 requires at least one)",
            "lint/problems.yaml:25:7 error[spec-operation-id-duplicate] operationId 'getPost' of GET /users is already used by GET /users/{userId}/posts/{postId}",
            "lint/problems.yaml:27:11 error[spec-security-scheme-undefined] security requirement names 'apiKey', which components.securitySchemes does not define (defined: 'bearerAuth')",
        ])
    }

    /// The examples of a description share one pattern-matching budget: 80 strings against a pattern ICU backtracks
    /// on cost about a second, not 80 deadlines, and each example says how many of its strings went unchecked.
    @Test func examplesShareOnePatternBudget() throws {
        let report = try lint(fixture("lint/hostile-pattern.yaml"))
        let notes = report.findings.filter { $0.rule == .notValidated }
        #expect(notes.count == report.findings.count, "\(rendered(report))")
        #expect(notes.map(\.specPointer?.pointer.description) == ["/components/schemas/Words/examples/0", "/components/schemas/Words/examples/1"])
        #expect(notes.allSatisfy { $0.message.hasPrefix(#"example was not fully checked: the pattern ^(a+)+\1$ was not checked on 40 of 40 values ("#) }, "\(rendered(report))")
        #expect(notes.last?.message.contains("(40 were not tried once the 1 s of pattern matching") == true, "\(rendered(report))")
    }

    @Test func operationSecurityOverridesTheDocument() throws {
        let report = try lint(fixture("lint/problems.yaml"))
        let createUser = try #require(report.document.operations.first { $0.operationID == "createUser" })
        #expect(createUser.security?.isEmpty == true)
        #expect(report.document.effectiveSecurity(of: createUser).isEmpty)
        let getPost = try #require(report.document.operations.first { $0.operationID == "getPost" })
        #expect(report.document.effectiveSecurity(of: getPost).map { $0.schemes.map(\.name) } == [["bearerAuth"]])
    }

    @Test(arguments: ["cadana", "codat", "asset", "qonto"])
    func bundledSpecsLoadWithoutErrors(_ api: String) throws {
        let path = TestPaths.bundledSpec(api)
        let report = try lint(path, config: ConformConfig.resolve(explicit: nil, spec: path))
        #expect(!report.findings.contains { $0.severity == .error }, "\(rendered(report))")
        #expect(!report.document.operations.isEmpty)
    }
}
