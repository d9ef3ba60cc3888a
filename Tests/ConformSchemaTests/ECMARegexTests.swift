import Foundation
import Testing
@testable import ConformSchema
import ConformValues
import ConformTestSupport

@Suite struct ECMARegexTests {
    // MARK: - Translation table

    /// An ECMA-262 pattern and either its exact ICU translation or the whole rendered error.
    struct TranslationCase: Sendable, CustomTestStringConvertible {
        let name: String
        let pattern: String
        let expected: String
        let isError: Bool

        init(_ name: String, _ pattern: String, icu: String) {
            (self.name, self.pattern, self.expected, self.isError) = (name, pattern, icu, false)
        }

        init(_ name: String, _ pattern: String, error: String) {
            (self.name, self.pattern, self.expected, self.isError) = (name, pattern, error, true)
        }

        var testDescription: String { name }
    }

    static let unknownProperty = "names no Unicode property ECMA-262 knows (General_Category values, Script= and"
        + " Script_Extensions= values, binary properties such as Alphabetic)"

    static let translations: [TranslationCase] = [
        .init("\\d is ASCII digits only", #"^\d+$"#, icu: #"^[0-9]+\z"#),
        .init("\\D is everything else", #"\D"#, icu: #"[^0-9]"#),
        .init("\\w is ASCII word characters only", #"\w"#, icu: #"[A-Za-z0-9_]"#),
        .init("\\s is ECMA-262 white space", #"\s\S"#,
              icu: #"[\x{09}-\x{0D}\x{FEFF}\x{2028}\x{2029}\p{Zs}][^\x{09}-\x{0D}\x{FEFF}\x{2028}\x{2029}\p{Zs}]"#),
        .init("$ is the very end", "^abc$", icu: #"^abc\z"#),
        .init(". excludes the four line terminators", "a.c", icu: #"a[^\n\r\x{2028}\x{2029}]c"#),
        .init("[^] is any code point", "[^]", icu: #"[\x{00}-\x{10FFFF}]"#),
        .init("[] is no code point", "a[]", icu: #"a[^\x{00}-\x{10FFFF}]"#),
        .init("a lone { is a literal", "a{", icu: #"a\{"#),
        .init("an unfinished count is a literal", "a{1,", icu: #"a\{1,"#),
        .init("lone } and ] are literals", "}]", icu: #"\}\]"#),
        .init("counts are kept", "a{2}b{2,}c{2,3}?", icu: "a{2}b{2,}c{2,3}?"),
        .init("a lazy ?? is written as a count", "a??", icu: "a{0,1}?"),
        .init("a lazy loop whose body can match empty becomes greedy", "c(?:a?)+?x", icu: "c(?:a?)+x"),
        .init("a loop over an atom that only matches empty runs once", "()+a", icu: "()a"),
        .init("an optional atom that only matches empty never runs", "(?:)*a", icu: "(?:){0}a"),
        .init("\\p{L} is kept", #"\p{L}\P{Letter}"#, icu: #"\p{L}\P{Letter}"#),
        .init("\\u{…} becomes \\x{…}", #"\u{1F600}"#, icu: #"\x{1F600}"#),
        .init("a surrogate pair written as two escapes is one code point", #"\uD83D\uDC32"#, icu: #"\x{1F432}"#),
        .init("non-ASCII literals are written in hex", "é🐲*", icu: #"\x{E9}\x{1F432}*"#),
        .init("\\cA is a control character", #"\cA\cz"#, icu: #"\x{01}\x{1A}"#),
        .init("escapes of ASCII punctuation are literals", #"\-\:\"\/"#, icu: #"-:"/"#),
        .init("# and space are literals", "a#b c", icu: "a\\#b c"),
        .init("\\b uses the ASCII word set", #"\bx"#,
              icu: #"(?:(?<=[A-Za-z0-9_])(?![A-Za-z0-9_])|(?<![A-Za-z0-9_])(?=[A-Za-z0-9_]))x"#),
        .init("a backreference is wrapped", #"(a)\1"#, icu: #"(a)(?:\1)"#),
        .init("a named group is numbered", #"(?<first>a)\k<first>"#, icu: #"(a)(?:\1)"#),
        .init("a forward reference is empty", #"\1(a)"#, icu: "(a)"),
        .init("a reference inside its own group is empty", #"(a\1)"#, icu: "(a)"),
        .init("a reference into another alternative is empty", #"(a)|\1"#, icu: "(a)|"),
        .init("a reference into a negative lookahead is empty", #"(?!(a))\1"#, icu: "(?!(a))"),
        .init("a bounded lookbehind is kept", #"(?<=ab?)c(?<!\d{2})"#, icu: #"(?<=ab?)c(?<![0-9]{2})"#),
        .init("a class escape inside a class is a nested set", #"[\d-x]"#, icu: #"[[0-9]\-x]"#),
        .init("a negated class escape inside a negated class", #"[^\W]"#, icu: #"[^[^A-Za-z0-9_]]"#),
        .init("ICU set operators are literals in a class", "[a-z&&[^aeiou]]",
              icu: #"[a-z\&\&\[\^aeiou]\]"#),
        .init("\\b in a class is backspace", #"[\b]"#, icu: #"[\x{08}]"#),
        .init("the empty pattern", "", icu: "(?:)"),
        .init("an emptied reference that is quantified", #"(a)|\1*"#, icu: "(a)|(?:)*"),
        .init("(?i) is rejected", "(?i)abc", error: "'(?i)' inline flags are not ECMA-262 syntax at offset 0"),
        .init("(?i: is rejected", "a(?i:b)", error: "'(?i:' inline flags are not ECMA-262 syntax at offset 1"),
        .init("Python named groups are rejected", "(?P<name>x)",
              error: "'(?P<' Python group syntax is not ECMA-262 syntax at offset 0"),
        .init("comments are rejected", "(?#note)a", error: "'(?#' comments are not ECMA-262 syntax at offset 0"),
        .init("atomic groups are rejected", "(?>a)", error: "'(?>' atomic groups are not ECMA-262 syntax at offset 0"),
        .init("possessive quantifiers are rejected", "a++",
              error: "quantifier '+' follows another quantifier"
                + " (possessive quantifiers are not ECMA-262 syntax) at offset 2"),
        .init("\\A is rejected", #"\Aabc"#, error: #"'\A' is not an ECMA-262 escape at offset 0"#),
        .init("\\a is rejected", #"\a"#, error: #"'\a' is not an ECMA-262 escape at offset 0"#),
        .init("min above max", "x{2,1}", error: "quantifier '{2,1}' has min > max at offset 1"),
        .init("a count ICU cannot repeat", "x{16777216}",
              error: "quantifier '{16777216}' exceeds ICU's repeat limit of 16777215 at offset 1"),
        .init("a quantifier with nothing to repeat", "*a", error: "quantifier '*' has nothing to repeat at offset 0"),
        .init("a quantified assertion", "^*", error: "quantifier '*' has nothing to repeat at offset 1"),
        .init("a braced quantifier with nothing to repeat", "{2}",
              error: "quantifier '{2}' has nothing to repeat at offset 0"),
        .init("unterminated character class", "abcde[fg", error: "unterminated character class at offset 5"),
        .init("unterminated group", "^(abc]", error: "unterminated group at offset 1"),
        .init("unmatched parenthesis", "a)", error: "unmatched ')' at offset 1"),
        .init("out-of-order range", "[z-a]", error: "character class range 'z-a' is out of order at offset 1"),
        .init("a reference to no group", #"(a)\2"#,
              error: #"backreference '\2' refers to a group that does not exist at offset 3"#),
        .init("a reference to an unknown name", #"\k<nope>"#,
              error: "backreference '\\k<nope>' refers to a group that does not exist at offset 0"),
        .init("a reference to an optional group", #"(a)?\1"#,
              error: #"backreference '\1' to a group that may not take part in the match is not supported"#
                + " (ECMA-262 then matches the empty string, ICU fails) at offset 4"),
        .init("a reference inside a lookbehind", #"(a)(?<=\1)"#,
              error: "backreferences inside a lookbehind are not supported at offset 7"),
        .init("unbounded lookbehind", "x(?<=a+)b",
              error: "lookbehind of unbounded length is not supported at offset 1"),
        .init("an unbounded lookahead inside a lookbehind", "(?<=a(?=b+))",
              error: "lookbehind of unbounded length is not supported at offset 0"),
        .init("a lazy loop that can match empty, in a lookahead, with backreferences", #"(a)(?=(?:b?)*?)\1"#,
              error: "a lazy quantifier over an atom that can match empty, inside a lookaround of a pattern with"
                + " backreferences, is not supported at offset 12"),
        .init("an unknown property", #"\p{Foo}"#, error: #"'\p{Foo}' "# + Self.unknownProperty + " at offset 0"),
        // ICU knows these, JavaScript engines do not: a pattern no client can run is an invalid pattern.
        .init("ICU's Print, which is no Unicode property", #"^[\p{Print}]{1,64}$"#,
              error: #"'\p{Print}' "# + Self.unknownProperty + " at offset 2"),
        .init("a block, which ECMA-262 does not offer", #"\p{Block=Basic_Latin}"#,
              error: #"'\p{Block=Basic_Latin}' "# + Self.unknownProperty + " at offset 0"),
        .init("a category in the wrong case", #"\P{letter}"#,
              error: #"'\P{letter}' "# + Self.unknownProperty + #"; did you mean '\P{Letter}'? at offset 0"#),
        .init("a script in the wrong case", #"\p{Script=latin}"#,
              error: #"'\p{Script=latin}' "# + Self.unknownProperty + #"; did you mean '\p{Script=Latin}'? at offset 0"#),
        .init("a script without Script=", #"\p{Greek}"#, error: #"'\p{Greek}' "# + Self.unknownProperty + " at offset 0"),
        .init("a binary property with a value", #"\p{Alphabetic=Yes}"#,
              error: #"'\p{Alphabetic=Yes}' "# + Self.unknownProperty + " at offset 0"),
        .init("a script by its code", #"\p{sc=Grek}"#, icu: #"\p{sc=Grek}"#),
        .init("Script_Extensions by its short name", #"\p{scx=Deva}"#, icu: #"\p{scx=Deva}"#),
        .init("a category after gc=", #"\p{gc=Nd}"#, icu: #"\p{gc=Nd}"#),
        .init("digit, the Nd alias ECMA-262 lists", #"\p{digit}"#, icu: #"\p{digit}"#),
        .init("a binary property by its short name", #"\p{Alpha}"#, icu: #"\p{Alpha}"#),
        .init("a malformed property", #"\p{L"#, error: "invalid Unicode property escape at offset 0"),
        .init("an octal escape", #"\01"#, error: "octal escapes are not ECMA-262 syntax in unicode mode at offset 0"),
        .init("\\c without a letter", #"\c1"#, error: "'\\c' must be followed by an ASCII letter at offset 0"),
        .init("a trailing backslash", "ab\\", error: "'\\' at end of pattern at offset 2"),
        .init("a duplicate group name", "(?<n>a)(?<n>b)", error: "duplicate group name 'n' at offset 7"),
        .init("\\B in a class", #"[\B]"#, error: #"'\B' is not allowed in a character class at offset 1"#),
    ]

    @Test(arguments: translations)
    func translation(_ testCase: TranslationCase) {
        do {
            let icu = try ECMARegexTranslator.icuPattern(for: testCase.pattern)
            #expect(!testCase.isError, "translated to \(icu)")
            if !testCase.isError {
                #expect(icu == testCase.expected)
                #expect((try? NSRegularExpression(pattern: icu)) != nil, "ICU rejects \(icu)")
            }
        } catch {
            #expect(testCase.isError, "\(error)")
            #expect(error.description == testCase.expected)
        }
    }

    // MARK: - Matching table

    /// A pattern, an input, and whether ECMA-262 finds a match in it (where ICU's own reading would differ).
    struct MatchCase: Sendable, CustomTestStringConvertible {
        let name: String
        let pattern: String
        let input: String
        let matches: Bool

        init(_ name: String, _ pattern: String, _ input: String, _ matches: Bool) {
            (self.name, self.pattern, self.input, self.matches) = (name, pattern, input, matches)
        }

        var testDescription: String { name }
    }

    static let matchCases: [MatchCase] = [
        .init("\\d does not match an Arabic-Indic digit", #"^\d$"#, "\u{0663}", false),
        .init("\\d matches an ASCII digit", #"^\d$"#, "3", true),
        .init("\\w does not match é", #"^\w$"#, "é", false),
        .init("\\W matches é", #"^\W$"#, "é", true),
        .init("$ does not match before a trailing newline", "^abc$", "abc\n", false),
        .init(". does not match U+2028", "^.$", "\u{2028}", false),
        .init(". matches U+0085, which ICU calls a line end", "^.$", "\u{85}", true),
        .init(". matches an astral code point whole", "^.$", "🐲", true),
        .init("\\s does not match U+0085", #"^\s$"#, "\u{85}", false),
        .init("\\s matches U+FEFF", #"^\s$"#, "\u{FEFF}", true),
        .init("[^] matches a newline", "^[^]$", "\n", true),
        .init("[] matches nothing", "[]", "a", false),
        .init("\\b sees é as a non-word character", #"a\b"#, "aé", true),
        .init("\\B between a and é", #"a\B"#, "aé", false),
        .init("a{ matches literally", "^a{$", "a{", true),
        .init("set operators are literal", "^[a&&b]+$", "&&", true),
        .init("the search is not anchored", "b", "abc", true),
        .init("matching is case-sensitive", "abc", "ABC", false),
        .init("a forward reference matches empty", #"^\1(a)$"#, "a", true),
        .init("a backreference matches the group's text", #"^(a+)-\1$"#, "aa-aa", true),
        .init("a backreference mismatch", #"^(a+)-\1$"#, "aa-a", false),
        .init("\\p{Letter} matches é", #"^\p{Letter}$"#, "é", true),
        .init("a lookbehind", "(?<=a)b", "ab", true),
        .init("an astral code point quantified whole", #"^\u{1F432}{2}$"#, "🐲🐲", true),
        .init("a lazy loop over an empty-able body ends", "c(?:a?)+?x", "cb", false),
        .init("a lookbehind with a lazy optional", "(?<=ab??)c", "ac", true),
    ]

    @Test(arguments: matchCases)
    func matching(_ testCase: MatchCase) throws {
        let regex = try ECMARegex(testCase.pattern)
        #expect(regex.matches(testCase.input) == testCase.matches, "ICU pattern \(regex.icuPattern)")
    }

    /// The linear matcher and the ICU translation must agree wherever the linear one applies: every table case,
    /// and a spread of inputs against the patterns OpenAPI descriptions typically write.
    @Test func linearMatcherAgreesWithICU() throws {
        var pairs = Self.matchCases.map { ($0.pattern, $0.input) }
        let patterns = [
            #"^https?[^@]*$"#, #"^biz_[A-Za-z0-9]+$"#, #"^\+?[1-9]\d{1,14}$"#, #"^[a-z]{2}(-[A-Z]{2})?$"#,
            #"^(?:[01]\d|2[0-3]):[0-5]\d$"#, #"\s"#, #"^\S+@\S+\.\S+$"#, #"^.{3,5}$"#, #"a|b|"#, #"^(ab|a)*c?$"#,
            #"[^\W\d]"#, #"^[\s\S]*$"#, #"^x{2}y{0,2}$"#, #"\d"#, "ab", "^ab", "b$", "^$", "a*", "^(a|ab)(c|bcd)$",
            #"^[^@]+@[^@]+$"#,
            // Long patterns as descriptions write them for URLs and e-mail addresses: many byte classes, DFAs near
            // and past their state limit.
            #"^(https?|ftp)://[^\s/$.?#].[^\s]*$"#,
            #"^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$"#,
            #"^https?://(www\.)?[-a-zA-Z0-9@:%._\+~#=]{1,256}\.[a-zA-Z0-9()]{1,6}\b([-a-zA-Z0-9()@:%_\+.~#?&//=]*)$"#,
        ]
        let inputs = ["", "a", "ab", "abc", "http://x", "https://a@b", "biz_42", "biz_", "+33612345678", "0612", "fr",
                      "fr-FR", "fr-fr", "23:59", "24:00", "a b", "x@y.z", "é", "\u{1F432}", "line\nbreak", "xx", "xxyyy", "aabac", "c",
                      "abcd", "abc", "a@b@c", "zé@x", "9", "ab\u{e9}", "\t", "https://www.example.com/a?b=c#d",
                      "ftp://files.example.org/x", "http://-bad", "jane.doe+tag@example.co.uk", "jane@-example.com",
                      "https://example.com/é"]
        for pattern in patterns { for input in inputs { pairs.append((pattern, input)) } }
        var compared = 0
        for (pattern, input) in pairs {
            var parser = ECMARegexParser(pattern)
            guard let tree = try? parser.parse(), let linear = LinearRegex(tree) else { continue }
            let icu = try NSRegularExpression(pattern: try ECMARegexTranslator.icuPattern(for: pattern))
            let icuMatches = icu.firstMatch(in: input, range: NSRange(location: 0, length: input.utf16.count)) != nil
            #expect(linear.matches(input) == icuMatches, "pattern \(pattern) on \(input.debugDescription)")
            compared += 1
        }
        #expect(compared > 300)
    }

    // MARK: - Deadline and concurrency

    @Test func catastrophicBacktrackingTimesOut() throws {
        // Lookahead keeps the pattern with ICU, which backtracks exponentially here until the deadline.
        let regex = try ECMARegex("^(a+)+(?=!)$")
        let clock = ContinuousClock()
        let start = clock.now
        let result = regex.firstMatch(in: String(repeating: "a", count: 30) + "!", deadline: .milliseconds(250))
        #expect(result == .timedOut)
        #expect(start.duration(to: clock.now) < .seconds(2))
    }

    @Test func nestedQuantifiersWithinTheLinearSubsetNeverBacktrack() throws {
        let regex = try ECMARegex("^(a+)+$")
        let clock = ContinuousClock()
        let start = clock.now
        #expect(regex.firstMatch(in: String(repeating: "a", count: 5_000) + "!") == .notMatched)
        #expect(start.duration(to: clock.now) < .seconds(2))
        #expect(regex.matches(String(repeating: "a", count: 30)) == true)
    }

    @Test func oneInstanceMatchesFromManyTasks() async throws {
        let regex = try ECMARegex(#"^[a-z]+-\d+$"#)
        let results = await withTaskGroup(of: Bool?.self) { group in
            for index in 0..<64 {
                group.addTask { regex.matches(index.isMultiple(of: 2) ? "item-\(index)" : "item-x\(index)") }
            }
            return await group.reduce(into: [Bool?]()) { $0.append($1) }
        }
        #expect(results.filter { $0 == true }.count == 32)
        #expect(results.filter { $0 == false }.count == 32)
    }

    @Test func errorKinds() {
        #expect(ECMARegex.isValidPattern("(?<=a+)b"))
        #expect(!ECMARegex.isValidPattern("(?i)abc"))
        #expect(throws: ECMARegexError(.unsupported, "lookbehind of unbounded length is not supported", at: 0)) {
            try ECMARegex("(?<=a+)b")
        }
    }

    // MARK: - JSON-Schema-Test-Suite

    @Test(.enabled(if: TestPaths.corpus != nil, Comment(rawValue: TestPaths.corpusMissingReason)))
    func schemaTestSuite() throws {
        let corpus = try #require(TestPaths.corpus)
        let knownFailures = try KnownFailures.load(TestPaths.fixture("ConformSchemaTests", "regex/known-failures.txt"))
        var failures: [String: String] = [:]
        for file in SuiteFile.all {
            let path = corpus + "/json-schema-test-suite/tests/" + file.name
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let groups = try #require(try JSONReader.parse([UInt8](data), path: path).arrayValue)
            var tally = Tally()
            for group in groups {
                tally.run(group, file: file, failures: &failures)
            }
            print("\(file.name): \(tally.passed) passed, \(tally.failed) failed, \(tally.skipped) skipped"
                + tally.skipReasons.sorted().map { "\n  skipped: \($0)" }.joined())
            let ratio = Double(tally.passed) / Double(max(tally.passed + tally.failed, 1))
            #expect(tally.passed + tally.failed > 0, "\(file.name): no case was run")
            #expect(ratio >= file.requiredPassRatio, "\(file.name): \(tally.passed) of \(tally.passed + tally.failed)")
        }
        for (key, reason) in failures.sorted(by: { $0.key < $1.key }) where knownFailures[key] == nil {
            Issue.record("unlisted failure: \(key) (\(reason))")
        }
        for key in knownFailures.keys.sorted() where failures[key] == nil {
            Issue.record("listed in known-failures.txt but passes (or no longer exists): \(key)")
        }
    }
}

// MARK: - Suite runner

/// A JSON-Schema-Test-Suite file, and the share of its cases that must pass.
private struct SuiteFile {
    let name: String
    let requiredPassRatio: Double

    static let all: [SuiteFile] = [
        SuiteFile(name: "draft2020-12/optional/ecmascript-regex.json", requiredPassRatio: 0.95),
        SuiteFile(name: "draft4/optional/ecmascript-regex.json", requiredPassRatio: 0.95),
        SuiteFile(name: "draft2020-12/optional/format/ecmascript-regex.json", requiredPassRatio: 0.95),
        SuiteFile(name: "draft2020-12/optional/non-bmp-regex.json", requiredPassRatio: 1),
        SuiteFile(name: "draft4/optional/non-bmp-regex.json", requiredPassRatio: 1),
        SuiteFile(name: "draft2020-12/optional/format/regex.json", requiredPassRatio: 1),
        SuiteFile(name: "draft2020-12/pattern.json", requiredPassRatio: 1),
        SuiteFile(name: "draft2020-12/patternProperties.json", requiredPassRatio: 1),
        SuiteFile(name: "draft4/pattern.json", requiredPassRatio: 1),
        SuiteFile(name: "draft4/patternProperties.json", requiredPassRatio: 1),
    ]
}

/// `Fixtures/regex/known-failures.txt`: one `file | group | test | reason` a line; `#` starts a comment.
private enum KnownFailures {
    static func load(_ path: String) throws -> [String: String] {
        var entries: [String: String] = [:]
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty || text.hasPrefix("#") { continue }
            let fields = text.components(separatedBy: " | ")
            try #require(fields.count == 4, "malformed known-failures line: \(text)")
            entries[fields[0..<3].joined(separator: " | ")] = fields[3]
        }
        return entries
    }
}

/// Runs suite groups through `PatternEvaluator` and counts the outcomes.
private struct Tally {
    var passed = 0
    var failed = 0
    var skipped = 0
    var skipReasons: Set<String> = []
    private var evaluator = PatternEvaluator()

    mutating func run(_ group: JSONValue, file: SuiteFile, failures: inout [String: String]) {
        let description = group["description"]?.stringValue ?? "?"
        let schema = group["schema"] ?? .bool(true)
        let tests = group["tests"]?.arrayValue ?? []
        if let keyword = PatternEvaluator.unsupportedKeyword(in: schema) {
            skipped += tests.count
            skipReasons.insert("\(description) (uses '\(keyword)')")
            return
        }
        for test in tests {
            let key = "\(file.name) | \(description) | \(test["description"]?.stringValue ?? "?")"
            let expected = test["valid"]?.boolValue ?? true
            do {
                let actual = try evaluator.validate(test["data"] ?? .null, against: schema)
                if actual == expected {
                    passed += 1
                } else {
                    failed += 1
                    failures[key] = "expected \(expected ? "valid" : "invalid"), got \(actual ? "valid" : "invalid")"
                }
            } catch {
                failed += 1
                failures[key] = error.reason
            }
        }
    }
}

private struct EvaluationError: Error {
    let reason: String
}

/// Just enough JSON Schema for the regex files: `type`, `pattern`, `patternProperties`, `additionalProperties`,
/// `maximum`, `format: regex` (asserted) and boolean schemas.
private struct PatternEvaluator {
    static let keywords: Set<String> = [
        "$schema", "type", "pattern", "patternProperties", "additionalProperties", "maximum", "format",
    ]

    private var cache: [String: ECMARegex] = [:]

    static func unsupportedKeyword(in schema: JSONValue) -> String? {
        guard let object = schema.objectValue else { return nil }
        if let keyword = object.keys.first(where: { !keywords.contains($0) }) { return keyword }
        if let format = object["format"]?.stringValue, format != "regex" { return "format: \(format)" }
        let subschemas = (object["patternProperties"]?.objectValue?.values ?? []) + [object["additionalProperties"]]
        return subschemas.lazy.compactMap { $0.flatMap(unsupportedKeyword(in:)) }.first
    }

    mutating func validate(_ instance: JSONValue, against schema: JSONValue) throws(EvaluationError) -> Bool {
        guard let object = schema.objectValue else { return schema.boolValue ?? true }
        if let type = object["type"]?.stringValue, !Self.instance(instance, hasType: type) { return false }
        if let pattern = object["pattern"]?.stringValue, let string = instance.stringValue,
            try !search(pattern, in: string)
        {
            return false
        }
        if object["format"]?.stringValue == "regex", let string = instance.stringValue,
            !ECMARegex.isValidPattern(string)
        {
            return false
        }
        if let maximum = object["maximum"]?.doubleValue, let value = instance.doubleValue, value > maximum {
            return false
        }
        guard let members = instance.objectValue?.members else { return true }
        let patterns = object["patternProperties"]?.objectValue
        for (key, value) in members {
            var matchedAny = false
            for (pattern, subschema) in patterns?.members ?? JSONObject().members where try search(pattern, in: key) {
                matchedAny = true
                if try !validate(value, against: subschema) { return false }
            }
            if !matchedAny, let additional = object["additionalProperties"],
                try !validate(value, against: additional)
            {
                return false
            }
        }
        return true
    }

    private mutating func search(_ pattern: String, in string: String) throws(EvaluationError) -> Bool {
        let regex: ECMARegex
        if let cached = cache[pattern] {
            regex = cached
        } else {
            do {
                regex = try ECMARegex(pattern)
            } catch {
                throw EvaluationError(reason: "pattern '\(pattern)': \(error)")
            }
            cache[pattern] = regex
        }
        guard let matched = regex.matches(string) else {
            throw EvaluationError(reason: "pattern '\(pattern)' timed out")
        }
        return matched
    }

    private static func instance(_ value: JSONValue, hasType type: String) -> Bool {
        switch (type, value) {
        case ("integer", .integer): true
        case ("integer", .number(let number)): number.rounded() == number
        case ("number", .integer), ("number", .number), ("number", .bigNumber): true
        default: value.typeName == type
        }
    }
}
