import ConformTestSupport
import ConformValues
import Foundation
import Testing

@testable import ConformSchema

/// Runs the JSON-Schema-Test-Suite (../shared/corpus/json-schema-test-suite): draft 2020-12 as the OpenAPI 3.1
/// dialect, draft 4 as the base of the OpenAPI 3.0 dialect, remotes served from disk.
///
/// Cases that do not pass are listed in `Fixtures/suite-known-failures.txt` with a reason each; the test fails
/// when an unlisted case fails or a listed one starts to pass, so the list stays true.
@Suite struct JSONSchemaSuiteTests {
    struct Part: CustomTestStringConvertible, Sendable {
        var draft: String
        /// Folder under tests/<draft>/: "" for the required tests, "optional", "optional/format".
        var folder: String
        var minimumRate: Double
        var testDescription: String { "\(draft)/\(folder.isEmpty ? "required" : folder)" }
    }

    static let parts = [
        Part(draft: "draft2020-12", folder: "", minimumRate: 0.995),
        Part(draft: "draft4", folder: "", minimumRate: 0.995),
        Part(draft: "draft2020-12", folder: "optional/format", minimumRate: 0.95),
        Part(draft: "draft4", folder: "optional/format", minimumRate: 0.95),
        Part(draft: "draft2020-12", folder: "optional", minimumRate: 0.0),
        Part(draft: "draft4", folder: "optional", minimumRate: 0.0),
    ]

    @Test(.enabled(if: TestPaths.corpus != nil, Comment(rawValue: TestPaths.corpusMissingReason)), arguments: parts)
    func suitePart(_ part: Part) throws {
        let corpus = try #require(TestPaths.corpus)
        let runner = try SuiteRunner(corpus: corpus, draft: part.draft)
        let known = try SuiteKnownFailures.load()
        let directory = "\(corpus)/json-schema-test-suite/tests/\(part.draft)/\(part.folder)"
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted()
        var passed = 0
        var failed = 0
        var unexpected: [String] = []
        var nowPassing: [String] = []
        for file in files {
            let relative = "\(part.draft)/\(part.folder.isEmpty ? "" : part.folder + "/")\(file)"
            let outcomes = try runner.run(file: "\(directory)/\(file)", formatAssertion: part.folder == "optional/format")
            for outcome in outcomes {
                let key = "\(relative) | \(outcome.group) | \(outcome.test)"
                if outcome.passed {
                    passed += 1
                    if known.contains(key) { nowPassing.append(key) }
                } else {
                    failed += 1
                    if !known.contains(key) { unexpected.append(key) }
                }
            }
        }
        let rate = Double(passed) / Double(max(1, passed + failed))
        print("JSON-Schema-Test-Suite \(part.testDescription): \(passed) passed, \(failed) failed (\(String(format: "%.2f", rate * 100))%)")
        #expect(rate >= part.minimumRate)
        #expect(unexpected.isEmpty, "failing but not in suite-known-failures.txt:\n\(unexpected.joined(separator: "\n"))")
        #expect(nowPassing.isEmpty, "listed in suite-known-failures.txt but passing now:\n\(nowPassing.joined(separator: "\n"))")
    }
}

/// The checked-in list of cases that are known not to pass: `draft/file.json | group | test | reason`.
enum SuiteKnownFailures {
    static func load() throws -> Set<String> {
        let path = TestPaths.fixture("ConformSchemaTests", "suite-known-failures.txt")
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        var keys: Set<String> = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let fields = line.components(separatedBy: " | ")
            guard fields.count >= 4 else { continue }
            keys.insert(fields[0...2].joined(separator: " | "))
        }
        return keys
    }
}

/// Loads the suite's files and evaluates each test with a compiler that knows the remotes and meta-schemas.
struct SuiteRunner {
    struct Outcome {
        var group: String
        var test: String
        var passed: Bool
    }

    let dialect: SchemaDialect
    let base: SchemaCompiler

    init(corpus: String, draft: String) throws {
        dialect = draft == "draft4" ? .draft4 : .draft2020_12
        var compiler = SchemaCompiler(options: SchemaOptions(formatAssertion: false))
        let remotes = "\(corpus)/json-schema-test-suite/remotes"
        let enumerator = FileManager.default.enumerator(atPath: remotes)
        while let relative = enumerator?.nextObject() as? String {
            guard relative.hasSuffix(".json") else { continue }
            let value = try Self.read("\(remotes)/\(relative)")
            compiler.addSchemaDocument(value, uri: "http://localhost:1234/\(relative)", file: "remotes/\(relative)", dialect: dialect)
        }
        let metaschemas = "\(corpus)/json-schema-metaschemas"
        let draft4 = try Self.read("\(metaschemas)/draft-04/schema.json")
        compiler.addSchemaDocument(draft4, uri: "http://json-schema.org/draft-04/schema", file: "draft-04/schema.json", dialect: .draft4)
        for name in ["schema", "meta/core", "meta/applicator", "meta/unevaluated", "meta/validation", "meta/meta-data", "meta/format-annotation", "meta/format-assertion", "meta/content"] {
            let value = try Self.read("\(metaschemas)/draft2020-12/\(name).json")
            compiler.addSchemaDocument(value, uri: "https://json-schema.org/draft/2020-12/\(name)", file: "draft2020-12/\(name).json", dialect: .draft2020_12)
        }
        base = compiler
    }

    static func read(_ path: String) throws -> JSONValue {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try JSONReader.parse([UInt8](data), path: path)
    }

    func run(file: String, formatAssertion: Bool) throws -> [Outcome] {
        guard case .array(let groups) = try Self.read(file) else { return [] }
        var outcomes: [Outcome] = []
        for (number, group) in groups.enumerated() {
            guard let schema = group["schema"], case .array(let tests)? = group["tests"] else { continue }
            var compiler = base
            compiler.setFormatAssertion(formatAssertion)
            let document = compiler.addSchemaDocument(schema, uri: "file:///suite/\(URL(fileURLWithPath: file).lastPathComponent)/\(number)", file: file, dialect: dialect)
            let root = compiler.compile(document: document, pointer: .root)
            let compiled = compiler.finish()
            for test in tests {
                guard let data = test["data"], let expected = test["valid"]?.boolValue else { continue }
                let valid = compiled.isValid(data, against: root)
                // The collecting pass must agree with the fast one.
                let failures = compiled.validate(data, against: root)
                let agrees = failures.isEmpty == valid
                outcomes.append(Outcome(
                    group: group["description"]?.stringValue ?? "#\(number)",
                    test: test["description"]?.stringValue ?? "",
                    passed: valid == expected && agrees))
            }
        }
        return outcomes
    }
}
