/// Reads requests one at a time from a connection's inbound bytes, resuming wherever the bytes ran out.
///
/// The head is found by scanning only the bytes that arrived since the last call (a head trickled byte by byte
/// costs linear time, not quadratic), then parsed whole. The body is framed by `Content-Length` or chunked
/// coding; whatever follows a request stays in the buffer for the next one.
struct RequestParser {
    /// A request read completely: its head, how it was framed, and its body (de-chunked).
    struct Parsed {
        var head: RequestHead
        var framing: RequestFraming
        var body: [UInt8]
    }

    enum Step {
        /// The buffer holds no complete request yet.
        case needMore
        /// The head asked for `100 Continue` and no body byte has arrived: send it, then call again.
        case sendContinue
        case request(Parsed)
    }

    private enum State {
        /// Looking for the end of a head; `scanned` bytes were already searched.
        case head(scanned: Int)
        case body(remaining: Int)
        /// A chunked body, decoded by `chunks` (trailer fields count against the head limit).
        case chunked
    }

    let maxHeaderBytes: Int
    let maxBodyBytes: Int
    private var state = State.head(scanned: 0)
    private var pending: (head: RequestHead, framing: RequestFraming)?
    private var body: [UInt8] = []
    private var chunks = ChunkedDecoder(maxBodyBytes: 0, maxTrailerBytes: 0)

    init(maxHeaderBytes: Int, maxBodyBytes: Int) {
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
    }

    /// Whether part of a request has been read: a head in progress counts only once its first byte is buffered.
    func isInsideRequest(buffered: Bool) -> Bool {
        if case .head = state { return buffered }
        return true
    }

    /// Whether the head is complete and the body is being read.
    var isReadingBody: Bool {
        if case .head = state { return false }
        return true
    }

    /// The next step for the bytes in `buffer`, consuming what it parses. After a thrown error the connection
    /// answers and closes; the parser is not used again.
    mutating func next(_ buffer: inout InboundBuffer) throws(HTTPRequestError) -> Step {
        while true {
            switch state {
            case .head(let scanned):
                guard let head = try readHead(&buffer, scanned: scanned) else { return .needMore }
                let framing = try RequestFraming(head: head, maxBodyBytes: maxBodyBytes)
                switch framing.body {
                case .none:
                    return .request(Parsed(head: head, framing: framing, body: []))
                case .length(let length):
                    body = []
                    body.reserveCapacity(min(length, 64 * 1024))
                    state = .body(remaining: length)
                case .chunked:
                    body = []
                    chunks = ChunkedDecoder(maxBodyBytes: maxBodyBytes, maxTrailerBytes: maxHeaderBytes)
                    state = .chunked
                }
                pending = (head, framing)
                if framing.expectsContinue, buffer.isEmpty { return .sendContinue }
            case .body(let remaining):
                let left = remaining - buffer.move(upTo: remaining, into: &body)
                guard left == 0 else {
                    state = .body(remaining: left)
                    return .needMore
                }
                return .request(finish())
            case .chunked:
                let complete: Bool
                do throws(ChunkedDecoder.Failure) {
                    complete = try chunks.decode(&buffer, into: &body)
                } catch {
                    switch error {
                    case .malformed: throw .badChunk
                    case .bodyTooLarge: throw .bodyTooLarge
                    case .trailersTooLarge: throw .headTooLarge
                    }
                }
                guard complete else { return .needMore }
                return .request(finish())
            }
        }
    }

    private mutating func finish() -> Parsed {
        let (head, framing) = pending!
        let parsed = Parsed(head: head, framing: framing, body: body)
        pending = nil
        body = []
        state = .head(scanned: 0)
        return parsed
    }

    // MARK: Head

    /// The parsed head once its empty line has arrived, consuming it; nil (remembering how far it looked) before.
    private mutating func readHead(_ buffer: inout InboundBuffer, scanned: Int) throws(HTTPRequestError) -> RequestHead? {
        let limit = maxHeaderBytes
        let found: (head: RequestHead, length: Int)? = try buffer.withBytes { bytes throws(HTTPRequestError) in
            switch HeadParser.locateHead(bytes, scanned: scanned, limit: limit) {
            case .incomplete: return nil
            case .tooLarge: throw .headTooLarge
            case .found(let head, let end): return (try HeadParser.parse(UnsafeBufferPointer(rebasing: bytes[head])), end)
            }
        }
        guard let found else {
            state = .head(scanned: buffer.count)
            return nil
        }
        buffer.consume(found.length)
        return found.head
    }
}
