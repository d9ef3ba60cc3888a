import ConformTraffic
import ConformValues

/// OpenAPI runtime expressions (`$response.body#/id`, `$request.path.orderId`, `$response.header.Location`,
/// `$statusCode`, `$method`, `$url`), evaluated against one exchange, for the parameters of Link Objects. A string
/// that embeds expressions in braces (`/orders/{$response.body#/id}`) has each replaced; any other value is a
/// constant.
enum RuntimeExpression {
    /// The text a link parameter's value gives for `exchange`; nil when an expression names nothing there.
    static func evaluate(_ value: JSONValue, request: HTTPRequest, requestPath: [String: String], response: HTTPResponse) -> String? {
        guard case .string(let text) = value else { return scalar(value) }
        if text.hasPrefix("$") { return evaluate(expression: text, request: request, requestPath: requestPath, response: response) }
        guard text.contains("{$") else { return text }
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{$") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else { return nil }
            let expression = "$" + rest[open.upperBound..<close]
            guard let part = evaluate(expression: expression, request: request, requestPath: requestPath, response: response) else { return nil }
            result += part
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    private static func evaluate(expression: String, request: HTTPRequest, requestPath: [String: String], response: HTTPResponse) -> String? {
        switch expression {
        case "$statusCode": return String(response.status)
        case "$method": return request.method
        case "$url": return request.url
        default: break
        }
        if let pointer = expression.range(of: "$response.body#").map({ String(expression[$0.upperBound...]) }) {
            return bodyValue(response.body, pointer)
        }
        if expression == "$response.body" { return bodyValue(response.body, "") }
        if let pointer = expression.range(of: "$request.body#").map({ String(expression[$0.upperBound...]) }) {
            return bodyValue(request.body, pointer)
        }
        if let name = suffix(expression, "$response.header.") { return response.headers[name] }
        if let name = suffix(expression, "$request.header.") { return request.headers[name] }
        if let name = suffix(expression, "$request.query.") {
            return RequestURL(request.url).queryPairs.first { $0.name == name }?.value
        }
        if let name = suffix(expression, "$request.path.") { return requestPath[name] }
        return nil
    }

    private static func suffix(_ text: String, _ prefix: String) -> String? {
        text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : nil
    }

    private static func bodyValue(_ body: HTTPBody, _ pointer: String) -> String? {
        let value: JSONValue?
        switch body {
        case .json, .recordedJSON: value = body.jsonValue
        case .bytes(let bytes): value = try? JSONReader.parse(bytes)
        case .none: value = nil
        }
        guard let value, let parsed = try? JSONPointer(parsing: pointer), let found = value.value(at: parsed) else { return nil }
        return scalar(found)
    }

    private static func scalar(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): return text
        case .integer, .number, .bool, .bigNumber: return JSONWriter.string(value)
        default: return nil
        }
    }
}
