import ConformFindings
import ConformSpec

/// How a user names an operation, in a config file or on the command line: by its `operationId`, or as
/// `METHOD /path/template`.
public enum OperationSelector: Sendable, Hashable, CustomStringConvertible {
    case id(String)
    case key(OperationKey)

    /// A method with a Path Item field, a space, and a path template or webhook name (`get /pets`, `POST newPet`,
    /// `QUERY /search`) is a key; so is an upper-case token before a path (`PURGE /cache`), as additional
    /// operations are written; anything else is an operationId.
    public init(_ text: String) {
        if let key = OperationKey(parsing: text),
            HTTPMethod(fixedToken: key.method) != nil || (key.path.hasPrefix("/") && text.hasPrefix(key.method))
        {
            self = .key(key)
        } else {
            self = .id(text)
        }
    }

    public func matches(_ key: OperationKey, operationID: String?) -> Bool {
        switch self {
        case .id(let id): return operationID == id
        case .key(let wanted): return wanted == key
        }
    }

    public var description: String {
        switch self {
        case .id(let id): return id
        case .key(let key): return key.description
        }
    }
}
