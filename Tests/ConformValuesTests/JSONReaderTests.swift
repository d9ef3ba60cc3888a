import Foundation
import Testing
@testable import ConformValues

@Suite struct JSONReaderTests {
    // MARK: - Case types

    /// JSON input and the value it must read as.
    struct ValueCase: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        let expected: JSONValue

        init(_ name: String, _ json: String, _ expected: JSONValue) {
            self.init(name, bytes: Array(json.utf8), expected)
        }

        init(_ name: String, bytes: [UInt8], _ expected: JSONValue) {
            self.name = name
            self.bytes = bytes
            self.expected = expected
        }

        var testDescription: String { name }
    }

    /// Input that must be rejected, with the error's kind and its whole rendered text.
    ///
    /// The text is assembled from the parts so the tables stay readable: `<payload>:line:column: error: message`,
    /// the source line (the input itself unless given), and a caret under the column. Inputs contain no tabs.
    struct ErrorCase: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        let kind: LoadError.Kind
        let expected: String

        init(
            _ name: String, _ json: String, _ kind: LoadError.Kind = .syntax,
            line: Int = 1, column: Int, _ message: String, sourceLine: String? = nil
        ) {
            self.init(
                name, bytes: Array(json.utf8), kind, line: line, column: column, message, sourceLine: sourceLine ?? json
            )
        }

        init(
            _ name: String, bytes: [UInt8], _ kind: LoadError.Kind = .syntax,
            line: Int = 1, column: Int, _ message: String, sourceLine: String
        ) {
            self.name = name
            self.bytes = bytes
            self.kind = kind
            // A long line is shown as its window around the column (SnippetTests covers the window itself).
            self.expected = "<payload>:\(line):\(column): error: \(message)\n" + Snippet.render(line: sourceLine, column: column)
        }

        var testDescription: String { name }
    }

    static func expectError(_ bytes: [UInt8], limits: LoadLimits = .default, kind: LoadError.Kind, _ expected: String) {
        do {
            let value = try JSONReader.parse(bytes, limits: limits)
            Issue.record("expected an error, read \(value)")
        } catch {
            #expect(error.kind == kind)
            #expect(error.description == expected)
            // `==` on strings is canonical equivalence; the text must match scalar for scalar.
            #expect(error.description.unicodeScalars.elementsEqual(expected.unicodeScalars))
        }
    }

    // MARK: - Numbers

    static let numbers: [ValueCase] = [
        ValueCase("zero", "0", .integer(0)),
        ValueCase("one", "1", .integer(1)),
        ValueCase("minus one", "-1", .integer(-1)),
        ValueCase("fraction", "1.5", .number(1.5)),
        ValueCase("exponent", "1e10", .number(1e10)),
        ValueCase("upper-case exponent with plus", "1E+2", .number(100)),
        ValueCase("negative exponent", "1e-2", .number(0.01)),
        ValueCase("exponent with leading zeros", "1e007", .number(1e7)),
        ValueCase("zero with exponent", "0e0", .number(0)),
        ValueCase("one point zero stays a number", "1.0", .number(1.0)),
        ValueCase("0.1 is the nearest double", "0.1", .number(0.1)),
        ValueCase("Int64.max", "9223372036854775807", .integer(.max)),
        ValueCase("Int64.min", "-9223372036854775808", .integer(.min)),
        ValueCase("Int64.max + 1", "9223372036854775808", .bigNumber("9223372036854775808")),
        ValueCase("Int64.min - 1", "-9223372036854775809", .bigNumber("-9223372036854775809")),
        ValueCase("2^64 (wraps UInt64)", "18446744073709551616", .bigNumber("18446744073709551616")),
        ValueCase(
            "30 digits keep their text", "123456789012345678901234567890",
            .bigNumber("123456789012345678901234567890")
        ),
        ValueCase("overflowing double", "1e400", .bigNumber("1e400")),
        ValueCase("negative overflowing double", "-1.5E+400", .bigNumber("-1.5E+400")),
        ValueCase("underflow reads as zero", "1e-400", .number(0)),
        ValueCase("smallest subnormal", "5e-324", .number(.leastNonzeroMagnitude)),
        ValueCase("largest double", "1.7976931348623157e308", .number(.greatestFiniteMagnitude)),
        ValueCase("many digits, correctly rounded", "3.141592653589793238462643383279", .number(3.141592653589793)),
        ValueCase("halfway case rounds to even", "9007199254740993.0", .number(9_007_199_254_740_992)),
        ValueCase("2^53 + 1 as an integer stays exact", "9007199254740993", .integer(9_007_199_254_740_993)),
        ValueCase("number in an array", "[-1.25e-3]", .array([.number(-0.00125)])),
    ]

    @Test(arguments: numbers)
    func readsNumber(_ testCase: ValueCase) throws {
        #expect(try JSONReader.parse(testCase.bytes) == testCase.expected)
    }

    @Test(arguments: ["-0", "-0.0", "-0e3"])
    func negativeZeroKeepsItsSign(_ text: String) throws {
        let value = try JSONReader.parse(Array(text.utf8))
        guard case .number(let number) = value else {
            Issue.record("expected a number, read \(value)")
            return
        }
        #expect(number == 0 && number.sign == .minus)
    }

    /// The fast path must agree with the standard library's correctly rounded conversion.
    @Test func fastPathMatchesCorrectRounding() throws {
        var generator = SplitMix(seed: 0x5EED)
        for _ in 0..<20_000 {
            var text = generator.next() % 4 == 0 ? "-" : ""
            text += String(generator.next() % 1_000_000)
            if generator.next() % 3 != 0 {
                let zeros = String(repeating: "0", count: Int(generator.next() % 4))
                text += "." + zeros + String(generator.next() % 100_000_000)
            }
            if generator.next() % 2 == 0 {
                text += "e" + (generator.next() % 2 == 0 ? "-" : "") + String(generator.next() % 40)
            }
            let value = try JSONReader.parse(Array(text.utf8))
            let expected = Double(text)!
            switch value {
            case .number(let number): #expect(number.bitPattern == expected.bitPattern, "\(text)")
            case .integer(let integer): #expect(Double(integer) == expected, "\(text)")
            default: Issue.record("\(text) read as \(value)")
            }
        }
    }

    static let invalidNumbers: [ErrorCase] = [
        ErrorCase("leading zero", "01", column: 1, "invalid number: leading zeros are not allowed"),
        ErrorCase("negative leading zero", "-01", column: 2, "invalid number: leading zeros are not allowed"),
        ErrorCase("lone minus", "-", column: 2, "invalid number: expected a digit after '-', found end of input"),
        ErrorCase("minus Infinity", "-Infinity", column: 2, "invalid number: expected a digit after '-', found 'I'"),
        ErrorCase("leading plus", "+1", column: 1, "invalid number: a leading '+' is not allowed"),
        ErrorCase("no integer part", ".5", column: 1, "invalid number: a digit is required before '.'"),
        ErrorCase("no fraction digits", "5.", column: 3,
                  "invalid number: expected a digit after '.', found end of input"),
        ErrorCase("exponent right after point", "1.e5", column: 3,
                  "invalid number: expected a digit after '.', found 'e'"),
        ErrorCase("no exponent digits", "1e", column: 3,
                  "invalid number: expected a digit in the exponent, found end of input"),
        ErrorCase("exponent sign only", "1e+", column: 4,
                  "invalid number: expected a digit in the exponent, found end of input"),
        ErrorCase("NaN", "NaN", column: 1, "expected a JSON value, found 'NaN'"),
        ErrorCase("Infinity", "Infinity", column: 1, "expected a JSON value, found 'Infinity'"),
        ErrorCase("hex", "0x10", column: 2, "invalid number: unexpected 'x'"),
        ErrorCase("two points", "[1.5.2]", column: 5, "invalid number: unexpected '.'"),
    ]

    @Test(arguments: invalidNumbers)
    func rejectsNumber(_ testCase: ErrorCase) {
        Self.expectError(testCase.bytes, kind: testCase.kind, testCase.expected)
    }

    // MARK: - Strings

    static let strings: [ValueCase] = [
        ValueCase("plain", #""abc""#, .string("abc")),
        ValueCase("empty", #""""#, .string("")),
        ValueCase(
            "long ASCII across 8-byte words",
            "\"" + String(repeating: "abcdefg ", count: 20) + "\"",
            .string(String(repeating: "abcdefg ", count: 20))
        ),
        ValueCase("short escapes", #""\"\\\/\b\f\n\r\t""#, .string("\"\\/\u{8}\u{C}\n\r\t")),
        ValueCase("\\u00e9", #""caf\u00e9""#, .string("café")),
        ValueCase("upper-case hex", #""\u00C9""#, .string("É")),
        ValueCase("\\u0000", #""a\u0000b""#, .string("a\u{0}b")),
        ValueCase("surrogate pair", #""\ud83d\ude00""#, .string("😀")),
        ValueCase("escape between raw non-ASCII", #""☕\n€ é""#, .string("☕\n€ é")),
        ValueCase("2-byte UTF-8", "\"é\"", .string("é")),
        ValueCase("3-byte UTF-8", "\"€\"", .string("€")),
        ValueCase("4-byte UTF-8", "\"😀\"", .string("😀")),
        ValueCase("U+D7FF, U+E000, U+FFFF", bytes: [0x22, 0xED, 0x9F, 0xBF, 0xEE, 0x80, 0x80, 0xEF, 0xBF, 0xBF, 0x22],
                  .string("\u{D7FF}\u{E000}\u{FFFF}")),
        ValueCase("U+10FFFF", bytes: [0x22, 0xF4, 0x8F, 0xBF, 0xBF, 0x22], .string("\u{10FFFF}")),
    ]

    @Test(arguments: strings)
    func readsString(_ testCase: ValueCase) throws {
        #expect(try JSONReader.parse(testCase.bytes) == testCase.expected)
    }

    static let invalidStrings: [ErrorCase] = [
        ErrorCase("lone high surrogate", #""\ud83d""#, column: 2, #"invalid \u escape: lone surrogate"#),
        ErrorCase("high surrogate then other escape", #""\ud83d\n""#, column: 2, #"invalid \u escape: lone surrogate"#),
        ErrorCase("high surrogate then non-surrogate", #""\ud83d\u0041""#, column: 2,
                  #"invalid \u escape: lone surrogate"#),
        ErrorCase("lone low surrogate", #""x\ude00""#, column: 3, #"invalid \u escape: lone surrogate"#),
        ErrorCase("reversed pair", #""\ude00\ud83d""#, column: 2, #"invalid \u escape: lone surrogate"#),
        ErrorCase("bad hex digit", #""\u12G4""#, column: 6, #"invalid \u escape: expected 4 hex digits, found 'G'"#),
        ErrorCase("unknown escape", #""a\qb""#, column: 3, #"invalid escape '\q' in string"#),
        ErrorCase("escaped control character", "\"\\\u{1}\"", column: 2,
                  #"invalid escape in string: '\' followed by U+0001"#),
        ErrorCase("raw newline", "\"a\nb\"", column: 3,
                  "control character U+000A must be escaped in a string", sourceLine: "\"a"),
        ErrorCase("raw NUL after an escape", "\"\\n\u{0}\"", column: 4,
                  "control character U+0000 must be escaped in a string"),
        ErrorCase("unterminated", #"["abc"#, column: 2, "unexpected end of input inside a string"),
        ErrorCase("ends in a backslash", #""abc\"#, column: 1, "unexpected end of input inside a string"),
        ErrorCase("ends inside \\u", #""\u12"#, column: 1, "unexpected end of input inside a string"),
    ]

    @Test(arguments: invalidStrings)
    func rejectsString(_ testCase: ErrorCase) {
        Self.expectError(testCase.bytes, kind: testCase.kind, testCase.expected)
    }

    static let invalidUTF8: [ErrorCase] = [
        ErrorCase("0xFF", bytes: [0x22, 0xFF, 0x22], .invalidUTF8, column: 2,
                  "invalid UTF-8 byte 0xFF", sourceLine: "\"\u{FFFD}\""),
        ErrorCase("stray continuation byte", bytes: [0x22, 0x61, 0x80, 0x22], .invalidUTF8, column: 3,
                  "invalid UTF-8 byte 0x80", sourceLine: "\"a\u{FFFD}\""),
        ErrorCase("overlong C0 80", bytes: [0x22, 0xC0, 0x80, 0x22], .invalidUTF8, column: 2,
                  "invalid UTF-8 sequence 0xC0 0x80 (overlong encoding)", sourceLine: "\"\u{FFFD}\u{FFFD}\""),
        ErrorCase("overlong E0 80 80", bytes: [0x22, 0xE0, 0x80, 0x80, 0x22], .invalidUTF8, column: 2,
                  "invalid UTF-8 sequence 0xE0 0x80 (overlong encoding)", sourceLine: "\"\u{FFFD}\u{FFFD}\u{FFFD}\""),
        ErrorCase("truncated E2 82", bytes: [0x22, 0xE2, 0x82, 0x22], .invalidUTF8, column: 2,
                  "invalid UTF-8 sequence 0xE2 0x82 (truncated)", sourceLine: "\"\u{FFFD}\""),
        ErrorCase("truncated at end of input", bytes: [0x22, 0xE2, 0x82], .invalidUTF8, column: 2,
                  "invalid UTF-8 sequence 0xE2 0x82 (truncated)", sourceLine: "\"\u{FFFD}"),
        ErrorCase("encoded surrogate ED A0 80", bytes: [0x22, 0xED, 0xA0, 0x80, 0x22], .invalidUTF8, column: 2,
                  "invalid UTF-8 sequence 0xED 0xA0 (encoded surrogate)", sourceLine: "\"\u{FFFD}\u{FFFD}\u{FFFD}\""),
        ErrorCase("above U+10FFFF", bytes: [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], .invalidUTF8, column: 2,
                  "invalid UTF-8 sequence 0xF4 0x90 (above U+10FFFF)",
                  sourceLine: "\"\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\""),
        ErrorCase("F5 lead byte", bytes: [0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], .invalidUTF8, column: 2,
                  "invalid UTF-8 byte 0xF5", sourceLine: "\"\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\""),
        ErrorCase("after an escape", bytes: [0x22, 0x5C, 0x6E, 0xFF, 0x22], .invalidUTF8, column: 4,
                  "invalid UTF-8 byte 0xFF", sourceLine: "\"\\n\u{FFFD}\""),
        ErrorCase("UTF-16 byte order mark", bytes: [0xFF, 0xFE, 0x7B, 0x00, 0x7D, 0x00], .invalidUTF8, column: 1,
                  "the document is UTF-16 (it starts with a UTF-16 byte order mark); JSON must be UTF-8",
                  sourceLine: "\u{FFFD}\u{FFFD}{\u{0}}\u{0}"),
    ]

    @Test(arguments: invalidUTF8)
    func rejectsInvalidUTF8(_ testCase: ErrorCase) {
        Self.expectError(testCase.bytes, kind: testCase.kind, testCase.expected)
    }

    // MARK: - Literals and structure

    static let structures: [ValueCase] = [
        ValueCase("true", "true", .bool(true)),
        ValueCase("false", "false", .bool(false)),
        ValueCase("null", "null", .null),
        ValueCase("literals in an array", "[true,false,null]", .array([.bool(true), .bool(false), .null])),
        ValueCase("empty object", "{}", .object(JSONObject())),
        ValueCase("empty array", "[]", .array([])),
        ValueCase("empty containers with whitespace", "[ { } , [ ] ]", .array([.object(JSONObject()), .array([])])),
        ValueCase(
            "nested",
            #"{"a": [1, {"b": null}], "c": {}}"#,
            .object(JSONObject([
                ("a", .array([.integer(1), .object(JSONObject([("b", .null)]))])),
                ("c", .object(JSONObject())),
            ]))
        ),
        ValueCase("member order kept", #"{"z":1,"a":2}"#,
                  .object(JSONObject([("z", .integer(1)), ("a", .integer(2))]))),
        ValueCase("same key in sibling objects", #"[{"a":1},{"a":2}]"#,
                  .array([.object(JSONObject([("a", .integer(1))])), .object(JSONObject([("a", .integer(2))]))])),
        ValueCase("all four whitespace bytes", " \t\r\n[ 1 ,\t2 ]\r\n", .array([.integer(1), .integer(2)])),
        ValueCase("byte order mark", bytes: [0xEF, 0xBB, 0xBF] + Array(#"{"a":1}"#.utf8),
                  .object(JSONObject([("a", .integer(1))]))),
        ValueCase("top-level string", #""top""#, .string("top")),
    ]

    @Test(arguments: structures)
    func readsStructure(_ testCase: ValueCase) throws {
        #expect(try JSONReader.parse(testCase.bytes) == testCase.expected)
    }

    static let invalidStructures: [ErrorCase] = [
        ErrorCase("empty input", "", .emptyDocument, column: 1, "empty document: no JSON value"),
        ErrorCase("whitespace only", "  \t ", .emptyDocument, column: 1, "empty document: no JSON value"),
        ErrorCase("byte order mark only", bytes: [0xEF, 0xBB, 0xBF, 0x20], .emptyDocument, column: 1,
                  "empty document: no JSON value", sourceLine: "\u{FEFF} "),
        ErrorCase("trailing value", "[1] x", column: 5, "unexpected content after the JSON value"),
        ErrorCase("two documents", "{} {}", column: 4, "unexpected content after the JSON value"),
        ErrorCase("misspelled true", "tru", column: 1, "expected 'true', found 'tru'"),
        ErrorCase("misspelled null", "[nul]", column: 2, "expected 'null', found 'nul'"),
        ErrorCase("literal run on", "nulll", column: 1, "expected 'null', found 'nulll'"),
        ErrorCase("truncated false", "fals", column: 1, "expected 'false', found 'fals'"),
        ErrorCase("capitalised literal", "True", column: 1, "expected a JSON value, found 'True'"),
        ErrorCase("closing bracket first", "]", column: 1, "expected a JSON value, found ']'"),
        ErrorCase("unclosed array", "[", column: 2, "expected a JSON value or ']', found end of input"),
        ErrorCase("unclosed array after item", "[1", column: 3,
                  "expected ',' or ']' after array item, found end of input"),
        ErrorCase("missing comma", "[1 2]", column: 4, "expected ',' or ']' after array item, found '2'"),
        ErrorCase("trailing comma in array", "[1,]", column: 4, "expected a JSON value after ',', found ']'"),
        ErrorCase("non-ASCII instead of a value", "[é]", column: 2, "expected a JSON value or ']', found 'é'"),
        ErrorCase("bad byte instead of a value", bytes: [0x5B, 0xFF, 0x5D], column: 2,
                  "expected a JSON value or ']', found byte 0xFF", sourceLine: "[\u{FFFD}]"),
        ErrorCase("unquoted key", "{a:1}", column: 2, "expected a string key or '}', found 'a'"),
        ErrorCase("trailing comma in object", #"{"a":1,}"#, column: 8, "expected a string key after ',', found '}'"),
        ErrorCase("missing colon", #"{"a" 1}"#, column: 6, "expected ':' after object key, found '1'"),
        ErrorCase("missing member value", #"{"a":}"#, column: 6, "expected a JSON value after ':', found '}'"),
        ErrorCase("missing member comma", #"{"a":1 "b":2}"#, column: 8,
                  #"expected ',' or '}' after object member, found '"'"#),
        ErrorCase("unclosed object", #"{"a":1"#, column: 7,
                  "expected ',' or '}' after object member, found end of input"),
        ErrorCase("scalar column after non-ASCII", #"{"é": x}"#, column: 7,
                  "expected a JSON value after ':', found 'x'"),
        ErrorCase("byte order mark is not a column", bytes: [0xEF, 0xBB, 0xBF] + Array("x".utf8), column: 1,
                  "expected a JSON value, found 'x'", sourceLine: "\u{FEFF}x"),
    ]

    @Test(arguments: invalidStructures)
    func rejectsStructure(_ testCase: ErrorCase) {
        Self.expectError(testCase.bytes, kind: testCase.kind, testCase.expected)
    }

    @Test func errorOnALaterLineNamesTheFile() {
        let text = "{\n  \"a\": 1,\n  \"b\": tru\n}\n"
        do {
            _ = try JSONReader.parse(Array(text.utf8), path: "body.json")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == """
                body.json:3:8: error: expected 'true', found 'tru'
                    "b": tru
                         ^
                """)
        }
    }

    // MARK: - Duplicate keys

    static let duplicateKeys: [ErrorCase] = [
        ErrorCase("small object", #"{"a": 1, "a": 2}"#, .duplicateKey, column: 10, #"duplicate key "a" in object"#),
        ErrorCase("written with an escape", #"{"a": 1, "\u0061": 2}"#, .duplicateKey, column: 10,
                  #"duplicate key "a" in object"#),
        ErrorCase("key shown escaped", #"{"a\"b": 1, "a\"b": 2}"#, .duplicateKey, column: 13,
                  #"duplicate key "a\"b" in object"#),
        ErrorCase("nested object", #"{"x": {"k": 1, "k": 2}}"#, .duplicateKey, column: 16,
                  #"duplicate key "k" in object"#),
    ]

    @Test(arguments: duplicateKeys)
    func rejectsDuplicateKey(_ testCase: ErrorCase) {
        Self.expectError(testCase.bytes, kind: testCase.kind, testCase.expected)
    }

    /// Objects around the switch from a linear scan to a set (more than 12 keys), duplicating first and last keys.
    @Test(arguments: [1, 2, 11, 12, 13, 14, 40])
    func rejectsDuplicateKeyInObjectOfSize(_ size: Int) {
        for duplicated in Set([0, size - 1]) {
            let members = (0..<size).map { #""k\#($0)": \#($0)"# } + [#""k\#(duplicated)": 0"#]
            let text = "{" + members.joined(separator: ", ") + "}"
            let column = text.utf8.count - members.last!.utf8.count
            Self.expectError(
                Array(text.utf8), kind: .duplicateKey,
                "<payload>:1:\(column): error: duplicate key \"k\(duplicated)\" in object\n" + Snippet.render(line: text, column: column))
        }
    }

    /// Member names compare by code points (RFC 8259 §8.3), as `JSONObject` looks them up: canonically
    /// equivalent spellings are two members, each found by its own spelling. The ASCII filter must not merge them
    /// either: "K" and U+212A KELVIN SIGN stay apart whichever comes first and whether written raw or escaped.
    static let canonicallyEquivalentKeys: [(name: String, json: String, first: String, second: String)] = [
        ("NFC then NFD", #"{"\u00e9": 1, "e\u0301": 2}"#, "\u{E9}", "e\u{301}"),
        ("ASCII then escaped Kelvin sign", #"{"K": 1, "\u212A": 2}"#, "K", "\u{212A}"),
        ("escaped Kelvin sign then ASCII", #"{"\u212A": 1, "K": 2}"#, "\u{212A}", "K"),
        ("ASCII then raw Kelvin sign", "{\"K\": 1, \"\u{212A}\": 2}", "K", "\u{212A}"),
        ("raw Kelvin sign then ASCII", "{\"\u{212A}\": 1, \"K\": 2}", "\u{212A}", "K"),
    ]

    @Test(arguments: canonicallyEquivalentKeys.map(\.name))
    func keepsCanonicallyEquivalentKeysApart(_ name: String) throws {
        let testCase = Self.canonicallyEquivalentKeys.first { $0.name == name }!
        let object = try #require(try JSONReader.parse(Array(testCase.json.utf8)).objectValue)
        #expect(object.count == 2)
        #expect(object[testCase.first] == .integer(1))
        #expect(object[testCase.second] == .integer(2))
    }

    @Test func keepsCanonicallyEquivalentKeysApartInLargeObject() throws {
        let members = (0..<20).map { #""k\#($0)": \#($0)"# } + [#""K": 100"#, #""\u212A": 200"#]
        let object = try #require(try JSONReader.parse(Array(("{" + members.joined(separator: ", ") + "}").utf8)).objectValue)
        #expect(object.count == 22)
        #expect(object["K"] == .integer(100))
        #expect(object["\u{212A}"] == .integer(200))
        // A true duplicate in a large object is still one.
        let duplicated = (0..<20).map { #""k\#($0)": \#($0)"# } + [#""\u212A": 0"#, #""\u212A": 1"#]
        #expect(throws: LoadError.self) { try JSONReader.parse(Array(("{" + duplicated.joined(separator: ", ") + "}").utf8)) }
    }

    /// Keys repeat across the objects of an array and come from the key cache; keys of more than 16 bytes, keys
    /// differing only past byte 16, and more distinct keys than cache slots must all still read back exactly.
    @Test func readsRepeatedKeysThroughTheCache() throws {
        let longKeys = [
            "a_key_longer_than_sixteen_1", "a_key_longer_than_sixteen_2", "exactly_16_bytes", "ü_non_ascii",
        ]
        let shortKeys = (0..<300).map { "key\($0)" }
        let object = "{" + (longKeys + shortKeys).enumerated().map { #""\#($1)": \#($0)"# }.joined(separator: ",") + "}"
        let text = "[" + Array(repeating: object, count: 3).joined(separator: ",\n") + "]"
        let items = try #require(try JSONReader.parse(Array(text.utf8)).arrayValue)
        #expect(items.count == 3)
        for item in items {
            let members = try #require(item.objectValue)
            #expect(members.keys == longKeys + shortKeys)
            #expect(members.values == (0..<members.count).map { .integer(Int64($0)) })
        }
    }

    @Test func readsKeysEndingAtTheLastBytes() throws {
        #expect(try JSONReader.parse(Array(#"{"a":{"bc":{"d":[]}}}"#.utf8)) == .object(JSONObject([
            ("a", .object(JSONObject([("bc", .object(JSONObject([("d", .array([]))])))]))),
        ])))
    }

    @Test func readsLargeObjectWithUniqueKeys() throws {
        let text = "{" + (0..<40).map { #""k\#($0)": \#($0)"# }.joined(separator: ",") + "}"
        let object = try #require(try JSONReader.parse(Array(text.utf8)).objectValue)
        #expect(object.count == 40)
        #expect(object.keys == (0..<40).map { "k\($0)" })
        #expect(object["k39"] == .integer(39))
    }

    // MARK: - Depth and size limits

    @Test func acceptsNestingAtTheLimit() throws {
        let arrays = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        var value = try JSONReader.parse(Array(arrays.utf8))
        var depth = 0
        while let items = value.arrayValue, let first = items.first {
            depth += 1
            value = first
        }
        #expect(depth == 511 && value == .array([]))

        let objects = String(repeating: #"{"a":"#, count: 512) + "1" + String(repeating: "}", count: 512)
        #expect(try JSONReader.parse(Array(objects.utf8)).objectValue != nil)
    }

    @Test(arguments: [513, 100_000])
    func rejectsNestingBeyondTheLimit(_ brackets: Int) {
        let text = String(repeating: "[", count: brackets) + String(repeating: "]", count: brackets)
        // The line is shown as 120 characters around the column, 40 of them before it.
        Self.expectError(Array(text.utf8), kind: .tooDeep, """
            <payload>:1:513: error: nesting deeper than 512 levels
              …\(String(text.dropFirst(512 - 40).prefix(120)))…
              \(String(repeating: " ", count: 41))^
            """)
    }

    @Test func rejectsUnclosedDeepNestingWithoutRecursion() {
        let text = String(repeating: #"{"a":["#, count: 100_000)
        Self.expectError(Array(text.utf8), kind: .tooDeep, """
            <payload>:1:1537: error: nesting deeper than 512 levels
              …\(String(text.dropFirst(1536 - 40).prefix(120)))…
              \(String(repeating: " ", count: 41))^
            """)
    }

    @Test func honoursCustomLimits() {
        Self.expectError(Array("[[[]]]".utf8), limits: LoadLimits(maxDepth: 2), kind: .tooDeep, """
            <payload>:1:3: error: nesting deeper than 2 levels
              [[[]]]
                ^
            """)
        Self.expectError(Array("[1,2]".utf8), limits: LoadLimits(maxDocumentBytes: 4), kind: .tooLarge, """
            <payload>:1:1: error: document is 5 bytes, more than the limit of 4
              [1,2]
              ^
            """)
    }

    // MARK: - Source map (read)

    static func fixture(_ name: String) throws -> SourceFile {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(name)
        return SourceFile(path: name, bytes: try SourceFile(contentsOf: url.path).bytes)
    }

    /// A pointer into Fixtures/locations.json and where it must be reported, in scalar columns.
    struct LocationCase: Sendable, CustomTestStringConvertible {
        let pointer: String
        let expected: String
        /// Ask for the value's own start rather than its key.
        var valueOnly = false

        var testDescription: String { "\(pointer)\(valueOnly ? " (value)" : "") at \(expected)" }
    }

    static let locations: [LocationCase] = [
        LocationCase(pointer: "", expected: "locations.json:1:1"),
        LocationCase(pointer: "/name", expected: "locations.json:2:3"),
        LocationCase(pointer: "/name", expected: "locations.json:2:11", valueOnly: true),
        LocationCase(pointer: "/a", expected: "locations.json:2:21"),
        LocationCase(pointer: "/a", expected: "locations.json:2:26", valueOnly: true),
        LocationCase(pointer: "/a/b", expected: "locations.json:3:5"),
        LocationCase(pointer: "/a/b/0", expected: "locations.json:3:11"),
        LocationCase(pointer: "/a/b/1", expected: "locations.json:3:15"),
        LocationCase(pointer: "/a/b/2", expected: "locations.json:3:24"),
        LocationCase(pointer: "/a/b/2/c", expected: "locations.json:3:25"),
        LocationCase(pointer: "/a/b/2/c", expected: "locations.json:3:30", valueOnly: true),
        LocationCase(pointer: "/a/émoji 😀", expected: "locations.json:4:5"),
        LocationCase(pointer: "/list", expected: "locations.json:6:3"),
        LocationCase(pointer: "/list/0", expected: "locations.json:7:5"),
        LocationCase(pointer: "/list/1", expected: "locations.json:8:5"),
        LocationCase(pointer: "/list/1/1", expected: "locations.json:8:9"),
        LocationCase(pointer: "/a/b/9", expected: "locations.json:3:5"),
        LocationCase(pointer: "/missing", expected: "locations.json:1:1"),
    ]

    @Test(arguments: locations)
    func locatesValue(_ testCase: LocationCase) throws {
        let document = try JSONReader.read(Self.fixture("locations.json"))
        let pointer = try JSONPointer(parsing: testCase.pointer)
        let location = testCase.valueOnly
            ? document.sourceMap.valueLocation(of: pointer, in: document.root)
            : document.location(of: pointer)
        #expect(location?.description == testCase.expected)
    }

    @Test func readAndParseAgree() throws {
        let file = try Self.fixture("locations.json")
        let document = try JSONReader.read(file)
        #expect(document.root == (try JSONReader.parse(file.bytes)))
        #expect(document.root.value(at: try JSONPointer(parsing: "/a/b/1")) == .string("naïve"))
        #expect(document.sourceMap.entries.count == 14)
    }

    @Test func locatesAcrossCRLFLineEnds() throws {
        let file = SourceFile(path: "crlf.json", bytes: Array("{\r\n  \"a\": [\r\n    true\r\n  ]\r\n}\r\n".utf8))
        let document = try JSONReader.read(file)
        #expect(document.location(of: try JSONPointer(parsing: "/a"))?.description == "crlf.json:2:3")
        #expect(document.location(of: try JSONPointer(parsing: "/a/0"))?.description == "crlf.json:3:5")
    }

    @Test func readErrorCarriesPathAndSourceLine() {
        let file = SourceFile(path: "spec.json", bytes: Array("{\n  \"a\": 1,\n  \"a\": 2\n}\n".utf8))
        do {
            _ = try JSONReader.read(file)
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .duplicateKey)
            #expect(error.description == """
                spec.json:3:3: error: duplicate key "a" in object
                    "a": 2
                    ^
                """)
        }
    }

    /// A small deterministic generator so the property test is reproducible.
    struct SplitMix {
        var state: UInt64

        init(seed: UInt64) { state = seed }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
