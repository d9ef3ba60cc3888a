import ConformValues
import Foundation

/// Writes exchanges as a HAR 1.2 log, in the form `HARReader` reads back to the same requests and responses, so
/// `validate` on a recording made by `probe --record` or `proxy --record` gives the findings the live run gave.
///
/// What each message keeps, and why:
/// - The URL as sent, query included: the reader checks the URL's query, not `queryString`, which is written
///   (decoded, in order, repeated keys kept) for other tools that read HAR.
/// - Headers in order, duplicates kept, names as written; `cookies` restates the Cookie and Set-Cookie pairs for
///   other tools.
/// - A body as text when its bytes are UTF-8, else as base64 with `"encoding": "base64"` (which the reader
///   decodes, in `postData` as in `content`), so binary bodies come back byte for byte. A pre-parsed JSON body
///   is written as its compact text. A request body is never split into `params`: the text is the body.
/// - No response (the request failed) is `status: 0`, as Chrome records a failed request; the reader reads that
///   as no response. A response body the exchange did not keep is a `content` without `text` and a size of -1,
///   which the reader reads as a body not captured. A request body not kept cannot be said in a way the reader
///   reads back (live commands always keep it): it is written as no body.
/// - Credentials: with `redactor` set (the default), credential header values, credential query values and
///   cookie values are replaced by `Redactor.mask`, names kept (see `Redactor.redacted`). A recording is shared
///   more widely than the terminal a token was typed into.
///
/// The document is pretty-printed with a fixed layout: `head`, then each entry (`entry(_:index:)`), then `tail`.
/// `HARFileWriter` writes the same bytes a piece at a time.
package struct HARWriter: Sendable {
    /// `log.creator.version`: the tool's version, which this target cannot see (the caller passes it).
    package var creatorVersion: String
    /// Masks credentials in what is written; nil writes them in clear.
    package var redactor: Redactor?

    package init(creatorVersion: String, redact redactor: Redactor? = Redactor()) {
        self.creatorVersion = creatorVersion
        self.redactor = redactor
    }

    /// A whole HAR document.
    package func document(_ exchanges: [RecordedExchange]) -> [UInt8] {
        var bytes = head
        for (index, exchange) in exchanges.enumerated() {
            bytes += entry(exchange, index: index)
        }
        return bytes + Self.tail
    }

    // MARK: Layout

    /// Everything before the first entry: the log's version and creator, and the opening of `entries`.
    package var head: [UInt8] {
        var text = "{\n  \"log\": {\n    \"version\": \"1.2\",\n    \"creator\": "
        let creator: JSONValue = ["name": "openapi-conform", "version": .string(creatorVersion)]
        JSONWriter.write(creator, into: &text, options: .pretty, depth: 2)
        text += ",\n    \"entries\": ["
        return Array(text.utf8)
    }

    /// Everything after the last entry.
    package static let tail = Array("\n    ]\n  }\n}\n".utf8)

    /// One entry as it follows the previous one: a comma unless it is the first, a line break, then the entry
    /// indented as an item of `log.entries`.
    package func entry(_ recorded: RecordedExchange, index: Int) -> [UInt8] {
        var text = index == 0 ? "\n      " : ",\n      "
        JSONWriter.write(entryValue(recorded), into: &text, options: .pretty, depth: 3)
        return Array(text.utf8)
    }

    // MARK: Entries

    /// One HAR entry, after redaction.
    package func entryValue(_ recorded: RecordedExchange) -> JSONValue {
        let exchange = redactor.map { $0.redacted(recorded.exchange) } ?? recorded.exchange
        let milliseconds = Self.milliseconds(recorded.duration)
        var members: [(String, JSONValue)] = [
            ("startedDateTime", .string(Self.timestamp(recorded.startedAt))),
            ("time", milliseconds),
            ("request", request(exchange.request)),
            ("response", exchange.response.map(response) ?? Self.failedResponse),
            ("cache", .object(JSONObject())),
            ("timings", ["send": 0, "wait": milliseconds, "receive": 0]),
        ]
        if let address = recorded.serverAddress { members.append(("serverIPAddress", .string(address))) }
        if let comment = exchange.comment { members.append(("comment", .string(comment))) }
        if let intent = exchange.intent { members.append((ExchangeIntent.harMember, intent.json)) }
        return .object(JSONObject(members))
    }

    private func request(_ request: HTTPRequest) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("method", .string(request.method)),
            ("url", .string(request.url)),
            ("httpVersion", "HTTP/1.1"),
            ("headers", Self.headers(request.headers)),
            ("queryString", .array(RequestURL(request.url).queryPairs.map { ["name": .string($0.name), "value": .string($0.value)] })),
            ("cookies", Self.cookies(request.headers.values(for: "Cookie").flatMap(HTTPHeaders.cookiePairs))),
            ("headersSize", -1),
            ("bodySize", .integer(Int64(request.body.byteCount))),
        ]
        if !request.body.isEmpty || (request.body != .none && request.headers["Content-Type"] != nil) {
            var postData: [(String, JSONValue)] = [("mimeType", .string(request.headers["Content-Type"] ?? ""))]
            postData += Self.text(of: request.body)
            members.append(("postData", .object(JSONObject(postData))))
        }
        return .object(JSONObject(members))
    }

    private func response(_ response: HTTPResponse) -> JSONValue {
        var content: [(String, JSONValue)] = [
            ("size", .integer(response.bodyCaptured ? Int64(response.body.byteCount) : -1)),
            ("mimeType", .string(response.headers["Content-Type"] ?? "")),
        ]
        if response.bodyCaptured && response.body != .none { content += Self.text(of: response.body) }
        let redirect = (300..<400).contains(response.status) ? response.headers["Location"] ?? "" : ""
        return .object(JSONObject([
            ("status", .integer(Int64(response.status))),
            ("statusText", .string(Self.reasonPhrases[response.status] ?? "")),
            ("httpVersion", "HTTP/1.1"),
            ("headers", Self.headers(response.headers)),
            ("cookies", Self.cookies(response.headers.values(for: "Set-Cookie").compactMap { HTTPHeaders.cookiePairs($0).first })),
            ("content", .object(JSONObject(content))),
            ("redirectURL", .string(redirect)),
            ("headersSize", -1),
            ("bodySize", .integer(response.bodyCaptured ? Int64(response.body.byteCount) : -1)),
        ]))
    }

    /// A request that got no response, as Chrome records one.
    private static let failedResponse: JSONValue = .object(JSONObject([
        ("status", 0), ("statusText", ""), ("httpVersion", ""), ("headers", []), ("cookies", []),
        ("content", ["size": 0, "mimeType": ""]), ("redirectURL", ""), ("headersSize", -1), ("bodySize", -1),
    ]))

    private static func headers(_ headers: HTTPHeaders) -> JSONValue {
        .array(headers.fields.map { ["name": .string($0.name), "value": .string($0.value)] })
    }

    private static func cookies(_ pairs: [(name: String, value: String)]) -> JSONValue {
        .array(pairs.map { ["name": .string($0.name), "value": .string($0.value)] })
    }

    /// `text`, and `encoding: base64` when the bytes are not UTF-8 (a JSON string holds only Unicode text).
    static func text(of body: HTTPBody) -> [(String, JSONValue)] {
        switch body {
        case .none:
            return [("text", "")]
        case .json, .recordedJSON:
            return [("text", .string(JSONWriter.string(body.jsonValue ?? .null)))]
        case .bytes(let bytes):
            // Decoding repairs invalid UTF-8, so bytes that come back unchanged were valid.
            let text = String(decoding: bytes, as: UTF8.self)
            if text.utf8.elementsEqual(bytes) { return [("text", .string(text))] }
            return [("text", .string(Data(bytes).base64EncodedString())), ("encoding", "base64")]
        }
    }

    // MARK: Times

    /// Milliseconds to a microsecond, as HAR times are written.
    private static func milliseconds(_ seconds: TimeInterval) -> JSONValue {
        .number((max(seconds, 0) * 1_000_000).rounded() / 1000)
    }

    /// ISO 8601 in UTC with milliseconds (`2026-05-01T09:30:00.123Z`), as HAR's `startedDateTime` is written.
    /// Built from `gmtime_r`, which is safe on every thread, unlike a shared date formatter.
    static func timestamp(_ date: Date) -> String {
        let totalMilliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var seconds = time_t(totalMilliseconds >= 0 ? totalMilliseconds / 1000 : (totalMilliseconds - 999) / 1000)
        let milliseconds = Int(totalMilliseconds - Int64(seconds) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func padded(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return padded(parts.tm_year + 1900, 4) + "-" + padded(parts.tm_mon + 1, 2) + "-" + padded(parts.tm_mday, 2)
            + "T" + padded(parts.tm_hour, 2) + ":" + padded(parts.tm_min, 2) + ":" + padded(parts.tm_sec, 2)
            + "." + padded(Int32(milliseconds), 3) + "Z"
    }

    /// `statusText` for the common codes (RFC 9110 and friends); others get "", which HAR allows.
    private static let reasonPhrases: [Int: String] = [
        100: "Continue", 101: "Switching Protocols", 200: "OK", 201: "Created", 202: "Accepted",
        203: "Non-Authoritative Information", 204: "No Content", 205: "Reset Content", 206: "Partial Content",
        207: "Multi-Status", 300: "Multiple Choices", 301: "Moved Permanently", 302: "Found", 303: "See Other",
        304: "Not Modified", 307: "Temporary Redirect", 308: "Permanent Redirect", 400: "Bad Request",
        401: "Unauthorized", 402: "Payment Required", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
        406: "Not Acceptable", 408: "Request Timeout", 409: "Conflict", 410: "Gone", 411: "Length Required",
        412: "Precondition Failed", 413: "Content Too Large", 414: "URI Too Long", 415: "Unsupported Media Type",
        416: "Range Not Satisfiable", 417: "Expectation Failed", 422: "Unprocessable Content", 423: "Locked",
        425: "Too Early", 426: "Upgrade Required", 428: "Precondition Required", 429: "Too Many Requests",
        431: "Request Header Fields Too Large", 451: "Unavailable For Legal Reasons", 500: "Internal Server Error",
        501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
        505: "HTTP Version Not Supported",
    ]
}
