import ConformFindings
import ConformValues
import Foundation
import Testing

@testable import ConformTraffic

/// `HARWriter` and `HARFileWriter`: what `probe --record` and `proxy --record` write must read back, with the
/// project's own HAR reader, to the requests and responses that were sent and received, so `validate` on the
/// recording finds what the live run found.
@Suite struct HARWriterTests {
    static let started = Date(timeIntervalSince1970: 1_777_777_777.123)

    static func recorded(_ exchange: HTTPExchange, offset: Double = 0) -> RecordedExchange {
        RecordedExchange(exchange, startedAt: started.addingTimeInterval(offset), duration: 0.0421, serverAddress: "203.0.113.7")
    }

    static func readBack(_ bytes: [UInt8]) throws -> [ExchangeReadResult] {
        Array(try TrafficReader.open(bytes: bytes, name: "written.har"))
    }

    @Test(arguments: RecordingCase.all)
    func anExchangeReadsBackAsItWasWritten(_ testCase: RecordingCase) throws {
        let bytes = HARWriter(creatorVersion: "test", redact: nil).document([Self.recorded(testCase.exchange)])
        let results = try Self.readBack(bytes)
        #expect(TrafficTest.errors(results).isEmpty, "\(TrafficTest.errors(results).map(\.error))")
        let read = try #require(TrafficTest.exchanges(results).first)
        #expect(TrafficTest.exchanges(results).count == 1)
        #expect(RecordingCase.difference(testCase.exchange, read) == nil)
    }

    @Test func everyCaseInOneDocumentReadsBackInOrder() throws {
        let exchanges = RecordingCase.all.map(\.exchange)
        let bytes = HARWriter(creatorVersion: "test", redact: nil).document(exchanges.enumerated().map { Self.recorded($1, offset: Double($0)) })
        let read = TrafficTest.exchanges(try Self.readBack(bytes))
        #expect(read.count == exchanges.count)
        for (index, (written, back)) in zip(exchanges, read).enumerated() {
            #expect(RecordingCase.difference(written, back) == nil, "#\(index)")
            #expect(back.source.index == index)
        }
    }

    /// What the probe meant by an exchange survives its recording, so that `validate` of the HAR judges it alike.
    @Test(arguments: [
        ExchangeIntent.valid, .atEdge("body: an empty string (no minLength) at /name"), .askedFor(status: 503),
        .invalidOnPurpose("body: required property 'email' removed"),
    ])
    func theProbesIntentReadsBack(_ intent: ExchangeIntent) throws {
        var exchange = RecordingCase.all[0].exchange
        exchange.intent = intent
        let read = try #require(TrafficTest.exchanges(try Self.readBack(HARWriter(creatorVersion: "t", redact: nil).document([Self.recorded(exchange)]))).first)
        #expect(read.intent == intent)
    }

    @Test func aResponseBodyNotKeptReadsBackAsNotCaptured() throws {
        let exchange = RecordingCase.make("", "GET", "https://api.example.com/v1/big", responseHeaders: ["Content-Type": "application/json"], captured: false).exchange
        let read = try #require(TrafficTest.exchanges(try Self.readBack(HARWriter(creatorVersion: "t", redact: nil).document([Self.recorded(exchange)]))).first)
        #expect(read.response?.bodyCaptured == false)
        #expect(RecordingCase.difference(exchange, read) == nil)
    }

