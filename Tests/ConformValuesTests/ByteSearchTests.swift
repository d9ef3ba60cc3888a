@testable import ConformValues
import Testing

/// Byte searches over strings read in place: what the redactor and checks use on every exchange's URL and headers.
@Suite struct ByteSearchTests {
    @Test(arguments: [
        ("https://api.example.com/v1?token=abc#frag", UInt8(ascii: "?"), 26),
        ("https://api.example.com/v1?token=abc#frag", UInt8(ascii: "#"), 36),
        ("/v1/pets", UInt8(ascii: "?"), nil),
        ("", UInt8(ascii: "?"), nil),
        ("Bearer sk_live_0123456789abcdefghij", UInt8(ascii: " "), 6),
        ("café ?x", UInt8(ascii: "?"), 6),
    ] as [(String, UInt8, Int?)])
    func firstIndexOfAnASCIIByte(_ text: String, _ byte: UInt8, _ offset: Int?) {
        #expect(text.firstIndex(ofASCII: byte).map { text.utf8.distance(from: text.startIndex, to: $0) } == offset)
        // In a part of a string, the index is the whole string's.
        let part = text.dropFirst(1)
        let inPart = part.firstIndex(ofASCII: byte)
        #expect(inPart.map { text.utf8.distance(from: text.startIndex, to: $0) } == offset.flatMap { $0 >= 1 ? $0 : nil })
    }

    @Test func containsBytes() {
        #expect("Bearer sk_live_abcdef".containsBytes(of: "sk_live"))
        #expect(!"Bearer sk_live_abcdef".containsBytes(of: "sk_test"))
        #expect("e\u{301}".containsBytes(of: "e"), "bytes, not characters: the combining accent follows an e")
    }

    /// A string's UTF-8 lent in place: small strings (held inline), large ones, the empty string, and a part of a
    /// string starting after a multi-byte character.
    @Test(arguments: ["", "json", "application/problem+json; charset=utf-8", "café ?x", String(repeating: "é", count: 40)])
    func utf8BytesLentInPlace(_ text: String) {
        #expect(text.withUTF8Bytes { Array($0) } == Array(text.utf8))
        let part = text.dropFirst(1)
        #expect(part.withUTF8Bytes { Array($0) } == Array(part.utf8))
    }

    /// Eight bytes at a time to the first quote or backslash; where fewer than eight are left, the place the caller
    /// goes on from byte by byte.
    @Test(arguments: [
        (#"0123456789"rest of it"#, 0, 10), (#"0123456789"rest"#, 0, 8), (#"01234567\escaped"#, 0, 8), (#""at once and then some"#, 0, 0),
        (#"0123456789abcdef""#, 3, 11), ("short\"", 0, 0), ("no quote in sixteen", 0, 16),
    ])
    func skipsToAQuoteOrBackslash(_ text: String, _ start: Int, _ expected: Int) {
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBufferPointer { ByteWord.skipToQuoteOrBackslash($0.baseAddress!, from: start, to: $0.count) } == expected)
    }
}
