import ConformFindings
@_spi(Tape) import ConformValues
import Foundation

/// Streams a JSONL recording, one exchange a line (the format of ../shared/corpus/traffic/README.md):
///
/// ```
/// {"id": "…",
///  "request": {"method", "url", "headers", "body", "bodyEncoding"?},
///  "response": {"status", "headers", "body", "bodyEncoding"?}}
/// ```
///
/// Lines are cut from fixed-size chunks, so memory is one chunk plus the longest line. The index of an
/// exchange is its 0-based line number; blank lines are skipped but still counted.
final class JSONLExchangeReader {
    private let input: ChunkedInput
    private var line: ByteCapture
    /// 1-based number of the last line read.
    private var lineNumber = 0
    private var isFinished = false

    private let limits: LoadLimits

    /// A line (one exchange, body included) is held at most to the `body-bytes` limit.
    init(input: ChunkedInput, limits: LoadLimits = .default) {
        self.input = input
        self.limits = limits
        self.line = ByteCapture(isEnabled: true, limit: limits.maxBodyBytes)
    }

    func next() -> ExchangeReadResult? {
        nextEntry()?.read()
    }

    /// The next non-blank line, cut but not parsed; nil at the end of the input.
    func nextEntry() -> TrafficEntry? {
        while !isFinished {
            do {
                guard try readLine() else {
                    isFinished = true
                    return nil
                }
            } catch {
                isFinished = true
                return TrafficEntry(path: input.path, limits: limits, content: .read(.unreadable(error, index: lineNumber)))
            }
            if let entry = cutEntry() { return entry }
        }
        return nil
    }

    /// Reads the next line into `line` (without its line break); false at the end of the input.
    private func readLine() throws(LoadError) -> Bool {
        line.reset()
        var readAny = false
        while true {
            if input.position == input.count {
                guard try input.refill() else {
                    if readAny { lineNumber += 1 }
                    return readAny
                }
            }
            readAny = true
            let start = input.bytes + input.position
            let available = input.count - input.position
            if let found = memchr(start, 0x0A, available) {
                let length = start.distance(to: found.assumingMemoryBound(to: UInt8.self))
                line.append(start, count: length)
                input.position += length + 1
                lineNumber += 1
                return true
            }
            line.append(start, count: available)
            input.position = input.count
        }
    }

    /// The line just read as an entry (an error when it is too long), or nil for a blank line.
    private func cutEntry() -> TrafficEntry? {
        guard !line.overflowed else {
            let error = LoadError(
                .tooLarge, "JSONL line is more than the body-bytes limit of \(line.limit) bytes (--limit body-bytes=…)",
                at: SourceLocation(file: input.path, line: lineNumber, column: 1))
            return TrafficEntry(path: input.path, limits: limits, content: .read(.unreadable(error, index: lineNumber - 1)))
        }
        var bytes = line.bytes
        if bytes.last == 0x0D { bytes.removeLast() }
        let isBlank = bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        let isByteOrderMarkOnly = lineNumber == 1 && bytes == [0xEF, 0xBB, 0xBF]
        if isBlank || isByteOrderMarkOnly { return nil }
        return TrafficEntry(path: input.path, limits: limits, content: .jsonl(bytes: bytes, line: lineNumber))
    }

    /// The exchange on line `lineNumber` (1-based) of `path`, or the located error that keeps it from being read.
    static func read(_ bytes: [UInt8], line lineNumber: Int, path: String, limits: LoadLimits) -> ExchangeReadResult {
        let index = lineNumber - 1
        let start = TextMark(line: lineNumber, column: 1, linePrefix: [])
        let tape: JSONTape
        do {
            tape = try JSONTape.parse(bytes, path: path, limits: limits)
        } catch {
            return .unreadable(ExchangeMapping.relocate(error, from: start), index: index)
        }
        let source = ExchangeReference(file: path, index: index, line: lineNumber)
        do {
            return .exchange(try JSONLExchange.exchange(from: tape, source: source))
        } catch {
            return .unreadable(ExchangeMapping.locate(error, in: bytes, path: path, from: start), index: index)
        }
    }
}

