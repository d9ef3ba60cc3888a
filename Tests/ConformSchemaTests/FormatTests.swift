import ConformTestSupport
import ConformValues
import Foundation
import Testing

@testable import ConformSchema

@Suite struct FormatTests {
    // MARK: JSON Schema test suite

    /// Runs every `optional/format` case whose schema is just `format` (plus `$schema`) through the registry.
    /// Cases the registry gets wrong must be listed, with a reason, in `Fixtures/formats/known-failures.txt`;
    /// a listed case that starts passing fails the test too, so the list stays true.
    @Test(.enabled(if: TestPaths.corpus != nil, Comment(rawValue: TestPaths.corpusMissingReason)))
    func jsonSchemaTestSuite() throws {
        let corpus = try #require(TestPaths.corpus)
        let knownFailures = try Self.knownFailures()
        let registry = FormatRegistry()
        var unlistedFailures: [String] = []
        var listedPasses: [String] = []
        for draft in ["draft2020-12", "draft4"] {
            let directory = "\(corpus)/json-schema-test-suite/tests/\(draft)/optional/format"
            let files = try FileManager.default.contentsOfDirectory(atPath: directory)
                .filter { $0.hasSuffix(".json") }.sorted()
            var passed = 0
            var failed = 0
            for file in files {
                let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(file)")))
                let groups = try #require(try JSONReader.parse(bytes, path: file).arrayValue)
                for group in groups {
                    guard let schema = group["schema"]?.objectValue, let format = schema["format"]?.stringValue,
                        schema.keys.allSatisfy({ $0 == "format" || $0 == "$schema" })
                    else { continue }
                    let groupDescription = group["description"]?.stringValue ?? ""
                    for test in group["tests"]?.arrayValue ?? [] {
                        let data = try #require(test["data"])
                        let expected = try #require(test["valid"]?.boolValue as Bool?)
                        let verdict = registry.check(format, data)
                        let key = "\(draft)/\(file) | \(groupDescription) | \(test["description"]?.stringValue ?? "")"
                        if Self.accepts(verdict) == expected {
                            passed += 1
                            if knownFailures.contains(key) { listedPasses.append(key) }
                        } else {
                            failed += 1
                            if !knownFailures.contains(key) { unlistedFailures.append("\(key) | got \(verdict)") }
                        }
                    }
                }
            }
            let total = passed + failed
            print("format suite \(draft): \(passed)/\(total) passed, \(failed) failed")
            #expect(total > 0, "no format cases found for \(draft)")
            #expect(Double(passed) >= 0.95 * Double(total), "\(draft): only \(passed) of \(total) format cases pass")
        }
        let unlisted = unlistedFailures.joined(separator: "\n")
        #expect(unlistedFailures.isEmpty, "failing cases missing from known-failures.txt:\n\(unlisted)")
        let passing = listedPasses.joined(separator: "\n")
        #expect(listedPasses.isEmpty, "listed in known-failures.txt but passing now:\n\(passing)")
    }

    /// A format assertion passes unless the registry says `.invalid`.
    private static func accepts(_ verdict: FormatVerdict) -> Bool {
        if case .invalid = verdict { return false }
        return true
    }

    /// `draft/file.json | group | test` for each line of the skip list; `#` starts a comment.
    private static func knownFailures() throws -> Set<String> {
        let path = TestPaths.fixture("ConformSchemaTests", "formats/known-failures.txt")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var keys: Set<String> = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.allSatisfy(\.isWhitespace) {
            let fields = line.components(separatedBy: " | ")
            #expect(fields.count == 4, "known-failures.txt line needs 4 fields: \(line)")
            keys.insert(fields.prefix(3).joined(separator: " | "))
        }
        return keys
    }

    // MARK: Named cases

    struct Case: CustomTestStringConvertible, Sendable {
        enum Expectation: Sendable {
            case valid
            case invalid
            case invalidBecause(String)
            case notApplicable
            case unknownFormat
        }

        let name: String
        let format: String
        let value: JSONValue
        let expected: Expectation
        var custom: [String: String] = [:]

        var testDescription: String { name }
    }

