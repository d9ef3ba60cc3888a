import ConformTestSupport
import ConformValues
import Foundation
import Testing

@testable import ConformTraffic

/// Large recordings, generated into a temporary directory (never committed): many entries across many chunks,
/// and single entries and lines several chunks long.
@Suite struct HARStreamingTests {
    /// One entry of the generated HAR, pretty-printed over several lines like browser exports.
    static func entry(_ index: Int) -> String {
        let body = #"{\"index\": \#(index), \"padding\": \"\#(String(repeating: "x", count: 700))\"}"#
        return """
              {
                "startedDateTime": "2025-03-01T09:00:00.000Z", "time": 1, "_priority": "High",
                "request": {"method": "POST", "url": "https://api.example.com/items/\(index)", "httpVersion": "HTTP/1.1",
                  "headers": [{"name": "Content-Type", "value": "application/json"}], "headersSize": -1, "bodySize": -1,
                  "postData": {"mimeType": "application/json", "text": "\(body)"}},
                "response": {"status": \(200 + index % 5), "headers": [], "content": {"size": 2, "mimeType": "application/json", "text": "{}"}},
                "comment": "entry \(index)"
              }
            """
    }

    @Test func readsAGenerated20MBHAREntryByEntry() throws {
        let directory = try TrafficTest.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("large.har").path
        let count = 22_000
        let linesPerEntry = Self.entry(0).split(separator: "\n").count
        var text = "{\"log\": {\"version\": \"1.2\", \"pages\": [],\n  \"entries\": [\n"
        text += (0..<count).map(Self.entry).joined(separator: ",\n")
        text += "\n  ]\n}}\n"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        #expect(text.utf8.count > 20_000_000)

        var seen = 0
        for result in try TrafficReader.open(path: path) {
            guard case .exchange(let exchange) = result else {
                Issue.record("unexpected \(TrafficTest.describe(result))")
                continue
            }
            let index = exchange.source.index
            if index != seen || index % 997 == 0 {
                #expect(index == seen)
                #expect(exchange.source.line == 3 + index * linesPerEntry)
                #expect(exchange.request.url == "https://api.example.com/items/\(index)")
                #expect(exchange.response?.status == 200 + index % 5)
                #expect(exchange.comment == "entry \(index)")
                guard case .bytes(let bytes) = exchange.request.body else { throw Failure("no request body") }
                #expect(try JSONReader.parse(bytes)["index"] == .integer(Int64(index)))
            }
            seen += 1
        }
        #expect(seen == count)
    }

    /// A body escaped every way JSON allows, and its decoded text.
    static func escapedBody(repeating times: Int) -> (escaped: String, decoded: String) {
        let escaped = #"a\"b\\c\/d\u00e9\ud83d\ude80\n\t\u0001 é🚀 plain text, more text; "#
        let decoded = "a\"b\\c/d\u{e9}🚀\n\t\u{1} é🚀 plain text, more text; "
        return (String(repeating: escaped, count: times), String(repeating: decoded, count: times))
    }

    /// One 5 MB entry on a single-line HAR: chunk boundaries fall inside its strings, escapes and multi-byte
    /// characters, and the entries around it are read with their columns.
    @Test(arguments: [ChunkedInput.defaultChunkSize, 4093, 65_537])
    func readsAFiveMBEntryOnOneLine(_ chunkSize: Int) throws {
        let directory = try TrafficTest.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("one-line.har").path
        let (escaped, decoded) = Self.escapedBody(repeating: 5_000_000 / 60)
        let small = #"{"request": {"method": "GET", "url": "/small"}, "response": {"status": 204}}"#
        let large =
            #"{"request": {"method": "GET", "url": "/large"}, "response": {"status": 200, "content": {"text": ""#
            + escaped + #""}}}"#
        let beforeBroken = #"{"log": {"entries": ["# + small + "," + large + ","
        let text = beforeBroken + #"{"request": 1},"# + small + "]}}"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        #expect(text.utf8.count > 5_000_000)

        let results = try TrafficTest.read(path, chunkSize: chunkSize)
        try #require(results.count == 4)
        let exchanges = TrafficTest.exchanges(results)
        #expect(exchanges.map(\.request.url) == ["/small", "/large", "/small"])
        #expect(exchanges.map(\.source.index) == [0, 1, 3])
        #expect(exchanges[1].response?.body == .bytes(Array(decoded.utf8)))
        // The broken entry is located after the 5 MB one on the same line, its column counted in Unicode scalars.
        let broken = try #require(TrafficTest.errors(results).first)
        #expect(broken.index == 2)
        #expect(broken.error.location.line == 1)
        #expect(broken.error.location.column == beforeBroken.unicodeScalars.count + 1)
        #expect(broken.error.message == "HAR entry has no \"request\" object")
        #expect(broken.error.sourceLine == nil, "a 5 MB line is not shown in a snippet")
    }

    @Test(arguments: [ChunkedInput.defaultChunkSize, 4093])
    func readsAFiveMBJSONLLine(_ chunkSize: Int) throws {
        let directory = try TrafficTest.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("long.jsonl").path
        let (escaped, decoded) = Self.escapedBody(repeating: 5_000_000 / 60)
        let short = #"{"request": {"method": "GET", "url": "/a"}, "response": {"status": 200}}"#
        let long =
            #"{"request": {"method": "POST", "url": "/b", "headers": {"Content-Type": "text/plain"}, "body": ""#
            + escaped + #""}, "response": {"status": 201}}"#
        try [short, long, short, "{broken"].joined(separator: "\n").write(toFile: path, atomically: false, encoding: .utf8)

        let results = try TrafficTest.read(path, chunkSize: chunkSize)
        try #require(results.count == 4)
        let exchanges = TrafficTest.exchanges(results)
        #expect(exchanges.map(\.request.url) == ["/a", "/b", "/a"])
        #expect(exchanges[1].request.body == .bytes(Array(decoded.utf8)))
        #expect(TrafficTest.errors(results).map(\.index) == [3])
        #expect(TrafficTest.errors(results).first?.error.location.line == 4)
    }
}
