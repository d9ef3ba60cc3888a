import ConformFindings
import ConformTestSupport
import ConformValues
import Testing

@testable import ConformSpec

@Suite struct SpecLoaderTests {
    private func fixture(_ name: String) -> String {
        TestPaths.fixture("ConformSpecTests", name)
    }

    /// `file:line:col` of a finding, with the fixture directory cut off so expectations stay short.
    private func place(_ finding: Finding, in bundle: SpecBundle) -> String {
        let location = finding.sourceLocation ?? finding.specPointer.flatMap(bundle.location(of:))
        let text = location?.description ?? "?"
        return text.replacingOccurrences(of: TestPaths.fixture("ConformSpecTests", ""), with: "")
    }

    @Test(arguments: [
        ("specs/api.yaml", "common.yaml", "specs/common.yaml"),
        ("specs/api.yaml", "./common.yaml", "specs/common.yaml"),
        ("specs/v1/api.yaml", "../shared/common.yaml", "specs/shared/common.yaml"),
        ("specs/v1/api.yaml", "../../../up.yaml", "../up.yaml"),
        ("api.yaml", "a//b/./c.yaml", "a/b/c.yaml"),
        ("api.yaml", "../x/../y.yaml", "../y.yaml"),
        ("/abs/dir/api.yaml", "../../../../etc.yaml", "/etc.yaml"),
        ("/abs/dir/api.yaml", "/other/./x.yaml", "/other/x.yaml"),
        ("a/b/api.yaml", "../../c.yaml", "c.yaml"),
        ("a/api.yaml", "b/../../../c.yaml", "../c.yaml"),
        ("dir/api.yaml", "sub/ünïcode.yaml", "dir/sub/ünïcode.yaml"),
    ])
    func referencedPathsAreJoinedAndNormalized(_ base: String, _ relative: String, _ expected: String) {
        #expect(RefPath.join(base, relative) == expected)
    }

    @Test func followsRelativeFilesFragmentsAndChains() throws {
        let loaded = try SpecLoader.load(path: fixture("refs/main.yaml"))
        #expect(loaded.findings.isEmpty, "\(loaded.findings)")
        #expect(loaded.bundle.documents.count == 3)
        let (document, findings) = ModelBuilder.build(loaded)
        #expect(findings.isEmpty, "\(findings)")

        let getPet = try #require(document.operations.first { $0.operationID == "getPet" })
        let petID = try #require(getPet.parameters.first)
        #expect(petID.name == "petId" && petID.location == .path)
        #expect(petID.origin.file.hasSuffix("refs/shared/parameters.yaml"))
        #expect(petID.origin.pointer.description == "/PetId")

        let notFound = try #require(getPet.responses.first { $0.key == .status(404) })
        #expect(notFound.origin.pointer.description == "/components/responses/NotFound")

        // A response that is a $ref to a $ref lands on the value at the end of the chain.
        let tilde = try #require(document.operations.first { $0.operationID == "tilde" })
        #expect(tilde.path == "/a~b/c")
        #expect(tilde.responses.first?.origin.pointer.description == "/components/responses/NotFound")
    }

    @Test func resolvesEscapedAndPercentEncodedFragments() throws {
        let loaded = try SpecLoader.load(path: fixture("refs/main.yaml"))
        let bundle = loaded.bundle
        let site = SpecPointer(file: bundle.entryPath, pointer: .root)
        let escaped = try bundle.resolve("#/paths/~1a~0b~1c/get", from: site).get()
        #expect(escaped.pointer.tokens == ["paths", "/a~b/c", "get"])
        let encoded = try bundle.resolve("#/components/schemas/Error%20Body", from: site).get()
        #expect(encoded.pointer.tokens == ["components", "schemas", "Error Body"])
        // `../shared/schemas.yaml` from inside `shared/` is the same file, under one normalized name.
        let owner = try bundle.resolve("../shared/schemas.yaml#/Owner", from: SpecPointer(file: fixture("refs/shared/schemas.yaml"), pointer: .root)).get()
        #expect(owner.file == fixture("refs/shared/schemas.yaml"))
    }

    @Test func recursiveSchemasAreNotCycles() throws {
        let loaded = try SpecLoader.load(path: fixture("refs/main.yaml"))
        #expect(!loaded.findings.contains { $0.rule == .specRefCycle })
    }