    static let ldg = ["ldg_string": "^ldg_[A-Za-z0-9]+$"]

    static let cases: [Case] = [
        Case(name: "e164 US number", format: "e164", value: .string("+14155552671"), expected: .valid),
        Case(name: "e164 one digit", format: "e164", value: .string("+1"),
             expected: .invalidBecause("expected '+' followed by 2 to 15 digits")),
        Case(name: "e164 without plus", format: "e164", value: .string("14155552671"),
             expected: .invalidBecause("expected '+' followed by 2 to 15 digits")),
        Case(name: "e164 leading zero", format: "e164", value: .string("+0123"),
             expected: .invalidBecause("the country code after '+' must not start with 0")),
        Case(name: "e164 15 digits", format: "e164", value: .string("+123456789012345"), expected: .valid),
        Case(name: "e164 16 digits", format: "e164", value: .string("+1234567890123456"), expected: .invalid),
        Case(name: "e164 two digits", format: "e164", value: .string("+12"), expected: .valid),
        Case(name: "e164 on a number", format: "e164", value: .integer(14155552671), expected: .notApplicable),

        Case(name: "int32 max", format: "int32", value: .integer(2_147_483_647), expected: .valid),
        Case(name: "int32 min", format: "int32", value: .integer(-2_147_483_648), expected: .valid),
        Case(name: "int32 max + 1", format: "int32", value: .integer(2_147_483_648),
             expected: .invalidBecause("2147483648 is outside the int32 range")),
        Case(name: "int32 min - 1", format: "int32", value: .integer(-2_147_483_649), expected: .invalid),
        Case(name: "int32 fraction", format: "int32", value: .number(1.5),
             expected: .invalidBecause("1.5 is not an integer")),
        Case(name: "int32 whole double", format: "int32", value: .number(3.0), expected: .valid),
        Case(name: "int32 on a string", format: "int32", value: .string("12"), expected: .notApplicable),
        Case(name: "int64 max", format: "int64", value: .integer(.max), expected: .valid),
        Case(name: "int64 min", format: "int64", value: .integer(.min), expected: .valid),
        Case(name: "int64 max + 1", format: "int64", value: .bigNumber("9223372036854775808"),
             expected: .invalidBecause("9223372036854775808 is outside the int64 range")),
        Case(name: "int64 2^63 as double", format: "int64", value: .number(9_223_372_036_854_775_808.0),
             expected: .invalid),
        Case(name: "int64 -2^63 as double", format: "int64", value: .number(-9_223_372_036_854_775_808.0),
             expected: .valid),
        Case(name: "int64 fraction", format: "int64", value: .number(0.25), expected: .invalid),
        // The OpenAPI Format Registry's other integers.
        Case(name: "int8 min", format: "int8", value: .integer(-128), expected: .valid),
        Case(name: "int8 max + 1", format: "int8", value: .integer(128), expected: .invalidBecause("128 is outside the int8 range")),
        Case(name: "int16 max", format: "int16", value: .integer(32_767), expected: .valid),
        Case(name: "int16 min - 1", format: "int16", value: .integer(-32_769), expected: .invalid),
        Case(name: "uint8 max", format: "uint8", value: .integer(255), expected: .valid),
        Case(name: "uint8 negative", format: "uint8", value: .integer(-1), expected: .invalidBecause("-1 is outside the uint8 range")),
        Case(name: "uint16 max + 1", format: "uint16", value: .integer(65_536), expected: .invalid),
        Case(name: "uint32 max", format: "uint32", value: .integer(4_294_967_295), expected: .valid),
        Case(name: "uint32 max + 1", format: "uint32", value: .integer(4_294_967_296), expected: .invalid),
        Case(name: "uint64 max, past Int64", format: "uint64", value: .bigNumber("18446744073709551615"), expected: .valid),
        Case(name: "uint64 max + 1", format: "uint64", value: .bigNumber("18446744073709551616"),
             expected: .invalidBecause("18446744073709551616 is outside the uint64 range")),
        Case(name: "uint64 2^63 as double", format: "uint64", value: .number(9_223_372_036_854_775_808.0), expected: .valid),
        Case(name: "uint64 negative", format: "uint64", value: .integer(-5), expected: .invalid),
        // Protobuf's JSON mapping writes 64-bit integers as decimal strings (Google's `type: string, format: uint64`).
        Case(name: "uint64 as a string", format: "uint64", value: .string("18446744073709551615"), expected: .valid),
        Case(name: "uint64 as a string, negative", format: "uint64", value: .string("-1"),
             expected: .invalidBecause("-1 is outside the uint64 range")),
        Case(name: "int64 as a string", format: "int64", value: .string("-9223372036854775808"), expected: .valid),
        Case(name: "int64 as a string, past its range", format: "int64", value: .string("9223372036854775808"), expected: .invalid),
        Case(name: "int64 as a string of no digits", format: "int64", value: .string("12abc"),
             expected: .invalidBecause("not a decimal integer (int64 written as a string)")),
        Case(name: "uint32 on a string is not judged", format: "uint32", value: .string("abc"), expected: .notApplicable),
        Case(name: "double-int 2^53 - 1", format: "double-int", value: .integer(9_007_199_254_740_991), expected: .valid),
        Case(name: "double-int 2^53", format: "double-int", value: .integer(9_007_199_254_740_992), expected: .invalid),
        Case(name: "float imprecise", format: "float", value: .number(3.141592653589793), expected: .valid),
        Case(name: "double huge", format: "double", value: .bigNumber("1e400"), expected: .valid),
        Case(name: "double on a string", format: "double", value: .string("1.5"), expected: .notApplicable),

        Case(name: "byte padded", format: "byte", value: .string("aGVsbG8="), expected: .valid),
        Case(name: "byte empty", format: "byte", value: .string(""), expected: .valid),
        Case(name: "byte unpadded", format: "byte", value: .string("aGVsbG8"),
             expected: .invalidBecause("not valid base64: length 7 is not a multiple of 4 (padding is required)")),
        Case(name: "byte padding inside", format: "byte", value: .string("aG==bG8="), expected: .invalid),
        Case(name: "byte three pads", format: "byte", value: .string("a==="), expected: .invalid),
        Case(name: "byte base64url", format: "byte", value: .string("ab-_"),
             expected: .invalidBecause("not valid base64: unexpected '-' at offset 2")),
        Case(name: "binary anything", format: "binary", value: .string("\u{0}\u{FF}"), expected: .valid),
        Case(name: "password anything", format: "password", value: .string(" "), expected: .valid),

        // pydantic's formats, as FastAPI descriptions carry them; verdicts as Python's ipaddress, uuid and
        // email-validator give them.
        Case(name: "ipvanyaddress IPv4", format: "ipvanyaddress", value: .string("192.0.2.1"), expected: .valid),
        Case(name: "ipvanyaddress IPv6", format: "ipvanyaddress", value: .string("2001:db8::1"), expected: .valid),
        Case(name: "ipvanyaddress neither", format: "ipvanyaddress", value: .string("lf1"),
             expected: .invalidBecause("not a valid IPv4 or IPv6 address")),
        Case(name: "ipv4network", format: "ipv4network", value: .string("192.0.2.0/24"), expected: .valid),
        Case(name: "ipv4network with host bits", format: "ipv4network", value: .string("192.0.2.1/24"),
             expected: .invalidBecause("not a valid IPv4 network: host bits are set after the first 24")),
        Case(name: "ipv4network without a prefix is one address", format: "ipv4network", value: .string("192.0.2.1"), expected: .valid),
        Case(name: "ipv4network with a netmask", format: "ipv4network", value: .string("10.0.0.0/255.0.0.0"), expected: .valid),
        Case(name: "ipv4network with a prefix of leading zeros", format: "ipv4network", value: .string("10.0.0.0/08"), expected: .valid),
        Case(name: "ipv4network past 32", format: "ipv4network", value: .string("10.0.0.0/33"),
             expected: .invalidBecause("not a valid IPv4 network: the prefix length 33 is more than 32")),
        Case(name: "ipv4network with a netmask of gaps", format: "ipv4network", value: .string("10.0.0.0/255.0.255.0"),
             expected: .invalidBecause("not a valid IPv4 network: '255.0.255.0' after '/' is no prefix length or netmask")),
        Case(name: "ipv4network given IPv6", format: "ipv4network", value: .string("2001:db8::/32"), expected: .invalid),
        Case(name: "ipv6network", format: "ipv6network", value: .string("2001:db8::/32"), expected: .valid),
        Case(name: "ipv6network all", format: "ipv6network", value: .string("::/0"), expected: .valid),
        Case(name: "ipv6network with host bits", format: "ipv6network", value: .string("2001:db8::1/64"),
             expected: .invalidBecause("not a valid IPv6 network: host bits are set after the first 64")),
        Case(name: "ipv6network with a host group past the gap", format: "ipv6network", value: .string("2001:db8:0:0:1::/64"), expected: .invalid),
        Case(name: "ipv6network of an embedded IPv4 network", format: "ipv6network", value: .string("::ffff:10.0.0.0/120"), expected: .valid),
        Case(name: "ipv6network of an embedded IPv4 host", format: "ipv6network", value: .string("::ffff:10.0.0.1/120"), expected: .invalid),
        Case(name: "ipvanynetwork IPv6", format: "ipvanynetwork", value: .string("2001:db8:4a1::/48"), expected: .valid),
        Case(name: "ipvanynetwork neither", format: "ipvanynetwork", value: .string("x/24"),
             expected: .invalidBecause("not a valid IPv4 or IPv6 network: the address before any '/' is neither")),
        Case(name: "ipv4interface with host bits", format: "ipv4interface", value: .string("192.0.2.7/24"), expected: .valid),
        Case(name: "ipv4interface past 32", format: "ipv4interface", value: .string("192.0.2.7/33"), expected: .invalid),
        Case(name: "ipvanyinterface IPv6", format: "ipvanyinterface", value: .string("2001:db8::1/64"), expected: .valid),
        Case(name: "uuid4", format: "uuid4", value: .string("9b2f5c1e-7d3a-4f7b-9c2e-1a2b3c4d5e6f"), expected: .valid),
        Case(name: "uuid4 given a version 1", format: "uuid4", value: .string("2eb8aa08-aa98-11ea-b4aa-73b441d16380"),
             expected: .invalidBecause("not a version 4 UUID: its version digit is '1'")),
        Case(name: "uuid1", format: "uuid1", value: .string("2eb8aa08-aa98-11ea-b4aa-73b441d16380"), expected: .valid),
        Case(name: "uuid1 of another variant", format: "uuid1", value: .string("2eb8aa08-aa98-11ea-74aa-73b441d16380"), expected: .invalid),
        Case(name: "name-email with a name", format: "name-email", value: .string("John Doe <jdoe@example.com>"), expected: .valid),
        Case(name: "name-email bare", format: "name-email", value: .string("jdoe@example.com"), expected: .valid),
        Case(name: "name-email of no address", format: "name-email", value: .string("John <not an address>"), expected: .invalid),
        Case(name: "base64url", format: "base64url", value: .string("ab-_"), expected: .valid),
        Case(name: "base64url unpadded", format: "base64url", value: .string("aGVsbG8"), expected: .valid),
        Case(name: "base64url padded", format: "base64url", value: .string("aGVsbG8="), expected: .valid),
        Case(name: "base64url of base64's alphabet", format: "base64url", value: .string("a+b/"),
             expected: .invalidBecause("not valid base64url: unexpected '+' at offset 1")),
        Case(name: "base64url one over", format: "base64url", value: .string("abcde"), expected: .invalid),
        Case(name: "base64 is byte", format: "base64", value: .string("aGVsbG8"), expected: .invalid),
        Case(name: "path anything", format: "path", value: .string("/etc/app.conf"), expected: .valid),
        // The Format Registry's decimal, as drf-spectacular writes a DecimalField (a string).
        Case(name: "decimal", format: "decimal", value: .string("-1234.50"), expected: .valid),
        Case(name: "decimal without a whole part", format: "decimal", value: .string(".5"), expected: .valid),
        Case(name: "decimal with an exponent", format: "decimal", value: .string("1e3"),
             expected: .invalidBecause("not a decimal number: unexpected 'e' at offset 1")),
        Case(name: "decimal of no digits", format: "decimal", value: .string("-."), expected: .invalidBecause("not a decimal number: no digits")),
        Case(name: "decimal on a number", format: "decimal", value: .number(12.5), expected: .notApplicable),
        Case(name: "url (apispec's) is an absolute URI", format: "url", value: .string("https://example.com/a?b=c"), expected: .valid),
        Case(name: "url (apispec's) of a relative reference", format: "url", value: .string("/a/b"), expected: .invalid),

        Case(name: "date month 13", format: "date", value: .string("2020-13-01"),
             expected: .invalidBecause("month 13 is out of range")),
        Case(name: "ipv4 leading zero", format: "ipv4", value: .string("01.2.3.4"),
             expected: .invalidBecause("not a valid IPv4 address: leading zero in '01'")),
        Case(name: "unknown format", format: "no-such-format", value: .string("x"), expected: .unknownFormat),

        Case(name: "custom match", format: "ldg_string", value: .string("ldg_Ab12"), expected: .valid, custom: ldg),
        Case(name: "custom mismatch", format: "ldg_string", value: .string("ldg_"),
             expected: .invalidBecause("does not match the pattern '^ldg_[A-Za-z0-9]+$' of custom format 'ldg_string'"),
             custom: ldg),
        Case(name: "custom anchored as written", format: "ldg_string", value: .string("x ldg_a"), expected: .invalid,
             custom: ldg),
        Case(name: "custom on a number", format: "ldg_string", value: .integer(1), expected: .notApplicable,
             custom: ldg),
        Case(name: "custom overrides built-in", format: "uuid", value: .string("not-a-uuid"), expected: .valid,
             custom: ["uuid": "^not-"]),
        Case(name: "custom that does not compile", format: "broken", value: .string("x"), expected: .unknownFormat,
             custom: ["broken": "([a-z"]),
    ]

