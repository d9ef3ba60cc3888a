import Foundation
import Testing

@testable import ConformValues

@Suite struct YAMLReaderTests {
    // MARK: Values

    struct ValueCase: Sendable, CustomTestStringConvertible {
        var name: String
        var yaml: String
        var expected: JSONValue
        var testDescription: String { name }
    }

    static let valueCases: [ValueCase] = [
        ValueCase(name: "anchor and alias", yaml: "base: &b {x: 1}\nuse: *b\n", expected: object([
            ("base", object([("x", .integer(1))])),
            ("use", object([("x", .integer(1))])),
        ])),
        ValueCase(name: "alias inside an aliased collection", yaml: "a: &a [1]\nb: &b {list: *a}\nc: *b\n", expected: object([
            ("a", .array([.integer(1)])),
            ("b", object([("list", .array([.integer(1)]))])),
            ("c", object([("list", .array([.integer(1)]))])),
        ])),
        ValueCase(name: "alias of a scalar resolves like the scalar", yaml: "a: &n 12\nb: *n\n", expected: object([
            ("a", .integer(12)), ("b", .integer(12)),
        ])),
        ValueCase(name: "alias as a key keeps the anchored text", yaml: "- &k 200\n- {*k : ok}\n", expected: .array([
            .integer(200), object([("200", .string("ok"))]),
        ])),
        ValueCase(
            name: "merge key: explicit members win, merged ones follow",
            yaml: "base: &base {a: 1, b: 2}\nitem:\n  <<: *base\n  b: 3\n  c: 4\n",
            expected: object([
                ("base", object([("a", .integer(1)), ("b", .integer(2))])),
                ("item", object([("b", .integer(3)), ("c", .integer(4)), ("a", .integer(1))])),
            ])
        ),
        ValueCase(
            name: "merge list: the earlier mapping wins",
            yaml: "a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nm:\n  <<: [*a, *b]\n  w: 0\n",
            expected: object([
                ("a", object([("x", .integer(1)), ("y", .integer(1))])),
                ("b", object([("y", .integer(2)), ("z", .integer(2))])),
                ("m", object([("w", .integer(0)), ("x", .integer(1)), ("y", .integer(1)), ("z", .integer(2))])),
            ])
        ),
        ValueCase(name: "quoted << is an ordinary key", yaml: "\"<<\": 1\n", expected: object([("<<", .integer(1))])),
        ValueCase(name: "!!str on a number", yaml: "- !!str 123\n", expected: .array([.string("123")])),
        ValueCase(name: "!!int on a quoted number", yaml: "- !!int \"12\"\n", expected: .array([.integer(12)])),
        ValueCase(name: "!!float on an integer", yaml: "- !!float 1\n", expected: .array([.number(1)])),
        ValueCase(name: "!!bool and !!null", yaml: "- !!bool 'true'\n- !!null ''\n", expected: .array([.bool(true), .null])),
        ValueCase(
            name: "local and unhandled tags keep the untagged value",
            yaml: "- !foo bar\n- !foo 12\n- !!binary aGk=\n- ! 12\n",
            expected: .array([.string("bar"), .integer(12), .string("aGk="), .string("12")])
        ),
        ValueCase(
            name: "literal block scalars: clip, strip, keep",
            yaml: "clip: |\n  a\n   b\n\nstrip: |-\n  a\nkeep: |+\n  a\n\nend: 1\n",
            expected: object([
                ("clip", .string("a\n b\n")), ("strip", .string("a")), ("keep", .string("a\n\n")), ("end", .integer(1)),
            ])
        ),
        ValueCase(
            name: "folded block scalars and an indentation indicator",
            yaml: "folded: >\n  one\n  two\n\n  three\nstrip: >-\n  a\n  b\nkeep: >+\n  a\n\nindented: |2\n    four\n  five\n",
            expected: object([
                ("folded", .string("one two\nthree\n")), ("strip", .string("a b")), ("keep", .string("a\n\n")),
                ("indented", .string("  four\nfive\n")),
            ])
        ),
        ValueCase(name: "flow style", yaml: "{a: 1, b: [x, y]}", expected: object([
            ("a", .integer(1)), ("b", .array([.string("x"), .string("y")])),
        ])),
        ValueCase(
            name: "quoted scalars are strings",
            yaml: "- '12'\n- \"true\"\n- 'null'\n- \"\"\n",
            expected: .array([.string("12"), .string("true"), .string("null"), .string("")])
        ),
        ValueCase(
            name: "keys keep their text",
            yaml: "200: a\non: b\nyes: c\nnull: d\n~: e\n1.0: f\ntrue: g\n0x1F: h\n",
            expected: object([
                ("200", .string("a")), ("on", .string("b")), ("yes", .string("c")), ("null", .string("d")),
                ("~", .string("e")), ("1.0", .string("f")), ("true", .string("g")), ("0x1F", .string("h")),
            ])
        ),
        ValueCase(
            name: "YAML 1.1 booleans stay strings",
            yaml: "[on, yes, off, no, y, n, Yes, ON]",
            expected: .array(["on", "yes", "off", "no", "y", "n", "Yes", "ON"].map { .string($0) })
        ),
        ValueCase(
            name: "core schema booleans and nulls",
            yaml: "[true, True, TRUE, false, FALSE, null, Null, NULL, ~, ]",
            expected: .array([.bool(true), .bool(true), .bool(true), .bool(false), .bool(false), .null, .null, .null, .null])
        ),
        ValueCase(name: "empty value is null", yaml: "a:\nb: 1\n", expected: object([("a", .null), ("b", .integer(1))])),
        ValueCase(
            name: "integers",
            yaml: "[0o17, 0x1F, -12, +12, 007, 12345678901234567890, 0x1FFFFFFFFFFFFFFFF]",
            expected: .array([
                .integer(15), .integer(31), .integer(-12), .integer(12), .integer(7),
                .bigNumber("12345678901234567890"), .bigNumber("36893488147419103231"),
            ])
        ),
        ValueCase(
            name: "floats",
            yaml: "[1e3, .5, -1.5, 5., 1E-2, 1e400]",
            expected: .array([.number(1000), .number(0.5), .number(-1.5), .number(5), .number(0.01), .bigNumber("1e400")])
        ),
        ValueCase(
            name: "infinity, NaN and look-alikes stay strings",
            yaml: "[.inf, -.Inf, .NaN, 1_000, 0x, 1.2.3, 12:30]",
            expected: .array([".inf", "-.Inf", ".NaN", "1_000", "0x", "1.2.3", "12:30"].map { .string($0) })
        ),
        ValueCase(name: "NUL inside a double-quoted scalar", yaml: "a: \"x\\0y\"\n", expected: object([("a", .string("x\u{0}y"))])),
        ValueCase(name: "non-ASCII text", yaml: "a: Grüße ☕ 😀\n", expected: object([("a", .string("Grüße ☕ 😀"))])),
        ValueCase(name: "byte order mark is skipped", yaml: "\u{FEFF}a: 1\n", expected: object([("a", .integer(1))])),
        ValueCase(
            name: "canonically equivalent keys are two members", yaml: "\u{E9}: 1\ne\u{301}: 2\nK: 3\n\u{212A}: 4\n",
            expected: object([("\u{E9}", .integer(1)), ("e\u{301}", .integer(2)), ("K", .integer(3)), ("\u{212A}", .integer(4))])),
        ValueCase(name: "a scalar document", yaml: "hello\n", expected: .string("hello")),
        ValueCase(name: "an explicit null document is not empty", yaml: "--- ~\n", expected: .null),
        ValueCase(name: "512 levels of nesting", yaml: nested(512), expected: nestedValue(512)),
    ]

