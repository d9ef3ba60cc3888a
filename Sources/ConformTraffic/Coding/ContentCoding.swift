/// A body as its `Content-Encoding` says it went over the wire, undone (RFC 9110 §8.4): `gzip` (`x-gzip`) and
/// `deflate` are inflated here; `br` and `zstd` need decoders this tool does not have, so such a body is not
/// checked, and says so.
///
/// A recording may hold the body already decoded under the same header: a HAR's `content.text` is the decoded
/// text (the format says so) while its headers are the wire's. So a coding is undone only where the bytes carry
/// its mark (gzip's magic number, zlib's header check, zstd's frame magic) or, for raw deflate and br, which have
/// none, where they are not text; bytes that are neither are taken as decoded already.
package enum ContentCoding {
    package enum Decoded: Equatable {
        /// The body to check: decoded, or as it was when there was nothing to undo.
        case bytes([UInt8])
        /// A coding this tool cannot undo; its name.
        case undecodable(String)
        /// The body claims a coding it does not follow; why, worded for a finding.
        case malformed(String)
    }

    /// `bytes` with the codings of a `Content-Encoding` value undone, the last applied first.
    package static func decode(_ bytes: [UInt8], contentEncoding: String, limit: Int) -> Decoded {
        var body = bytes
        let codings = contentEncoding.split(separator: ",").map { $0.trimmingASCIISpaces().lowercased() }.filter { !$0.isEmpty }
        for coding in codings.reversed() {
            switch coding {
            case "identity":
                continue
            case "gzip", "x-gzip":
                guard body.starts(with: [0x1F, 0x8B]) else { return .bytes(body) }
                do { body = try gunzip(body, limit: limit) } catch { return .malformed("the body is Content-Encoding \(coding) but does not inflate: \(error.reason)") }
            case "deflate":
                if isZlibHeader(body) {
                    do { body = try unzlib(body, limit: limit) } catch { return .malformed("the body is Content-Encoding deflate but does not inflate: \(error.reason)") }
                } else if isText(body) {
                    return .bytes(body)
                } else {
                    // Raw DEFLATE without the zlib wrapper, as some servers send it. Having no mark, bytes that do not
                    // inflate may be a body decoded already (a HAR's image under the wire's header): checked as they are.
                    guard let inflated = try? Inflate.inflate(body, from: 0, limit: limit).output else { return .bytes(body) }
                    body = inflated
                }
            case "zstd":
                guard body.starts(with: [0x28, 0xB5, 0x2F, 0xFD]) else { return .bytes(body) }
                return .undecodable(coding)
            default:
                // br and codings without a mark: text is taken as decoded already.
                return isText(body) ? .bytes(body) : .undecodable(coding)
            }
        }
        return .bytes(body)
    }

    /// The members of a gzip file (RFC 1952), each checked against its CRC-32 and length.
    static func gunzip(_ bytes: [UInt8], limit: Int) throws(Inflate.Failure) -> [UInt8] {
        var output: [UInt8] = []
        var position = 0
        repeat {
            guard bytes.count >= position + 18, bytes[position] == 0x1F, bytes[position + 1] == 0x8B, bytes[position + 2] == 8 else {
                throw Inflate.Failure(reason: "a gzip header that is cut short or names no DEFLATE data")
            }
            let flags = bytes[position + 3]
            var cursor = position + 10
            if flags & 0x04 != 0 {
                guard cursor + 2 <= bytes.count else { throw Inflate.Failure(reason: "a gzip header that is cut short") }
                cursor += 2 + (Int(bytes[cursor]) | Int(bytes[cursor + 1]) << 8)
            }
            for flag: UInt8 in [0x08, 0x10] where flags & flag != 0 {
                while cursor < bytes.count, bytes[cursor] != 0 { cursor += 1 }
                cursor += 1
            }
            if flags & 0x02 != 0 { cursor += 2 }
            guard cursor < bytes.count else { throw Inflate.Failure(reason: "a gzip header that is cut short") }
            let (member, end) = try Inflate.inflate(bytes, from: cursor, limit: limit - output.count)
            guard end + 8 <= bytes.count else { throw Inflate.Failure(reason: "the gzip trailer is missing") }
            guard littleEndian(bytes, at: end) == CRC32.checksum(member) else { throw Inflate.Failure(reason: "the CRC-32 does not match the data") }
            guard littleEndian(bytes, at: end + 4) == UInt32(truncatingIfNeeded: member.count) else { throw Inflate.Failure(reason: "the length does not match the data") }
            output += member
            position = end + 8
        } while position < bytes.count && bytes[position] == 0x1F
        return output
    }

    /// A zlib stream (RFC 1950), checked against its Adler-32.
    static func unzlib(_ bytes: [UInt8], limit: Int) throws(Inflate.Failure) -> [UInt8] {
        guard bytes[1] & 0x20 == 0 else { throw Inflate.Failure(reason: "it needs a preset dictionary") }
        let (output, end) = try Inflate.inflate(bytes, from: 2, limit: limit)
        guard end + 4 <= bytes.count else { throw Inflate.Failure(reason: "the Adler-32 checksum is missing") }
        let expected = UInt32(bytes[end]) << 24 | UInt32(bytes[end + 1]) << 16 | UInt32(bytes[end + 2]) << 8 | UInt32(bytes[end + 3])
        guard expected == adler32(output) else { throw Inflate.Failure(reason: "the Adler-32 checksum does not match the data") }
        return output
    }

    /// Whether the bytes start with a zlib header: DEFLATE, a window of at most 32 KiB, and the header's check.
    static func isZlibHeader(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] & 0x0F == 8 && bytes[0] >> 4 <= 7 && (UInt16(bytes[0]) << 8 | UInt16(bytes[1])) % 31 == 0
    }

    /// Whether the bytes are UTF-8 text with no control character but whitespace: what compressed data is not.
    static func isText(_ bytes: [UInt8]) -> Bool {
        guard String(validating: bytes, as: UTF8.self) != nil else { return false }
        return !bytes.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
    }

    private static func littleEndian(_ bytes: [UInt8], at index: Int) -> UInt32 {
        UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2]) << 16 | UInt32(bytes[index + 3]) << 24
    }

    private static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        return b << 16 | a
    }
}

/// CRC-32 as gzip computes it (the reflected polynomial 0xEDB88320).
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
