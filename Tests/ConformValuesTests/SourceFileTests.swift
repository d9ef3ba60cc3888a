import Testing

@testable import ConformValues

/// Columns are Unicode scalars, counted on the UTF-8 bytes eight at a time where they are ASCII: every line
/// length and mix of one- to four-byte scalars must count as the scalars themselves do.
@Suite struct SourceFileTests {
    static let samples: [String] = [
        "", "a", "abcdefg", "abcdefgh", "abcdefghi", String(repeating: "x", count: 1_000),
        "é", "aé", "abcdefgé", "abcdefghé", String(repeating: "é", count: 33), String(repeating: "日本", count: 20),
        "🐕🐕🐕🐕🐕", "mixed: é, 日, 🐕 and ascii " + String(repeating: "ab", count: 50) + "ü",
    ]

    @Test(arguments: samples)
    func scalarsAreCountedAsTheyAre(_ text: String) {
        var text = text
        let counted = text.withUTF8 { UTF8Counting.scalars(in: $0) }
        #expect(counted == text.unicodeScalars.count)
    }

    @Test(arguments: samples)
    func eachScalarIsFoundAtItsOffset(_ text: String) {
        var copy = text
        let offsets = copy.withUTF8 { bytes in (0...text.unicodeScalars.count).map { UTF8Counting.offset(ofScalar: $0, in: bytes) } }
        var expected: [Int?] = []
        var offset = 0
        for scalar in text.unicodeScalars {
            expected.append(offset)
            offset += String(scalar).utf8.count
        }
        expected.append(nil)
        #expect(offsets == expected)
    }

    @Test func aByteColumnOnAMinifiedLineIsItsScalarColumn() {
        let line = String(repeating: "é", count: 10) + "\"key\": 1"
        let file = SourceFile(path: "t.json", bytes: Array(("{}\n" + line).utf8))
        #expect(file.scalarColumn(line: 2, byteColumn: 21) == 11)
        #expect(file.scalarColumn(line: 3, byteColumn: 1) == nil)
    }
}
