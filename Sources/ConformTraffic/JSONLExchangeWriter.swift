import ConformValues
import Foundation

/// Writes exchanges as JSONL, one exchange a line, in the shape `JSONLExchangeReader` reads back to the same
/// requests and responses (README, Traffic):
///
/// ```
/// {"id"?, "request": {"method", "url", "headers": [[name, value], …], "body"?, "bodyEncoding"?},
///  "response"?: {"status", "headers", "body"?, "bodyEncoding"?}}
/// ```
///
/// - Headers are `[name, value]` pairs: the object form would lose the order of repeated headers among others.
/// - A body is written so that it reads back byte for byte: a JSON body as the JSON value itself when that value
///   serializes to exactly the bytes sent (compact JSON, the common case, and the readable one); other UTF-8 text
///   as a string, marked `"bodyEncoding": "text"` where the media type is JSON (else the reader would take the
///   string for a JSON string); anything not UTF-8 as base64. A pre-parsed JSON body is written as its value.
/// - No response (the request failed) is no `response` member; `id` is the exchange's comment.
/// - What JSONL cannot say is left out: a body the exchange did not keep is written as no body.
/// - Credentials: as `HARWriter`, masked by `redactor` unless it is nil.
package struct JSONLExchangeWriter: Sendable {
    /// Masks credentials in what is written; nil writes them in clear.
    package var redactor: Redactor?

    package init(redact redactor: Redactor? = Redactor()) {
        self.redactor = redactor
    }

    /// Every exchange, one line each, each line ending with a line break.
    package func document(_ exchanges: [HTTPExchange]) -> [UInt8] {
        exchanges.flatMap(line)
    }

    /// One exchange's line, line break included. `JSONWriter` escapes line breaks inside strings (U+2028 and
    /// U+2029 too), so the line holds no other.
    package func line(_ exchange: HTTPExchange) -> [UInt8] {
        Array((JSONWriter.string(value(exchange)) + "\n").utf8)
    }

    /// One exchange as the JSON object of its line, after redaction.
    package func value(_ original: HTTPExchange) -> JSONValue {
        let exchange = redactor.map { $0.redacted(original) } ?? original
        var members: [(String, JSONValue)] = []
        if let comment = exchange.comment { members.append(("id", .string(comment))) }
        let request = exchange.request
        var requestMembers: [(String, JSONValue)] = [
            ("method", .string(request.method)), ("url", .string(request.url)), ("headers", Self.headers(request.headers)),
        ]
        requestMembers += Self.body(request.body, headers: request.headers)
        members.append(("request", .object(JSONObject(requestMembers))))
        if let response = exchange.response {
            var responseMembers: [(String, JSONValue)] = [
                ("status", .integer(Int64(response.status))), ("headers", Self.headers(response.headers)),
            ]
            if response.bodyCaptured { responseMembers += Self.body(response.body, headers: response.headers) }
            members.append(("response", .object(JSONObject(responseMembers))))
        }
        return .object(JSONObject(members))
    }

    private static func headers(_ headers: HTTPHeaders) -> JSONValue {
        .array(headers.fields.map { [.string($0.name), .string($0.value)] })
    }

    /// `body` and, when the reader needs it to read the bytes back, `bodyEncoding`.
    static func body(_ body: HTTPBody, headers: HTTPHeaders) -> [(String, JSONValue)] {
        let isJSON = MediaTypeName.isJSON(headers["Content-Type"] ?? "")
        switch body {
        case .none:
            return []
        case .json, .recordedJSON:
            let value = body.jsonValue ?? .null
            // A JSON string read back as a string is raw text unless the media type is JSON: write its JSON text.
            if case .string = value, !isJSON { return [("body", .string(JSONWriter.string(value))), ("bodyEncoding", "text")] }
            return [("body", value)]
        case .bytes(let bytes):
            let text = String(decoding: bytes, as: UTF8.self)
            guard text.utf8.elementsEqual(bytes) else {
                return [("body", .string(Data(bytes).base64EncodedString())), ("bodyEncoding", "base64")]
            }
            guard isJSON else { return [("body", .string(text))] }
            if let value = try? JSONReader.parse(bytes, path: "<body>"), !value.isString,
                JSONWriter.string(value).utf8.elementsEqual(bytes)
            {
                return [("body", value)]
            }
            return [("body", .string(text)), ("bodyEncoding", "text")]
        }
    }
}

extension JSONValue {
    fileprivate var isString: Bool {
        if case .string = self { return true }
        return false
    }
}
