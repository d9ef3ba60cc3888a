/// Writes the head of a request to the upstream exactly as the proxy received it: the caller's fields in order,
/// names as given; only the fields that manage this hop are the client's own.
enum RequestWriter {
    /// `METHOD target HTTP/1.1`, then `Host` (first, as RFC 9110 §7.2 asks) if the caller gave none, the caller's
    /// fields without `Content-Length`, `Transfer-Encoding`, `Connection` and `Keep-Alive` (the body is sent whole,
    /// with its length, on a connection the client manages), then `Content-Length` and `Connection: keep-alive`.
    static func head(
        method: String, target: String, headers: [(name: String, value: String)], bodyCount: Int, hostField: String
    ) throws(HTTPUpstreamError) -> [UInt8] {
        guard !method.isEmpty, method.utf8.allSatisfy(ByteClass.isToken) else {
            throw .invalidRequest("the method is not a token")
        }
        guard !target.isEmpty, target.utf8.allSatisfy(ByteClass.isTargetByte) else {
            throw .invalidRequest("the target is empty or holds a space or a control character")
        }
        var output: [UInt8] = []
        output.reserveCapacity(256 + headers.count * 48)
        output.append(contentsOf: "\(method) \(target) HTTP/1.1\r\n".utf8)
        var hasHost = false
        var hadFraming = false
        for field in headers {
            guard !field.name.isEmpty, field.name.utf8.allSatisfy(ByteClass.isToken) else {
                throw .invalidRequest("a header field name is not a token")
            }
            // CR or LF would start a field (or a request) of their own.
            guard field.value.utf8.allSatisfy(ByteClass.isFieldValue) else {
                throw .invalidRequest("the value of '\(field.name)' holds a control character")
            }
            switch field.name.lowercased() {
            case "host": hasHost = true
            case "content-length", "transfer-encoding":
                hadFraming = true
                continue
            case "connection", "keep-alive": continue
            default: break
            }
        }
        if !hasHost { output.append(contentsOf: "Host: \(hostField)\r\n".utf8) }
        for field in headers {
            switch field.name.lowercased() {
            case "content-length", "transfer-encoding", "connection", "keep-alive": continue
            default: break
            }
            output.append(contentsOf: field.name.utf8)
            output.append(contentsOf: ": ".utf8)
            output.append(contentsOf: field.value.utf8)
            output.append(contentsOf: "\r\n".utf8)
        }
        // RFC 9110 §8.6: a length for any body, and for the methods that define one even when it is empty (or the
        // request came framed): a server may otherwise wait for a body or answer 411.
        if bodyCount > 0 || hadFraming || ["POST", "PUT", "PATCH"].contains(method) {
            output.append(contentsOf: "Content-Length: \(bodyCount)\r\n".utf8)
        }
        output.append(contentsOf: "Connection: keep-alive\r\n\r\n".utf8)
        return output
    }
}
