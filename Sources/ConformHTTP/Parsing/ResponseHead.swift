/// The status line and header fields of one response, with the fields that decide framing and reuse picked out
/// as they were read.
struct ResponseHead: Sendable {
    /// As sent: `HTTP/1.1` or `HTTP/1.0`.
    var version: String
    var minorVersion: Int
    var status: Int
    /// As sent, possibly empty (RFC 9112 §4: a client ignores it, but a proxy passes it on).
    var reason: String
    /// In order, repeated names kept, names spelled as sent, values with surrounding whitespace trimmed.
    var headers: [(name: String, value: String)]

    var contentLengths: [String] = []
    var transferEncodings: [String] = []
    var connectionOptions: [String] = []

    /// RFC 9112 §9.3: HTTP/1.1 persists unless `Connection: close`; HTTP/1.0 only with `Connection: keep-alive`.
    var allowsKeepAlive: Bool {
        let options = RequestFraming.listElements(connectionOptions)
        if options.contains("close") { return false }
        return minorVersion >= 1 || options.contains("keep-alive")
    }
}

extension HeadParser {
    /// Parses a complete response head (status line through the empty line). The field syntax is the request
    /// parser's, line for line (`splitField`): obs-fold, bare CR and control bytes are refused the same way.
    static func parseResponse(_ head: UnsafeBufferPointer<UInt8>) throws(ResponseParseError) -> ResponseHead {
        var position = 0
        guard let statusLine = nextLine(head, &position) else { throw .malformed(statusLineMessage) }
        var parsed = try parseStatusLine(UnsafeBufferPointer(rebasing: head[statusLine]))
        while let line = nextLine(head, &position) {
            if line.isEmpty { return parsed }
            let field: (name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>)
            do throws(HTTPRequestError) {
                field = try splitField(UnsafeBufferPointer(rebasing: head[line]))
            } catch {
                // These cases' messages describe a field line, not a request: they read right for a response.
                throw .malformed(error.message)
            }
            let value = String(decoding: field.value, as: UTF8.self)
            parsed.headers.append((name: String(decoding: field.name, as: UTF8.self), value: value))
            switch field.name.count {
            case 10 where ByteClass.equalsIgnoringCase(field.name, "connection"):
                parsed.connectionOptions.append(value)
            case 14 where ByteClass.equalsIgnoringCase(field.name, "content-length"):
                parsed.contentLengths.append(value)
            case 17 where ByteClass.equalsIgnoringCase(field.name, "transfer-encoding"):
                parsed.transferEncodings.append(value)
            default:
                break
            }
        }
        throw .malformed("the response head does not end with an empty line")
    }

    static let statusLineMessage = "the status line is not 'HTTP/1.x status-code reason'"

    /// `HTTP/1.x SP 3DIGIT [SP reason]`. Lenient only where servers commonly are: the space after the code may be
    /// missing when the reason is empty.
    private static func parseStatusLine(_ line: UnsafeBufferPointer<UInt8>) throws(ResponseParseError) -> ResponseHead {
        guard line.count >= 12, line.starts(with: "HTTP/".utf8), line[6] == UInt8(ascii: "."),
              let major = digit(line[5]), let minor = digit(line[7]), line[8] == ByteClass.space,
              let d1 = digit(line[9]), let d2 = digit(line[10]), let d3 = digit(line[11]), d1 >= 1
        else {
            throw .malformed(line.contains(ByteClass.cr) ? "a carriage return is not followed by a line feed" : statusLineMessage)
        }
        guard major == 1 else { throw .malformed("the response is not HTTP/1.x") }
        var reason = ""
        if line.count > 12 {
            guard line[12] == ByteClass.space else { throw .malformed(statusLineMessage) }
            let phrase = UnsafeBufferPointer(rebasing: line[13...])
            guard phrase.allSatisfy(ByteClass.isFieldValue) else { throw .malformed("the reason phrase holds a control character") }
            reason = String(decoding: phrase, as: UTF8.self)
        }
        return ResponseHead(
            version: String(decoding: UnsafeBufferPointer(rebasing: line[..<8]), as: UTF8.self),
            minorVersion: minor, status: d1 * 100 + d2 * 10 + d3, reason: reason, headers: [])
    }
}