    @Test(arguments: cases)
    func namedCase(_ testCase: Case) {
        let verdict = FormatRegistry(custom: testCase.custom).check(testCase.format, testCase.value)
        switch testCase.expected {
        case .valid: #expect(verdict == .valid)
        case .invalid: #expect(!Self.accepts(verdict), "expected invalid, got \(verdict)")
        case .invalidBecause(let reason): #expect(verdict == .invalid(reason: reason))
        case .notApplicable: #expect(verdict == .notApplicable)
        case .unknownFormat: #expect(verdict == .unknownFormat)
        }
    }

    /// Behaviour beyond the test suite: other spellings each family must accept or reject.
    static let spellings: [(format: String, value: String, valid: Bool)] = [
        ("date-time", "2020-02-29T00:00:00Z", true), ("date-time", "2020-02-29 00:00:00Z", false),
        ("time", "23:59:60.5+00:00", true), ("duration", "P1W", true), ("duration", "PT1.5S", false),
        ("hostname", "xn--bcher-kva.example", true), ("hostname", "XN--BCHER-KVA.example", true),
        ("hostname", "xn--bcher-kvb.example", false), ("idn-hostname", "bücher.example", true),
        ("idn-hostname", "Bücher.example", false), ("idn-hostname", "例え.テスト", true),
        ("idn-hostname", "xn--ihqwcrb4cv8a8dqg056pqjye", true), ("email", "a@b", true),
        ("email", "\"a\\\"b\"@example.com", true), ("email", "a@[IPv6:2001:db8::1]", true),
        ("email", "a@[1.2.3]", false), ("idn-email", "δοκιμή@παράδειγμα.δοκιμή", true),
        ("ipv6", "::ffff:1.2.3.4", true), ("ipv6", "1:2:3:4:5:6:7::", true), ("ipv6", "1:2:3:4:5:6:7:8::", false),
        ("uri", "http://example.com:8080/a/b?c=d#e", true), ("uri", "urn:isbn:0451450523", true),
        ("uri", "http://[v1.x]/", true), ("uri", "http://[v1]/", false), ("uri", "http://a/%C3%BC", true),
        ("iri", "http://例え.jp/パス?q=値#断片", true), ("iri-reference", "//例え.jp", true),
        ("iri", "http://example.com/\u{E000}", false), ("uri-reference", "../a/b", true),
        ("uri-template", "/users/{id}{?fields*,limit:10}", true), ("uri-template", "{=x}", false),
        ("regex", "", true), ("regex", "a{2,1}", false), ("regex", "a{,5}", true), ("regex", "\\p{L}+", true),
        ("regex", "\\p{Script=Greek}", true), ("regex", "[a-\\d]", true), ("regex", "[z-a]", false),
        ("regex", "[\\-]", true), ("regex", "\\-", true), ("regex", "(?i:a)b", false), ("regex", "(?-:a)", false),
        ("regex", "\\u{1F600}", true), ("regex", "\\1(a)", true), ("regex", "\\2(a)", false),
        ("regex", "(?<a>x)\\k<b>", false), ("regex", "a|*", false), ("regex", "(?=a)*", false),
        ("regex", "x{1}{2}", false), ("regex", "\\/", true), ("regex", "\\x4", false), ("regex", "\\0", true),
        ("regex", "\\00", false), ("regex", "a*?b??", true), ("regex", "(?:)()", true), ("regex", "[", false),
        ("regex", "(", false), ("regex", "a)", false), ("regex", "\\", false), ("regex", "^[\\w.-]+@\\S+$", true),
        ("regex", "[\\uD83D\\uDE00-\\uD83D\\uDE4F]", true), ("regex", "\\u{110000}", false),
        ("uuid", "2eb8aa08-aa98-11ea-b4aa-73b441d16380", true), ("json-pointer", "/a~2", false),
        ("relative-json-pointer", "0+1/a", true), ("relative-json-pointer", "0-", false),
    ]

