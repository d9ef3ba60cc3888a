import ConformFindings
import Testing

/// One case of a rule's fixture contract: a rule, and whether its fixture is there to make it fire or to keep it
/// quiet. Each is a test case of its own, reported under its description; its `id` is stable, so a runner that
/// reruns single cases (Xcode) can run one rule's fixture alone.
struct RuleCase: CustomTestStringConvertible, Identifiable, Sendable, Hashable {
    enum Kind: String, Sendable, CaseIterable {
        case fires, quiet
    }

    let rule: RuleID
    let kind: Kind

    /// "request-body-invalid fires".
    var testDescription: String { "\(rule.name) \(kind.rawValue)" }

    /// "request-body-invalid:fires", as `Fixtures/rules/rules.jsonl` names the exchange of a traffic rule's case.
    var id: String { "\(rule.name):\(kind.rawValue)" }

    /// A fires and a quiet case for each rule, in the order given.
    static func pairs(for rules: [RuleID]) -> [RuleCase] {
        rules.flatMap { rule in Kind.allCases.map { RuleCase(rule: rule, kind: $0) } }
    }
}
