import ConformValues
import ConformFindings

/// One operation: a method on a path template, with everything a request and its responses must honour.
public struct Operation: Sendable {
    public let method: HTTPMethod
    public let path: String
    /// The operation as a value: `GET /pets/{id}`, which is also how messages name it. Made once with the model:
    /// every result and finding of a run holds it, and they share its text.
    public let key: OperationKey
    public var operationID: String?
    public var summary: String?
    public var tags: [String]
    public var deprecated: Bool
    /// Effective parameters: the path item's, overridden by the operation's own (same name and location).
    public var parameters: [Parameter]
    public var requestBody: RequestBody?
    /// Responses in document order.
    public var responses: [Response]
    /// The operation's own security; nil means "inherit the document's"; empty means none required.
    public var security: [SecurityRequirement]?
    public var servers: [Server]
    public var origin: SpecPointer
    /// Set on the stand-in for an Operation Object that is a `$ref` leading nowhere.
    public var unresolved: UnresolvedReference? = nil
    /// Parameters (of the operation or its path item) that are `$ref`s leading nowhere: what they describe is
    /// unknown, so no request to the operation can be fully checked.
    public var unresolvedParameters: [UnresolvedReference] = []

    init(
        method: HTTPMethod, path: String, operationID: String?, summary: String?, tags: [String], deprecated: Bool,
        parameters: [Parameter], requestBody: RequestBody?, responses: [Response], security: [SecurityRequirement]?,
        servers: [Server], origin: SpecPointer, unresolved: UnresolvedReference? = nil, unresolvedParameters: [UnresolvedReference] = []
    ) {
        self.method = method
        self.path = path
        self.key = OperationKey(method: method.name, path: path)
        self.operationID = operationID
        self.summary = summary
        self.tags = tags
        self.deprecated = deprecated
        self.parameters = parameters
        self.requestBody = requestBody
        self.responses = responses
        self.security = security
        self.servers = servers
        self.origin = origin
        self.unresolved = unresolved
        self.unresolvedParameters = unresolvedParameters
    }
}

extension Operation {
    /// Whether a response documents how a call that goes through is answered: a status below 400 (a redirect or
    /// an informational status is a way through too), a `1XX`–`3XX` range, or `default`. Petstore's
    /// `DELETE /pet/{petId}` documents only its 400, and says nothing of success.
    public var documentsSuccess: Bool {
        responses.contains { response in
            switch response.key {
            case .status(let code): code < 400
            case .range(let first): first < 4
            case .default: true
            }
        }
    }
}

/// A response key: an exact status, a range such as `4XX`, or `default`.
public enum ResponseKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    case status(Int)
    case range(Int)
    case `default`

    public init?(_ text: String) {
        if text == "default" {
            self = .default
        } else if text.count == 3, let first = text.first?.wholeNumberValue, (1...5).contains(first),
            text.dropFirst().uppercased() == "XX"
        {
            self = .range(first)
        } else if text.count == 3, let code = Int(text), (100...599).contains(code) {
            self = .status(code)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .status(let code): return String(code)
        case .range(let digit): return "\(digit)XX"
        case .default: return "default"
        }
    }

    private var rank: Int {
        switch self {
        case .status(let code): return code
        case .range(let digit): return digit * 100 + 99
        case .default: return 1000
        }
    }

    public static func < (lhs: ResponseKey, rhs: ResponseKey) -> Bool { lhs.rank < rhs.rank }
}

public struct Response: Sendable {
    public var key: ResponseKey
    /// Required before OpenAPI 3.2, optional from it.
    public var description: String?
    /// OpenAPI 3.2: a short summary of the response.
    public var summary: String? = nil
    public var headers: [Header]
    public var content: [MediaType]
    /// The response's Link Objects: how values of this response feed other operations.
    public var links: [Link] = []
    public var origin: SpecPointer
    /// Set on the stand-in for a `$ref` that leads nowhere (see `UnresolvedReference`).
    public var unresolved: UnresolvedReference? = nil
}

public struct RequestBody: Sendable {
    public var required: Bool
    public var description: String?
    public var content: [MediaType]
    public var origin: SpecPointer
    /// Set on the stand-in for a `$ref` that leads nowhere (see `UnresolvedReference`).
    public var unresolved: UnresolvedReference? = nil
}

/// A Link Object: values from a response (or its request) that an operation takes, named by runtime expressions
/// (`$response.body#/id`, `$request.path.orderId`) or given as constants.
public struct Link: Sendable {
    public var name: String
    /// The operation linked to, by `operationId`…
    public var operationID: String?
    /// …or by `operationRef` (`#/paths/~1orders~1{orderId}/get`).
    public var operationRef: String?
    /// Parameter values by name (a name may say where: `path.orderId`), each a runtime expression or a constant.
    public var parameters: [(name: String, value: JSONValue)]
    public var origin: SpecPointer

    public init(name: String, operationID: String?, operationRef: String?, parameters: [(name: String, value: JSONValue)], origin: SpecPointer) {
        self.name = name
        self.operationID = operationID
        self.operationRef = operationRef
        self.parameters = parameters
        self.origin = origin
    }
}
