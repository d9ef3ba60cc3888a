import ConformFindings
import ConformTestSupport
import ConformValues
import Testing

@testable import ConformTraffic

@Suite struct PactReaderTests {
    @Test func readsAV2Contract() throws {
        let path = TrafficTest.fixture("pact-v2.json")
        let reader = try TrafficReader.open(path: path)
        #expect(reader.format == .pact)
        let results = Array(reader)
        // v2 queries are strings, kept as written; methods are upper-cased.
        #expect(results.map(TrafficTest.outline) == [
            "0 GET /users?limit=2&name=a%20b",
            "1 GET /health",
            "2 ✗ \(path):19:7: Pact response has no numeric \"status\"",
            "3 POST /users",
        ])
        let exchanges = TrafficTest.exchanges(results)
        try #require(exchanges.count == 3)
        #expect(exchanges[0].comment == "a request for users")
        #expect(exchanges[0].source == ExchangeReference(file: path, index: 0, line: 5))
        #expect(exchanges[0].response?.body == .json(.array([
            .object(JSONObject([("id", .integer(1))])), .object(JSONObject([("id", .integer(2))])),
        ])))
        // A string body under a non-JSON media type is its text.
        #expect(exchanges[1].response?.body == .bytes(Array("ok".utf8)))
        #expect(exchanges[2].request.body == .json(.object(JSONObject([("name", .string("x"))]))))
        #expect(exchanges[2].response == HTTPResponse(status: 201))
    }

    @Test func readsAV3ContractWithQueryMaps() throws {
        let results = try TrafficTest.read(TrafficTest.fixture("pact-v3.json"))
        let exchanges = TrafficTest.exchanges(results)
        try #require(exchanges.count == 1 && results.count == 1)
        // v3 queries are maps of value lists, percent-encoded pair by pair.
        #expect(exchanges[0].request.url == "/users?name=a%20b&tag=x&tag=y%26z")
        // A string body under a JSON media type is a JSON string.
        #expect(exchanges[0].response?.body == .json(.string("just a JSON string")))
    }

    @Test func readsV4BodiesAndSkipsMessageInteractions() throws {
        let pact = #"""
            {"consumer": {"name": "c"}, "provider": {"name": "p"},
             "interactions": [
              {"type": "Asynchronous/Messages", "description": "an event", "contents": {"content": {}}},
              {"type": "Synchronous/HTTP", "description": "upload",
               "request": {"method": "PUT", "path": "/f", "query": {"v": ["1"]},
                 "headers": {"Content-Type": ["application/octet-stream"]},
                 "body": {"content": "AAEC/w==", "contentType": "application/octet-stream", "encoded": "base64"}},
               "response": {"status": 200, "headers": {"Content-Type": ["application/json"]},
                 "body": {"content": {"ok": true}, "contentType": "application/json", "encoded": false}}},
              {"type": "Synchronous/HTTP", "description": "text",
               "request": {"method": "GET", "path": "/t"},
               "response": {"status": 200, "body": {"content": "hi", "contentType": "text/plain", "encoded": false}}}
             ],
             "metadata": {"pactSpecification": {"version": "4.0"}}}
            """#
        let results = Array(try TrafficReader.open(bytes: Array(pact.utf8), name: "-"))
        let exchanges = TrafficTest.exchanges(results)
        try #require(exchanges.count == 2 && results.count == 2)
        #expect(exchanges.map(\.source.index) == [1, 2])
        #expect(exchanges[0].request.url == "/f?v=1")
        #expect(exchanges[0].request.headers["Content-Type"] == "application/octet-stream")
        #expect(exchanges[0].request.body == .bytes([0, 1, 2, 255]))
        #expect(exchanges[0].response?.body == .json(.object(JSONObject([("ok", .bool(true))]))))
        #expect(exchanges[1].response?.body == .bytes(Array("hi".utf8)))
    }

    @Test func versionsAreReadFromTheMetadata() {
        #expect(PactReader.majorVersion(nil) == 2)
        #expect(PactReader.majorVersion(.object(JSONObject([("pactSpecificationVersion", .string("1.0.0"))]))) == 1)
        #expect(
            PactReader.majorVersion(
                .object(JSONObject([("pact-specification", .object(JSONObject([("version", .string("1.1.0"))])))]))) == 1)
    }
}
