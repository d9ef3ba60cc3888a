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

/// One JSONL line's value → an exchange.
enum JSONLExchange {
    /// The exchange of a line read as a tape: a body written as a JSON value (not a string, not null) stays in the
    /// tape, cut out as its own, and the rest of the line becomes a `JSONValue` for `exchange(from:source:)`.
    static func exchange(from tape: JSONTape, source: ExchangeReference) throws(EntryProblem) -> HTTPExchange {
        let (envelope, requestBody, responseBody) = tape.withView(Self.envelope)
        var exchange = try exchange(from: envelope, source: source)
        if let requestBody {
            exchange.request.body = .recordedJSON(RecordedJSON(tape: tape.subtape(at: requestBody)))
        }
        if let responseBody, exchange.response != nil {
            exchange.response?.body = .recordedJSON(RecordedJSON(tape: tape.subtape(at: responseBody)))
        }
        return exchange
    }

    /// The line's value without the JSON-valued `body` of its request and response objects, and where those
    /// bodies are in the tape. A body left out reads as none, which `exchange(from:source:)` maps without a
    /// question: only string bodies have rules (`bodyEncoding`), and those stay in.
    private static func envelope(_ view: JSONTapeView) -> (JSONValue, request: Int?, response: Int?) {
        guard view.kind(0) == .object else { return (view.value(at: 0), nil, nil) }
        var bodies: (request: Int?, response: Int?) = (nil, nil)
        let members = Self.members(of: 0, in: view) { key, value in
            guard key == "request" || key == "response", view.kind(value) == .object else { return nil }
            var body: Int?
            let message = Self.members(of: value, in: view) { key, member in
                guard key == "body", view.kind(member) != .string, view.kind(member) != .null else { return nil }
                body = member
                return .some(nil)
            }
            if key == "request" { bodies.request = body } else { bodies.response = body }
            return .some(message)
        }
        return (members, bodies.request, bodies.response)
    }

    /// The object at `object` as a `JSONValue`, `replace` deciding for each member: nil keeps it as it is, `.some(nil)`
    /// leaves it out, `.some(value)` puts that value in its place.
    private static func members(
        of object: Int, in view: JSONTapeView, replace: (String, Int) -> JSONValue??
    ) -> JSONValue {
        var keys: [String] = []
        var values: [JSONValue] = []
        keys.reserveCapacity(view.count(object))
        values.reserveCapacity(view.count(object))
        var key = object + 1
        for _ in 0..<view.count(object) {
            let name = view.string(key)
            switch replace(name, key + 1) {
            case nil:
                keys.append(name)
                values.append(view.value(at: key + 1))
            case .some(let replacement?):
                keys.append(name)
                values.append(replacement)
            case .some(nil):
                break
            }
            key = view.end(key + 1)
        }
        return .object(JSONObject(uniqueKeys: keys, values: values))
    }

    static func exchange(from value: JSONValue, source: ExchangeReference) throws(EntryProblem) -> HTTPExchange {
        guard let object = value.objectValue else {
            throw EntryProblem("a JSONL exchange must be an object, not \(value.typeName)", at: .root)
        }
        guard let request = object["request"]?.objectValue else {
            throw EntryProblem("JSONL exchange has no \"request\" object", at: .root)
        }
        let requestPointer = JSONPointer.root / "request"
        guard let method = request["method"]?.stringValue, !method.isEmpty else {
            throw EntryProblem("JSONL request has no \"method\" string", at: requestPointer)
        }
        guard let url = request["url"]?.stringValue else {
            throw EntryProblem("JSONL request has no \"url\" string", at: requestPointer)
        }
        let requestHeaders = try ExchangeMapping.headers(request["headers"], at: requestPointer / "headers")
        let exchangeRequest = HTTPRequest(
            method: method, url: url, headers: requestHeaders,
            body: try body(of: request, headers: requestHeaders, at: requestPointer))
        return HTTPExchange(
            request: exchangeRequest,
            response: try response(object["response"], at: .root / "response"),
            source: source,
            comment: object["id"].flatMap(ExchangeMapping.headerText))
    }

    private static func response(_ value: JSONValue?, at pointer: JSONPointer) throws(EntryProblem) -> HTTPResponse? {
        guard let value, value != .null else { return nil }
        guard let response = value.objectValue else {
            throw EntryProblem("JSONL response must be an object, not \(value.typeName)", at: pointer)
        }
        guard let status = HAREntry.statusCode(response["status"]) else {
            throw EntryProblem("JSONL response has no numeric \"status\"", at: pointer)
        }
        let headers = try ExchangeMapping.headers(response["headers"], at: pointer / "headers")
        let body = try body(of: response, headers: headers, at: pointer)
        return HTTPResponse(status: status, headers: headers, body: body)
    }

    /// `body` with its optional `bodyEncoding`: null or absent is no body; a JSON value is that value; a string
    /// is text (`"text"`), base64 (`"base64"`), or, unmarked, a JSON string when the media type is JSON and the
    /// raw text otherwise.
    private static func body(of message: JSONObject, headers: HTTPHeaders, at pointer: JSONPointer) throws(EntryProblem)
        -> HTTPBody
    {
        guard let body = message["body"], body != .null else { return .none }
        guard case .string(let text) = body else { return .json(body) }
        switch message["bodyEncoding"]?.stringValue?.lowercased() {
        case "text"?:
            return .bytes(Array(text.utf8))
        case "base64"?:
            guard let bytes = ExchangeMapping.decodeBase64(text) else {
                throw EntryProblem(
                    "\"body\" is marked \"bodyEncoding\": \"base64\" but is not valid base64", at: pointer / "body")
            }
            return .bytes(bytes)
        case nil:
            return ExchangeMapping.stringBody(text, contentType: headers["Content-Type"])
        case let other?:
            throw EntryProblem(
                "unknown \"bodyEncoding\" \"\(other)\": expected \"text\" or \"base64\"", at: pointer / "bodyEncoding")
        }
    }
}
