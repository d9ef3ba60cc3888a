import ConformFindings
import ConformValues

/// A message body as a recording gives it.
///
/// `.json` and `.recordedJSON` are one body told two ways, a tree made in code or a recording's value kept for
/// validation: they compare and hash alike, and `jsonValue` reads either.
public enum HTTPBody: Sendable, Hashable {
    /// No body was sent (or the recording says nothing about one).
    case none
    /// The body's bytes, decoded from the recording (base64 undone, text as UTF-8).
    case bytes([UInt8])
    /// A body the recording stored as a JSON value already (the JSONL format); no bytes to parse.
    case json(JSONValue)
    /// A JSON value a recording stored (the JSONL reader gives these), in the form validation reads.
    case recordedJSON(RecordedJSON)

    /// A body of text, sent as its UTF-8 bytes (form fields, XML, or JSON written as text).
    public static func text(_ text: String) -> HTTPBody {
        .bytes(Array(text.utf8))
    }

    public var isEmpty: Bool {
        switch self {
        case .none: return true
        case .bytes(let bytes): return bytes.isEmpty
        case .json, .recordedJSON: return false
        }
    }

    /// The value of a `.json` or `.recordedJSON` body; nil for bytes and for none.
    public var jsonValue: JSONValue? {
        switch self {
        case .json(let value): return value
        case .recordedJSON(let recorded): return recorded.value
        case .none, .bytes: return nil
        }
    }

    /// Size in bytes, as sent (a pre-parsed JSON body counts as its compact serialization).
    public var byteCount: Int {
        switch self {
        case .none: return 0
        case .bytes(let bytes): return bytes.count
        case .json, .recordedJSON: return JSONWriter.string(jsonValue ?? .null).utf8.count
        }
    }

    /// The bytes that go on the wire: a JSON value as its compact serialization.
    package var wireBytes: [UInt8] {
        switch self {
        case .none: return []
        case .bytes(let bytes): return bytes
        case .json, .recordedJSON: return Array(JSONWriter.string(jsonValue ?? .null).utf8)
        }
    }

    public static func == (lhs: HTTPBody, rhs: HTTPBody) -> Bool {
        switch (lhs, rhs) {
        case (.none, .none): return true
        case (.bytes(let left), .bytes(let right)): return left == right
        case (.json, .json), (.json, .recordedJSON), (.recordedJSON, .json), (.recordedJSON, .recordedJSON):
            return lhs.jsonValue == rhs.jsonValue
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .none: hasher.combine(0)
        case .bytes(let bytes): hasher.combine(1); hasher.combine(bytes)
        case .json, .recordedJSON: hasher.combine(2); hasher.combine(jsonValue)
        }
    }
}

public struct HTTPRequest: Sendable, Hashable {
    /// Upper-case method as sent: `GET`, `POST`, …
    public var method: String
    /// The full URL as recorded (absolute, or a path with a query for relative recordings).
    public var url: String
    public var headers: HTTPHeaders
    public var body: HTTPBody
    /// False when the recording says a body was sent but did not keep it (a HAR `bodySize` above 0 without
    /// `postData`): the body is unknown, not absent.
    public var bodyCaptured: Bool

    public init(method: String, url: String, headers: HTTPHeaders = HTTPHeaders(), body: HTTPBody = .none, bodyCaptured: Bool = true) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.bodyCaptured = bodyCaptured
    }

    /// Whether this is a CORS preflight (the Fetch standard: OPTIONS with `Origin` and
    /// `Access-Control-Request-Method`): the browser's question before a cross-origin request, sent by no client
    /// code and documented by few descriptions.
    package var isCORSPreflight: Bool {
        method == "OPTIONS" && headers["Origin"] != nil && headers["Access-Control-Request-Method"] != nil
    }
}

public struct HTTPResponse: Sendable, Hashable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: HTTPBody
    /// False when the recording says the response had a body but did not keep its content (a HAR entry without
    /// `content.text` whose `content.size` or `bodySize` is not 0; browsers leave out bodies they did not keep):
    /// the body is unknown, not absent.
    public var bodyCaptured: Bool

    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: HTTPBody = .none, bodyCaptured: Bool = true) {
        self.status = status
        self.headers = headers
        self.body = body
        self.bodyCaptured = bodyCaptured
    }
}

/// One request and, when recorded, its response.
public struct HTTPExchange: Sendable, Hashable {
    public var request: HTTPRequest
    public var response: HTTPResponse?
    public var source: ExchangeReference
    /// The recording's own note on the entry (HAR `comment`, a JSONL `id`), shown beside findings.
    public var comment: String?
    /// What `probe` meant by the exchange, when it made it (see `ExchangeIntent`).
    package var intent: ExchangeIntent?

    /// `source` says where the exchange came from in reports; an exchange built in code defaults to the first
    /// of a live source named `exchange`.
    public init(
        request: HTTPRequest, response: HTTPResponse?, source: ExchangeReference = ExchangeReference(source: .live("exchange"), index: 0),
        comment: String? = nil
    ) {
        self.request = request
        self.response = response
        self.source = source
        self.comment = comment
    }
}

/// What a reader yields for each entry: an exchange, or the reason an entry could not be read (with where),
/// after which reading goes on with the next entry.
package enum ExchangeReadResult: Sendable {
    case exchange(HTTPExchange)
    case unreadable(LoadError, index: Int)
}
