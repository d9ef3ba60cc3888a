import ConformFindings
import ConformValues
import Foundation
import Testing

@testable import ConformTraffic

/// `JSONLExchangeWriter` and `JSONLFileWriter`: one exchange a line, in the shape `JSONLExchangeReader` reads back
/// to the same requests and responses.
@Suite struct JSONLWriterTests {
    static func readBack(_ bytes: [UInt8]) throws -> [ExchangeReadResult] {
        Array(try TrafficReader.open(bytes: bytes, name: "written.jsonl"))
    }

    @Test(arguments: RecordingCase.all)
    func anExchangeReadsBackAsItWasWritten(_ testCase: RecordingCase) throws {
        let bytes = JSONLExchangeWriter(redact: nil).document([testCase.exchange])
        #expect(bytes.filter { $0 == 0x0A }.count == 1)
        #expect(bytes.last == 0x0A)
        let results = try Self.readBack(bytes)
        #expect(TrafficTest.errors(results).isEmpty, "\(TrafficTest.errors(results).map(\.error))")
        let read = try #require(TrafficTest.exchanges(results).first)
        #expect(TrafficTest.exchanges(results).count == 1)
        #expect(RecordingCase.difference(testCase.exchange, read) == nil)
    }

    @Test func everyCaseInOneFileReadsBackInOrder() throws {
        let exchanges = RecordingCase.all.map(\.exchange)
        let read = TrafficTest.exchanges(try Self.readBack(JSONLExchangeWriter(redact: nil).document(exchanges)))
        #expect(read.count == exchanges.count)
        for (index, (written, back)) in zip(exchanges, read).enumerated() {
            #expect(RecordingCase.difference(written, back) == nil, "#\(index)")
            #expect(back.source.index == index)
        }
    }

