import ConformFindings
import ConformTestSupport
import Foundation
import Testing

import ConformCheckSupport
import OpenAPIConform

@testable import ConformChecks

/// Every rule of a description (the `spec-*` rules of the catalogue) has a description that fires it and a near-twin
/// that does not: `Fixtures/lint-rules/<rule>/fires.yaml` and `quiet.yaml`. `payload-invalid` has a description and
/// a fires and a quiet payload in `Fixtures/lint-rules/payload-invalid/`. A fixture that fires its rule alone shows
/// what the rule is for; its twin shows the fix.
@Suite struct LintRuleContractTests {
    static let lintRules: [RuleID] = RuleID.catalogue.filter { $0.name.hasPrefix("spec-") }
    static let cases = RuleCase.pairs(for: lintRules)
    static let payloadCases = RuleCase.pairs(for: [.payloadInvalid])

    /// Rules a `fires` description cannot avoid besides its own, each with why.
    static let firesAlongside: [RuleID: Set<RuleID>] = [
        // The loader reads a referenced file only because a `$ref` names it, and a `$ref` into a file that does not
        // load leads nowhere: a file that cannot be parsed is reported where it breaks and at the `$ref` too.
        .specLoadFailed: [.specRefUnresolved],
    ]

    /// `Fixtures/lint-rules/<rule>/<file>`.
    static func fixture(_ rule: RuleID, _ file: String) -> String {
        TestPaths.fixture("ConformChecksTests", "lint-rules/\(rule.name)/\(file)")
    }

    /// The file a case reads: a description for a lint rule, a payload for `payload-invalid`.
    static func fixture(of rule: RuleCase) -> String {
        fixture(rule.rule, "\(rule.kind.rawValue).\(rule.rule == .payloadInvalid ? "json" : "yaml")")
    }

    static func lint(_ path: String) throws -> Contract {
        try Contract(path: path, config: ConformConfig(), lint: true)
    }

    static func rendered(_ findings: [Finding]) -> [String] {
        findings.map { "\($0.severity)[\($0.rule.name)] \($0.message)" }
    }

    /// A `fires` description has its rule, at the rule's default severity and located, and no other rule (but those
    /// `firesAlongside` lists); a `quiet` one lacks the rule and, being the fixed twin, has no findings at all.
    @Test(arguments: cases)
    func lintRuleFiresOnlyWhereItShould(_ rule: RuleCase) throws {
        let path = Self.fixture(of: rule)
        try #require(FileManager.default.fileExists(atPath: path), "no fixture \(path)")
        let findings = try Self.lint(path).findings
        let found = Set(findings.map(\.rule))
        switch rule.kind {
        case .fires:
            #expect(found.contains(rule.rule), "\(rule.rule.name) should fire: \(Self.rendered(findings))")
            let alongside = Self.firesAlongside[rule.rule] ?? []
            #expect(found.subtracting([rule.rule]) == alongside, "only \(([rule.rule] + alongside.sorted()).map(\.name)) should fire: \(Self.rendered(findings))")
            for finding in findings where finding.rule == rule.rule {
                #expect(finding.severity == rule.rule.defaultSeverity, "\(Self.rendered([finding]))")
                #expect(finding.specPointer != nil || finding.sourceLocation != nil, "unlocated: \(Self.rendered([finding]))")
            }
        case .quiet:
            #expect(!found.contains(rule.rule), "\(rule.rule.name) should stay quiet: \(Self.rendered(findings))")
            #expect(findings.isEmpty, "the quiet twin should be clean: \(Self.rendered(findings))")
        }
    }

    /// A payload checked against a schema by name: the `fires` payload breaks the schema, the `quiet` one keeps it.
    @Test(arguments: payloadCases)
    func payloadInvalidFiresOnlyWhereItShould(_ rule: RuleCase) throws {
        let contract = try Self.lint(Self.fixture(.payloadInvalid, "openapi.yaml"))
        #expect(contract.findings.isEmpty, "\(Self.rendered(contract.findings))")
        let result = try PayloadValidator(.schema("Invoice"), contract: contract).validate(file: Self.fixture(of: rule))
        #expect(result.loadError == nil)
        let found = Set(result.findings.map(\.rule))
        switch rule.kind {
        case .fires:
            #expect(found == [.payloadInvalid], "only payload-invalid should fire: \(Self.rendered(result.findings))")
            #expect(!result.isValid)
        case .quiet:
            #expect(result.findings.isEmpty, "\(Self.rendered(result.findings))")
            #expect(result.isValid)
        }
    }

    /// The cases come from the catalogue, so a new rule without fixtures is listed here; a fixture folder that
    /// names no rule (a typo, a renamed rule) would be read by nothing, so it is listed too.
    @Test func everyLintRuleHasAFiresAndAQuietFixture() throws {
        let missing = (Self.cases + Self.payloadCases).filter { !FileManager.default.fileExists(atPath: Self.fixture(of: $0)) }.map(\.testDescription)
        #expect(missing.isEmpty, "no fixture for: \(missing.joined(separator: ", "))")
        let folders = try FileManager.default.contentsOfDirectory(atPath: TestPaths.fixture("ConformChecksTests", "lint-rules"))
        let named = Set((Self.lintRules + [.payloadInvalid]).map(\.name))
        let stray = folders.filter { !named.contains($0) }.sorted()
        #expect(stray.isEmpty, "fixture folders that name no rule: \(stray.joined(separator: ", "))")
    }
}
