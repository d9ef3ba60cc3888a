import ConformTestSupport
import Foundation
import Testing

@testable import ConformTraffic

/// Bodies as they went over the wire, undone by their `Content-Encoding`: the fixtures under `Fixtures/coding` were
/// written by Python's zlib and gzip (every block type, all four gzip header fields, two members, raw DEFLATE and
/// zlib), and each must inflate to the bytes it was made from.
@Suite struct ContentCodingTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: TestPaths.fixture("ConformTrafficTests", "coding/\(name)"))))
    }

    @Test(arguments: [
        ("orders.json.gz", "gzip", "orders.json"),
        ("orders-fast.json.gz", "x-gzip", "orders.json"),
        ("orders-stored.json.gz", "gzip", "orders.json"),
        ("orders-two-members.json.gz", "gzip", "orders.json"),
        ("orders-all-flags.json.gz", "GZIP", "orders.json"),
        ("orders.json.zlib", "deflate", "orders.json"),
        ("orders.json.deflate", "deflate", "orders.json"),
        ("noise.bin.gz", "gzip", "noise.bin"),
        ("orders.json.gz", "identity, gzip", "orders.json"),
    ])
    func anEncodedBodyInflatesToItsBytes(_ encoded: String, _ coding: String, _ original: String) throws {
        let decoded = ContentCoding.decode(try Self.fixture(encoded), contentEncoding: coding, limit: 1 << 20)
        #expect(decoded == .bytes(try Self.fixture(original)))
    }

    /// A HAR keeps the decoded text under the wire's header; bytes without the coding's mark are the body already.
    @Test(arguments: ["gzip", "deflate", "br", "zstd", "compress"])
    func textUnderAContentEncodingIsTakenAsDecodedAlready(_ coding: String) throws {
        let text = Array(#"{"data":[],"has_more":false}"#.utf8)
        #expect(ContentCoding.decode(text, contentEncoding: coding, limit: 1 << 20) == .bytes(text))
    }

    @Test func whatCannotBeUndoneIsSaidNotGuessed() throws {
        let noise = try Self.fixture("noise.bin")
        // Raw DEFLATE has no mark: binary that does not inflate is a body decoded already (a HAR's image).
        #expect(ContentCoding.decode(noise, contentEncoding: "deflate", limit: 1 << 20) == .bytes(noise))
        #expect(ContentCoding.decode(noise, contentEncoding: "br", limit: 1 << 20) == .undecodable("br"))
        #expect(ContentCoding.decode([0x28, 0xB5, 0x2F, 0xFD, 0, 0], contentEncoding: "zstd", limit: 1 << 20) == .undecodable("zstd"))
        #expect(ContentCoding.decode(try Self.fixture("bad-crc.json.gz"), contentEncoding: "gzip", limit: 1 << 20)
            == .malformed("the body is Content-Encoding gzip but does not inflate: the CRC-32 does not match the data"))
        #expect(ContentCoding.decode(try Self.fixture("truncated.json.gz"), contentEncoding: "gzip", limit: 1 << 20)
            == .malformed("the body is Content-Encoding gzip but does not inflate: the data ends before its last block does"))
    }

    /// 8 MiB of zeros in 8 KiB of gzip stop at the limit rather than filling memory.
    @Test func aBombStopsAtTheLimit() throws {
        #expect(ContentCoding.decode(try Self.fixture("zeros.gz"), contentEncoding: "gzip", limit: 1 << 20)
            == .malformed("the body is Content-Encoding gzip but does not inflate: it inflates to more than 1048576 bytes"))
        guard case .bytes(let zeros) = ContentCoding.decode(try Self.fixture("zeros.gz"), contentEncoding: "gzip", limit: 8 << 20) else {
            Issue.record("8 MiB is within a limit of 8 MiB")
            return
        }
        #expect(zeros.count == 8 << 20 && zeros.allSatisfy { $0 == 0 })
    }

    @Test func crc32IsGzips() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }
}
