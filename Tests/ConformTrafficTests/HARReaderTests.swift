import ConformFindings
import ConformTestSupport
import ConformValues
import Foundation
import Testing

@testable import ConformTraffic

@Suite struct HARReaderTests {
    @Test func mapsRequestsResponsesAndBodies() throws {
        let path = TrafficTest.fixture("variants.har")
        let results = try TrafficTest.read(path)
        #expect(TrafficTest.errors(results).isEmpty)
        let exchanges = TrafficTest.exchanges(results)
        try #require(exchanges.count == 7)

        // Base64 response body; the HTTP/2 pseudo-header `:authority` is left out; entry comment kept.
        let get = exchanges[0]
        #expect(get.request.method == "GET")
        #expect(get.request.url == "https://api.example.com/v1/items?limit=2")
        #expect(get.request.headers.fields.map(\.name) == ["Accept"])
        #expect(get.request.body == .none)
        #expect(get.response?.status == 200)
        #expect(get.response?.headers["content-type"] == "application/json")
        #expect(get.response?.body == .bytes(Array(#"{"ok":true}"#.utf8)))
        #expect(get.comment == "plain get")
        #expect(get.source == ExchangeReference(file: path, index: 0, line: 9))

        // Form params without text are rebuilt as the urlencoded body they came from.
        #expect(exchanges[1].request.body == .bytes(Array("a+b=1%262&c=%C3%A9".utf8)))
        #expect(exchanges[1].comment == nil)
        // Multipart text is kept byte for byte, CRLFs included.
        #expect(
            exchanges[2].request.body
                == .bytes(Array("--XyZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--XyZ--\r\n".utf8)))
        #expect(exchanges[2].response == HTTPResponse(status: 204))
        // `status: 0` is a failed request: the request is still there, the response is not.
        #expect(exchanges[3].request.url == "https://api.example.com/v1/offline")
        #expect(exchanges[3].response == nil)
        // Base64 postData; a response with a size but no text has no body.
        #expect(exchanges[4].request.body == .bytes([0, 1, 2, 255]))
        #expect(exchanges[4].response?.body == HTTPBody.none)
        // Multipart params without text are rebuilt with the boundary of the recorded media type.
        let multipart =
            "--b1\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nT\r\n"
            + "--b1\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
            + "Content-Type: text/plain\r\n\r\nabc\r\n"
            + "--b1--\r\n"
        #expect(exchanges[5].request.body == .bytes(Array(multipart.utf8)))
        // An empty postData (no media type, no text, as Insomnia writes on a GET) is no body; `text: ""` is empty.
        #expect(exchanges[6].request.body == .none)
        #expect(exchanges[6].response?.body == .bytes([]))
    }

    @Test func readsAByteOrderMarkAndHAR11WithEntriesBeforeTheCreator() throws {
        let results = try TrafficTest.read(TrafficTest.fixture("bom.har"))
        let exchanges = TrafficTest.exchanges(results)
        try #require(exchanges.count == 1 && results.count == 1)
        #expect(exchanges[0].source.line == 4)
        #expect(exchanges[0].response?.body == .bytes(Array(#"{"ok":true}"#.utf8)))
    }

    @Test func aBrokenEntryIsALocatedErrorAndTheRestIsStillRead() throws {
        let path = TrafficTest.fixture("broken.har")
        let results = try TrafficTest.read(path)
        try #require(results.count == 5)
        #expect(TrafficTest.exchanges(results).map(\.request.url) == [
            "https://api.example.com/a", "https://api.example.com/c", "https://api.example.com/e",
        ])
        #expect(TrafficTest.exchanges(results).map(\.source.index) == [0, 2, 4])
        let errors = TrafficTest.errors(results)
        try #require(errors.count == 2)
        #expect(errors[0].index == 1)
        #expect(
            errors[0].error.description == """
                \(path):8:70: error: expected ',' or '}' after object member, found '"'
                      {"request": {"method": "GET", "url": "https://api.example.com/b" "headers": []},
                                                                                       ^
                """)
        #expect(errors[1].index == 3)
        #expect(
            errors[1].error.description == """
                \(path):12:6: error: HAR request has no "method" string
                      {"request": {"url": "https://api.example.com/d", "headers": []},
                       ^
                """)
    }

    @Test func aTruncatedFileYieldsTheEntriesBeforeTheCut() throws {
        let path = TrafficTest.fixture("truncated.har")
        let results = try TrafficTest.read(path)
        try #require(results.count == 2)
        #expect(TrafficTest.exchanges(results).map(\.request.url) == ["https://api.example.com/a"])
        #expect(
            TrafficTest.errors(results).map(\.error.description) == [
                "\(path):3:3: error: the file ends inside this HAR entry (the recording is truncated)"
            ])
    }

    @Test func aFileWithoutLogEntriesCannotBeRead() throws {
        let path = TrafficTest.fixture("no-entries.har")
        let noEntries = LoadError(
            .syntax, "HAR log has no \"entries\" array", at: SourceLocation(file: path, line: 1, column: 9))
        #expect(throws: noEntries) {
            try TrafficReader.open(path: path)
        }
        let notHAR = Array(#"{"entries": []}"#.utf8)
        #expect(throws: LoadError.self) { try TrafficReader.open(bytes: notHAR, name: "x.har") }
        let empty = LoadError(.emptyDocument, "empty file: no HAR log", at: SourceLocation(file: "-", line: 1, column: 1))
        #expect(throws: empty) {
            try TrafficReader.open(bytes: [], name: "-", format: .har)
        }
    }

    @Test func recoversFromBytesBetweenEntries() throws {
        let entry = #"{"request": {"method": "GET", "url": "/x"}, "response": {"status": 200}}"#
        let text = "{\"log\": {\"entries\": [\(entry) \(entry), 42 }, \(entry),, \(entry),]}}"
        let results = Array(try TrafficReader.open(bytes: Array(text.utf8), name: "inline.har"))
        #expect(results.map(TrafficTest.outline) == [
            "0 GET /x",
            "1 ✗ inline.har:1:95: expected ',' between HAR entries",
            "1 GET /x",
            "2 ✗ inline.har:1:169: a HAR entry must be an object, not integer",
            "3 ✗ inline.har:1:172: expected a HAR entry or ']' in log.entries, found '}'",
            "3 GET /x",
            "4 ✗ inline.har:1:248: expected a HAR entry or ']' in log.entries, found ','",
            "4 GET /x",
        ])
    }

    /// Chunk boundaries anywhere (inside strings, escapes, multi-byte characters and line breaks) change nothing,
    /// error locations included.
    @Test(arguments: ["variants.har", "broken.har", "bom.har", "truncated.har"])
    func everyChunkSizeReadsTheSame(_ name: String) throws {
        let path = TrafficTest.fixture(name)
        let expected = try TrafficTest.read(path).map(TrafficTest.describe)
        for chunkSize in [1, 2, 3, 5, 7, 13, 64, 100, 333, 1000, 4096] {
            let results = try TrafficTest.read(path, chunkSize: chunkSize)
            #expect(results.map(TrafficTest.describe) == expected, "chunk \(chunkSize)")
        }
    }

    /// Runs of backslashes, the escaped ones before a quote or after it, end a string only where an unescaped quote
    /// stands, wherever a chunk ends: on the backslash, on the byte it escapes, or between two escapes.
    @Test(arguments: [
        (#"a\\"#, #"a\"#),
        (#"\\\""#, #"\""#),
        (#"\\\\\"x\\"#, #"\\"x\"#),
        (#"{\"k\":\"v\\\\\",\"n\":[\"\\\"\"]}"#, #"{"k":"v\\","n":["\""]}"#),
    ])
    func escapesEndAStringWhereverAChunkEnds(_ escaped: String, _ decoded: String) throws {
        let directory = try TrafficTest.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("escapes.har").path
        let entry = #"{"request": {"method": "POST", "url": "/e", "postData": {"mimeType": "text/plain", "text": ""#
            + escaped + #""}}, "response": {"status": 204, "statusText": "\"No\" \\ Content"}}"#
        try (#"{"log": {"entries": ["# + entry + "," + entry + "]}}").write(toFile: path, atomically: false, encoding: .utf8)
        for chunkSize in 1...40 {
            let results = try TrafficTest.read(path, chunkSize: chunkSize)
            #expect(TrafficTest.errors(results).isEmpty, "chunk \(chunkSize)")
            let exchanges = TrafficTest.exchanges(results)
            #expect(exchanges.map(\.request.body) == Array(repeating: .bytes(Array(decoded.utf8)), count: 2), "chunk \(chunkSize)")
        }
    }

    @Test func anEntryLongerThanTheLimitIsAnErrorAndReadingGoesOn() throws {
        let small = #"{"request": {"method": "GET", "url": "/a"}}"#
        let large = #"{"request": {"method": "GET", "url": "/\#(String(repeating: "b", count: 500))"}}"#
        let text = "{\"log\": {\"entries\": [\n\(small),\n\(large),\n\(small)\n]}}"
        let input = ChunkedInput(bytes: Array(text.utf8), name: "big.har", tracksLines: true)
        let reader = try HARReader(input: input, limits: LoadLimits(maxBodyBytes: 200))
        let results = Array(AnyIterator { reader.next() })
        #expect(results.map(TrafficTest.describe) == [
            "0@2 GET /a  none #",
            "1 ✗ big.har:3:1: error: HAR entry is more than the body-bytes limit of 200 bytes (--limit body-bytes=…)",
            "2@4 GET /a  none #",
        ])
    }

    @Test func aBrokenBase64BodyIsLocated() throws {
        let text = """
            {"log": {"entries": [
              {"request": {"method": "GET", "url": "/a"},
               "response": {"status": 200, "content": {"text": "!!!", "encoding": "base64"}}}
            ]}}
            """
        let results = Array(try TrafficReader.open(bytes: Array(text.utf8), name: "b64.har"))
        // The caret sits under `"text"`, 43 characters into line 3 (two more for the snippet's indent).
        #expect(results.map(TrafficTest.describe) == [
            "0 ✗ b64.har:3:44: error: \"text\" is marked \"encoding\": \"base64\" but is not valid base64\n"
                + #"     "response": {"status": 200, "content": {"text": "!!!", "encoding": "base64"}}}"# + "\n"
                + String(repeating: " ", count: 45) + "^"
        ])
    }
}
