import ConformFindings

/// A `servers` entry: a URL template and the values its `{variables}` may take.
public struct Server: Sendable, Hashable {
    public var url: String
    /// OpenAPI 3.2: a name for the server (`production`, `sandbox`).
    public var name: String? = nil
    public var description: String?
    public var variables: [ServerVariable]
    public var origin: SpecPointer

    /// The URL with every variable replaced by its default.
    public var defaultURL: String {
        variables.reduce(url) { url, variable in
            url.replacingOccurrences(of: "{\(variable.name)}", with: variable.defaultValue)
        }
    }

    /// Names written as `{name}` in the URL template, in order.
    public var templateVariables: [String] {
        PathTemplate.variableNames(in: url)
    }
}

public struct ServerVariable: Sendable, Hashable {
    public var name: String
    public var defaultValue: String
    public var allowedValues: [String]?
    public var origin: SpecPointer
}
