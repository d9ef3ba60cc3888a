/// A stable, kebab-case identifier for one kind of finding, kept apart from the wording of any message so that
/// baselines, config files and CI annotations keep working when messages improve.
public struct RuleID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let name: String
    /// Severity unless a config file says otherwise.
    public let defaultSeverity: Severity
    /// One sentence saying what the rule checks; also the help text in SARIF and README.
    public let summary: String

    init(_ name: String, _ defaultSeverity: Severity, _ summary: String) {
        self.name = name
        self.defaultSeverity = defaultSeverity
        self.summary = summary
    }

    public var description: String { name }

    /// Anchor of the rule in README's rule table.
    public var documentationAnchor: String { "README.md#\(name)" }

    public static func == (lhs: RuleID, rhs: RuleID) -> Bool { lhs.name == rhs.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
    public static func < (lhs: RuleID, rhs: RuleID) -> Bool { lhs.name < rhs.name }

    /// Looks a rule up by its id.
    public static func named(_ name: String) -> RuleID? {
        catalogue.first { $0.name == name }
    }
}
