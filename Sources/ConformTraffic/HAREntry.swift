import ConformFindings
@_spi(Tape) import ConformValues
import Foundation

/// One HAR 1.1/1.2 entry → an exchange.
///
/// Lenient where real exporters differ (see ../shared/corpus/har/MANIFEST.md): `_`-prefixed extensions, `pageref`,
/// sizes of -1, `httpVersion: ""` and timings are never looked at; HTTP/2 pseudo-headers (`:authority`) are left
/// out, since they are not header fields of the message. A failed request (`status: 0`, as Chrome records it)
/// keeps its request, so that the request is still checked, and has no response.
enum HAREntry {
    /// The exchange of an entry read as a tape: the mapping reads the members it needs in place, so the rest of the
    /// entry (timings, cache, cookies, browsers' `_` extensions) is never made into values, and a body's text goes
    /// from the tape to the exchange's bytes without becoming a `String`.
    static func exchange(from tape: JSONTape, source: ExchangeReference) throws(EntryProblem) -> HTTPExchange {
        let result = tape.withView { view -> Result<HTTPExchange, EntryProblem> in
            do throws(EntryProblem) {
                return .success(try exchange(from: TapeNode(view: view, index: 0), source: source))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    static func exchange(from entry: TapeNode, source: ExchangeReference) throws(EntryProblem) -> HTTPExchange {
        guard entry.isObject else {
            throw EntryProblem("a HAR entry must be an object, not \(entry.value.typeName)", at: .root)
        }
        // Made only for a problem: pointers are arrays of strings, and every entry passes here.
        var requestPointer: JSONPointer { .root / "request" }
        guard let request = entry["request"], request.isObject else {
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
        let comment = entry["comment"]?.stringValue
        var exchange = HTTPExchange(
            request: exchangeRequest,
            response: try response(entry["response"], at: .root / "response"),
            source: source,
            comment: comment?.isEmpty == false ? comment : nil)
        exchange.intent = ExchangeIntent(json: entry[ExchangeIntent.harMember]?.value)
        return exchange
    }

    /// The HAR `headers` list, without HTTP/2 pseudo-headers; entries that are not name/value objects are skipped.
    static func headers(_ value: TapeNode?) -> HTTPHeaders {
        guard let value, value.kind == .array else { return HTTPHeaders() }
        var fields: [(name: String, value: String)] = []
        fields.reserveCapacity(value.view.count(value.index))
        value.forEachItem { item in
            guard item.isObject, let name = item["name"]?.stringValue, !name.hasPrefix(":") else { return }
            fields.append((name, item["value"].flatMap(ExchangeMapping.headerText) ?? ""))
        }
        return HTTPHeaders(fields)
    }

    /// `postData`: `text` (base64 when `encoding` says so), else `params` rebuilt into the form body they came
    /// from. Insomnia writes an empty `postData` (no media type, no text) on a GET: that is no body.
    static func requestBody(_ value: TapeNode?, at pointer: @autoclosure () -> JSONPointer) throws(EntryProblem) -> HTTPBody {
        guard let postData = value, !postData.isNull else { return .none }
        guard postData.isObject else {
            throw EntryProblem("HAR postData must be an object, not \(postData.value.typeName)", at: pointer())
        }
        let mimeType = postData["mimeType"]?.stringValue ?? ""
        let params = postData["params"]?.items ?? []
        if let text = postData["text"]?.stringBytes, !text.isEmpty || params.isEmpty {
            if text.isEmpty && mimeType.isEmpty { return .none }
            return try decodedText(text, encoding: postData["encoding"], at: pointer())
        }
        guard !params.isEmpty else { return .none }
        return formBody(params, mimeType: mimeType)
    }

    private static func formBody(_ params: [TapeNode], mimeType: String) -> HTTPBody {
        let parts = params.compactMap { param -> MultipartBody.Part? in
            guard param.isObject, let name = param["name"]?.stringValue else { return nil }
            return MultipartBody.Part(
                name: name, filename: param["fileName"]?.stringValue, contentType: param["contentType"]?.stringValue,
                body: param["value"]?.stringBytes.map { Array($0) } ?? [])
        }
        if MediaTypeName.essence(mimeType) == "multipart/form-data", let boundary = MultipartBody.boundary(in: mimeType) {
            return .bytes(MultipartBody.build(parts, boundary: boundary))
        }
        return .bytes(Array(ExchangeMapping.formURLEncoded(parts.map { ($0.name ?? "", String(decoding: $0.body, as: UTF8.self)) }).utf8))
    }

    /// The response, or nil when there is none to check: absent, or `status: 0` (the request failed).
    static func response(_ value: TapeNode?, at pointer: @autoclosure () -> JSONPointer) throws(EntryProblem) -> HTTPResponse? {
        guard let response = value, !response.isNull else { return nil }
        guard response.isObject else {
            throw EntryProblem("HAR response must be an object, not \(response.value.typeName)", at: pointer())
        }
        guard let status = statusCode(response["status"]) else {
            throw EntryProblem("HAR response has no numeric \"status\"", at: pointer())
        }
        guard status != 0 else { return nil }
        var body = HTTPBody.none
        let content = response["content"].flatMap { $0.isObject ? $0 : nil }
        let text = content?["text"]?.stringBytes
        if let content, let text {
            body = try decodedText(text, encoding: content["encoding"], at: pointer() / "content")
        }
        // Without `text`, a content size other than 0 says there was a body that was not kept; with no content
        // size, a body size other than 0 (or an unknown one, -1) says so. 204, 304 and 1xx responses have no body.
        let contentSize = content?["size"]?.intValue
        let captured = text != nil
            || status == 204 || status == 304 || (100..<200).contains(status)
            || contentSize == 0
            || (contentSize == nil && (response["bodySize"]?.intValue ?? 0) == 0)
        return HTTPResponse(status: status, headers: headers(response["headers"]), body: body, bodyCaptured: captured)
    }

    /// A status code written as a number or as a numeric string.
    static func statusCode<Value: EntryValue>(_ value: Value?) -> Int? {
        if let code = value?.intValue { return code }
        if let text = value?.stringValue { return Int(text.trimmingCharacters(in: .whitespaces)) }
        return nil
    }

    private static func decodedText(_ text: UnsafeBufferPointer<UInt8>, encoding: TapeNode?, at pointer: @autoclosure () -> JSONPointer)
        throws(EntryProblem) -> HTTPBody
    {
        guard encoding?.stringValue?.lowercased() == "base64" else { return .bytes(Array(text)) }
        guard let bytes = ExchangeMapping.decodeBase64(String(decoding: text, as: UTF8.self)) else {
            throw EntryProblem(
                "\"text\" is marked \"encoding\": \"base64\" but is not valid base64", at: pointer() / "text")
        }
        return .bytes(bytes)
    }
}
