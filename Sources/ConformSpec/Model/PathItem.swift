import ConformFindings

/// One entry of `paths` (or `webhooks`): a template and its operations.
public struct PathItem: Sendable {
    /// The key as written, e.g. `/companies/{companyId}`.
    public var template: String
    public var operations: [Operation]
    /// Parameters declared on the path item, shared by its operations.
    public var parameters: [Parameter]
    public var servers: [Server]
    public var origin: SpecPointer
    /// Set on the stand-in for a `$ref` that leads nowhere (see `UnresolvedReference`).
    public var unresolved: UnresolvedReference? = nil
}

/// HTTP methods a path item can hold, in the order OpenAPI lists them.
public enum HTTPMethod: String, Sendable, Hashable, CaseIterable, Comparable {
    case get, put, post, delete, options, head, patch, trace

    /// Upper-case form for messages: `GET`.
    public var name: String { rawValue.uppercased() }

    public static func < (lhs: HTTPMethod, rhs: HTTPMethod) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Reading `{name}` variables out of path and server templates.
public enum PathTemplate {
    public static func variableNames(in template: String) -> [String] {
        var names: [String] = []
        var current: String?
        for character in template {
            switch character {
            case "{": current = ""
            case "}":
                if let name = current { names.append(name) }
                current = nil
            default: current?.append(character)
            }
        }
        return names
    }
}
