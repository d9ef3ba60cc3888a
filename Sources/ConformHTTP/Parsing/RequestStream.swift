extension RequestParser {
    /// What one connection's bytes come to: the requests read in order, the error that stopped reading (the
    /// server answers it and closes), and how many `100 Continue` answers were asked for.
    typealias StreamResult = (requests: [Parsed], error: HTTPRequestError?, continues: Int)

    /// Reads `bytes` as a connection receives them, `piece` bytes at a time, parsing after each read as the server
    /// does. Bytes after the error are never read.
    static func read(_ bytes: [UInt8], piece: Int, maxHeaderBytes: Int, maxBodyBytes: Int) -> StreamResult {
        var parser = RequestParser(maxHeaderBytes: maxHeaderBytes, maxBodyBytes: maxBodyBytes)
        var buffer = InboundBuffer()
        var requests: [Parsed] = []
        var continues = 0
        var offset = 0
        while offset < bytes.count {
            let end = bytes.count - offset > piece ? offset + piece : bytes.count
            bytes[offset..<end].withUnsafeBytes { buffer.append($0) }
            offset = end
            do {
                reading: while true {
                    switch try parser.next(&buffer) {
                    case .needMore: break reading
                    case .sendContinue: continues += 1
                    case .request(let parsed): requests.append(parsed)
                    }
                }
            } catch {
                return (requests, error, continues)
            }
        }
        return (requests, nil, continues)
    }
}

/// A connection's bytes as text another module can compare.
package enum RequestStream {
    /// `RequestParser.read` told as lines: a line for each request (method, target, version, header
    /// fields, framing, body), then the error's status and case, if any. The fuzz target of the request parser
    /// compares the transcript of a whole read with that of a read byte by byte.
    package static func transcript(_ bytes: [UInt8], piece: Int, maxHeaderBytes: Int, maxBodyBytes: Int) -> [String] {
        let result = RequestParser.read(bytes, piece: piece, maxHeaderBytes: maxHeaderBytes, maxBodyBytes: maxBodyBytes)
        var lines = result.requests.map { request in
            let head = request.head
            let fields = head.headers.map { "\($0.name): \($0.value)" }.joined(separator: " | ")
            return "\(head.method) \(head.target) \(head.version) [\(fields)] \(request.framing) body \(request.body.count) bytes #\(request.body.hashValue)"
        }
        if let error = result.error { lines.append("error \(error.status) \(error)") }
        return lines
    }
}
