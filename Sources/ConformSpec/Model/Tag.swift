import ConformFindings

/// A Tag Object of the description's `tags`. OpenAPI 3.2 nests tags (`parent` names another tag) and says what a
/// tag is for (`kind`: `nav`, `badge`, `audience`, …); the model carries them for lint and for reports.
public struct Tag: Sendable, Hashable {
    public var name: String
    public var description: String?
    /// OpenAPI 3.2: a short name for display.
    public var summary: String? = nil
    /// OpenAPI 3.2: the name of the tag this one is nested under.
    public var parent: String? = nil
    /// OpenAPI 3.2: what the tag is for.
    public var kind: String? = nil
    public var origin: SpecPointer
}
