import ConformFindings
import ConformSchema
import ConformSpec

/// What a lint rule may look at: the model, the files, the compiled schemas, and what was reported before it.
package struct LintContext: Sendable {
    package var document: OpenAPIDocument
    package var bundle: SpecBundle
    package var schemas: SpecSchemas
    /// The findings of loading, of building the model, of compiling the schemas and of the rules before this one
    /// in `lintRules`: a rule that checks broadly (the meta-schema) leaves out what these already say.
    package var reported: [Finding] = []
}

/// One lint check: a rule id and a function from the description to findings. Rules are values so that the
/// linter is a list, and a test can run one rule alone.
package struct LintRule: Sendable {
    package let rule: RuleID
    let check: @Sendable (LintContext) -> [Finding]

    package init(_ rule: RuleID, check: @escaping @Sendable (LintContext) -> [Finding]) {
        self.rule = rule
        self.check = check
    }

    /// A rule that needs only the model.
    package init(_ rule: RuleID, model check: @escaping @Sendable (OpenAPIDocument) -> [Finding]) {
        self.init(rule) { context in check(context.document) }
    }

    package func callAsFunction(_ context: LintContext) -> [Finding] {
        check(context)
    }
}

extension OpenAPIDocument {
    /// Operations under `paths` and under `webhooks`, each with the template or webhook name it sits under.
    var allOperations: [Operation] {
        operations + webhooks.flatMap(\.item.operations)
    }
}
