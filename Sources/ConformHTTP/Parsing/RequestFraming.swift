/// How a request's body is delimited and what the connection does after it, decided from the head alone
/// (RFC 9112 §6.3 and §9.3).
struct RequestFraming: Equatable, Sendable {
    enum Body: Equatable, Sendable {
        case none
        case length(Int)
        case chunked
    }

    var body: Body
    /// HTTP/1.1 unless `Connection: close`; HTTP/1.0 only with `Connection: keep-alive`.
    var keepAlive: Bool
    /// `Expect: 100-continue` from an HTTP/1.1 client (an HTTP/1.0 client's is ignored, as RFC 9110 §10.1.1 says).
    var expectsContinue: Bool

    init(head: RequestHead, maxBodyBytes: Int) throws(HTTPRequestError) {
        if head.hostCount > 1 || (head.hostCount == 0 && !head.isHTTP10) { throw .badHost }
        if !head.transferEncodings.isEmpty {
            if head.isHTTP10 { throw .badTransferEncoding }
            if !head.contentLengths.isEmpty { throw .conflictingLengths }
            try Self.checkChunkedOnly(head.transferEncodings)
            body = .chunked
        } else if !head.contentLengths.isEmpty {
            let length = try Self.contentLength(head.contentLengths)
            if length > maxBodyBytes { throw .bodyTooLarge }
            body = length == 0 ? .none : .length(length)
        } else {
            body = .none
        }
        let options = Self.listElements(head.connectionOptions)
        let close = options.contains("close")
        keepAlive = head.isHTTP10 ? options.contains("keep-alive") && !close : !close
        let expectations = Self.listElements(head.expectations)
        if expectations.contains(where: { $0 != "100-continue" }) { throw .unsupportedExpectation }
        expectsContinue = !expectations.isEmpty && !head.isHTTP10 && body != .none
    }

    /// The lowercased, trimmed, non-empty elements of comma-separated field values (also read by ResponseHead).
    static func listElements(_ values: [String]) -> [String] {
        var elements: [String] = []
        for value in values {
            for element in value.utf8.split(separator: ByteClass.comma) {
                let trimmed = element.drop(while: ByteClass.isWhitespace).reversed().drop(while: ByteClass.isWhitespace)
                if trimmed.isEmpty { continue }
                elements.append(String(decoding: trimmed.reversed().map(ByteClass.lowercased), as: UTF8.self))
            }
        }
        return elements
    }

    /// Transfer codings must be exactly `chunked` (RFC 9112 §6.3: when chunked is not final, the length cannot be
    /// known; any other coding this server cannot decode).
    static func checkChunkedOnly(_ values: [String]) throws(HTTPRequestError) {
        // Parameters (`;q=…`) are not allowed on chunked and other codings are refused anyway: keep the name.
        let codings = listElements(values).map { coding in
            String(coding.prefix { $0 != ";" && $0 != " " && $0 != "\t" })
        }
        guard codings.last == "chunked", codings.filter({ $0 == "chunked" }).count == 1 else {
            throw .badTransferEncoding
        }
        if codings.count > 1 { throw .unsupportedTransferCoding }
    }

    /// One decimal number; repeated fields or list elements must all agree (RFC 9112 §6.3 item 5). A number too
    /// large for an Int is larger than any body limit.
    static func contentLength(_ values: [String]) throws(HTTPRequestError) -> Int {
        var result: Int?
        for value in values {
            for element in value.utf8.split(separator: ByteClass.comma, omittingEmptySubsequences: false) {
                let trimmed = Array(element.drop(while: ByteClass.isWhitespace).reversed().drop(while: ByteClass.isWhitespace).reversed())
                guard !trimmed.isEmpty, trimmed.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
                    throw .badContentLength
                }
                var number = 0
                for byte in trimmed {
                    let (times, overflow1) = number.multipliedReportingOverflow(by: 10)
                    let (sum, overflow2) = times.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
                    if overflow1 || overflow2 { throw .bodyTooLarge }
                    number = sum
                }
                if let result, result != number { throw .badContentLength }
                result = number
            }
        }
        guard let result else { throw .badContentLength }
        return result
    }
}
