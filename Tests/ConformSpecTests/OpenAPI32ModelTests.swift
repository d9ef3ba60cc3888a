import ConformFindings
import ConformTestSupport
import ConformValues
import Testing

@testable import ConformSpec

/// What the model reads of OpenAPI 3.2 that 3.0 and 3.1 do not have: the `query` operation, `additionalOperations`,
/// `in: querystring` and its rules, and that none of it is read from a 3.1 document.
@Suite struct OpenAPI32ModelTests {
    static func build(_ file: String) throws -> (OpenAPIDocument, [String]) {
        let loaded = try SpecLoader.load(path: TestPaths.fixture("ConformSpecTests", "oas32/\(file)"))
        let (document, findings) = ModelBuilder.build(loaded)
        let rendered = findings.sorted(locatedBy: loaded.bundle).map { finding in
            let location = finding.specPointer.flatMap(loaded.bundle.location(of:))
            return "\(location.map { "\($0.line):\($0.column)" } ?? "?") \(finding.rule.name) \(finding.message)"
        }
        return (document, rendered)
    }

    @Test func queryAndAdditionalOperationsAreOperations() throws {
        let (document, _) = try Self.build("methods.yaml")
        let cache = try #require(document.paths.first { $0.template == "/cache" })
        #expect(cache.operations.map(\.method.name) == ["QUERY", "PURGE", "M-SEARCH"])
        #expect(cache.operations.map(\.key.description) == ["QUERY /cache", "PURGE /cache", "M-SEARCH /cache"])
        #expect(cache.operations[0].method == .query && cache.operations[0].method.isSafe)
        #expect(cache.operations[1].method.fixedField == nil)
    }

    /// A fixed method repeated under `additionalOperations`, a key that is no method token, two querystring
    /// parameters (one inherited from the path item) and querystring mixed with query: each is said, where it is.
    @Test func misusesOfTheNewFieldsAreLocatedFindings() throws {
        let (_, findings) = try Self.build("methods.yaml")
        #expect(findings == [
            "19:7 spec-structure additionalOperations names 'GET', which has its own field 'get' in a Path Item; use that field",
            "22:7 spec-structure additionalOperations key 'not a token' is not an HTTP method token (letters, digits and !#$%&'*+-.^_`|~)",
            "34:11 spec-structure GET /search has querystring parameter 'whole' and query parameter 'page'; a querystring parameter describes the whole query string, so it cannot be mixed with query parameters",
            "37:11 spec-parameter-duplicate GET /search has a second querystring parameter 'again' besides 'whole'; there can be only one",
        ])
    }

    /// A fixed-field method matches a request's method in any case; an additional one only as written.
    @Test(arguments: [
        ("GET", "get", true), ("GET", "Get", true), ("QUERY", "query", true),
        ("PURGE", "PURGE", true), ("PURGE", "purge", false), ("M-SEARCH", "M-SEARCH", true),
    ])
    func methodsMatchAsHTTPSays(_ documented: String, _ sent: String, _ matches: Bool) {
        let method = HTTPMethod(fixedToken: documented) ?? HTTPMethod(additional: documented)
        #expect(method.matches(sent) == matches)
    }

    @Test func methodsOrderAsTheSpecificationListsThem() {
        let methods: [HTTPMethod] = [HTTPMethod(additional: "PURGE"), .query, .trace, .get, HTTPMethod(additional: "LINK"), .post]
        #expect(methods.sorted().map(\.name) == ["GET", "POST", "TRACE", "QUERY", "LINK", "PURGE"])
    }

    /// In a 3.1 document `query`, `additionalOperations` and `in: querystring` mean nothing: no operation is made
    /// of them (the meta-schema reports the unknown fields), and the parameter is refused as 3.1 refuses it.
    @Test func aThreeOneDocumentReadsNoneOfIt() throws {
        let (document, findings) = try Self.build("query-in-31.yaml")
        #expect(document.operations.map(\.key.description) == ["GET /cache"])
        #expect(findings == ["15:11 spec-structure parameter 'whole' has 'in: querystring'; it must be path, query, header or cookie"])
    }
}

/// `$self`: the entry is known by its `$self`, a file beside it by the URI its place gives it, so a relative
/// `$ref` and the absolute URI it stands for reach the same file (`Fixtures/oas32/self.yaml`).
@Suite struct SelfURITests {
    @Test func relativeAndAbsoluteReferencesReachTheSameFile() throws {
        let path = TestPaths.fixture("ConformSpecTests", "oas32/self.yaml")
        let loaded = try SpecLoader.load(path: path)
        #expect(loaded.findings.map(\.message) == [])
        let bundle = loaded.bundle
        #expect(bundle.documentURI(of: bundle.entryPath) == "https://api.example.com/catalog/openapi.yaml")
        let schemas = SpecPointer(file: bundle.entryPath, pointer: JSONPointer(tokens: ["components", "schemas"]))
        let relative = try bundle.follow(schemas / "Relative").get()
        let absolute = try bundle.follow(schemas / "Absolute").get()
        #expect(relative.pointer == absolute.pointer)
        #expect(relative.pointer.file.hasSuffix("oas32/schemas/pet.yaml"))
        let other = try #require(bundle.filePaths.first { $0.hasSuffix("pet.yaml") })
        #expect(bundle.documentURI(of: other) == "https://api.example.com/catalog/schemas/pet.yaml")
    }

    /// A file up and beside the entry's folder (`../common/error.yaml`), when references may reach it, is known by
    /// the URI the same relative reference gives against `$self`.
    @Test func aFileOutsideTheEntrysFolderIsKnownByItsRelativeURI() throws {
        var limits = LoadLimits.default
        limits.allowExternalReferences = true
        let loaded = try SpecLoader.load(path: TestPaths.fixture("ConformSpecTests", "oas32-outside/api/openapi.yaml"), limits: limits)
        #expect(loaded.findings.map(\.message) == [])
        let bundle = loaded.bundle
        let other = try #require(bundle.filePaths.first { $0.hasSuffix("common/error.yaml") })
        #expect(bundle.documentURI(of: other) == "https://api.example.com/common/error.yaml")
        let schemas = SpecPointer(file: bundle.entryPath, pointer: JSONPointer(tokens: ["components", "schemas"]))
        #expect(try bundle.follow(schemas / "Error").get().pointer == bundle.follow(schemas / "SameError").get().pointer)
    }

    /// Without leave to go outside the folder, the relative reference is refused as one without `$self` is: the
    /// finding names the file and the flag, not "a remote document". The absolute URI then names no loaded
    /// document, and is remote.
    @Test func aRefusedFileIsSaidToBeOutsideTheFolder() throws {
        let loaded = try SpecLoader.load(path: TestPaths.fixture("ConformSpecTests", "oas32-outside/api/openapi.yaml"))
        let messages = loaded.findings.map(\.message)
        #expect(messages.count == 2)
        #expect(messages.first?.contains("is outside the description's folder") == true, "\(messages)")
        #expect(messages.last?.hasSuffix("is a remote document, and remote references are not fetched without --allow-remote-refs") == true, "\(messages)")
    }

    /// Without `$self` a file is known by its path, as in 3.1.
    @Test func withoutSelfFilesAreKnownByTheirPath() throws {
        let loaded = try SpecLoader.load(path: TestPaths.fixture("ConformSpecTests", "oas32/methods.yaml"))
        #expect(loaded.bundle.documentURI(of: loaded.bundle.entryPath) == nil)
    }
}
