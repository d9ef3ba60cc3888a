/// The request line and header fields of one request, with the fields that decide framing picked out as they were
/// read, so that framing needs no second search by name.
struct RequestHead: Sendable {
    var method: String
    var target: String
    /// As sent: `HTTP/1.1`, `HTTP/1.0` (or a later 1.x minor, served as 1.1).
    var version: String
    /// The minor version digit: 0 for HTTP/1.0, which changes the keep-alive default.
    var minorVersion: Int
    /// In order, repeated names kept, values with surrounding whitespace trimmed.
    var headers: [(name: String, value: String)]

    var contentLengths: [String] = []
    var transferEncodings: [String] = []
    var connectionOptions: [String] = []
    var hostCount = 0
    var expectations: [String] = []

    var isHTTP10: Bool { minorVersion == 0 }
}

/// Parses a complete head (request line through the empty line) from its bytes.
///
/// Strict where RFC 9112 says a server must or should reject (obs-fold, whitespace before a colon, bare CR,
/// control bytes), lenient where it allows it (a bare LF ends a line, as RFC 9112 §2.2 permits).
enum HeadParser {
    static func parse(_ head: UnsafeBufferPointer<UInt8>) throws(HTTPRequestError) -> RequestHead {
        var position = 0
        guard let requestLine = nextLine(head, &position) else { throw .badRequestLine }
        var parsed = try parseRequestLine(UnsafeBufferPointer(rebasing: head[requestLine]))
        while let line = nextLine(head, &position) {
            if line.isEmpty { return parsed }
            try parseField(UnsafeBufferPointer(rebasing: head[line]), into: &parsed)
        }
        // The caller passes a head that ends with an empty line; reaching here means it did not.
        throw .badHeaderLine
    }

    /// Where a head is in the buffered bytes of a connection: shared by the request and the response parser.
    enum HeadLocation: Equatable {
        /// The empty line has not arrived yet (and the bytes are within the limit).
        case incomplete
        /// More than `limit` bytes without the end of the head.
        case tooLarge
        /// `head` spans the first line through the empty line; `end` is just past it (empty lines before the
        /// head, which RFC 9112 §2.2 says to ignore, are inside `0..<end` but not inside `head`).
        case found(head: Range<Int>, end: Int)
    }

    /// Finds the head at the start of `bytes`, searching only LF bytes at or after `scanned` (earlier ones were
    /// searched before: a head trickled byte by byte costs linear time, not quadratic).
    static func locateHead(_ bytes: UnsafeBufferPointer<UInt8>, scanned: Int, limit: Int) -> HeadLocation {
        var start = 0
        while start < bytes.count, bytes[start] == ByteClass.cr || bytes[start] == ByteClass.lf { start += 1 }
        guard let end = headEnd(bytes, from: max(scanned, start + 1), headStart: start) else {
            return bytes.count > limit ? .tooLarge : .incomplete
        }
        return end > limit ? .tooLarge : .found(head: start..<end, end: end)
    }

    /// The index just past the empty line that ends a head starting at `headStart`, searching LF bytes at or after
    /// `from`.
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

    /// The range of the next line without its CR LF (or bare LF), moving `position` past the terminator.
    static func nextLine(_ bytes: UnsafeBufferPointer<UInt8>, _ position: inout Int) -> Range<Int>? {
        let start = position
        var index = start
        while index < bytes.count, bytes[index] != ByteClass.lf { index += 1 }
        guard index < bytes.count else { return nil }
        position = index + 1
        let end = index > start && bytes[index - 1] == ByteClass.cr ? index - 1 : index
        return start..<end
    }

    private static func parseRequestLine(_ line: UnsafeBufferPointer<UInt8>) throws(HTTPRequestError) -> RequestHead {
        var index = 0
        while index < line.count, ByteClass.isToken(line[index]) { index += 1 }
        let methodEnd = index
        guard methodEnd > 0, index < line.count, line[index] == ByteClass.space else {
            throw lineError(line)
        }
        index += 1
        let targetStart = index
        while index < line.count, ByteClass.isTargetByte(line[index]) { index += 1 }
        let targetEnd = index
        guard targetEnd > targetStart, index < line.count, line[index] == ByteClass.space else {
            throw lineError(line)
        }
        index += 1
        let version = UnsafeBufferPointer(rebasing: line[index...])
        guard version.count == 8, version.starts(with: "HTTP/".utf8), version[6] == UInt8(ascii: "."),
              let major = digit(version[5]), let minor = digit(version[7])
        else { throw lineError(line) }
        guard major == 1 else { throw .unsupportedVersion }
        return RequestHead(
            method: String(decoding: UnsafeBufferPointer(rebasing: line[..<methodEnd]), as: UTF8.self),
            target: String(decoding: UnsafeBufferPointer(rebasing: line[targetStart..<targetEnd]), as: UTF8.self),
            version: String(decoding: version, as: UTF8.self),
            minorVersion: minor,
            headers: [])
    }

    /// A CR inside the request line is its own error; anything else is a malformed request line.
    private static func lineError(_ line: UnsafeBufferPointer<UInt8>) -> HTTPRequestError {
        line.contains(ByteClass.cr) ? .bareCarriageReturn : .badRequestLine
    }

    static func digit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }

    private static func parseField(_ line: UnsafeBufferPointer<UInt8>, into head: inout RequestHead) throws(HTTPRequestError) {
        let (name, value) = try splitField(line)
        let nameString = String(decoding: name, as: UTF8.self)
        let valueString = String(decoding: value, as: UTF8.self)
        head.headers.append((name: nameString, value: valueString))
        switch name.count {
        case 4 where ByteClass.equalsIgnoringCase(name, "host"):
            head.hostCount += 1
        case 6 where ByteClass.equalsIgnoringCase(name, "expect"):
            head.expectations.append(valueString)
        case 10 where ByteClass.equalsIgnoringCase(name, "connection"):
            head.connectionOptions.append(valueString)
        case 14 where ByteClass.equalsIgnoringCase(name, "content-length"):
            head.contentLengths.append(valueString)
        case 17 where ByteClass.equalsIgnoringCase(name, "transfer-encoding"):
            head.transferEncodings.append(valueString)
        default:
            break
        }
    }

    /// Splits `name: value` and checks both; shared by header and trailer fields.
    static func splitField(
        _ line: UnsafeBufferPointer<UInt8>
    ) throws(HTTPRequestError) -> (name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>) {
        guard let first = line.first else { throw .badHeaderLine }
        if ByteClass.isWhitespace(first) { throw .obsoleteLineFolding }
        var colon = 0
        while colon < line.count, ByteClass.isToken(line[colon]) { colon += 1 }
        guard colon > 0, colon < line.count, line[colon] == ByteClass.colon else {
            throw line.contains(ByteClass.cr) ? .bareCarriageReturn : .badHeaderLine
        }
        var start = colon + 1
        var end = line.count
        while start < end, ByteClass.isWhitespace(line[start]) { start += 1 }
        while end > start, ByteClass.isWhitespace(line[end - 1]) { end -= 1 }
        for index in start..<end where !ByteClass.isFieldValue(line[index]) {
            throw line[index] == ByteClass.cr ? .bareCarriageReturn : .badHeaderValue
        }
        return (UnsafeBufferPointer(rebasing: line[..<colon]), UnsafeBufferPointer(rebasing: line[start..<end]))
    }
}
