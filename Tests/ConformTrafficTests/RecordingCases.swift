import ConformValues
import Foundation
import Testing

@testable import ConformTraffic

/// Exchanges the recording writers must write so that the project's own readers read them back unchanged: every
/// kind of body, repeated headers, awkward queries and text, and no response.
struct RecordingCase: CustomTestStringConvertible, Sendable {
    var sentence: String
    var exchange: HTTPExchange
    var testDescription: String { sentence }

    static let pngBytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF, 0xFE, 0x80, 0xC3, 0x28]

    static func make(
        _ sentence: String, _ method: String = "GET", _ url: String, headers: HTTPHeaders = [:], body: HTTPBody = .none,
        status: Int? = 200, responseHeaders: HTTPHeaders = [:], responseBody: HTTPBody = .none, captured: Bool = true,
        comment: String? = nil
    ) -> RecordingCase {
        let response = status.map {
            HTTPResponse(status: $0, headers: responseHeaders, body: responseBody, bodyCaptured: captured)
        }
        return RecordingCase(
            sentence: sentence,
            exchange: HTTPExchange(
                request: HTTPRequest(method: method, url: url, headers: headers, body: body), response: response,
                comment: comment))
    }

    static let json: HTTPHeaders = ["Content-Type": "application/json"]

    static let all: [RecordingCase] = [
        make("JSON bodies both ways, as bytes", "POST", "https://api.example.com/v1/pets",
             headers: json, body: .text(#"{"name":"Rex","tags":["a","b"],"age":3}"#), status: 201,
             responseHeaders: json, responseBody: .text(#"{"id":17,"name":"Rex"}"#), comment: "create-pet"),
        make("a JSON body already parsed, and a pretty-printed one", "PUT", "https://api.example.com/v1/pets/17",
             headers: json, body: .json(["name": "Rex", "weight": 4.5, "owner": .null]),
             responseHeaders: ["Content-Type": "application/json; charset=utf-8"],
             responseBody: .text("{\n  \"id\": 17,\n  \"name\": \"Rex\"\n}\n")),
        make("a JSON string body, a body that claims JSON but is not, and an escaped one", "POST", "/v1/notes",
             headers: json, body: .json("just a string"), status: 400,
             responseHeaders: ["Content-Type": "application/problem+json"], responseBody: .text("{not json\u{2028}\"\\")),
        make("text bodies with non-ASCII, quotes, tabs and line breaks", "POST", "https://api.example.com/v1/echo",
             headers: ["Content-Type": "text/plain; charset=utf-8"], body: .text("héllo — ✓ 🐕\n\t\"quoted\"\r\n"),
             responseHeaders: ["Content-Type": "text/plain"], responseBody: .text("ünïcödé\u{0}\u{1F}end")),
        make("binary bodies that are not UTF-8", "PUT", "https://api.example.com/v1/pets/17/photo",
             headers: ["Content-Type": "image/png"], body: .bytes(pngBytes),
             responseHeaders: ["Content-Type": "application/octet-stream"], responseBody: .bytes([0xFF, 0x00, 0xC0, 0x80])),
        make("empty bodies: none, and zero bytes with a media type", "POST", "https://api.example.com/v1/ping",
             headers: json, body: .bytes([]), status: 204),
        make("an empty response body with a media type", "GET", "https://api.example.com/v1/empty",
             responseHeaders: ["Content-Type": "text/plain"], responseBody: .bytes([])),
        make("a form-encoded body with repeated fields", "POST", "https://api.example.com/v1/customers",
             headers: ["Content-Type": "application/x-www-form-urlencoded"],
             body: .text("name=Rex+the+dog&tags=a&tags=b&emoji=%F0%9F%90%95&metadata%5Border_id%5D=6735"),
             responseHeaders: json, responseBody: .text(#"{"ok":true}"#)),
        make("a multipart body", "POST", "https://api.example.com/v1/upload",
             headers: ["Content-Type": "multipart/form-data; boundary=XyZ"],
             body: .text("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--\r\n"), status: 202),
        make("repeated headers keep their order among others", "GET", "https://api.example.com/v1/pets",
             headers: HTTPHeaders([("Accept", "application/json"), ("X-Trace", "1"), ("accept", "text/plain"), ("X-Trace", "2")]),
             responseHeaders: HTTPHeaders([("Set-Cookie", "a=1; Path=/"), ("Content-Type", "application/json"), ("Set-Cookie", "b=2"), ("Vary", "Accept"), ("Vary", "Origin")]),
             responseBody: .text("[]")),
        make("a query with percent-encoding, repeated keys, empty values and no value", "GET",
             "https://api.example.com/v1/pets?tag=a&tag=b&q=caf%C3%A9%20au+lait&empty=&flag&list=1,2%2C3#frag"),
        make("non-ASCII in the URL, a header and a comment", "GET", "https://api.example.com/v1/caf%C3%A9/Zoë?name=Zoë",
             headers: ["X-Name": "Zoë ✓"], status: 404, comment: "ünïcode — \"quoted\""),
        make("a relative URL, as some recordings hold", "DELETE", "/v1/pets/17?force=true", status: 204),
        make("no response: the request failed", "GET", "https://api.example.com/v1/slow", status: nil, comment: "timed out"),
        make("a redirect", "GET", "https://api.example.com/v1/old", status: 301,
             responseHeaders: ["Location": "https://api.example.com/v1/new"]),
    ]

    /// A body as the bytes sent: no body is none, a parsed JSON body its compact text.
    static func bytes(_ body: HTTPBody) -> [UInt8] {
        body.wireBytes
    }

    /// The difference between an exchange and the one read back, in words; nil when they agree on everything
    /// checking reads (method, URL, headers in order, body bytes, status, whether the body was kept, comment).
    static func difference(_ written: HTTPExchange, _ read: HTTPExchange, comparesCaptured: Bool = true) -> String? {
        var differences: [String] = []
        if written.request.method != read.request.method { differences.append("method \(read.request.method)") }
        if written.request.url != read.request.url { differences.append("url \(read.request.url)") }
        if written.request.headers != read.request.headers { differences.append("request headers \(read.request.headers.fields)") }
        if bytes(written.request.body) != bytes(read.request.body) { differences.append("request body \(bytes(read.request.body))") }
        if written.comment != read.comment { differences.append("comment \(read.comment ?? "nil")") }
        switch (written.response, read.response) {
        case (nil, nil):
            break
        case (let a?, let b?):
            if a.status != b.status { differences.append("status \(b.status)") }
            if a.headers != b.headers { differences.append("response headers \(b.headers.fields)") }
            if bytes(a.body) != bytes(b.body) { differences.append("response body \(bytes(b.body))") }
            if comparesCaptured && a.bodyCaptured != b.bodyCaptured { differences.append("captured \(b.bodyCaptured)") }
        default:
            differences.append("response \(String(describing: read.response))")
        }
        return differences.isEmpty ? nil : differences.joined(separator: "; ")
    }

    /// An exchange with credentials of every kind a recording must not keep in clear.
    static let credentials = make(
        "credentials everywhere", "POST", "https://api.example.com/v1/pets?api_key=k3y-s3cr3t&limit=5&token=t0k3n-s3cr3t",
        headers: HTTPHeaders([
            ("Authorization", "Bearer eyJhbGciOi.s3cr3t.part"), ("X-API-Key", "x-api-s3cr3t"),
            ("Cookie", "session=c00kie-s3cr3t; theme=dark"), ("Proxy-Authorization", "Basic dXNlcjpwYXNz"),
            ("Content-Type", "application/json"), ("Accept", "application/json"),
        ]),
        body: .text(#"{"name":"Rex"}"#), status: 201,
        responseHeaders: HTTPHeaders([("Set-Cookie", "session=n3w-s3cr3t; Path=/; HttpOnly"), ("Content-Type", "application/json")]),
        responseBody: .text(#"{"id":1}"#))

    static let secrets = ["k3y-s3cr3t", "t0k3n-s3cr3t", "eyJhbGciOi", "x-api-s3cr3t", "c00kie-s3cr3t", "dXNlcjpwYXNz", "n3w-s3cr3t"]

    /// The credentials exchange as a redacting writer must leave it.
    static let redactedCredentials: HTTPExchange = {
        var exchange = credentials.exchange
        exchange.request.url = "https://api.example.com/v1/pets?api_key=[REDACTED]&limit=5&token=[REDACTED]"
        exchange.request.headers = HTTPHeaders([
            ("Authorization", "Bearer [REDACTED]"), ("X-API-Key", "[REDACTED]"),
            ("Cookie", "session=[REDACTED]; theme=[REDACTED]"), ("Proxy-Authorization", "Basic [REDACTED]"),
            ("Content-Type", "application/json"), ("Accept", "application/json"),
        ])
        exchange.response?.headers = HTTPHeaders([
            ("Set-Cookie", "session=[REDACTED]; Path=/; HttpOnly"), ("Content-Type", "application/json"),
        ])
        return exchange
    }()
}
