import ConformFindings
import Testing

import OpenAPIConform

@testable import ConformChecks

/// What a lint rule's summary (README's rule table, `RuleID.catalogue`) promises beyond the one description that
/// `LintRuleContractTests` fires it with: the other cases the summary names, each with its own fixture beside
/// the rule's `fires.yaml`.
@Suite struct RuleSummaryTests {
    private func lint(_ rule: RuleID, _ file: String) throws -> [Finding] {
        try LintRuleContractTests.lint(LintRuleContractTests.fixture(rule, file)).findings
    }

    /// OpenAPI 3.1 made `responses` optional, so the operation that is an error in 3.0 is only a warning there.
    @Test func anOperationWithoutResponsesIsAWarningInOpenAPI31() throws {
        let findings = try lint(.specOperationNoResponses, "fires-3.1.yaml")
        #expect(findings.map(\.rule) == [.specOperationNoResponses], "\(LintRuleContractTests.rendered(findings))")
        #expect(findings.map(\.severity) == [.warning])
    }

    /// "…or its property is absent from a branch": `BankAccount` is a branch of `PaymentMethod`'s discriminator
    /// but has no `type` property, so no bank account can ever be told apart.
    @Test func aBranchWithoutTheDiscriminatorPropertyIsReported() throws {
        let findings = try lint(.specDiscriminatorMapping, "property-absent.yaml")
        #expect(findings.map(\.rule) == [.specDiscriminatorMapping], "\(LintRuleContractTests.rendered(findings))")
    }

    /// "an unknown `type`" holds inside an OpenAPI 3.1 type array too: `type: [date, 'null']` names no type `date`.
    @Test func anUnknownNameInATypeArrayIsReported() throws {
        let findings = try lint(.specSchemaInvalid, "type-array-unknown.yaml")
        #expect(findings.map(\.rule) == [.specSchemaInvalid], "\(LintRuleContractTests.rendered(findings))")
    }

    /// A type array with no type this tool knows (`type: [date]`, `type: []`) is reported, and a value checked
    /// against it (here the schema's own example, which lint validates) fails instead of stopping the process.
    @Test func aTypeArrayWithNoKnownTypeIsReportedWithoutCrashing() throws {
        let findings = try lint(.specSchemaInvalid, "type-array-no-known-type.yaml")
        #expect(findings.map(\.rule).contains(.specSchemaInvalid), "\(LintRuleContractTests.rendered(findings))")
        #expect(Set(findings.map(\.rule)).isSubset(of: [.specSchemaInvalid, .specExampleInvalid]), "\(LintRuleContractTests.rendered(findings))")
    }
}
