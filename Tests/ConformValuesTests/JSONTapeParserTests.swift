import Testing
@_spi(Tape) @testable import ConformValues

/// `JSONTape.parse` reads bytes straight into a tape; it must give exactly the tape `JSONTape(JSONReader.parse(…))`
/// lays out, accept exactly what `JSONReader` accepts, and fail with `JSONReader`'s error.
@Suite struct JSONTapeParserTests {
    static func expectSameTape(_ bytes: [UInt8], limits: LoadLimits = .default, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let direct = JSONTapeParser.parse(bytes, limits: limits)
        guard let value = try? JSONReader.parse(bytes, limits: limits) else {
            #expect(direct == nil, "JSONReader refuses this text; the tape parser must too", sourceLocation: sourceLocation)
            return
        }
        guard let direct else {
            Issue.record("JSONReader reads this text; the tape parser refused it", sourceLocation: sourceLocation)
            return
        }
        #expect(direct.hasSameLayout(as: JSONTape(value)), sourceLocation: sourceLocation)
    }

    static let valueCases = JSONReaderTests.numbers + JSONReaderTests.strings + JSONReaderTests.structures

    @Test(arguments: valueCases)
    func laysOutWhatTheReaderReads(_ testCase: JSONReaderTests.ValueCase) throws {
        let tape = try #require(JSONTapeParser.parse(testCase.bytes, limits: .default))
        #expect(tape.value(at: 0) == testCase.expected)
        Self.expectSameTape(testCase.bytes)
    }

    static let errorCases = JSONReaderTests.invalidNumbers + JSONReaderTests.invalidStrings + JSONReaderTests.invalidUTF8
        + JSONReaderTests.invalidStructures + JSONReaderTests.duplicateKeys

    @Test(arguments: errorCases)
    func refusesWhatTheReaderRefusesWithItsError(_ testCase: JSONReaderTests.ErrorCase) {
        #expect(JSONTapeParser.parse(testCase.bytes, limits: .default) == nil)
        do {
            let tape = try JSONTape.parse(testCase.bytes)
            Issue.record("expected an error, read \(tape.value(at: 0))")
        } catch {
            #expect(error.kind == testCase.kind)
            #expect(error.description.unicodeScalars.elementsEqual(testCase.expected.unicodeScalars))
        }
    }

