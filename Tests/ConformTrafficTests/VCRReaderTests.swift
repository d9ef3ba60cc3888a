import ConformFindings
import ConformTestSupport
import ConformValues
import Foundation
import Testing

@testable import ConformTraffic

@Suite struct VCRReaderTests {
    @Test func readsASchemathesisCassette() throws {
        let path = TrafficTest.fixture("schemathesis.yaml")
        let reader = try TrafficReader.open(path: path)
        #expect(reader.format == .vcr)
        let results = Array(reader)
        #expect(results.map(TrafficTest.outline) == [
            "0 POST http://127.0.0.1:8080/api/users?limit=1",
            "1 PUT http://127.0.0.1:8080/api/blob",
            "2 ✗ \(path):78:3: VCR request has no \"uri\" string",
            "3 GET http://127.0.0.1:8080/api/health",
        ])
        #expect(
            TrafficTest.errors(results)[0].error.description == """
                \(path):78:3: error: VCR request has no "uri" string
                    request:
                    ^
                """)
        let exchanges = TrafficTest.exchanges(results)
        try #require(exchanges.count == 3)

        // `string` bodies (YAML escapes decoded), header value lists, a status code written as a string.
        let created = exchanges[0]
        #expect(created.request.headers["content-type"] == "application/json")
        #expect(created.request.body == .bytes(Array(#"{"name": "Alé", "age": 3}"#.utf8)))
        #expect(created.response?.status == 201)
        #expect(created.response?.headers.values(for: "Set-Cookie") == ["a=1", "b=2"])
        #expect(created.response?.body == .bytes(Array(#"{"id": 1}"#.utf8)))
        #expect(created.comment == "1")
        #expect(created.source == ExchangeReference(file: path, index: 0, line: 5))
        // `base64_string` bodies (`--cassette-preserve-exact-body-bytes`).
        #expect(exchanges[1].request.body == .bytes([0, 1, 2, 255]))
        #expect(exchanges[1].response?.body == .bytes(Array("oops".utf8)))
        // `response: null`: the request failed; no body recorded for a GET.
        #expect(exchanges[2].response == nil)
        #expect(exchanges[2].request.body == .none)
    }

    @Test func readsVcrpyAndBetamaxShapes() throws {
        let vcrpy = """
            interactions:
            - request:
                body: null
                headers:
                  Accept: ['*/*']
                method: get
                uri: https://example.com/a
              response:
                body: {string: 'hello'}
                headers:
                  Content-Type: [text/plain]
                status: {code: 200, message: OK}
            version: 1
            """
        let results = Array(try TrafficReader.open(bytes: Array(vcrpy.utf8), name: "cassette.yml"))
        #expect(results.map(TrafficTest.describe) == [
            "0@2 GET https://example.com/a Accept=*/* none → 200 Content-Type=text/plain bytes(5):hello #"
        ])
        let betamax = #"""
            {"http_interactions": [{"request": {"body": {"string": "", "encoding": "utf-8"}, "headers": {},
              "method": "GET", "uri": "https://httpbin.org/get"},
              "response": {"body": {"string": "example body", "encoding": "utf-8"}, "headers": {},
              "status": {"code": 200, "message": "OK"}, "url": "https://httpbin.org/get"}}],
             "recorded_with": "betamax"}
            """#
        let json = Array(try TrafficReader.open(bytes: Array(betamax.utf8), name: "-"))
        #expect(json.map(TrafficTest.outline) == ["0 GET https://httpbin.org/get"])
    }

    /// vcrpy writes a body that is not UTF-8 text (gzip above all, as it records bytes as they came) as a scalar
    /// tagged `!!binary`, Ruby's VCR as `!binary`: base64 of the bytes, not text. An untagged string is its text.
    @Test func aBodyTaggedBinaryIsTheBytesItsBase64Stands() throws {
        let cassette = """
            interactions:
            - request:
                body: !!binary |
                  AAEC/w==
                headers: {}
                method: POST
                uri: https://example.com/a
              response:
                body:
                  string: !!binary |
                    H4sIAAAAAAAC/8tIzcnJBwCGphA2BQAAAA==
                headers:
                  Content-Encoding: [gzip]
                status: {code: 200, message: OK}
            - request: {body: {encoding: ASCII-8BIT, string: !binary "aGk="}, headers: {}, method: get, uri: https://example.com/b}
              response: {body: {string: "aGk="}, headers: {}, status: {code: 200, message: OK}}
            - request: {body: !!binary "not base64!", headers: {}, method: get, uri: https://example.com/c}
              response: null
            """
        let results = Array(try TrafficReader.open(bytes: Array(cassette.utf8), name: "cassette.yaml"))
        guard results.count == 3, case .exchange(let first) = results[0], case .exchange(let second) = results[1],
            case .unreadable(let error, _) = results[2]
        else {
            Issue.record("\(results)")
            return
        }
        #expect(first.request.body == .bytes([0, 1, 2, 255]))
        #expect(first.response?.body == .bytes(Array(Data(base64Encoded: "H4sIAAAAAAAC/8tIzcnJBwCGphA2BQAAAA==")!)))
        #expect(second.request.body == .bytes(Array("hi".utf8)), "Ruby's !binary")
        #expect(second.response?.body == .bytes(Array("aGk=".utf8)), "untagged: the text itself")
        #expect(error.message.contains("a body tagged binary is not valid base64"), "\(error.message)")
    }

    @Test func aCassetteWithoutInteractionsCannotBeRead() {
        let noInteractions = LoadError(
            .syntax, "VCR cassette has no \"http_interactions\" list", at: SourceLocation(file: "c.yaml", line: 1, column: 1))
        #expect(throws: noInteractions) {
            try TrafficReader.open(bytes: Array("recorded_with: x\n".utf8), name: "c.yaml")
        }
        #expect(throws: LoadError.self) { try TrafficReader.open(bytes: Array("a: [\n".utf8), name: "c.yaml") }
    }
}