    @Test func reportsEveryBrokenReferenceAtItsRef() throws {
        let loaded = try SpecLoader.load(path: fixture("refs/broken.yaml"))
        let rendered = loaded.findings.sorted(locatedBy: loaded.bundle).map { "\(place($0, in: loaded.bundle)) \($0.rule.name): \($0.message)" }
        #expect(rendered == [
            "refs/broken.yaml:10:11 spec-ref-unresolved: '$ref: #/components/responses/Missing' cannot be resolved: '\(fixture("refs/broken.yaml"))' has nothing at '#/components/responses/Missing'",
            "refs/broken.yaml:12:11 spec-ref-unresolved: '$ref: nowhere.yaml#/Error' cannot be resolved: the file '\(fixture("refs/nowhere.yaml"))' does not exist",
            "refs/broken.yaml:16:11 spec-ref-unresolved: '$ref: shared/bad-syntax.yaml#/Error' cannot be resolved: the file '\(fixture("refs/shared/bad-syntax.yaml"))' cannot be loaded (did not find expected ',' or ']' while parsing a flow sequence that began at line 3, column 22)",
            "refs/broken.yaml:20:7 spec-ref-cycle: '$ref' never reaches a value: the references form a cycle, \(fixture("refs/broken.yaml"))#/components/responses/Loop1 → \(fixture("refs/broken.yaml"))#/components/responses/Loop2 → \(fixture("refs/broken.yaml"))#/components/responses/Loop1",
            "refs/broken.yaml:25:7 spec-ref-unresolved: '$ref: https://example.com/schemas/thing.json' cannot be resolved: 'https://example.com/schemas/thing.json' is a remote document, and remote references are not fetched without --allow-remote-refs",
            "refs/shared/bad-syntax.yaml:3:27 spec-load-failed: did not find expected ',' or ']' while parsing a flow sequence that began at line 3, column 22",
        ])
    }

    @Test func resolvesSchemaIdentifiersAndAnchors() throws {
        let loaded = try SpecLoader.load(path: fixture("refs/ids.yaml"))
        #expect(loaded.findings.isEmpty, "\(loaded.findings)")
        let bundle = loaded.bundle
        let tree = SpecPointer(file: bundle.entryPath, pointer: try JSONPointer(parsing: "/components/schemas/Tree/properties/children/items"))
        let node = try bundle.resolve("#node", from: tree).get()
        #expect(node.pointer.description == "/components/schemas/Tree/$defs/node")
        let leaf = try bundle.resolve("leaf", from: tree).get()
        #expect(leaf.pointer.description == "/components/schemas/Leaf")
    }

    struct VersionCase: CustomTestStringConvertible, Sendable {
        var file: String
        var expected: String
        var testDescription: String { file }
    }

    @Test(arguments: [
        VersionCase(file: "versions/swagger2.yaml", expected: "versions/swagger2.yaml:1:1: error: Swagger 2.0 is not supported; openapi-conform reads OpenAPI 3.0, 3.1 and 3.2 (convert the document first, e.g. with swagger2openapi)\n  swagger: \"2.0\"\n  ^"),
        VersionCase(file: "versions/openapi4.yaml", expected: "versions/openapi4.yaml:1:1: error: OpenAPI 4.0.0 is not supported; openapi-conform reads OpenAPI 3.0.x, 3.1.x and 3.2.x\n  openapi: 4.0.0\n  ^"),
        VersionCase(file: "versions/unquoted.yaml", expected: "versions/unquoted.yaml:1:1: error: 'openapi' must be a version string such as \"3.1.0\", found number 3.0\n  openapi: 3.0\n  ^"),
        VersionCase(file: "versions/plain.yaml", expected: "versions/plain.yaml:1:1: error: no 'openapi' field: this is not an OpenAPI description\n  title: not an openapi document\n  ^"),
        VersionCase(file: "versions/array.yaml", expected: "versions/array.yaml:1:1: error: an OpenAPI description is an object, but this file holds an array\n  - 1\n  ^"),
    ])
    func refusesWhatIsNotOpenAPI3(_ test: VersionCase) throws {
        let error = #expect(throws: LoadError.self) { try SpecLoader.load(path: fixture(test.file)) }
        let text = error?.description.replacingOccurrences(of: TestPaths.fixture("ConformSpecTests", ""), with: "")
        #expect(text == test.expected)
    }
}