    /// How each body is written: readable JSON where that is exact, marked text or base64 where it is not.
    @Test(arguments: [
        (HTTPBody.text(#"{"a":[1,2.5,null]}"#), "application/json", #""body":{"a":[1,2.5,null]}"#),
        (.text("{\n  \"a\": 1\n}"), "application/json", #""body":"{\n  \"a\": 1\n}","bodyEncoding":"text""#),
        (.text(#""a string""#), "application/json", #""body":"\"a string\"","bodyEncoding":"text""#),
        (.text("{broken"), "application/vnd.api+json", #""body":"{broken","bodyEncoding":"text""#),
        (.text("plain ✓"), "text/plain", #""body":"plain ✓""#),
        (.json("a string"), "application/json", #""body":"a string""#),
        (.json("a string"), "text/plain", #""body":"\"a string\"","bodyEncoding":"text""#),
        (.json(["k": true]), "text/plain", #""body":{"k":true}"#),
        (.bytes([0xFF, 0x00]), "application/octet-stream", #""body":"/wA=","bodyEncoding":"base64""#),
    ])
    func bodiesAreWrittenReadablyWhereExact(_ body: HTTPBody, _ mediaType: String, _ expected: String) throws {
        let exchange = HTTPExchange(
            request: HTTPRequest(method: "POST", url: "/x", headers: ["Content-Type": .init(mediaType)], body: body), response: nil)
        let line = String(decoding: JSONLExchangeWriter(redact: nil).line(exchange), as: UTF8.self)
        #expect(line.contains(expected), "\(line)")
        let read = try #require(TrafficTest.exchanges(try Self.readBack(Array(line.utf8))).first)
        #expect(RecordingCase.bytes(read.request.body) == RecordingCase.bytes(body))
    }

    @Test func theLineHasTheReadmeShape() {
        let line = String(decoding: JSONLExchangeWriter(redact: nil).line(RecordingCase.all[0].exchange), as: UTF8.self)
        #expect(line == #"{"id":"create-pet","request":{"method":"POST","url":"https://api.example.com/v1/pets","headers":[["Content-Type","application/json"]],"body":{"name":"Rex","tags":["a","b"],"age":3}},"response":{"status":201,"headers":[["Content-Type","application/json"]],"body":{"id":17,"name":"Rex"}}}"# + "\n")
    }

    // MARK: Credentials

    @Test func credentialsAreMaskedByDefaultNamesKept() throws {
        let bytes = JSONLExchangeWriter().document([RecordingCase.credentials.exchange])
        let text = String(decoding: bytes, as: UTF8.self)
        for secret in RecordingCase.secrets { #expect(!text.contains(secret), "\(secret) written in clear") }
        let read = try #require(TrafficTest.exchanges(try Self.readBack(bytes)).first)
        #expect(RecordingCase.difference(RecordingCase.redactedCredentials, read) == nil)
    }

    @Test(arguments: [
        ("Authorization", "Bearer abc.def", "Bearer [REDACTED]"),
        ("authorization", "abc.def", "[REDACTED]"),
        ("Authorization", "", ""),
        ("Authorization", "Bearer ", "Bearer "),
        ("Authorization", "Basic", "Basic"),
        ("Cookie", "a=1; b=2", "a=[REDACTED]; b=[REDACTED]"),
        ("Set-Cookie", "sid=xyz; Path=/; Secure", "sid=[REDACTED]; Path=/; Secure"),
        ("X-API-Key", "k", "[REDACTED]"),
        ("X-Custom-Key", "k", "[REDACTED]"),
        ("Accept", "application/json", "application/json"),
    ])
    func aHeaderValueIsMaskedKeepingWhatIsNotSecret(_ name: String, _ value: String, _ expected: String) {
        let redactor = Redactor(headerNames: ["X-Custom-Key"])
        #expect(redactor.redacted(HTTPHeaders([(name, value)])) == HTTPHeaders([(name, expected)]))
    }

    @Test(arguments: [
        ("/x?api_key=abc&limit=5", "/x?api_key=[REDACTED]&limit=5"),
        ("/x?api_key=&token=t0k3n", "/x?api_key=&token=[REDACTED]"),
        ("/x?API_KEY=abc&api_key=def#top", "/x?API_KEY=[REDACTED]&api_key=[REDACTED]#top"),
        ("/x?limit=5", "/x?limit=5"),
    ])
    func aQueryValueIsMaskedUnlessItIsEmpty(_ url: String, _ expected: String) {
        let exchange = HTTPExchange(request: HTTPRequest(method: "GET", url: url), response: nil)
        #expect(Redactor().redacted(exchange).request.url == expected)
    }

    // MARK: Streaming

    @Test func severalThreadsAppendingGiveAFileWithEveryLineOnce() throws {
        let directory = try TrafficTest.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("concurrent.jsonl").path
        let file = try JSONLFileWriter(path: path, writer: JSONLExchangeWriter())
        let threads = 8, perThread = 60
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for item in 0..<perThread {
                var exchange = RecordingCase.all[(thread + item) % RecordingCase.all.count].exchange
                exchange.comment = "\(thread)-\(item)"
                do { try file.append(exchange) } catch { failures.add(error) }
            }
        }
        try file.close()
        try file.close()
        #expect(throws: POSIXError.self) { try file.append(RecordingCase.all[0].exchange) }
        #expect(failures.isEmpty)
        #expect(file.lineCount == threads * perThread)
        let results = try TrafficTest.read(path, chunkSize: 4096)
        #expect(TrafficTest.errors(results).isEmpty)
        let comments = TrafficTest.exchanges(results).compactMap(\.comment)
        #expect(comments.count == threads * perThread)
        #expect(Set(comments) == Set((0..<threads).flatMap { thread in (0..<perThread).map { "\(thread)-\($0)" } }))
    }

    @Test func theFileHoldsTheDocumentsBytes() throws {
        let directory = try TrafficTest.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("run.jsonl").path
        let writer = JSONLExchangeWriter(redact: nil)
        let file = try JSONLFileWriter(path: path, writer: writer)
        for testCase in RecordingCase.all { try file.append(testCase.exchange) }
        try file.close()
        let exchanges = RecordingCase.all.map(\.exchange)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == writer.document(exchanges))
    }
}
