import ConformFindings
import ConformTestSupport
import ConformValues
import Testing

@testable import ConformTraffic

@Suite struct JSONLExchangeReaderTests {
    @Test func readsEveryLineShapeAndLocatesBrokenLines() throws {
        let path = TrafficTest.fixture("exchanges.jsonl")
        let results = try TrafficTest.read(path)
        // Line 2 is blank: skipped, but indexes stay line numbers.
        #expect(results.map(TrafficTest.outline) == [
            "0 POST https://api.example.com/v1/items",
            "2 PUT /v1/blob",
            "3 ✗ \(path):4:60: expected ',' or '}' after object member, found '\"'",
            "4 POST /v1/links",
            "5 GET /v1/none",
            "6 ✗ \(path):7:1: JSONL exchange has no \"request\" object",
            "7 POST /v1/bad",
        ])
        #expect(
            TrafficTest.errors(results)[0].error.description == """
                \(path):4:60: error: expected ',' or '}' after object member, found '"'
                  {"id": "ex-4", "request": {"method": "GET", "url": "/v1/x" "headers": {}}, "response": {"status": 200}}
                                                                             ^
                """)

        let exchanges = TrafficTest.exchanges(results)
        try #require(exchanges.count == 5)
        // JSON values stay JSON values; headers as an object; `id` is the comment; line numbers are kept.
        let created = exchanges[0]
        let tags = JSONValue.array([.integer(1), .integer(2)])
        #expect(created.request.body == .json(.object(JSONObject([("name", .string("a")), ("tags", tags)]))))
        #expect(created.response?.status == 201)
        #expect(created.response?.body == .json(.object(JSONObject([("id", .integer(7))]))))
        #expect(created.request.headers["content-type"] == "application/json")
        #expect(created.comment == "ex-1")
        #expect(created.source == ExchangeReference(file: path, index: 0, line: 1))
        // Headers as a list of {name, value}; a base64 body; a null body.
        #expect(exchanges[1].request.headers.fields.map(\.name) == ["Content-Type"])
        #expect(exchanges[1].request.body == .bytes([0, 1, 2, 255]))
        #expect(exchanges[1].response?.body == HTTPBody.none)
        // Headers as [name, value] pairs; an unmarked string is a JSON string under a JSON type, text otherwise.
        #expect(exchanges[2].request.headers.values(for: "X-Trace") == ["1"])
        #expect(exchanges[2].request.body == .json(.string("https://a.com")))
        #expect(exchanges[2].response?.body == .bytes(Array("plain text".utf8)))
        // A numeric id; `response: null` is no response.
        #expect(exchanges[3].comment == "6")
        #expect(exchanges[3].response == nil)
        // `bodyEncoding: "text"` marks a body that claims JSON but is kept as text.
        #expect(exchanges[4].request.body == .bytes(Array(#"{"a":"#.utf8)))
        #expect(exchanges[4].response?.body == .json(.string("oops")))
    }

    @Test func everyChunkSizeReadsTheSame() throws {
        let path = TrafficTest.fixture("exchanges.jsonl")
        let expected = try TrafficTest.read(path).map(TrafficTest.describe)
        for chunkSize in [1, 2, 3, 7, 64, 255, 1000] {
            let results = try TrafficTest.read(path, chunkSize: chunkSize)
            #expect(results.map(TrafficTest.describe) == expected, "chunk \(chunkSize)")
        }
    }

    @Test func toleratesCRLFAByteOrderMarkAndNoFinalLineBreak() throws {
        let line = #"{"request": {"method": "GET", "url": "/a"}, "response": {"status": 200}}"#
        let bytes = [0xEF, 0xBB, 0xBF] + Array((line + "\r\n\r\n  \r\n" + line + "\r\n[1]").utf8)
        let results = Array(try TrafficReader.open(bytes: bytes, name: "-", format: .jsonl))
        #expect(results.map(TrafficTest.outline) == [
            "0 GET /a",
            "3 GET /a",
            "4 ✗ -:5:1: a JSONL exchange must be an object, not array",
        ])
    }

    @Test func rejectsBadHeaderShapesAndEncodings() throws {
        let lines = [
            #"{"request": {"method": "GET", "url": "/a", "headers": "x"}}"#,
            #"{"request": {"method": "GET", "url": "/a", "headers": [42]}}"#,
            #"{"request": {"method": "GET", "url": "/a", "body": "x", "bodyEncoding": "rot13"}}"#,
            #"{"request": {"method": "GET", "url": "/a", "body": "%%%", "bodyEncoding": "base64"}}"#,
            #"{"request": {"method": "GET"}}"#,
            #"{"request": {"method": "GET", "url": "/a"}, "response": {"status": "abc"}}"#,
        ]
        let results = Array(try TrafficReader.open(bytes: Array(lines.joined(separator: "\n").utf8), name: "in.jsonl"))
        // Each error points at the member (or array item) at fault.
        #expect(results.map(TrafficTest.outline) == [
            "0 ✗ in.jsonl:1:44: headers must be an object or a list of name/value pairs",
            "1 ✗ in.jsonl:2:56: a header must be a {\"name\", \"value\"} object or a [name, value] pair",
            "2 ✗ in.jsonl:3:57: unknown \"bodyEncoding\" \"rot13\": expected \"text\" or \"base64\"",
            "3 ✗ in.jsonl:4:44: \"body\" is marked \"bodyEncoding\": \"base64\" but is not valid base64",
            "4 ✗ in.jsonl:5:2: JSONL request has no \"url\" string",
            "5 ✗ in.jsonl:6:45: JSONL response has no numeric \"status\"",
        ])
    }
}