/// One JSONL line's value → an exchange, read from the line's tape in place: a body written as a JSON value (not a
/// string, not null) stays a tape, cut out of the line's as its own.
enum JSONLExchange {
    static func exchange(from tape: JSONTape, source: ExchangeReference) throws(EntryProblem) -> HTTPExchange {
        let result = tape.withView { view -> Result<HTTPExchange, EntryProblem> in
            do throws(EntryProblem) {
                return .success(try exchange(from: TapeNode(view: view, index: 0), in: tape, source: source))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private static func exchange(from line: TapeNode, in tape: JSONTape, source: ExchangeReference) throws(EntryProblem) -> HTTPExchange {
        guard line.isObject else {
            throw EntryProblem("a JSONL exchange must be an object, not \(line.value.typeName)", at: .root)
        }
        guard let request = line["request"], request.isObject else {
            throw EntryProblem("JSONL exchange has no \"request\" object", at: .root)
        }
        // Made only for a problem: pointers are arrays of strings, and every line passes here.
        var requestPointer: JSONPointer { .root / "request" }
        guard let method = request["method"]?.stringValue, !method.isEmpty else {
            throw EntryProblem("JSONL request has no \"method\" string", at: requestPointer)
        }
        guard let url = request["url"]?.stringValue else {
            throw EntryProblem("JSONL request has no \"url\" string", at: requestPointer)
        }
        let requestHeaders = try ExchangeMapping.headers(request["headers"], at: requestPointer / "headers")
        let exchangeRequest = HTTPRequest(
            method: method, url: url, headers: requestHeaders,
            body: try body(of: request, headers: requestHeaders, in: tape, at: requestPointer))
        return HTTPExchange(
            request: exchangeRequest,
            response: try response(line["response"], in: tape, at: .root / "response"),
            source: source,
            comment: line["id"].flatMap(ExchangeMapping.headerText))
    }

    private static func response(_ value: TapeNode?, in tape: JSONTape, at pointer: @autoclosure () -> JSONPointer) throws(EntryProblem) -> HTTPResponse? {
        guard let response = value, !response.isNull else { return nil }
        guard response.isObject else {
            throw EntryProblem("JSONL response must be an object, not \(response.value.typeName)", at: pointer())
        }
        guard let status = HAREntry.statusCode(response["status"]) else {
            throw EntryProblem("JSONL response has no numeric \"status\"", at: pointer())
        }
        let headers = try ExchangeMapping.headers(response["headers"], at: pointer() / "headers")
        let body = try body(of: response, headers: headers, in: tape, at: pointer())
        return HTTPResponse(status: status, headers: headers, body: body)
    }

    /// `body` with its optional `bodyEncoding`: null or absent is no body; a JSON value is that value; a string
    /// is text (`"text"`), base64 (`"base64"`), or, unmarked, a JSON string when the media type is JSON and the
    /// raw text otherwise.
    private static func body(of message: TapeNode, headers: HTTPHeaders, in tape: JSONTape, at pointer: @autoclosure () -> JSONPointer)
        throws(EntryProblem) -> HTTPBody
    {
        guard let body = message["body"], !body.isNull else { return .none }
        guard let text = body.stringValue else { return .recordedJSON(RecordedJSON(tape: tape.rooted(at: body.index))) }
        switch message["bodyEncoding"]?.stringValue?.lowercased() {
        case "text"?:
            return .bytes(Array(text.utf8))
        case "base64"?:
            guard let bytes = ExchangeMapping.decodeBase64(text) else {
                throw EntryProblem(
                    "\"body\" is marked \"bodyEncoding\": \"base64\" but is not valid base64", at: pointer() / "body")
            }
            return .bytes(bytes)
        case nil:
            return ExchangeMapping.stringBody(text, contentType: headers["Content-Type"])
        case let other?:
            throw EntryProblem(
                "unknown \"bodyEncoding\" \"\(other)\": expected \"text\" or \"base64\"", at: pointer() / "bodyEncoding")
        }
    }
}
