/// What was wrong with a request the server could not hand to the handler. Each case answers with its status
/// and closes the connection: after a framing error the server cannot know where the next request starts.
///
/// The cases say what went wrong (tests match on them); `message` holds the words, sent as the plain-text body
/// of the error response so that a person reading a failing client's output learns why.
enum HTTPRequestError: Error, Equatable, Sendable {
    /// The request line and header fields together exceed `maxHeaderBytes` (or the trailer fields do).
    case headTooLarge
    /// `Content-Length` or the chunked body exceeds `maxBodyBytes`.
    case bodyTooLarge
    /// Not `method SP request-target SP HTTP-version`, or the target holds a control or space byte.
    case badRequestLine
    /// A major version other than 1.
    case unsupportedVersion
    /// A field line that starts with whitespace (obs-fold; RFC 9112 §5.2 says reject it).
    case obsoleteLineFolding
    /// A field line without a colon, or whose name is empty, not a token, or followed by whitespace.
    case badHeaderLine
    /// A field value holding a control byte (NUL, CR, LF, DEL, …).
    case badHeaderValue
    /// A CR not followed by LF in the head.
    case bareCarriageReturn
    /// An HTTP/1.1 request without `Host`, or any request with more than one.
    case badHost
    /// `Content-Length` that is not a decimal number, or several that differ.
    case badContentLength
    /// Both `Content-Length` and `Transfer-Encoding` (a request-smuggling vector: RFC 9112 §6.3).
    case conflictingLengths
    /// `Transfer-Encoding` whose final coding is not chunked, chunked twice, or sent by an HTTP/1.0 client.
    case badTransferEncoding
    /// A transfer coding other than chunked (gzip, compress, …), which this server does not decode.
    case unsupportedTransferCoding
    /// A chunk-size line that is not hexadecimal or too long to be a size, a framing line ended by a bare LF, chunk
    /// data not followed by CRLF, a malformed trailer, or chunk extensions over 16 KiB in all (see `ChunkedDecoder`).
    case badChunk
    /// `Expect` with anything but `100-continue`.
    case unsupportedExpectation
    /// The head (or the body, for a body that stops arriving) took longer than `headerTimeout`.
    case timeout

    var status: Int {
        switch self {
        case .headTooLarge: 431
        case .bodyTooLarge: 413
        case .unsupportedVersion: 505
        case .unsupportedTransferCoding: 501
        case .unsupportedExpectation: 417
        case .timeout: 408
        case .badRequestLine, .obsoleteLineFolding, .badHeaderLine, .badHeaderValue, .bareCarriageReturn, .badHost,
             .badContentLength, .conflictingLengths, .badTransferEncoding, .badChunk:
            400
        }
    }

    var message: String {
        switch self {
        case .headTooLarge: "the request line and header fields are larger than the server accepts"
        case .bodyTooLarge: "the request body is larger than the server accepts"
        case .badRequestLine: "the request line is not 'METHOD request-target HTTP/1.1'"
        case .unsupportedVersion: "only HTTP/1.0 and HTTP/1.1 are served"
        case .obsoleteLineFolding: "a header field line starts with whitespace (obsolete line folding)"
        case .badHeaderLine: "a header field line is not 'name: value' with a token name"
        case .badHeaderValue: "a header field value holds a control character"
        case .bareCarriageReturn: "a carriage return is not followed by a line feed"
        case .badHost: "an HTTP/1.1 request needs exactly one Host header field"
        case .badContentLength: "Content-Length is not one decimal number"
        case .conflictingLengths: "the request has both Content-Length and Transfer-Encoding"
        case .badTransferEncoding: "Transfer-Encoding must end with chunked, once, in an HTTP/1.1 request"
        case .unsupportedTransferCoding: "only the chunked transfer coding is supported"
        case .badChunk: "the chunked body is malformed"
        case .unsupportedExpectation: "only 'Expect: 100-continue' is supported"
        case .timeout: "the request did not arrive in time"
        }
    }
}