    /// The HAR fields other tools read, which the project's reader does not: HAR 1.2's required members.
    @Test func theDocumentIsHAR12WithTheFieldsOtherToolsRead() throws {
        let exchange = RecordingCase.all[0].exchange
        var withQuery = exchange
        withQuery.request.url = "https://api.example.com/v1/pets?tag=a&tag=b&q=caf%C3%A9+au+lait"
        withQuery.request.headers.append(name: "Cookie", value: "a=1; b=2")
        let bytes = HARWriter(creatorVersion: "9.9.9", redact: nil).document([Self.recorded(withQuery), Self.recorded(RecordingCase.all[4].exchange)])
        let log = try #require(try JSONReader.parse(bytes, path: "w.har").objectValue?["log"]?.objectValue)
        #expect(log["version"] == "1.2")
        #expect(log["creator"] == ["name": "openapi-conform", "version": "9.9.9"])
        let entries = try #require(log["entries"]?.arrayValue)
        let entry = try #require(entries.first?.objectValue)
        #expect(entry["startedDateTime"] == "2026-05-03T03:09:37.123Z")
        #expect(entry["time"] == .number(42.1))
        #expect(entry["timings"] == ["send": 0, "wait": .number(42.1), "receive": 0])
        #expect(entry["cache"] == .object(JSONObject()))
        #expect(entry["serverIPAddress"] == "203.0.113.7")
        #expect(entry["comment"] == "create-pet")
        let request = try #require(entry["request"]?.objectValue)
        #expect(request["httpVersion"] == "HTTP/1.1")
        #expect(request["headersSize"] == -1)
        #expect(request["bodySize"] == .integer(Int64(RecordingCase.bytes(exchange.request.body).count)))
        #expect(request["queryString"] == [
            ["name": "tag", "value": "a"], ["name": "tag", "value": "b"], ["name": "q", "value": "café au lait"],
        ])
        #expect(request["cookies"] == [["name": "a", "value": "1"], ["name": "b", "value": "2"]])
        #expect(request["postData"]?.objectValue?["mimeType"] == "application/json")
        let response = try #require(entry["response"]?.objectValue)
        #expect(response["statusText"] == "Created")
        #expect(response["redirectURL"] == "")
        #expect(response["content"]?.objectValue?["size"] == 22)
        #expect(response["content"]?.objectValue?["mimeType"] == "application/json")
        // Binary bodies are base64, marked so.
        let binary = try #require(entries[1].objectValue)
        let postData = try #require(binary["request"]?.objectValue?["postData"]?.objectValue)
        #expect(postData["encoding"] == "base64")
        #expect(postData["text"] == .string(Data(RecordingCase.pngBytes).base64EncodedString()))
        #expect(binary["response"]?.objectValue?["content"]?.objectValue?["encoding"] == "base64")
    }

    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00.000Z"), (1_000_000_000.5, "2001-09-09T01:46:40.500Z"),
        (1_709_164_800.999, "2024-02-29T00:00:00.999Z"), (-0.001, "1969-12-31T23:59:59.999Z"),
    ])
    func startedDateTimeIsISO8601InUTCWithMilliseconds(_ seconds: Double, _ expected: String) {
        #expect(HARWriter.timestamp(Date(timeIntervalSince1970: seconds)) == expected)
    }

    @Test func anEmptyLogIsValid() throws {
        let results = try Self.readBack(HARWriter(creatorVersion: "t").document([]))
        #expect(results.isEmpty)
    }

    // MARK: Credentials

    @Test func credentialsAreMaskedByDefaultNamesKept() throws {
        let bytes = HARWriter(creatorVersion: "t").document([Self.recorded(RecordingCase.credentials.exchange)])
        let text = String(decoding: bytes, as: UTF8.self)
        for secret in RecordingCase.secrets { #expect(!text.contains(secret), "\(secret) written in clear") }
        let read = try #require(TrafficTest.exchanges(try Self.readBack(bytes)).first)
        #expect(RecordingCase.difference(RecordingCase.redactedCredentials, read) == nil)
        // The HAR-only lists are masked too.
        let request = try JSONReader.parse(bytes, path: "w").objectValue?["log"]?.objectValue?["entries"]?.arrayValue?.first?.objectValue?["request"]?.objectValue
        #expect(request?["queryString"] == [
            ["name": "api_key", "value": "[REDACTED]"], ["name": "limit", "value": "5"], ["name": "token", "value": "[REDACTED]"],
        ])
        #expect(request?["cookies"] == [["name": "session", "value": "[REDACTED]"], ["name": "theme", "value": "[REDACTED]"]])
    }

    @Test func withoutARedactorCredentialsAreWrittenAsSent() throws {
        let bytes = HARWriter(creatorVersion: "t", redact: nil).document([Self.recorded(RecordingCase.credentials.exchange)])
        let read = try #require(TrafficTest.exchanges(try Self.readBack(bytes)).first)
        #expect(RecordingCase.difference(RecordingCase.credentials.exchange, read) == nil)
    }

    // MARK: Streaming

    @Test func theFileWriterWritesTheDocumentsBytesAndIsValidAfterEveryAppend() throws {
        let directory = try TrafficTest.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("run.har").path
        let writer = HARWriter(creatorVersion: "t", redact: nil)
        let recorded = RecordingCase.all.enumerated().map { Self.recorded($1.exchange, offset: Double($0)) }
        let file = try HARFileWriter(path: path, writer: writer)
        #expect(try TrafficTest.read(path).isEmpty)
        for (index, exchange) in recorded.enumerated() {
            try file.append(exchange)
            let results = try TrafficTest.read(path)
            #expect(TrafficTest.errors(results).isEmpty)
            #expect(TrafficTest.exchanges(results).count == index + 1)
        }
        try file.close()
        try file.close()
        #expect(throws: POSIXError.self) { try file.append(recorded[0]) }
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == writer.document(recorded))
    }

    @Test func severalThreadsAppendingGiveAValidFileWithEveryEntryOnce() throws {
        let directory = try TrafficTest.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("concurrent.har").path
        let file = try HARFileWriter(path: path, writer: HARWriter(creatorVersion: "t"))
        let threads = 8, perThread = 60
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for item in 0..<perThread {
                var exchange = RecordingCase.all[(thread + item) % RecordingCase.all.count].exchange
                exchange.comment = "\(thread)-\(item)"
                do { try file.append(Self.recorded(exchange)) } catch { failures.add(error) }
            }
        }
        try file.close()
        #expect(failures.isEmpty)
        #expect(file.entryCount == threads * perThread)
        let results = try TrafficTest.read(path, chunkSize: 4096)
        #expect(TrafficTest.errors(results).isEmpty)
        let comments = TrafficTest.exchanges(results).compactMap(\.comment)
        #expect(comments.count == threads * perThread)
        #expect(Set(comments) == Set((0..<threads).flatMap { thread in (0..<perThread).map { "\(thread)-\($0)" } }))
    }

    /// A process killed during an append leaves no tail: the reader stays strict, reports the truncation, and
    /// still reads every whole entry before it.
    @Test func aFileWithoutItsTailReadsItsEntriesThenReportsTheTruncation() throws {
        let writer = HARWriter(creatorVersion: "t", redact: nil)
        let recorded = RecordingCase.all.prefix(3).map { Self.recorded($0.exchange) }
        var bytes = writer.head
        for (index, exchange) in recorded.enumerated() { bytes += writer.entry(exchange, index: index) }
        let results = try Self.readBack(bytes)
        #expect(TrafficTest.exchanges(results).count == 3)
        let errors = TrafficTest.errors(results)
        #expect(errors.count == 1)
        #expect(errors.first?.error.message.contains("truncated") == true)
    }
}

/// Errors collected from several threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [any Error] = []

    func add(_ error: any Error) {
        lock.lock()
        errors.append(error)
        lock.unlock()
    }

    var isEmpty: Bool {
        lock.lock()
        defer { lock.unlock() }
        return errors.isEmpty
    }
}