    @Test(arguments: valueCases)
    func value(_ testCase: ValueCase) throws {
        let document = try load(testCase.yaml)
        #expect(document.root == testCase.expected)
        #expect(document.sourceMap.entries.count == Self.count(testCase.expected))
    }

    @Test func largeMappingKeepsOrderAndFindsMembers() throws {
        let yaml = (0..<40).map { "k\($0): \($0)" }.joined(separator: "\n")
        let object = try #require(try load(yaml).root.objectValue)
        #expect(object.keys == (0..<40).map { "k\($0)" })
        #expect(object["k33"] == .integer(33))
    }

    // MARK: Errors

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var kind: LoadError.Kind
        var description: String
        var testDescription: String { name }

        init(name: String, yaml: String, kind: LoadError.Kind, description: String) {
            self.init(name: name, bytes: Array(yaml.utf8), kind: kind, description: description)
        }

        /// For input a Swift string cannot hold, such as invalid UTF-8.
        init(name: String, bytes: [UInt8], kind: LoadError.Kind, description: String) {
            self.name = name
            self.bytes = bytes
            self.kind = kind
            self.description = description
        }
    }

    static let errorCases: [ErrorCase] = [
        ErrorCase(name: "several documents", yaml: "a: 1\n---\nb: 2\n", kind: .multipleDocuments, description: """
            t.yaml:2:1: error: the file holds more than one YAML document; an OpenAPI description is one document
              ---
              ^
            """),
        ErrorCase(name: "empty file", yaml: "", kind: .emptyDocument, description: "t.yaml:1:1: error: empty document\n  \n  ^"),
        ErrorCase(name: "only a comment", yaml: "# nothing\n", kind: .emptyDocument, description: """
            t.yaml:1:1: error: empty document
              # nothing
              ^
            """),
        ErrorCase(name: "only a document marker", yaml: "---\n", kind: .emptyDocument, description: """
            t.yaml:1:1: error: empty document
              ---
              ^
            """),
        ErrorCase(name: "duplicate key", yaml: "get: {}\nput: {}\nget: {}\n", kind: .duplicateKey, description: """
            t.yaml:3:1: error: duplicate key "get" in mapping
              get: {}
              ^
            """),
        ErrorCase(
            name: "duplicate key in a large mapping",
            yaml: (0..<20).map { "k\($0): 1\n" }.joined() + "k7: 2\n",
            kind: .duplicateKey,
            description: "t.yaml:21:1: error: duplicate key \"k7\" in mapping\n  k7: 2\n  ^"
        ),
        ErrorCase(name: "duplicate quoted key", yaml: "{\"a\\\"b\": 1, 'a\"b': 2}", kind: .duplicateKey, description: """
            t.yaml:1:13: error: duplicate key "a\\"b" in mapping
              {"a\\"b": 1, 'a"b': 2}
                          ^
            """),
        ErrorCase(name: "two merge keys", yaml: "a: &a {x: 1}\nb:\n  <<: *a\n  <<: *a\n", kind: .duplicateKey, description: """
            t.yaml:4:3: error: duplicate key "<<" in mapping
                <<: *a
                ^
            """),
        // The 1,027-character line is shown as 120 of them around the column: 40 before it, `…` at each cut.
        ErrorCase(name: "513 levels of nesting", yaml: nested(513), kind: .tooDeep, description: """
            t.yaml:1:513: error: nesting deeper than 512 levels
              …\(String(repeating: "[", count: 41))0\(String(repeating: "]", count: 78))…
              \(String(repeating: " ", count: 41))^
            """),
        ErrorCase(
            name: "tab indentation",
            yaml: "paths:\n\t/a: {}\n",
            kind: .syntax,
            description: """
                t.yaml:2:1: error: found a tab character that cannot start any token while scanning for the next token; \
                indent YAML with spaces
                  \t/a: {}
                  ^
                """
        ),
        ErrorCase(name: "mapping value in a plain scalar", yaml: "a: b: c\n", kind: .syntax, description: """
            t.yaml:1:5: error: mapping values are not allowed in this context
              a: b: c
                  ^
            """),
        ErrorCase(name: "unclosed flow sequence", yaml: "key: [a, b\nother: 1\n", kind: .syntax, description: """
            t.yaml:2:6: error: did not find expected ',' or ']' while parsing a flow sequence that began at line 1, column 6
              other: 1
                   ^
            """),
        ErrorCase(name: "a sequence as a key", yaml: "? [a]\n: 1\n", kind: .syntax, description: """
            t.yaml:1:3: error: mapping keys must be scalars
              ? [a]
                ^
            """),
        ErrorCase(name: "a mapping as a flow key", yaml: "{{a: 1}: 2}", kind: .syntax, description: """
            t.yaml:1:2: error: mapping keys must be scalars
              {{a: 1}: 2}
               ^
            """),
        ErrorCase(name: "an aliased mapping as a key", yaml: "- &m {a: 1}\n- {*m : 2}\n", kind: .syntax, description: """
            t.yaml:2:4: error: mapping keys must be scalars
              - {*m : 2}
                 ^
            """),
        ErrorCase(
            name: "invalid UTF-8",
            bytes: Array("a: 1\nb: x".utf8) + [0xFF, 0x0A],
            kind: .invalidUTF8,
            // The source line is shown decoded leniently, with U+FFFD for the bad byte.
            description: "t.yaml:2:5: error: invalid UTF-8: byte 0xFF cannot start a character\n  b: x\u{FFFD}\n      ^"
        ),
        ErrorCase(
            name: "UTF-8 cut short",
            bytes: Array("a: x".utf8) + [0xC3, 0x28, 0x0A],
            kind: .invalidUTF8,
            description: """
                t.yaml:1:6: error: invalid UTF-8: byte 0x28 cannot continue a multi-byte character
                  a: x\u{FFFD}(
                       ^
                """
        ),
        ErrorCase(
            name: "surrogate escapes are rejected by libyaml (DESIGN facts)",
            yaml: "a: \"\\ud83d\\ude00\"\n",
            kind: .syntax,
            description: """
                t.yaml:1:7: error: found invalid Unicode character escape code while parsing a quoted scalar \
                that began at line 1, column 4
                  a: "\\ud83d\\ude00"
                        ^
                """
        ),
        ErrorCase(name: "!!int on a word", yaml: "x: !!int abc\n", kind: .syntax, description: """
            t.yaml:1:4: error: value 'abc' does not match its tag !!int
              x: !!int abc
                 ^
            """),
        ErrorCase(name: "!!bool on yes", yaml: "x: !!bool yes\n", kind: .syntax, description: """
            t.yaml:1:4: error: value 'yes' does not match its tag !!bool
              x: !!bool yes
                 ^
            """),
        ErrorCase(name: "!!float on infinity", yaml: "x: !!float .inf\n", kind: .syntax, description: """
            t.yaml:1:4: error: value '.inf' tagged !!float has no JSON representation
              x: !!float .inf
                 ^
            """),
        ErrorCase(name: "undefined alias", yaml: "a: 1\nb: *x\n", kind: .syntax, description: """
            t.yaml:2:4: error: alias *x has no anchor &x before it
              b: *x
                 ^
            """),
        ErrorCase(name: "recursive alias", yaml: "a: &x [1, *x]\n", kind: .syntax, description: """
            t.yaml:1:11: error: alias *x refers to a collection that contains it
              a: &x [1, *x]
                        ^
            """),
        ErrorCase(name: "merging a scalar", yaml: "s: &s text\nm:\n  <<: *s\n", kind: .syntax, description: """
            t.yaml:3:7: error: the merge key '<<' needs mappings, but *s is a string
                <<: *s
                    ^
            """),
        ErrorCase(name: "merging an inline mapping", yaml: "m:\n  <<: {a: 1}\n", kind: .syntax, description: """
            t.yaml:2:7: error: the merge key '<<' takes an alias (*name) or a list of aliases
                <<: {a: 1}
                    ^
            """),
        ErrorCase(name: "control character", yaml: "a: \"\u{1}\"\n", kind: .syntax, description: """
            t.yaml:1:5: error: control character U+0001 is not allowed in YAML
              a: "\u{1}"
                  ^
            """),
    ]

    @Test(arguments: errorCases)
    func error(_ testCase: ErrorCase) {
        let error = #expect(throws: LoadError.self) {
            try YAMLReader.read(SourceFile(path: "t.yaml", bytes: testCase.bytes))
        }
        #expect(error?.kind == testCase.kind)
        #expect(error?.description == testCase.description)
    }

    @Test func deepFlowNestingStopsFast() throws {
        let yaml = String(repeating: "[", count: 100_000)
        let start = ContinuousClock.now
        let error = #expect(throws: LoadError.self) { try load(yaml) }
        // Reading all of it would keep libyaml busy for tens of seconds: its cost grows with the square of the depth.
        #expect(ContinuousClock.now - start < .seconds(2))
        let expected = "t.yaml:1:513: error: nesting deeper than 512 levels\n  …\(String(repeating: "[", count: 120))…\n  \(String(repeating: " ", count: 41))^"
        #expect(error?.kind == .tooDeep)
        #expect(error?.description == expected)
    }

    @Test func aliasBombStopsFast() throws {
        var lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        let names = Array("abcdefghi").map(String.init)
        for (previous, name) in zip(names, names.dropFirst()) {
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]")
        }
        let start = ContinuousClock.now
        let error = #expect(throws: LoadError.self) { try load(lines.joined(separator: "\n")) }
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(error?.kind == .aliasExpansion)
        // Each level is about 9 times the size of the one before; the first alias of line 7 crosses one million.
        #expect(error?.description == """
            t.yaml:7:8: error: alias expansion exceeds 1000000 nodes (a 'billion laughs' document?)
              \(lines[6])
                     ^
            """)
    }

    @Test func mergedMembersCountTowardTheExpansionBound() throws {
        let yaml = "a: &a {x: 1, y: [1, 2]}\nb:\n  <<: *a\n"
        let limits = LoadLimits(maxAliasExpansion: 3)
        let error = #expect(throws: LoadError.self) {
            try YAMLReader.read(SourceFile(path: "t.yaml", bytes: Array(yaml.utf8)), limits: limits)
        }
        #expect(error?.description == """
            t.yaml:3:7: error: alias expansion exceeds 3 nodes (a 'billion laughs' document?)
                <<: *a
                    ^
            """)
    }

    @Test func aliasDepthCountsTheExpansion() throws {
        // `a` reaches depth 512 where it is written; its copy one level deeper would reach 513.
        let yaml = "a: &a \(Self.nested(511))\nb: *a\nc: [*a]\n"
        let error = #expect(throws: LoadError.self) { try load(yaml) }
        #expect(error?.description == "t.yaml:3:5: error: nesting deeper than 512 levels\n  c: [*a]\n      ^")
    }

    @Test func scanEventsCountsLibyamlEvents() {
        // stream start, document start, mapping start, two scalars, mapping end, document end, stream end
        #expect(YAMLEventStream.scanEvents(Array("a: 1\n".utf8)) == 8)
        #expect(YAMLEventStream.scanEvents([]) == 2)
    }

    // MARK: Source map

    @Test(arguments: [
        ("/openapi", "1:1", "1:10"),
        ("/info/title", "3:3", "3:10"),
        ("/info/description", "4:3", "4:16"),
        ("/tags", "8:1", "8:7"),
        ("/tags/1", "8:13", "8:13"),
        ("/tags/2", "8:19", "8:19"),
        ("/components/schemas/Name", "14:5", "14:11"),
        ("/components/schemas/Name/maxLength", "16:7", "16:18"),
        ("/paths/~1café~1{id}/get/summary", "21:7", "21:16"),
        ("/paths/~1café~1{id}/get/parameters/0", "23:11", "23:11"),
        ("/paths/~1café~1{id}/get/parameters/0/in", "24:11", "24:15"),
        ("/paths/~1café~1{id}/get/parameters/1", "25:11", "25:11"),
        ("/paths/~1café~1{id}/get/parameters/1/in", "25:21", "25:25"),
        ("/paths/~1café~1{id}/get/responses/200", "27:9", "28:11"),
        // Reached through an alias: the member itself is where the alias stands, what is below it is the anchor's.
        ("/paths/~1café~1{id}/get/responses/200/content/application~1json/schema", "31:15", "31:23"),
        ("/paths/~1café~1{id}/get/responses/200/content/application~1json/schema/maxLength", "16:7", "16:18"),
        // Merged members point at the mapping they were merged from.
        ("/paths/~1café~1{id}/get/x-owner", "11:3", "11:12"),
        ("/paths/~1café~1{id}/get/deprecated", "10:3", "10:15"),
        // Past the end of the tree: the deepest value reached.
        ("/info/title/nothing", "3:3", "3:10"),
    ])
    func location(_ pointer: String, _ member: String, _ value: String) throws {
        let document = try YAMLReader.read(SourceFile(contentsOf: Self.fixture("locations.yaml")))
        let path = try JSONPointer(parsing: pointer)
        let file = Self.fixture("locations.yaml")
        #expect(document.location(of: path)?.description == "\(file):\(member)")
        #expect(document.sourceMap.valueLocation(of: path, in: document.root)?.description == "\(file):\(value)")
    }

    @Test func mergedMembersFollowExplicitOnes() throws {
        let document = try YAMLReader.read(SourceFile(contentsOf: Self.fixture("locations.yaml")))
        let get = try #require(document.root.value(at: JSONPointer(parsing: "/paths/~1café~1{id}/get"))?.objectValue)
        #expect(get.keys == ["summary", "parameters", "responses", "deprecated", "x-owner"])
        #expect(get["x-owner"] == .string("team-ä"))
    }

    // MARK: Helpers

    private func load(_ yaml: String) throws(LoadError) -> LoadedDocument {
        try YAMLReader.read(SourceFile(path: "t.yaml", bytes: Array(yaml.utf8)))
    }

    private static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
    }

    private static func object(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject(members))
    }

    /// `depth` nested flow sequences around `0`.
    private static func nested(_ depth: Int) -> String {
        String(repeating: "[", count: depth) + "0" + String(repeating: "]", count: depth)
    }

    private static func nestedValue(_ depth: Int) -> JSONValue {
        (0..<depth).reduce(JSONValue.integer(0)) { inner, _ in .array([inner]) }
    }

    /// Values in a tree: the source map has one entry for each.
    private static func count(_ value: JSONValue) -> Int {
        switch value {
        case .array(let items): return 1 + items.map(count).reduce(0, +)
        case .object(let object): return 1 + object.values.map(count).reduce(0, +)
        default: return 1
        }
    }
}
