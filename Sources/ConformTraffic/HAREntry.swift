import ConformFindings
import ConformValues
import Foundation

/// One HAR 1.1/1.2 entry → an exchange.
///
/// Lenient where real exporters differ (see ../shared/corpus/har/MANIFEST.md): `_`-prefixed extensions, `pageref`,
/// sizes of -1, `httpVersion: ""` and timings are never looked at; HTTP/2 pseudo-headers (`:authority`) are left
/// out, since they are not header fields of the message. A failed request (`status: 0`, as Chrome records it)
/// keeps its request, so that the request is still checked, and has no response.
enum HAREntry {
    static func exchange(from entry: JSONValue, source: ExchangeReference) throws(EntryProblem) -> HTTPExchange {
        guard let object = entry.objectValue else {
            throw EntryProblem("a HAR entry must be an object, not \(entry.typeName)", at: .root)
        }
        let requestPointer = JSONPointer.root / "request"
        guard let request = object["request"]?.objectValue else {
            throw EntryProblem("HAR entry has no \"request\" object", at: .root)
        }
        guard let method = request["method"]?.stringValue, !method.isEmpty else {
            throw EntryProblem("HAR request has no \"method\" string", at: requestPointer)
        }
        guard let url = request["url"]?.stringValue else {
            throw EntryProblem("HAR request has no \"url\" string", at: requestPointer)
        }
        let body = try requestBody(request["postData"], at: requestPointer / "postData")
        let exchangeRequest = HTTPRequest(
            method: method, url: url,
            headers: headers(request["headers"]),
            body: body,
            bodyCaptured: !(body.isEmpty && request["postData"] == nil && (request["bodySize"]?.intValue ?? 0) > 0))
        let comment = object["comment"]?.stringValue
        var exchange = HTTPExchange(
            request: exchangeRequest,
            response: try response(object["response"], at: .root / "response"),
            source: source,
            comment: comment?.isEmpty == false ? comment : nil)
        exchange.intent = ExchangeIntent(json: object[ExchangeIntent.harMember])
        return exchange
    }

    /// The HAR `headers` list, without HTTP/2 pseudo-headers; entries that are not name/value objects are skipped.
    static func headers(_ value: JSONValue?) -> HTTPHeaders {
        var headers = HTTPHeaders()
        for item in value?.arrayValue ?? [] {
            guard let field = item.objectValue, let name = field["name"]?.stringValue, !name.hasPrefix(":") else {
                continue
            }
            headers.append(name: name, value: field["value"].flatMap(ExchangeMapping.headerText) ?? "")
        }
        return headers
    }

    /// `postData`: `text` (base64 when `encoding` says so), else `params` rebuilt into the form body they came
    /// from. Insomnia writes an empty `postData` (no media type, no text) on a GET: that is no body.
    static func requestBody(_ value: JSONValue?, at pointer: JSONPointer) throws(EntryProblem) -> HTTPBody {
        guard let value, value != .null else { return .none }
        guard let postData = value.objectValue else {
            throw EntryProblem("HAR postData must be an object, not \(value.typeName)", at: pointer)
        }
        let mimeType = postData["mimeType"]?.stringValue ?? ""
        let params = postData["params"]?.arrayValue ?? []
        if let text = postData["text"]?.stringValue, !text.isEmpty || params.isEmpty {
            if text.isEmpty && mimeType.isEmpty { return .none }
            return try decodedText(text, encoding: postData["encoding"], at: pointer)
        }
        guard !params.isEmpty else { return .none }
        return formBody(params, mimeType: mimeType)
    }

    private static func formBody(_ params: [JSONValue], mimeType: String) -> HTTPBody {
        let parts = params.compactMap { item -> MultipartBody.Part? in
            guard let param = item.objectValue, let name = param["name"]?.stringValue else { return nil }
            return MultipartBody.Part(
                name: name, filename: param["fileName"]?.stringValue, contentType: param["contentType"]?.stringValue,
                body: Array((param["value"]?.stringValue ?? "").utf8))
        }
        if MediaTypeName.essence(mimeType) == "multipart/form-data", let boundary = MultipartBody.boundary(in: mimeType) {
            return .bytes(MultipartBody.build(parts, boundary: boundary))
        }
        return .bytes(Array(ExchangeMapping.formURLEncoded(parts.map { ($0.name ?? "", String(decoding: $0.body, as: UTF8.self)) }).utf8))
    }

    /// The response, or nil when there is none to check: absent, or `status: 0` (the request failed).
    static func response(_ value: JSONValue?, at pointer: JSONPointer) throws(EntryProblem) -> HTTPResponse? {
        guard let value, value != .null else { return nil }
        guard let response = value.objectValue else {
            throw EntryProblem("HAR response must be an object, not \(value.typeName)", at: pointer)
        }
        guard let status = statusCode(response["status"]) else {
            throw EntryProblem("HAR response has no numeric \"status\"", at: pointer)
        }
        guard status != 0 else { return nil }
        var body = HTTPBody.none
        let content = response["content"]?.objectValue
        if let content, let text = content["text"]?.stringValue {
            body = try decodedText(text, encoding: content["encoding"], at: pointer / "content")
        }
        // Without `text`, a content size other than 0 says there was a body that was not kept; with no content
        // size, a body size other than 0 (or an unknown one, -1) says so. 204, 304 and 1xx responses have no body.
        let contentSize = content?["size"]?.intValue
        let captured = content?["text"]?.stringValue != nil
            || status == 204 || status == 304 || (100..<200).contains(status)
            || contentSize == 0
            || (contentSize == nil && (response["bodySize"]?.intValue ?? 0) == 0)
        return HTTPResponse(status: status, headers: headers(response["headers"]), body: body, bodyCaptured: captured)
    }

    /// A status code written as a number or as a numeric string.
    static func statusCode(_ value: JSONValue?) -> Int? {
        if let code = value?.intValue { return code }
        if let text = value?.stringValue { return Int(text.trimmingCharacters(in: .whitespaces)) }
        return nil
    }

    private static func decodedText(_ text: String, encoding: JSONValue?, at pointer: JSONPointer) throws(EntryProblem)
        -> HTTPBody
    {
        guard encoding?.stringValue?.lowercased() == "base64" else { return .bytes(Array(text.utf8)) }
        guard let bytes = ExchangeMapping.decodeBase64(text) else {
            throw EntryProblem(
                "\"text\" is marked \"encoding\": \"base64\" but is not valid base64", at: pointer / "text")
        }
        return .bytes(bytes)
    }
}
