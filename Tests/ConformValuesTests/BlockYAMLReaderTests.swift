import Foundation
import Testing

@testable import ConformValues
import ConformTestSupport

/// The block reader must build exactly what the libyaml reader builds (values and every source-map position), or
/// decline; it must never accept what libyaml rejects.
@Suite struct BlockYAMLReaderTests {
    typealias Outcome = BlockYAMLAgreement

    /// Reads `file` both ways and compares.
    static func compare(_ file: SourceFile) -> Outcome {
        BlockYAMLAgreement.compare(file)
    }

    static func file(_ text: String, path: String = "case.yaml") -> SourceFile {
        SourceFile(path: path, bytes: Array(text.utf8))
    }

    // MARK: Named cases

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var yaml: String
        /// Raw input when the text cannot say it (invalid UTF-8).
        var bytes: [UInt8]? = nil
        var testDescription: String { name }
    }

    /// Inputs the block reader takes; each must agree with libyaml exactly.
    static let acceptedCases: [Case] = [
        Case(name: "nested mappings", yaml: "openapi: 3.1.0\ninfo:\n  title: T\n  version: '1'\n"),
        Case(name: "indented root", yaml: "  a: 1\n  b: 2\n"),
        Case(name: "a leading document start", yaml: "# head\n---\na: 1\n"),
        Case(name: "document start with a comment", yaml: "--- # c\na: 1\n"),
        Case(name: "keys keep their text", yaml: "200: ok\non: yes\nnull: ~\n'404': x\n\"500\": y\n"),
        Case(name: "plain scalars are typed", yaml: "a: 12\nb: -3.5\nc: true\nd: null\ne: 0x1F\nf: 1e3\ng: .inf\n"),
        Case(name: "no trailing line break", yaml: "a: 1\nb: text"),
        Case(name: "comments everywhere", yaml: "# top\na: 1 # one\n  # indented\nb: # empty\n  c: 2\n"),
        Case(name: "empty values", yaml: "a:\nb:\n  c:\nd: 1\ne:"),
        Case(name: "empty value before a comment line", yaml: "a:\n# c\nb: 1\n"),
        Case(name: "block sequence", yaml: "list:\n  - 1\n  - two\n  - 'three'\n"),
        Case(name: "indentless sequence", yaml: "list:\n- a\n- b\nnext: 1\n"),
        Case(name: "sequence of mappings", yaml: "- name: a\n  in: query\n- name: b\n  schema:\n    type: string\n"),
        Case(name: "compact mapping with nested sequence", yaml: "- a:\n  - 1\n  - 2\n  b: 3\n"),
        Case(name: "item on the next line", yaml: "-\n  a: 1\n- # comment\n  b\n"),
        Case(name: "root sequence", yaml: "- 1\n- 2\n"),
        Case(name: "multi-line plain scalar", yaml: "d: one\n  two\n\n  three\n\n\n  four\ne: 5\n"),
        Case(name: "plain scalar on the next line", yaml: "d:\n  one\n  two\n"),
        Case(name: "plain scalar ending at a comment", yaml: "d: one\n  two # c\ne: 1\n"),
        Case(name: "plain continuation with indicators", yaml: "d: one\n  - two [x] {y} \"z\" 'w' & * ! | >\n"),
        Case(name: "plain scalar with inner spaces and hash", yaml: "d: a  b#c  d   \n"),
        Case(name: "sequence item continuation", yaml: "- a\n b\n- c\n"),
        Case(name: "single-quoted escapes", yaml: "a: 'it''s'\nb: ''\n"),
        Case(name: "double-quoted escapes", yaml: "a: \"x\\ny\\t\\\"\\\\\\/\\u00e9\\U0001F600\\x41\\0\\_\"\n"),
        Case(name: "quoted scalar then comment", yaml: "a: \"x\" # c\nb: 'y'   \n"),
        Case(name: "multi-line double-quoted scalar", yaml: "a: \"one\n  two  \n\n  three \\\n  four\\\n\n five\"\nb: 1\n"),
        Case(name: "multi-line single-quoted scalar", yaml: "a: 'it''s\n    long  \n\n  text'\n"),
        Case(name: "quoted continuation less indented", yaml: "a:\n  b: 'one\n two'\n  c: 1\n"),
        Case(name: "quoted scalar on the next line", yaml: "a:\n  \"one\n  two\"\n"),
        Case(name: "multi-line quoted item", yaml: "- \"a\n  b\"\n- 'c'\n"),
        Case(name: "nested compact sequences", yaml: "- - 1\n  - 2\n- - - 3\n"),
        Case(name: "indentation indicator", yaml: "a:\n  b: |2-\n     - x\n    y\n  c: >+1\n   z\n\n"),
        Case(name: "multi-line flow", yaml: "a:\n  {\n    \"x\": [1, 2], # c\n    \"y\":\"z\",\n    w: 3\n  }\nb: [\n  1,\n  two\n]\n"),
        Case(name: "multi-line flow less indented", yaml: "a:\n  b: [1,\n2]\n  c: 1\n"),
        Case(name: "unicode columns", yaml: "é: ü\nä:\n  - ö: ß\n    x: \"ñ\"\n"),
        Case(name: "literal block scalar", yaml: "a: |\n  line 1\n   more\n\n  line 3\nb: 1\n"),
        Case(name: "folded block scalar", yaml: "a: >\n  one\n  two\n\n  three\n    indented\n  four\nb: 1\n"),
        Case(name: "block scalar chomping", yaml: "a: |-\n  x\n\nb: |+\n  y\n\n\nc: >-\n  z\n\n"),
        Case(name: "block scalar at the end", yaml: "a: |\n  x\n  y"),
        Case(name: "block scalar with leading empty lines", yaml: "a: |\n\n  x\n\n\nb: 1\n"),
        Case(name: "block scalar with spaces beyond its indentation", yaml: "a: >\n  x\n    \n  y\nb: 1\n"),
        Case(name: "block scalar header comment", yaml: "a: | # c\n  x\n"),
        Case(name: "block scalar with a comment-like line", yaml: "a: |\n  # not a comment\n  x\n# a comment\nb: 1\n"),
        Case(name: "block scalar in a sequence", yaml: "- |\n  x\n- >\n  y\n  z\n"),
        Case(name: "empty block scalar", yaml: "a: |\nb: 1\n"),
        Case(name: "flow collections", yaml: "a: []\nb: {}\nc: [1, two, 'three', \"four\"]\nd: {x: 1, 'y': [a, b]}\n"),
        Case(name: "flow with spaces", yaml: "a: [ 1 ,  2 ]\nb: { x: y }  # c\n"),
        Case(name: "flow scalars with spaces", yaml: "required: [a b, c]\n"),
        Case(name: "keys with spaces and colons", yaml: "a b: 1\nc:d: 2\n\"e: f\": 3\nurl: http://x/y\n"),
        Case(name: "key with space before the colon", yaml: "a : 1\n"),
        Case(name: "dash-led plain scalars", yaml: "a: -1\nb: -x\n-c: 2\n"),
        Case(name: "deep nesting", yaml: (0..<60).map { String(repeating: "  ", count: $0) + "k\($0):\n" }.joined()
            + String(repeating: "  ", count: 60) + "v: 1\n"),
    ]

    @Test(arguments: acceptedCases)
    func agreesWithLibyaml(_ testCase: Case) {
        let file = Self.file(testCase.yaml)
        #expect(BlockYAMLReader.read(file, limits: .default) != nil, "the block reader declined")
        #expect(Self.compare(file) == .agreed)
    }

    /// Inputs left to libyaml: features outside the subset, and errors.
    static let declinedCases: [Case] = [
        Case(name: "anchor and alias", yaml: "a: &x 1\nb: *x\n"),
        Case(name: "tag", yaml: "a: !!str 1\n"),
        Case(name: "merge key", yaml: "b: {x: 1}\na:\n  <<: {y: 2}\n"),
        Case(name: "complex key", yaml: "? a\n: 1\n"),
        Case(name: "tab", yaml: "a:\t1\n"),
        Case(name: "CRLF", yaml: "a: 1\r\nb: 2\r\n"),
        Case(name: "byte-order mark", yaml: "\u{FEFF}a: 1\n"),
        Case(name: "NEL", yaml: "a: x\u{85}y\n"),
        Case(name: "two documents", yaml: "a: 1\n---\nb: 2\n"),
        Case(name: "document end", yaml: "a: 1\n...\n"),
        Case(name: "scalar document", yaml: "just text\n"),
        Case(name: "flow document", yaml: "{a: 1}\n"),
        Case(name: "empty document", yaml: "# nothing\n"),
        Case(name: "multi-line quoted key", yaml: "\"a\n b\": 1\n"),
        Case(name: "multi-line plain scalar in a flow", yaml: "a: [one\n  two]\n"),
        Case(name: "document marker inside a quoted scalar", yaml: "a: 'x\n--- y'\n"),
        Case(name: "trailing comma", yaml: "a: [1, 2, ]\n"),
        Case(name: "duplicate key", yaml: "a: 1\na: 2\n"),
        Case(name: "duplicate key in a large mapping",
             yaml: (0..<40).map { "k\($0): 1\n" }.joined() + "k7: 2\n"),
        Case(name: "duplicate flow key", yaml: "a: {x: 1, x: 2}\n"),
        Case(name: "mapping value in a plain scalar", yaml: "a: b: c\n"),
        Case(name: "mapping value in a continuation", yaml: "a: b\n  c: d\n"),
        Case(name: "sequence after a key on its line", yaml: "a: - 1\n"),
        Case(name: "bad indentation", yaml: "a:\n    b: 1\n  c: 2\n"),
        Case(name: "key where an item is expected", yaml: "a:\n  - 1\n  b: 2\n"),
        Case(name: "empty item", yaml: "- \n- 1\n"),
        Case(name: "indentation indicator 0", yaml: "a: |0\n   x\n"),
        Case(name: "text after a quoted scalar", yaml: "a: 'x' y\n"),
        Case(name: "control character", yaml: "a: \u{7}\n"),
        Case(name: "invalid UTF-8", yaml: "a: \u{FFFD}\n", bytes: [0x61, 0x3A, 0x20, 0xC3, 0x28, 0x0A]),
        Case(name: "reserved indicator", yaml: "a: @x\n"),
        Case(name: "surrogate escape", yaml: "a: \"\\uD800\"\n"),
        Case(name: "too deep for the block reader",
             yaml: (0...BlockYAMLReader.recursionLimit).map { String(repeating: " ", count: $0) + "k:\n" }.joined()
                + String(repeating: " ", count: BlockYAMLReader.recursionLimit + 1) + "v: 1\n"),
    ]

    @Test(arguments: declinedCases)
    func declines(_ testCase: Case) {
        let file = testCase.bytes.map { SourceFile(path: "case.yaml", bytes: $0) } ?? Self.file(testCase.yaml)
        #expect(BlockYAMLReader.read(file, limits: .default) == nil)
    }

    /// Columns in a non-ASCII line are counted from the last one found, not from the line's start each time:
    /// a line of 200,000 flow items would otherwise be counted 200,000 times over (a hang, not a slow test).
    @Test func longNonASCIILineIsReadInOnePass() throws {
        let items = (0..<200_000).map { "v\($0)" }.joined(separator: ", ")
        let file = Self.file("é: [" + items + "]\n")
        let document = try #require(BlockYAMLReader.read(file, limits: .default))
        #expect(document.root["é"]?.arrayValue?.count == 200_000)
        let last = JSONPointer(tokens: ["é", "199999"])
        #expect(document.location(of: last) == SourceLocation(file: "case.yaml", line: 1, column: 5 + items.count - 7))
    }

    /// The loader reads referenced files on worker threads, whose stacks are smaller than the main thread's: the
    /// deepest document the block reader takes (it recurses) must still fit there.
    @Test func deepestBlockDocumentFitsOnAWorkerThread() {
        let depth = BlockYAMLReader.recursionLimit - 1
        let block = (0..<depth).map { String(repeating: " ", count: $0) + "k:\n" }.joined()
            + String(repeating: " ", count: depth) + "v: 1\n"
        let flow = "k: " + String(repeating: "[", count: depth - 1) + String(repeating: "]", count: depth - 1) + "\n"
        let taken = Results()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            taken.record(BlockYAMLReader.read(Self.file(index == 0 ? block : flow), limits: .default) != nil)
        }
        #expect(taken.all == [true, true])
    }

    @Test func deepDocumentWithinTheLimitsStillLoads() throws {
        let depth = BlockYAMLReader.recursionLimit + 10
        let yaml = (0..<depth).map { String(repeating: " ", count: $0) + "k:\n" }.joined()
            + String(repeating: " ", count: depth) + "v: 1\n"
        let document = try YAMLReader.read(Self.file(yaml))
        var value = document.root
        for _ in 0..<depth { value = value["k"]! }
        #expect(value == .object(JSONObject([("v", .integer(1))])))
    }

    // MARK: Corpus

    /// Every YAML file of the corpus: each is read both ways and must agree whenever the block reader takes it.
    /// The block reader must take nearly all of them (else it is not the fast path it is meant to be).
    @Test(.enabled(if: TestPaths.corpus != nil, Comment(rawValue: TestPaths.corpusMissingReason)))
    func agreesOnEveryCorpusFile() throws {
        let corpus = try #require(TestPaths.corpus)
        let paths = Self.yamlFiles(under: corpus)
        try #require(paths.count > 1000, "expected the corpus's YAML files, found \(paths.count)")
        var declined: [String] = []
        for path in paths {
            let file = try SourceFile(contentsOf: path)
            switch Self.compare(file) {
            case .agreed: break
            case .declined: declined.append(path)
            case .differs(let difference): Issue.record("\(path): \(difference)")
            }
        }
        let taken = paths.count - declined.count
        print("block YAML reader: \(taken) of \(paths.count) corpus YAML files read without libyaml")
        #expect(Double(taken) >= Double(paths.count) * 0.95, "declined: \(declined.prefix(20))")
    }

    /// Mutated corpus files (a character deleted, an indicator inserted, a line repeated or re-indented): the block
    /// reader declines or agrees with libyaml, and never accepts what libyaml rejects.
    @Test(.enabled(if: TestPaths.corpus != nil, Comment(rawValue: TestPaths.corpusMissingReason)))
    func agreesOnMutatedFiles() throws {
        let corpus = try #require(TestPaths.corpus)
        let paths = Self.yamlFiles(under: corpus).filter { path in
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int ?? 0
            return (200...20_000).contains(size)
        }
        var generator = JSONReaderTests.SplitMix(seed: 0x5EED)
        let inserts: [[UInt8]] = ["- ", ": ", " #", "'", "\"", "[", "{", "}", "|", ">", "\n", "  ", "&a ", "*a", "!",
                                  "? ", "---\n", "\\", ",", "é"].map { Array($0.utf8) }
        var checked = 0
        var agreed = 0
        for path in paths.prefix(400) {
            let original = try SourceFile(contentsOf: path).bytes
            for _ in 0..<12 {
                var bytes = original
                let position = Int(generator.next() % UInt64(bytes.count))
                switch generator.next() % 4 {
                case 0:
                    bytes.remove(at: position)
                case 1:
                    bytes.insert(contentsOf: inserts[Int(generator.next() % UInt64(inserts.count))], at: position)
                case 2:
                    let start = bytes[..<position].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
                    bytes.insert(contentsOf: [UInt8](repeating: 0x20, count: 1 + Int(generator.next() % 3)), at: start)
                default:
                    let start = bytes[..<position].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
                    let end = bytes[position...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
                    bytes.insert(contentsOf: bytes[start..<end], at: end)
                }
                switch Self.compare(SourceFile(path: path, bytes: bytes)) {
                case .agreed: agreed += 1
                case .declined: break
                case .differs(let difference): Issue.record("\(path) mutated at byte \(position): \(difference)")
                }
                checked += 1
            }
        }
        print("block YAML reader: \(agreed) of \(checked) mutated files read without libyaml, the same as libyaml")
        // Most mutations leave valid YAML in the subset; if none were taken, the comparison proved nothing.
        #expect(checked > 1000 && agreed > checked / 4)
    }

    /// Generated documents in the block style (nested mappings and sequences, every scalar style, comments, blank
    /// lines, odd indentation, unicode, some invalid lines): each is read both ways and must agree or be declined.
    /// The corpus has the shapes real descriptions take; this reaches the corners between them.
    @Test func agreesOnGeneratedDocuments() {
        var generator = DocumentGenerator(seed: 0xB10C)
        var agreed = 0
        var valid = 0
        for _ in 0..<4_000 {
            let text = generator.document()
            if (try? YAMLReader.readWithLibyaml(Self.file(text))) != nil { valid += 1 }
            switch Self.compare(Self.file(text)) {
            case .agreed: agreed += 1
            case .declined: break
            case .differs(let difference): Issue.record("\(difference)\n---\n\(text)---")
            }
        }
        print("block YAML reader: \(agreed) of the \(valid) valid generated documents read without libyaml, the same")
        // Most valid documents are in the subset; if few were taken, the comparison proved little.
        #expect(valid > 1_000 && agreed * 10 > valid * 7)
    }

    /// Writes random block-style YAML documents.
    struct DocumentGenerator {
        var random: JSONReaderTests.SplitMix

        init(seed: UInt64) {
            random = JSONReaderTests.SplitMix(seed: seed)
        }

        mutating func pick<T>(_ choices: [T]) -> T {
            choices[Int(random.next() % UInt64(choices.count))]
        }

        mutating func chance(_ percent: UInt64) -> Bool {
            random.next() % 100 < percent
        }

        static let keys = ["a", "b c", "200", "on", "null", "x-y", "$ref", "é", "k:v", "a#b", "'q'", "\"d q\"",
                           "\"e\\n\"", "'it''s'", "-k", "key "]
        static let plains = ["1", "-2.5e3", "0x1F", "true", "~", "null", "yes", "text", "a b  c", "a#b", "x - y",
                             "http://h/p?q=1", "ü ß", "[x]", "{y}", "a:b", "a: b", ": x", "@x", "|", "'", "-", "- x",
                             ".inf", "%x", "a,b", "1_000"]
        static let quoted = ["'x'", "''", "'a''b'", "\"x\"", "\"\\t\\u00e9\\x41\"", "\"a\\\"b\"", "'#'", "\": \"",
                             "\"\\q\"", "'é'"]

        mutating func document() -> String {
            var lines: [String] = []
            if chance(10) { lines.append(pick(["---", "# head", "--- # c"])) }
            if chance(85) {
                mapping(indent: pick([0, 0, 0, 2]), depth: 0, into: &lines)
            } else {
                sequence(indent: 0, depth: 0, into: &lines)
            }
            return lines.joined(separator: "\n") + (chance(90) ? "\n" : "")
        }

        mutating func mapping(indent: Int, depth: Int, into lines: inout [String]) {
            let pad = String(repeating: " ", count: indent)
            for _ in 0..<(1 + Int(random.next() % 4)) {
                let key = chance(90) ? pick(Self.keys) : pick(Self.keys) + String(random.next() % 1000)
                value(prefix: pad + key + ":", indent: indent, depth: depth, into: &lines)
                noise(indent: indent, into: &lines)
            }
        }

        mutating func sequence(indent: Int, depth: Int, into lines: inout [String]) {
            let pad = String(repeating: " ", count: indent)
            for _ in 0..<(1 + Int(random.next() % 4)) {
                if depth < 4 && chance(25) {
                    // A compact mapping as the item.
                    var item: [String] = []
                    mapping(indent: indent + 2, depth: depth + 1, into: &item)
                    item[0] = pad + "- " + item[0].dropFirst(indent + 2)
                    lines += item
                } else if depth < 4 && chance(10) {
                    var item: [String] = []
                    sequence(indent: indent + 2, depth: depth + 1, into: &item)
                    item[0] = pad + "- " + item[0].dropFirst(indent + 2)
                    lines += item
                } else {
                    value(prefix: pad + "-", indent: indent, depth: depth, into: &lines)
                }
                noise(indent: indent, into: &lines)
            }
        }

        /// A value after `prefix` (`key:` or `-`): on its line, or on the lines below.
        mutating func value(prefix: String, indent: Int, depth: Int, into lines: inout [String]) {
            let deeper = indent + pick([1, 2, 2, 4])
            switch random.next() % 10 {
            case 0 where depth < 4:
                lines.append(prefix + pick(["", " # c"]))
                mapping(indent: deeper, depth: depth + 1, into: &lines)
            case 1 where depth < 4:
                lines.append(prefix)
                sequence(indent: prefix.hasSuffix(":") && chance(50) ? indent : deeper, depth: depth + 1, into: &lines)
            case 2:
                let header = pick(["|", ">", "|-", ">+", "|2", ">-1", "| # c", "|+"])
                lines.append(prefix + " " + header)
                let pad = String(repeating: " ", count: deeper)
                for _ in 0..<(Int(random.next() % 4)) {
                    lines.append(pick([pad + pick(Self.plains), pad + "  more", "", pad, pad + "   ", pad + "# t"]))
                }
            case 3:
                lines.append(prefix + " " + pick(Self.plains))
                let pad = String(repeating: " ", count: deeper)
                for _ in 0..<(Int(random.next() % 3)) {
                    lines.append(pick([pad + pick(Self.plains), "", pad + "word"]))
                }
            case 4:
                let quote = pick(["'", "\""])
                lines.append(prefix + " " + quote + "one" + pick([" ", "", "\\"]))
                lines.append(pick(["", String(repeating: " ", count: deeper)]) + "two" + quote)
            case 5:
                lines.append(prefix + " " + flow(depth: 0))
            case 6:
                lines.append(prefix + pick(["", " ", " # empty"]))
            default:
                let scalar = chance(70) ? pick(Self.plains) : pick(Self.quoted)
                lines.append(prefix + " " + scalar + pick(["", "", " # c", "  ", "#x"]))
            }
        }

        mutating func flow(depth: Int) -> String {
            let items = (0..<(Int(random.next() % 4))).map { _ -> String in
                if depth < 3 && chance(20) { return flow(depth: depth + 1) }
                return chance(70) ? pick(["1", "a", "b c", "é", "-1", "true"]) : pick(Self.quoted)
            }
            if chance(50) { return "[" + items.joined(separator: pick([", ", ",", " , "])) + "]" }
            let members = items.enumerated().map { pick(["k", "'q'", "\"d\""]) + String($0.offset) + pick([": ", ":"]) + $0.element }
            return "{" + members.joined(separator: ", ") + "}"
        }

        /// Now and then a blank line or a comment between entries.
        mutating func noise(indent: Int, into lines: inout [String]) {
            guard chance(15) else { return }
            lines.append(pick(["", "# c", String(repeating: " ", count: indent) + "# c", "   "]))
        }
    }

    static func yamlFiles(under root: String) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: root)
        var paths: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            if relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") { paths.append(root + "/" + relative) }
        }
        return paths.sorted()
    }

    /// Verdicts recorded from worker threads.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Bool] = []

        func record(_ value: Bool) {
            lock.withLock { values.append(value) }
        }

        var all: [Bool] { lock.withLock { values } }
    }
}
