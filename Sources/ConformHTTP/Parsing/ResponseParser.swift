/// Reads one response from an upstream connection's inbound bytes, resuming wherever the bytes ran out: the
/// response parser of the client, built from the request parser's pieces (head location, field syntax, chunked
/// decoding) so that both directions read HTTP/1.1 the same way.
///
/// The body is framed as RFC 9112 §6.3 says for responses: none for a HEAD request and for 1xx, 204 and 304;
/// chunked (de-chunked, trailers dropped); Content-Length; otherwise everything until the connection closes.
/// Interim responses (1xx but 101) are read and skipped; 101 is refused, since upgrades are not proxied.
struct ResponseParser {
    /// A final response read completely.
    struct Parsed {
        var head: ResponseHead
        var body: [UInt8]
        /// Whether the connection may carry another request: the response allowed it and its body was delimited
        /// by its own framing (not by the close).
        var reusable: Bool
    }

    enum Step {
        case needMore
        case response(Parsed)
    }

    private enum State {
        /// Looking for the end of a head; `scanned` bytes were already searched.
        case head(scanned: Int)
        case body(remaining: Int)
        case chunked
        case untilClose
    }

    let maxHeaderBytes: Int
    let maxBodyBytes: Int
    /// The request was HEAD: the response has no body whatever its fields say.
    let headRequest: Bool
    private var state = State.head(scanned: 0)
    private var pending: ResponseHead?
    private var body: [UInt8] = []
    private var chunks: ChunkedDecoder
    /// The response had both Transfer-Encoding and Content-Length: read by the former (RFC 9112 §6.3 item 3), but
    /// the connection is not trusted with another request.
    private var conflictingFraming = false

    init(maxHeaderBytes: Int, maxBodyBytes: Int, headRequest: Bool) {
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
        self.headRequest = headRequest
        chunks = ChunkedDecoder(maxBodyBytes: maxBodyBytes, maxTrailerBytes: maxHeaderBytes)
    }

    /// The next step for the bytes in `buffer`, consuming what it parses. After a thrown error the connection is
    /// closed; the parser is not used again.
    mutating func next(_ buffer: inout InboundBuffer) throws(ResponseParseError) -> Step {
        while true {
            switch state {
            case .head(let scanned):
                guard let head = try readHead(&buffer, scanned: scanned) else { return .needMore }
                if head.status == 101 {
                    throw .malformed("the upstream switched protocols (101); upgrades are not proxied")
                }
                // Interim responses carry no body; the final one follows on the same connection.
                if head.status < 200 { continue }
                pending = head
                body = []
                switch try framing(of: head) {
                case .none: return .response(finish(closeDelimited: false))
                case .length(let length):
                    body.reserveCapacity(min(length, 64 * 1024))
                    state = .body(remaining: length)
                case .chunked: state = .chunked
                case .untilClose: state = .untilClose
                }
            case .body(let remaining):
                let left = remaining - buffer.move(upTo: remaining, into: &body)
                guard left == 0 else {
                    state = .body(remaining: left)
                    return .needMore
                }
                return .response(finish(closeDelimited: false))
            case .chunked:
                let complete: Bool
                do throws(ChunkedDecoder.Failure) {
                    complete = try chunks.decode(&buffer, into: &body)
                } catch {
                    switch error {
                    case .malformed: throw .malformed("the chunked body is malformed")
                    case .bodyTooLarge: throw .bodyTooLarge
                    case .trailersTooLarge: throw .headTooLarge
                    }
                }
                guard complete else { return .needMore }
                return .response(finish(closeDelimited: false))
            case .untilClose:
                _ = buffer.move(upTo: buffer.count, into: &body)
                if body.count > maxBodyBytes { throw .bodyTooLarge }
                return .needMore
            }
        }
    }

    /// The connection ended (after `next` asked for more): the response if its body runs to the close, otherwise
    /// an error saying what was cut off.
    mutating func endOfStream(buffered: Int) throws(ResponseParseError) -> Parsed {
        switch state {
        case .head:
            throw .truncated(buffered == 0 ? "the connection closed before the response" : "the connection closed in the middle of the response head")
        case .body(let remaining):
            throw .truncated("the connection closed after \(body.count) of \(body.count + remaining) body bytes")
        case .chunked:
            throw .truncated("the connection closed in the middle of the chunked body, after \(body.count) bytes")
        case .untilClose:
            return finish(closeDelimited: true)
        }
    }

    private enum Framing { case none, length(Int), chunked, untilClose }

    /// RFC 9112 §6.3, in its order.
    private mutating func framing(of head: ResponseHead) throws(ResponseParseError) -> Framing {
        if headRequest || head.status == 204 || head.status == 304 { return .none }
        if !head.transferEncodings.isEmpty {
            do throws(HTTPRequestError) {
                try RequestFraming.checkChunkedOnly(head.transferEncodings)
            } catch {
                // A final coding other than chunked would mean reading to the close and passing on coded bytes
                // under a head that no longer says how they are coded.
                throw .malformed("the response uses a transfer coding other than chunked")
            }
            conflictingFraming = !head.contentLengths.isEmpty
            return .chunked
        }
        if !head.contentLengths.isEmpty {
            let length: Int
            do throws(HTTPRequestError) {
                length = try RequestFraming.contentLength(head.contentLengths)
            } catch {
                if error == .bodyTooLarge { throw .bodyTooLarge }
                throw .malformed("Content-Length is not one decimal number")
            }
            if length > maxBodyBytes { throw .bodyTooLarge }
            return length == 0 ? .none : .length(length)
        }
        return .untilClose
    }

    private mutating func finish(closeDelimited: Bool) -> Parsed {
        let head = pending!
        let parsed = Parsed(
            head: head, body: body, reusable: !closeDelimited && !conflictingFraming && head.allowsKeepAlive)
        pending = nil
        body = []
        return parsed
    }

    /// The parsed head once its empty line has arrived, consuming it; nil (remembering how far it looked) before.
    private mutating func readHead(_ buffer: inout InboundBuffer, scanned: Int) throws(ResponseParseError) -> ResponseHead? {
        let limit = maxHeaderBytes
        let found: (head: ResponseHead, length: Int)? = try buffer.withBytes { bytes throws(ResponseParseError) in
            switch HeadParser.locateHead(bytes, scanned: scanned, limit: limit) {
            case .incomplete: return nil
            case .tooLarge: throw .headTooLarge
            case .found(let head, let end): return (try HeadParser.parseResponse(UnsafeBufferPointer(rebasing: bytes[head])), end)
            }
        }
        guard let found else {
            state = .head(scanned: buffer.count)
            return nil
        }
        buffer.consume(found.length)
        state = .head(scanned: 0)
        return found.head
    }
}
