import ConformFindings
import ConformSchema
import ConformSpec

/// What a lint rule may look at: the model, the files, and the compiled schemas.
public struct LintContext: Sendable {
    public var document: OpenAPIDocument
    public var bundle: SpecBundle
    public var schemas: SpecSchemas
}

/// One lint check: a rule id and a function from the description to findings. Rules are values so that the
/// linter is a list, and a test can run one rule alone.
public struct LintRule: Sendable {
    public let rule: RuleID
    let check: @Sendable (LintContext) -> [Finding]

    public init(_ rule: RuleID, check: @escaping @Sendable (LintContext) -> [Finding]) {
        self.rule = rule
        self.check = check
    }

    /// A rule that needs only the model.
    public init(_ rule: RuleID, model check: @escaping @Sendable (OpenAPIDocument) -> [Finding]) {
        self.init(rule) { context in check(context.document) }
    }

    public func callAsFunction(_ context: LintContext) -> [Finding] {
        check(context)
    }
}

extension OpenAPIDocument {
    /// Operations under `paths` and under `webhooks`, each with the template or webhook name it sits under.
    var allOperations: [Operation] {
        operations + webhooks.flatMap(\.item.operations)
    }
}
