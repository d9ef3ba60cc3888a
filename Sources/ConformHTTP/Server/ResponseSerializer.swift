/// Writes a response's head and body as HTTP/1.1 bytes, with the framing fields the server decides.
enum ResponseSerializer {
    /// - Parameters:
    ///   - headOnly: A HEAD request: the head announces the body's length, the body is not sent.
    ///   - close: Adds `Connection: close` (the server closes after this response).
    ///   - keepAliveFor10: An HTTP/1.0 client asked for keep-alive: say it is granted.
    static func append(
        _ response: HTTPServerResponse, headOnly: Bool, close: Bool, keepAliveFor10: Bool, to output: inout [UInt8]
    ) {
        let status = (100...999).contains(response.status) ? response.status : 500
        output.append(contentsOf: "HTTP/1.1 \(status) \(reasonPhrase(status))\r\n".utf8)
        for field in response.headers {
            switch field.name.lowercased() {
            case "content-length", "transfer-encoding", "connection", "keep-alive": continue
            default: break
            }
            // A handler cannot split the response: CR and LF in a name or value would start a new field.
            guard isSafe(field.name), isSafe(field.value) else { continue }
            output.append(contentsOf: field.name.utf8)
            output.append(contentsOf: ": ".utf8)
            output.append(contentsOf: field.value.utf8)
            output.append(contentsOf: "\r\n".utf8)
        }
        // RFC 9110 §8.6: no Content-Length in 1xx and 204; a 304 has no body either.
        let bodyAllowed = status >= 200 && status != 204 && status != 304
        if bodyAllowed {
            let length = headOnly ? response.headLength ?? response.body.count : response.body.count
            output.append(contentsOf: "Content-Length: \(length)\r\n".utf8)
        }
        if close {
            output.append(contentsOf: "Connection: close\r\n".utf8)
        } else if keepAliveFor10 {
            output.append(contentsOf: "Connection: keep-alive\r\n".utf8)
        }
        output.append(contentsOf: "\r\n".utf8)
        if bodyAllowed, !headOnly {
            output.append(contentsOf: response.body)
        }
    }

    /// The plain-text answer to a request the server refused before the handler saw it.
    static func error(_ error: HTTPRequestError) -> HTTPServerResponse {
        HTTPServerResponse(
            status: error.status, headers: [(name: "Content-Type", value: "text/plain; charset=utf-8")],
            body: Array((error.message + "\n").utf8))
    }

    private static func isSafe(_ text: String) -> Bool {
        !text.utf8.contains { $0 == ByteClass.cr || $0 == ByteClass.lf || $0 == 0 }
    }

    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 101: "Switching Protocols"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 203: "Non-Authoritative Information"
        case 204: "No Content"
        case 205: "Reset Content"
        case 206: "Partial Content"
        case 207: "Multi-Status"
        case 300: "Multiple Choices"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 402: "Payment Required"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 406: "Not Acceptable"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 410: "Gone"
        case 411: "Length Required"
        case 412: "Precondition Failed"
        case 413: "Content Too Large"
        case 414: "URI Too Long"
        case 415: "Unsupported Media Type"
        case 416: "Range Not Satisfiable"
        case 417: "Expectation Failed"
        case 422: "Unprocessable Content"
        case 425: "Too Early"
        case 426: "Upgrade Required"
        case 428: "Precondition Required"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 451: "Unavailable For Legal Reasons"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 505: "HTTP Version Not Supported"
        default: "Status \(status)"
        }
    }
}