    /// Objects around the switch from a scan of earlier keys to a table (more than 32 keys), and past the table's
    /// growth and the size at which it is dropped rather than emptied (512 keys).
    @Test(arguments: [1, 2, 11, 12, 13, 14, 31, 32, 33, 34, 40, 600, 2000])
    func refusesDuplicateKeyInObjectOfSize(_ size: Int) {
        for duplicated in Set([0, size - 1]) {
            let members = (0..<size).map { #""k\#($0)": \#($0)"# } + [#""k\#(duplicated)": 0"#]
            #expect(JSONTapeParser.parse(Array(("{" + members.joined(separator: ", ") + "}").utf8), limits: .default) == nil)
        }
        // Unique keys of every size read, nested objects of the same size at several depths too.
        let unique = "{" + (0..<size).map { #""k\#($0)": {"k\#($0)": [\#($0)]}"# }.joined(separator: ",") + "}"
        Self.expectSameTape(Array(("[" + unique + "," + unique + "]").utf8))
    }

    /// Keys the filter cannot tell apart (same length, same first, middle and last bytes) are compared in full.
    @Test func keysWithTheSameFilterBitAreComparedInFull() {
        let keys = (0..<30).map { "a\(Character(UnicodeScalar(65 + $0 / 6)!))m\($0 % 6)z" }
        let unique = "{" + keys.map { #""\#($0)": 1"# }.joined(separator: ",") + "}"
        Self.expectSameTape(Array(unique.utf8))
        let duplicated = "{" + (keys + [keys[17]]).map { #""\#($0)": 1"# }.joined(separator: ",") + "}"
        #expect(JSONTapeParser.parse(Array(duplicated.utf8), limits: .default) == nil)
    }

    /// A key table serves one object at a time: the same keys in the next object at that depth are no duplicates,
    /// a duplicate in it still is, whether the object before was small, large or very large.
    @Test(arguments: [13, 33, 40, 600])
    func keyTablesStartEmptyForEachObject(_ size: Int) {
        let object = "{" + (0..<size).map { #""k\#($0)": \#($0)"# }.joined(separator: ",") + "}"
        Self.expectSameTape(Array(("[" + object + "," + object + ",{\"k0\": {" + object.dropFirst() + "}]").utf8))
        let duplicated = "{" + (0..<size).map { #""k\#($0)": \#($0)"# }.joined(separator: ",") + #","k3": 0}"#
        #expect(JSONTapeParser.parse(Array(("[" + object + "," + duplicated + "]").utf8), limits: .default) == nil)
        // An escaped spelling of a key is that key, in a large object too.
        let escaped = "{" + (0..<size).map { #""k\#($0)": \#($0)"# }.joined(separator: ",") + #","\u006b2": 0}"#
        #expect(JSONTapeParser.parse(Array(escaped.utf8), limits: .default) == nil)
    }

    /// Strings are read where they stand in the document until the first escape; from there the tape's text is a
    /// copy of the document with each escaped string decoded in place. Strings before, at and after that switch, and
    /// keys compared across it, read as the reader reads them.
    @Test(arguments: [
        #"["plain", "a\nb", "after", "\u00e9t\u00e9", "last"]"#,
        #"{"k": "\"quoted\"", "k2": {"inner": "x\ty", "n": 12345678901234567890123}, "tail": "z"}"#,
        #"["\\", "\/", "", "\u0000", "end"]"#,
        #"{"s": "a\"b", "k": 1, "m": [1, "\ud83d\ude00", {"k": 2}]}"#,
    ])
    func readsStringsInPlaceAndDecodesEscapedOnesInACopy(_ json: String) throws {
        Self.expectSameTape(Array(json.utf8))
        let tape = try #require(JSONTapeParser.parse(Array(json.utf8), limits: .default))
        #expect(tape.value(at: 0) == (try JSONReader.parse(Array(json.utf8))))
    }

    /// A duplicate key after the document was copied (an escape before it) is still found, in a small object and a
    /// large one.
    @Test(arguments: [#"{"s": "a\"b", "k": 1, "k": 2}"#, #"{"\u006b": 1, "k": 2}"#])
    func refusesDuplicateKeysAfterTheCopy(_ json: String) {
        #expect(JSONTapeParser.parse(Array(json.utf8), limits: .default) == nil)
        let large = "{\"e\": \"\\n\", " + (0..<20).map { #""k\#($0)": \#($0)"# }.joined(separator: ", ") + #", "k7": 0}"#
        #expect(JSONTapeParser.parse(Array(large.utf8), limits: .default) == nil)
    }

    /// Duplicates compare decoded bytes: an escaped spelling of a key is the same key; a canonically equivalent one
    /// is not.
    @Test func comparesKeysByDecodedBytes() {
        #expect(JSONTapeParser.parse(Array(#"{"A": 1, "\u0041": 2}"#.utf8), limits: .default) == nil)
        for testCase in JSONReaderTests.canonicallyEquivalentKeys {
            Self.expectSameTape(Array(testCase.json.utf8))
        }
        let large = (0..<20).map { #""k\#($0)": \#($0)"# } + [#""K": 100"#, #""\u212A": 200"#]
        Self.expectSameTape(Array(("{" + large.joined(separator: ", ") + "}").utf8))
    }

    @Test func honoursTheLimits() {
        let atLimit = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        Self.expectSameTape(Array(atLimit.utf8))
        let beyond = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        #expect(JSONTapeParser.parse(Array(beyond.utf8), limits: .default) == nil)
        #expect(JSONTapeParser.parse(Array("[[[]]]".utf8), limits: LoadLimits(maxDepth: 2)) == nil)
        #expect(JSONTapeParser.parse(Array("[1,2]".utf8), limits: LoadLimits(maxDocumentBytes: 4)) == nil)
        var strings = LoadLimits.default
        strings.maxStringBytes = 3
        #expect(JSONTapeParser.parse(Array(#"["abcd"]"#.utf8), limits: strings) == nil)
        #expect(JSONTapeParser.parse(Array(#"{"abcd": 1}"#.utf8), limits: strings) == nil)
        Self.expectSameTape(Array(#"{"abc": "abc"}"#.utf8), limits: strings)
    }

    /// Generated documents: every kind of value, escapes, non-ASCII text, whitespace, nesting and wide objects.
    @Test(arguments: 0..<200)
    func laysOutGeneratedDocumentsAsTheReaderDoes(_ seed: Int) {
        var generator = DocumentGenerator(seed: UInt64(seed))
        Self.expectSameTape(Array(generator.value(depth: 0).utf8))
    }
}

/// Random JSON text from a seed (SplitMix64), written with the variety real bodies have.
struct DocumentGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((mixed ^ (mixed >> 31)) % UInt64(bound))
    }

    mutating func space() -> String {
        ["", "", " ", "\n  ", "\t", "\r\n"][next(6)]
    }

    mutating func string() -> String {
        let pieces = ["a", "id", "zürich", "🇨🇭", #"\""#, #"\\"#, #"\n"#, #"\u00e9"#, #"\ud83d\ude00"#, #"\/"#, "x_y-z", "0", " "]
        return "\"" + (0..<next(5)).map { _ in pieces[next(pieces.count)] }.joined() + "\""
    }

    mutating func value(depth: Int) -> String {
        switch next(depth > 4 ? 6 : 9) {
        case 0: return "null"
        case 1: return ["true", "false"][next(2)]
        case 2: return ["0", "-1", "42", "9223372036854775807", "-9223372036854775808", "18446744073709551616"][next(6)]
        case 3: return ["1.5", "-0", "-0.0", "2.5e-10", "1E+2", "1e400", "0.1", "123456789012345678901234.5"][next(8)]
        case 4, 5: return string()
        case 6, 7:
            // Keys from a small set, so that duplicates would arise if not skipped: each key used once.
            var keys = (0..<next(16)).map { "\"k\($0 * 7 % 23)\"" }
            keys = Array(Set(keys)).sorted()
            let members = keys.map { key in space() + key + space() + ":" + space() + value(depth: depth + 1) }
            return "{" + members.joined(separator: ",") + space() + "}"
        default:
            let items = (0..<next(6)).map { _ in space() + value(depth: depth + 1) }
            return "[" + items.joined(separator: ",") + space() + "]"
        }
    }
}
