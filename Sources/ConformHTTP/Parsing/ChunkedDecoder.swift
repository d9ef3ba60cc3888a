/// Decodes a chunked body (RFC 9112 §7.1) from a connection's inbound bytes, resuming wherever the bytes ran out.
/// Shared by the request parser (the server) and the response parser (the upstream client), so that both sides
/// accept and refuse exactly the same chunk syntax. Chunk extensions are checked and ignored; trailer fields are
/// checked and dropped (neither side passes them on).
///
/// Strict where parsers are known to disagree, since a disagreement between a front end and this server is what
/// request smuggling is made of: every line of the framing (chunk-size lines, the CRLF after chunk data, trailer
/// lines) must end in CRLF (RFC 9112 §7.1's grammar; the bare LF that §2.2 lets a recipient accept applies to the
/// head, not to chunked framing); a chunk size is hexadecimal digits followed by nothing, or by optional whitespace
/// and `;` extensions; a size too long to represent is malformed, not merely large; and the extensions of one body
/// are capped in total (`maxExtensionBytes`), as Node.js did for CVE-2024-22019, so that a body of one-byte chunks
/// with kilobytes of extensions each cannot make the server read without end.
struct ChunkedDecoder {
    /// What was wrong; each parser turns it into its own error.
    enum Failure: Error, Equatable {
        /// A chunk-size line that is not hexadecimal (or too long to be a size), a framing line not ended by CRLF, chunk
        /// data not followed by CRLF, a malformed trailer, or chunk extensions over `maxExtensionBytes` in all.
        case malformed
        /// The chunks together exceed `maxBodyBytes`.
        case bodyTooLarge
        /// The trailer section exceeds `maxTrailerBytes`.
        case trailersTooLarge
    }

    private enum State {
        case size
        case data(remaining: Int)
        case dataEnd
        /// Trailer fields after the last chunk; `bytes` counts them against the trailer limit.
        case trailers(bytes: Int)
    }

    /// A chunk-size line with extensions longer than this is refused: extensions are ignored, so there is no
    /// reason to buffer many of them.
    static let maxChunkLineBytes = 4096
    /// The chunk extensions of one body, in bytes, all lines together.
    static let maxExtensionBytes = 16 * 1024

    let maxBodyBytes: Int
    let maxTrailerBytes: Int
    private var state = State.size
    /// The bytes of chunk extensions read so far in this body.
    private var extensionBytes = 0

    init(maxBodyBytes: Int, maxTrailerBytes: Int) {
        self.maxBodyBytes = maxBodyBytes
        self.maxTrailerBytes = maxTrailerBytes
    }

    /// Moves the chunk data in `buffer` to the end of `body`, consuming what it decodes: true once the last chunk
    /// and the trailer section have been read, false when more bytes are needed.
    mutating func decode(_ buffer: inout InboundBuffer, into body: inout [UInt8]) throws(Failure) -> Bool {
        while true {
            switch state {
            case .size:
                guard let size = try readChunkSize(&buffer) else { return false }
                if extensionBytes > Self.maxExtensionBytes { throw .malformed }
                if size == 0 {
                    state = .trailers(bytes: 0)
                } else if size > maxBodyBytes - body.count {
                    throw .bodyTooLarge
                } else {
                    state = .data(remaining: size)
                }
            case .data(let remaining):
                let left = remaining - buffer.move(upTo: remaining, into: &body)
                guard left == 0 else {
                    state = .data(remaining: left)
                    return false
                }
                state = .dataEnd
            case .dataEnd:
                guard let length = try buffer.withBytes({ bytes throws(Failure) in try Self.lineEnd(at: bytes) }) else {
                    return false
                }
                buffer.consume(length)
                state = .size
            case .trailers(let bytes):
                guard let line = try readTrailerLine(&buffer, bytesSoFar: bytes) else { return false }
                if line == 0 {
                    state = .size
                    extensionBytes = 0
                    return true
                }
            }
        }
    }

    /// The length of the CRLF at the start of `bytes`, nil if more bytes are needed, or an error if something else
    /// (a bare LF included) is there.
    private static func lineEnd(at bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> Int? {
        guard let first = bytes.first else { return nil }
        guard first == ByteClass.cr else { throw .malformed }
        guard bytes.count >= 2 else { return nil }
        guard bytes[1] == ByteClass.lf else { throw .malformed }
        return 2
    }

    /// The size from a complete chunk-size line (extensions ignored, but counted), consuming the line.
    private mutating func readChunkSize(_ buffer: inout InboundBuffer) throws(Failure) -> Int? {
        let found: (size: Int, length: Int, extensions: Int)? = try buffer.withBytes { bytes throws(Failure) in
            guard let lf = bytes.prefix(Self.maxChunkLineBytes).firstIndex(of: ByteClass.lf) else {
                if bytes.count >= Self.maxChunkLineBytes { throw .malformed }
                return nil
            }
            guard lf > 0, bytes[lf - 1] == ByteClass.cr else { throw .malformed }
            let end = lf - 1
            var size = 0
            var significant = 0
            var index = 0
            while index < end, let digit = ByteClass.hexValue(bytes[index]) {
                // Leading zeros are no size; past 15 significant digits the number cannot be one (and would
                // overflow): malformed, whatever the body limit.
                if size != 0 || digit != 0 { significant += 1 }
                if significant > 15 { throw .malformed }
                size = size << 4 | digit
                index += 1
            }
            guard index > 0 else { throw .malformed }
            var rest = index
            while rest < end, ByteClass.isWhitespace(bytes[rest]) { rest += 1 }
            // After the digits: nothing, or optional whitespace, `;` and extensions (which may hold anything but
            // control bytes); whitespace alone is not allowed.
            if rest < end {
                guard bytes[rest] == ByteClass.semicolon else { throw .malformed }
                for position in rest..<end where !ByteClass.isFieldValue(bytes[position]) { throw .malformed }
            } else if rest > index {
                throw .malformed
            }
            return (size, lf + 1, end - index)
        }
        guard let found else { return nil }
        buffer.consume(found.length)
        extensionBytes += found.extensions
        return found.size
    }

    /// Reads one trailer line, checking its syntax and dropping it; returns its length without terminator (0 for
    /// the empty line that ends the body), or nil if the line is not complete.
    private mutating func readTrailerLine(_ buffer: inout InboundBuffer, bytesSoFar: Int) throws(Failure) -> Int? {
        let limit = maxTrailerBytes - bytesSoFar
        let found: (content: Int, length: Int)? = try buffer.withBytes { bytes throws(Failure) in
            guard let lf = bytes.prefix(limit + 1).firstIndex(of: ByteClass.lf) else {
                if bytes.count > limit { throw .trailersTooLarge }
                return nil
            }
            guard lf > 0, bytes[lf - 1] == ByteClass.cr else { throw .malformed }
            let end = lf - 1
            if end > 0 {
                do throws(HTTPRequestError) {
                    _ = try HeadParser.splitField(UnsafeBufferPointer(rebasing: bytes[..<end]))
                } catch {
                    throw .malformed
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
