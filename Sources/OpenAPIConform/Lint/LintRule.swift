import ConformFindings
import ConformSpec

/// One lint check: a rule id and a function from the model to findings. Rules are values so that the linter is
/// a list, and a test can run one rule alone.
public struct LintRule: Sendable {
    public let rule: RuleID
    let check: @Sendable (OpenAPIDocument) -> [Finding]

    public init(_ rule: RuleID, check: @escaping @Sendable (OpenAPIDocument) -> [Finding]) {
        self.rule = rule
        self.check = check
    }

    public func callAsFunction(_ document: OpenAPIDocument) -> [Finding] {
        check(document)
    }
}

extension OpenAPIDocument {
    /// Operations under `paths` and under `webhooks`, each with the template or webhook name it sits under.
    var allOperations: [Operation] {
        operations + webhooks.flatMap(\.item.operations)
    }
}
