import ConformTestSupport
import ConformValues
import Foundation
import Testing

@testable import ConformTraffic

/// The readers of sequential bodies (JSON Lines, JSON text sequences, server-sent events): what items a fixture
/// holds, how it ends, and that feeding it one byte at a time changes nothing.
@Suite struct SequenceReaderTests {
    struct ReaderCase: CustomTestStringConvertible, Sendable {
        var file: String
        var format: SequenceFormat
        /// `label@index JSON` for a value, `label@index ✗ start of the message` for a malformed item.
        var items: [String]
        /// The start of the truncation message, if the input was cut short.
        var truncation: String?
        var testDescription: String { file }
    }

    static let events = [
        #"event 1@0 {"data":"hello\nworld","event":"greet","id":"7","retry":1500}"#,
        #"event 2@1 {"data":"no-space"}"#,
        #"event 3@2 {"event":"ping"}"#,
    ]

    static let cases: [ReaderCase] = [
        ReaderCase(file: "lines.jsonl", format: .jsonLines, items: [#"line 1@0 {"a":1}"#, "line 4@1 [2]", #"line 5@2 "x""#]),
        ReaderCase(file: "lines-crlf.jsonl", format: .jsonLines, items: [#"line 1@0 {"a":1}"#, #"line 3@1 {"b":2}"#]),
        ReaderCase(
            file: "lines-broken.jsonl", format: .jsonLines,
            items: [#"line 1@0 {"a":1}"#, "line 2@1 ✗ line 2 is not JSON", #"line 3@2 {"c":3}"#], truncation: "ends inside line 4"),
        ReaderCase(
            file: "records.json-seq", format: .jsonSeq,
            items: [#"record 1@0 {"a":1}"#, "record 2@1 [2]", "record 3@2 ✗ record 3 is not JSON", #"record 4@3 "end""#]),
        ReaderCase(file: "records-cut.json-seq", format: .jsonSeq, items: [#"record 1@0 {"a":1}"#], truncation: "ends inside record 2"),
        ReaderCase(
            file: "records-unframed.json-seq", format: .jsonSeq,
            items: ["record 1@0 ✗ record 1 does not start with the record separator", "record 2@1 [2]"]),
        ReaderCase(file: "events-lf.sse", format: .eventStream, items: events, truncation: "ends inside event 4"),
        ReaderCase(file: "events-crlf.sse", format: .eventStream, items: events, truncation: "ends inside event 4"),
        ReaderCase(file: "events-cr.sse", format: .eventStream, items: events, truncation: "ends inside event 4"),
        ReaderCase(
            file: "events-complete.sse", format: .eventStream,
            items: [#"event 1@0 {"data":"{\"n\": 1}"}"#, #"event 2@1 {"data":"{\"n\": 2}"}"#]),
    ]

    static func bytes(_ file: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: TrafficTest.fixture("sequences/" + file))))
    }

    static func describe(_ item: SequenceItem) -> String {
        switch item.content {
        case .value(let value): "\(item.label)@\(item.index) \(JSONWriter.string(value))"
        case .malformed(let message): "\(item.label)@\(item.index) ✗ \(message)"
        }
    }

    /// Reads `bytes` fed in chunks of `size` bytes.
    static func read(_ bytes: [UInt8], format: SequenceFormat, chunkSize size: Int) throws -> (items: [String], end: SequenceEnd) {
        var reader = try #require(format.reader())
        var items: [SequenceItem] = []
        var start = 0
        while start < bytes.count {
            items += reader.feed(bytes[start..<min(bytes.count, start + size)])
            start += size
        }
        let end = reader.finish()
        return ((items + end.items).map(describe), end)
    }

    @Test(arguments: cases)
    func readsTheItemsAndHowTheInputEnds(_ test: ReaderCase) throws {
        let (items, end) = try Self.read(Self.bytes(test.file), format: test.format, chunkSize: 1 << 20)
        #expect(items.count == test.items.count, "\(items)")
        for (found, expected) in zip(items, test.items) {
            #expect(found.hasPrefix(expected), "\(found) should start with \(expected)")
        }
        if let truncation = test.truncation {
            #expect(end.truncation?.hasPrefix(truncation) == true, "\(end.truncation ?? "no truncation")")
        } else {
            #expect(end.truncation == nil)
        }
    }

    /// One byte at a time splits every CRLF, every UTF-8 sequence and every BOM across chunks.
    @Test(arguments: cases)
    func byteByByteReadsTheSameAsWhole(_ test: ReaderCase) throws {
        let bytes = try Self.bytes(test.file)
        let whole = try Self.read(bytes, format: test.format, chunkSize: bytes.count)
        let bytewise = try Self.read(bytes, format: test.format, chunkSize: 1)
        #expect(whole.items == bytewise.items)
        #expect(whole.end.truncation == bytewise.end.truncation)
    }

    @Test(arguments: [
        ("application/jsonl", SequenceFormat.jsonLines), ("application/x-ndjson; charset=utf-8", .jsonLines),
        ("Application/JSON-SEQ", .jsonSeq), ("application/geo+json-seq", .jsonSeq), ("text/event-stream", .eventStream),
        ("multipart/mixed; boundary=x", .multipartMixed),
    ])
    func sequentialMediaTypesAreKnown(_ name: String, _ format: SequenceFormat) {
        #expect(SequenceFormat(mediaType: name) == format)
    }

    @Test(arguments: ["application/json", "text/plain", "multipart/form-data", "*/*"])
    func otherMediaTypesAreNotSequential(_ name: String) {
        #expect(SequenceFormat(mediaType: name) == nil)
    }

    /// A file read through `SequenceFile` a chunk at a time gives what the reader gives the whole bytes.
    @Test func aFileIsReadInChunks() throws {
        var reader = JSONLinesReader()
        var items: [SequenceItem] = []
        let end = try SequenceFile.read(TrafficTest.fixture("sequences/lines-broken.jsonl"), through: &reader) { items.append($0) }
        #expect(items.map(Self.describe).count == 3)
        #expect(end.truncation?.hasPrefix("ends inside line 4") == true)
    }
}