    /// `regex` reads a value exactly as `pattern` reads a pattern (ECMARegex): the literal readings every engine
    /// agrees on are accepted (`\-`, `a{,5}`, `[a-\d]`), ES2025 modifier groups such as `(?i:a)` are not.
    @Test func otherSpellings() {
        let registry = FormatRegistry()
        for (format, value, valid) in Self.spellings {
            let verdict = registry.check(format, .string(value))
            #expect(Self.accepts(verdict) == valid, "\(format) \(value): \(verdict)")
        }
    }

    @Test func hostileInputIsRejectedQuickly() {
        let registry = FormatRegistry()
        // Valid ECMA-262, refused by the parser as too deep to match here; as a format it is still a regex,
        // and the point is that the answer comes at once, without exhausting the stack.
        let nested = String(repeating: "(", count: 100_000) + String(repeating: ")", count: 100_000)
        #expect(registry.check("regex", .string(nested)) == .valid)
        #expect(!Self.accepts(registry.check("idn-hostname", .string(String(repeating: "ü", count: 100_000)))))
        #expect(!Self.accepts(registry.check("hostname", .string(String(repeating: "a", count: 100_000)))))
    }

    @Test func customPatternErrorsAreReported() {
        let registry = FormatRegistry(custom: ["broken": "([a-z", "ldg_string": "^ldg_[A-Za-z0-9]+$"])
        #expect(Array(registry.customPatternErrors.keys) == ["broken"])
        #expect(registry.customPatternErrors["broken"] == "pattern '([a-z' does not compile: unterminated character class at offset 1")
        #expect(!registry.knows("broken"))
        #expect(registry.knows("ldg_string"))
        #expect(FormatRegistry().customPatternErrors.isEmpty)
    }

    @Test func builtInNamesAreSortedAndKnown() {
        let names = FormatRegistry.builtInNames
        #expect(names == names.sorted())
        for name in ["date-time", "e164", "int32", "byte", "idn-hostname", "uri-template", "regex"] {
            #expect(names.contains(name))
        }
        let registry = FormatRegistry()
        #expect(names.allSatisfy(registry.knows))
        #expect(!registry.knows("no-such-format"))
    }
}
