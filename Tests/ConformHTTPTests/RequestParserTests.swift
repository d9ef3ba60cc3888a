@testable import ConformHTTP
import Testing

/// The request parser on bytes alone: what it accepts, the error (and status) for what it refuses, and that the
/// same bytes give the same requests however they are split across reads.
@Suite struct RequestParserTests {
    /// Parses `text` delivered in pieces of `piece` bytes; the requests read, and the error that stopped it.
    static func parse(_ text: String, piece: Int = .max, maxHeaderBytes: Int = 8192, maxBodyBytes: Int = 1024)
        -> (requests: [RequestParser.Parsed], error: HTTPRequestError?, continues: Int)
    {
        RequestParser.read(Array(text.utf8), piece: piece, maxHeaderBytes: maxHeaderBytes, maxBodyBytes: maxBodyBytes)
    }

    @Test(arguments: [1, 3, 7, Int.max])
    func requestsAreTheSameHoweverTheBytesArrive(piece: Int) throws {
        let text = "GET /a?x=1 HTTP/1.1\r\nHost: h\r\nAccept: a\r\naccept: b\r\n\r\n"
            + "POST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello"
            + "PUT /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nTrailer: t\r\n\r\n"
        let result = Self.parse(text, piece: piece)
        #expect(result.error == nil)
        try #require(result.requests.count == 3)
        #expect(result.requests[0].head.method == "GET")
        #expect(result.requests[0].head.target == "/a?x=1")
        #expect(result.requests[0].head.headers.map(\.name) == ["Host", "Accept", "accept"])
        #expect(result.requests[0].head.headers.map(\.value) == ["h", "a", "b"])
        #expect(String(decoding: result.requests[1].body, as: UTF8.self) == "hello")
        #expect(String(decoding: result.requests[2].body, as: UTF8.self) == "abcde")
    }

    @Test func bareLineFeedsAndLeadingEmptyLinesAreAccepted() {
        let result = Self.parse("\r\n\nGET / HTTP/1.1\nHost: h\n\n")
        #expect(result.error == nil)
        #expect(result.requests.count == 1)
    }

    @Test func http10NeedsNoHostAndDefaultsToClose() throws {
        let result = Self.parse("GET / HTTP/1.0\r\n\r\n")
        let request = try #require(result.requests.first)
        #expect(!request.framing.keepAlive)
        let keepAlive = Self.parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        #expect(keepAlive.requests.first?.framing.keepAlive == true)
        #expect(Self.parse("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n").requests.first?.framing.keepAlive == false)
    }

    @Test func expectContinueIsAskedForOnlyBeforeTheBody() {
        #expect(Self.parse("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n").continues == 1)
        // The body came with the head: no interim response is needed.
        #expect(Self.parse("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok").continues == 0)
    }

    struct Refusal: Sendable, CustomStringConvertible {
        var name: String
        var text: String
        var error: HTTPRequestError
        var description: String { name }
    }

