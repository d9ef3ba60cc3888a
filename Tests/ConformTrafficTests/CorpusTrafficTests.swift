import ConformTestSupport
import ConformValues
import Foundation
import Testing

@testable import ConformTraffic

/// Reads the real HAR captures of ../shared/corpus/har (entry counts from its MANIFEST.md) and the labelled
/// traffic of ../shared/corpus/traffic, whose HAR and JSONL forms hold the same 600 exchanges per API.
@Suite struct CorpusTrafficTests {
    /// One row of the HAR manifest's table.
    struct HARFile: CustomTestStringConvertible, Sendable {
        var file: String
        var entries: Int
        var testDescription: String { file }
    }

    static let harFiles: [HARFile] = {
        guard let corpus = TestPaths.corpus,
            let manifest = try? String(contentsOfFile: corpus + "/har/MANIFEST.md", encoding: .utf8)
        else { return [] }
        return manifest.split(separator: "\n").compactMap { line -> HARFile? in
            // | file | bytes | HAR version | creator | pages | entries | source | licence |
            let cells = line.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 8, cells[1].hasPrefix("`"), let entries = Int(cells[6]) else { return nil }
            return HARFile(file: cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`")), entries: entries)
        }
    }()

    static let apis = ["asset", "cadana", "codat", "qonto"]
    static let corpusIsPresent = TestPaths.corpus != nil

    @Test(.enabled(if: corpusIsPresent, Comment(rawValue: TestPaths.corpusMissingReason)))
    func manifestListsEveryHARFile() throws {
        #expect(Self.harFiles.count == 8)
    }

    @Test(.enabled(if: corpusIsPresent, Comment(rawValue: TestPaths.corpusMissingReason)), arguments: harFiles)
    func readsEveryEntryOfARealCapture(_ har: HARFile) throws {
        let path = try #require(TestPaths.corpus) + "/har/" + har.file
        let results = try TrafficTest.read(path)
        #expect(results.count == har.entries)
        let errors = TrafficTest.errors(results)
        if har.file == "malformed-missing-pageref.har" {
            // Its `request` objects have no method or url (the fields sit elsewhere): each entry is a located
            // error, and reading does not stop at the first.
            #expect(errors.map(\.index) == [0, 1])
            #expect(errors.allSatisfy { $0.error.message == "HAR request has no \"method\" string" })
            // The file is one line: the errors point at each entry's "request" member on it.
            #expect(errors.map(\.error.location.file) == [path, path])
            #expect(errors.map(\.error.location.column) == [1618, 3978])
        } else {
            #expect(errors.isEmpty, "\(errors.map(\.error.description))")
            #expect(TrafficTest.exchanges(results).map(\.source.index) == Array(0..<har.entries))
        }
    }

    @Test(.enabled(if: corpusIsPresent, Comment(rawValue: TestPaths.corpusMissingReason)))
    func realCaptureQuirksAreMapped() throws {
        let corpus = try #require(TestPaths.corpus) + "/har/"
        // Chrome: a failed request (`status: 0`) keeps its request and has no response; base64 bodies decode.
        let chrome = TrafficTest.exchanges(try TrafficTest.read(corpus + "chrome.har"))
        #expect(chrome.filter { $0.response == nil }.count == 1)
        let png = try #require(chrome.first { $0.response?.headers["content-type"] == "image/png" })
        guard case .bytes(let bytes) = png.response?.body else { throw Failure("no PNG body") }
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(chrome.allSatisfy { exchange in !exchange.request.headers.contains { $0.name.hasPrefix(":") } })
        // Insomnia: an empty postData on a GET is no body; the entry comment is kept.
        let insomnia = TrafficTest.exchanges(try TrafficTest.read(corpus + "insomnia.har"))
        #expect(insomnia.first?.request.body == HTTPBody.none)
        #expect(insomnia.first?.comment?.isEmpty == false)
        // A BOM before the JSON; a POST with a text body and an empty response text.
        let bom = TrafficTest.exchanges(try TrafficTest.read(corpus + "chrome-with-bom.har"))
        #expect(bom.first?.request.method == "POST")
        #expect(bom.first?.request.body.isEmpty == false)
        #expect(bom.first?.response?.body == .bytes([]))
    }

    @Test(.enabled(if: corpusIsPresent, Comment(rawValue: TestPaths.corpusMissingReason)), arguments: apis)
    func harAndJSONLFormsOfTheLabelledTrafficAgree(_ api: String) throws {
        let directory = try #require(TestPaths.corpus) + "/traffic/"
        let har = try TrafficTest.read(directory + api + ".har")
        let jsonl = try TrafficTest.read(directory + api + ".jsonl")
        #expect(TrafficTest.errors(har).isEmpty && TrafficTest.errors(jsonl).isEmpty)
        let fromHAR = TrafficTest.exchanges(har)
        let fromJSONL = TrafficTest.exchanges(jsonl)
        try #require(fromHAR.count == 600 && fromJSONL.count == 600)
        for (left, right) in zip(fromHAR, fromJSONL) {
            #expect(left.comment == right.comment)
            #expect(left.request.method == right.request.method)
            #expect(left.request.url == right.request.url)
            #expect(left.request.headers == right.request.headers, "\(left.comment ?? "")")
            #expect(Self.sameBody(left.request.body, right.request.body), "\(left.comment ?? "") request")
            #expect(left.response?.status == right.response?.status)
            #expect(left.response?.headers == right.response?.headers)
            let (harBody, jsonlBody) = (left.response?.body ?? .none, right.response?.body ?? .none)
            #expect(Self.sameBody(harBody, jsonlBody), "\(left.comment ?? "") response")
        }
        #expect(fromJSONL.map(\.source.index) == Array(0..<600))
        #expect(fromJSONL.map(\.source.line) == Array(1...600))
    }

    /// A HAR body (bytes) and a JSONL body (a JSON value, or bytes) hold the same message body.
    static func sameBody(_ har: HTTPBody, _ jsonl: HTTPBody) -> Bool {
        switch (har, jsonl) {
        case (.none, .none):
            return true
        case (.bytes(let bytes), .json), (.bytes(let bytes), .recordedJSON):
            return (try? JSONReader.parse(bytes)) == jsonl.jsonValue
        case (.bytes(let left), .bytes(let right)):
            return left == right
        default:
            return false
        }
    }
}

/// A failure with a message, for `throw` in tests.
struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
