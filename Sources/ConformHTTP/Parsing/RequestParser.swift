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
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        /// Trailer fields after the last chunk, read and dropped; `bytes` counts them against the head limit.
        case trailers(bytes: Int)
    }

    /// A chunk-size line with extensions longer than this is refused: extensions are ignored, so there is no
    /// reason to buffer many of them.
    static let maxChunkLineBytes = 4096

    let maxHeaderBytes: Int
    let maxBodyBytes: Int
    private var state = State.head(scanned: 0)
    private var pending: (head: RequestHead, framing: RequestFraming)?
    private var body: [UInt8] = []

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
                    state = .chunkSize
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
            case .chunkSize:
                guard let size = try readChunkSize(&buffer) else { return .needMore }
                if size == 0 {
                    state = .trailers(bytes: 0)
                } else if size > maxBodyBytes - body.count {
                    throw .bodyTooLarge
                } else {
                    state = .chunkData(remaining: size)
                }
            case .chunkData(let remaining):
                let left = remaining - buffer.move(upTo: remaining, into: &body)
                guard left == 0 else {
                    state = .chunkData(remaining: left)
                    return .needMore
                }
                state = .chunkDataEnd
            case .chunkDataEnd:
                guard let length = try buffer.withBytes({ bytes throws(HTTPRequestError) in try Self.lineEnd(at: bytes) }) else {
                    return .needMore
                }
                buffer.consume(length)
                state = .chunkSize
            case .trailers(let bytes):
                guard let line = try readTrailerLine(&buffer, bytesSoFar: bytes) else { return .needMore }
                if line == 0 { return .request(finish()) }
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
            // RFC 9112 §2.2: ignore empty lines before the request line.
            var start = 0
            while start < bytes.count, bytes[start] == ByteClass.cr || bytes[start] == ByteClass.lf { start += 1 }
            guard let end = Self.headEnd(bytes, from: max(scanned, start + 1), headStart: start) else {
                if bytes.count > limit { throw .headTooLarge }
                return nil
            }
            if end > limit { throw .headTooLarge }
            return (try HeadParser.parse(UnsafeBufferPointer(rebasing: bytes[start..<end])), end)
        }
        guard let found else {
            state = .head(scanned: buffer.count)
            return nil
        }
        buffer.consume(found.length)
        return found.head
    }

    /// The index just past the empty line that ends a head starting at `headStart`, searching LF bytes at or after
    /// `from` (earlier ones were searched before).
    private static func headEnd(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, headStart: Int) -> Int? {
        var index = from
        while index < bytes.count {
            if bytes[index] == ByteClass.lf {
                var previous = index - 1
                if previous > headStart, bytes[previous] == ByteClass.cr { previous -= 1 }
                if previous >= headStart, bytes[previous] == ByteClass.lf { return index + 1 }
            }
            index += 1
        }
        return nil
    }

    // MARK: Chunks

    /// The length of a CRLF (or bare LF) at the start of `bytes`, nil if more bytes are needed, or an error if
    /// something else is there.
    private static func lineEnd(at bytes: UnsafeBufferPointer<UInt8>) throws(HTTPRequestError) -> Int? {
        guard let first = bytes.first else { return nil }
        if first == ByteClass.lf { return 1 }
        guard first == ByteClass.cr else { throw .badChunk }
        guard bytes.count >= 2 else { return nil }
        guard bytes[1] == ByteClass.lf else { throw .badChunk }
        return 2
    }

    /// The size from a complete chunk-size line (extensions ignored), consuming the line.
    private mutating func readChunkSize(_ buffer: inout InboundBuffer) throws(HTTPRequestError) -> Int? {
        let found: (size: Int, length: Int)? = try buffer.withBytes { bytes throws(HTTPRequestError) in
            guard let lf = bytes.prefix(Self.maxChunkLineBytes).firstIndex(of: ByteClass.lf) else {
                if bytes.count >= Self.maxChunkLineBytes { throw .badChunk }
                return nil
            }
            var size = 0
            var index = 0
            while index < lf, let digit = ByteClass.hexValue(bytes[index]) {
                // More than 15 hex digits cannot fit the body limit anyway; refuse before the arithmetic overflows.
                if index >= 15 { throw .bodyTooLarge }
                size = size << 4 | digit
                index += 1
            }
            guard index > 0 else { throw .badChunk }
            var rest = index
            while rest < lf, ByteClass.isWhitespace(bytes[rest]) { rest += 1 }
            let end = lf > 0 && bytes[lf - 1] == ByteClass.cr ? lf - 1 : lf
            // After the digits: nothing, or `;` and extensions (which may hold anything but control bytes).
            if rest < end {
                guard bytes[rest] == ByteClass.semicolon else { throw .badChunk }
                for position in rest..<end where !ByteClass.isFieldValue(bytes[position]) { throw .badChunk }
            } else if rest > end {
                throw .badChunk
            }
            return (size, lf + 1)
        }
        guard let found else { return nil }
        buffer.consume(found.length)
        return found.size
    }

    /// Reads one trailer line, checking its syntax and dropping it; returns its length without terminator (0 for
    /// the empty line that ends the body), or nil if the line is not complete.
    private mutating func readTrailerLine(_ buffer: inout InboundBuffer, bytesSoFar: Int) throws(HTTPRequestError) -> Int? {
        let limit = maxHeaderBytes - bytesSoFar
        let found: (content: Int, length: Int)? = try buffer.withBytes { bytes throws(HTTPRequestError) in
            guard let lf = bytes.prefix(limit + 1).firstIndex(of: ByteClass.lf) else {
                if bytes.count > limit { throw .headTooLarge }
                return nil
            }
            let end = lf > 0 && bytes[lf - 1] == ByteClass.cr ? lf - 1 : lf
            if end > 0 {
                do throws(HTTPRequestError) {
                    _ = try HeadParser.splitField(UnsafeBufferPointer(rebasing: bytes[..<end]))
                } catch {
                    throw .badChunk
                }
            }
            return (end, lf + 1)
        }
        guard let found else { return nil }
        buffer.consume(found.length)
        state = .trailers(bytes: bytesSoFar + found.length)
        return found.content
    }
}