    static let refusals: [Refusal] = [
        Refusal(name: "garbage request line", text: "\u{1}\u{2}garbage\r\n\r\n", error: .badRequestLine),
        Refusal(name: "no version", text: "GET /\r\nHost: h\r\n\r\n", error: .badRequestLine),
        Refusal(name: "space in target", text: "GET /a b HTTP/1.1\r\nHost: h\r\n\r\n", error: .badRequestLine),
        Refusal(name: "HTTP/2 preface", text: "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", error: .unsupportedVersion),
        Refusal(name: "obs-fold", text: "GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n b\r\n\r\n", error: .obsoleteLineFolding),
        Refusal(name: "space before colon", text: "GET / HTTP/1.1\r\nHost : h\r\n\r\n", error: .badHeaderLine),
        Refusal(name: "control byte in value", text: "GET / HTTP/1.1\r\nHost: h\u{0}\r\n\r\n", error: .badHeaderValue),
        Refusal(name: "bare CR", text: "GET / HTTP/1.1\r\nHost: h\rX: y\r\n\r\n", error: .bareCarriageReturn),
        Refusal(name: "no Host", text: "GET / HTTP/1.1\r\n\r\n", error: .badHost),
        Refusal(name: "two Hosts", text: "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", error: .badHost),
        Refusal(name: "Content-Length not a number", text: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1x\r\n\r\n", error: .badContentLength),
        Refusal(name: "Content-Lengths differ", text: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", error: .badContentLength),
        Refusal(name: "both lengths", text: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", error: .conflictingLengths),
        Refusal(name: "chunked not final", text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", error: .badTransferEncoding),
        Refusal(name: "gzip coding", text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", error: .unsupportedTransferCoding),
        Refusal(name: "bad chunk size", text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", error: .badChunk),
        Refusal(name: "chunk without CRLF", text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc", error: .badChunk),
        Refusal(name: "chunk size too long to be a number", text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n", error: .badChunk),
        Refusal(name: "chunk size over the limit", text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffff\r\n", error: .bodyTooLarge),
        Refusal(name: "body over the limit", text: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1025\r\n\r\n", error: .bodyTooLarge),
        Refusal(name: "chunks over the limit", text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n400\r\n" + String(repeating: "a", count: 1024) + "\r\n1\r\n", error: .bodyTooLarge),
        Refusal(name: "head over the limit", text: "GET / HTTP/1.1\r\nHost: h\r\nX: " + String(repeating: "a", count: 9000) + "\r\n\r\n", error: .headTooLarge),
        Refusal(name: "unterminated head over the limit", text: "GET / HTTP/1.1\r\nX: " + String(repeating: "a", count: 9000), error: .headTooLarge),
        // Request smuggling: every way a front end and this server might frame one body differently is refused.
        Refusal(name: "lengths, Transfer-Encoding first", text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n0\r\n\r\n", error: .conflictingLengths),
        Refusal(name: "lengths, Transfer-Encoding identity", text: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\nTransfer-Encoding: identity\r\n\r\nabcd", error: .conflictingLengths),
        Refusal(name: "Content-Length list that differs", text: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 4, 5\r\n\r\nabcd", error: .badContentLength),
        Refusal(name: "Content-Length with a sign", text: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: +4\r\n\r\nabcd", error: .badContentLength),
        Refusal(name: "Content-Length empty", text: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length:\r\n\r\n", error: .badContentLength),
        Refusal(name: "chunked, identity", text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n", error: .badTransferEncoding),
        Refusal(name: "xchunked", text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n", error: .badTransferEncoding),
        Refusal(name: "chunked twice in two fields", text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", error: .badTransferEncoding),
        Refusal(name: "Transfer-Encoding empty", text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding:\r\n\r\n", error: .badTransferEncoding),
        Refusal(name: "identity before chunked", text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: identity, chunked\r\n\r\n0\r\n\r\n", error: .unsupportedTransferCoding),
        Refusal(name: "Transfer-Encoding from HTTP/1.0", text: "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", error: .badTransferEncoding),
        Refusal(name: "Transfer-Encoding with a space before the colon", text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n", error: .badHeaderLine),
        Refusal(name: "Transfer-Encoding folded", text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n", error: .obsoleteLineFolding),
        Refusal(name: "Transfer-Encoding behind a vertical tab", text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: \u{0B}chunked\r\n\r\n0\r\n\r\n", error: .badHeaderValue),
        Refusal(name: "whitespace before the first field", text: "POST / HTTP/1.1\r\n Transfer-Encoding: chunked\r\nHost: h\r\n\r\n", error: .obsoleteLineFolding),
        Refusal(name: "bare LF after a chunk size", text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\nabc\r\n0\r\n\r\n", error: .badChunk),
        Refusal(name: "bare LF after chunk data", text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\n0\r\n\r\n", error: .badChunk),
        Refusal(name: "bare LF ending the last chunk", text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\n\r\n", error: .badChunk),
        Refusal(name: "bare LF ending the trailers", text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: y\n\r\n", error: .badChunk),
        Refusal(name: "whitespace after a chunk size", text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3 \r\nabc\r\n0\r\n\r\n", error: .badChunk),
        Refusal(name: "negative chunk size", text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\na\r\n0\r\n\r\n", error: .badChunk),
        Refusal(name: "0x chunk size", text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0x3\r\nabc\r\n0\r\n\r\n", error: .badChunk),
        Refusal(name: "control byte in a chunk extension", text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3;a=\u{0}\r\nabc\r\n0\r\n\r\n", error: .badChunk),
        Refusal(name: "bare CR in a chunk extension", text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3;a\rb\r\nabc\r\n0\r\n\r\n", error: .badChunk),
        Refusal(name: "chunk-size line over 4 KB", text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1;" + String(repeating: "e", count: 4100) + "\r\na\r\n0\r\n\r\n", error: .badChunk),
        Refusal(
            name: "chunk extensions over 16 KB in all",
            text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                + String(repeating: "1;" + String(repeating: "e", count: 4000) + "\r\na\r\n", count: 5) + "0\r\n\r\n",
            error: .badChunk),
        Refusal(name: "unknown expectation", text: "POST / HTTP/1.1\r\nHost: h\r\nExpect: 200-ok\r\nContent-Length: 1\r\n\r\n", error: .unsupportedExpectation),
    ]

    @Test(arguments: refusals)
    func malformedRequestsAreRefusedWithTheirStatus(refusal: Refusal) {
        let whole = Self.parse(refusal.text)
        #expect(whole.error == refusal.error)
        #expect(Self.parse(refusal.text, piece: 1).error == refusal.error)
    }

    /// A chunk size may have leading zeros (only significant digits count), and extensions up to the limit pass.
    @Test func chunkSizesWithLeadingZerosAndModestExtensionsAreRead() throws {
        let text = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n000000000000000000003 ; a=1;b=\"x\"\r\nabc\r\n"
            + String(repeating: "1;" + String(repeating: "e", count: 3000) + "\r\nd\r\n", count: 3) + "0\r\n\r\n"
        let result = Self.parse(text)
        #expect(result.error == nil)
        #expect(String(decoding: try #require(result.requests.first).body, as: UTF8.self) == "abcddd")
    }

    /// A request written inside another's body is body, however the outer body is framed and the bytes arrive: it is
    /// never read as a request of its own.
    @Test(arguments: [1, 5, Int.max])
    func aRequestHiddenInABodyIsBody(piece: Int) throws {
        let hidden = "GET /smuggled HTTP/1.1\r\nHost: h\r\n\r\n"
        let byLength = Self.parse("POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: \(hidden.utf8.count)\r\n\r\n" + hidden, piece: piece)
        #expect(byLength.error == nil)
        #expect(byLength.requests.map(\.head.target) == ["/a"])
        #expect(String(decoding: try #require(byLength.requests.first).body, as: UTF8.self) == hidden)
        let chunked = Self.parse(
            "POST /b HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n\(String(hidden.utf8.count, radix: 16))\r\n\(hidden)\r\n0\r\n\r\n",
            piece: piece)
        #expect(chunked.error == nil)
        #expect(chunked.requests.map(\.head.target) == ["/b"])
        // Both lengths: refused before any of the body (or what hides in it) is read.
        let both = Self.parse("POST /c HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + hidden, piece: piece)
        #expect(both.error == .conflictingLengths)
        #expect(both.requests.isEmpty)
    }

    @Test func statusesFollowTheErrors() {
        #expect(HTTPRequestError.headTooLarge.status == 431)
        #expect(HTTPRequestError.bodyTooLarge.status == 413)
        #expect(HTTPRequestError.badRequestLine.status == 400)
        #expect(HTTPRequestError.timeout.status == 408)
        #expect(HTTPRequestError.unsupportedVersion.status == 505)
        #expect(HTTPRequestError.conflictingLengths.status == 400)
        #expect(HTTPRequestError.badTransferEncoding.status == 400)
        #expect(HTTPRequestError.unsupportedTransferCoding.status == 501)
        #expect(HTTPRequestError.badChunk.status == 400)
        #expect(HTTPRequestError.obsoleteLineFolding.status == 400)
    }

    /// A head trickled one byte at a time is scanned once, not once per byte: 60 KB in pieces of one byte.
    @Test func aTrickledHeadIsParsed() {
        let header = "GET / HTTP/1.1\r\nHost: h\r\nX: " + String(repeating: "a", count: 60_000) + "\r\n\r\n"
        let result = Self.parse(header, piece: 1, maxHeaderBytes: 64 * 1024)
        #expect(result.requests.count == 1)
    }
}
