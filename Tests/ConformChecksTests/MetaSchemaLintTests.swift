import ConformFindings
import ConformTestSupport
import Foundation
import Testing

import ConformCheckSupport
import OpenAPIConform

@testable import ConformChecks

/// `lint` checks a description against the JSON Schema published with its OpenAPI version, and says what it breaks
/// once, in the terms of the specification, at the line of the offending part. Each case is a small description
/// in `Fixtures/meta-schema/`, in the style of a real API, named after the construct it shows, with every finding
/// `lint` gives for it: what the meta-schema adds, and where the model builder already said the same, that and
/// nothing more.
@Suite struct MetaSchemaLintTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var construct: String
        var file: String
        /// Every finding as `file:line:col severity[rule] message`, in reading order.
        var findings: [String]
        var testDescription: String { construct }
    }

    static func fixture(_ name: String) -> String {
        TestPaths.fixture("ConformChecksTests", "meta-schema/\(name)")
    }

    static func lint(_ name: String) throws -> Contract {
        try Contract(path: fixture(name), config: ConformConfig(), lint: true)
    }

    static func rendered(_ contract: Contract) -> [String] {
        let prefix = fixture("")
        return contract.findings.map { finding in
            let location = finding.specPointer.flatMap(contract.bundle.location(of:))?.description ?? "?"
            return "\(location.replacingOccurrences(of: prefix, with: "")) \(finding.severity)[\(finding.rule.name)] \(finding.message)"
        }
    }

    static let breaking: [Case] = [
        Case(
            construct: "a 3.1 license with both url and identifier",
            file: "license-url-and-identifier.yaml",
            findings: [
                "license-url-and-identifier.yaml:5:3 error[spec-structure] the license has both 'url' and 'identifier'; OpenAPI 3.1 allows only one of them",
            ]),
        Case(
            construct: "a response without description",
            file: "response-without-description.yaml",
            findings: [
                "response-without-description.yaml:10:9 error[spec-structure] response '200' of GET /pets has no 'description', which OpenAPI requires",
            ]),
        Case(
            construct: "an unknown field in a 3.0 Operation, with the field meant",
            file: "unknown-operation-field.yaml",
            findings: [
                "unknown-operation-field.yaml:9:7 error[spec-structure] 'summery' is not a field of an Operation Object (GET /pets); did you mean 'summary'?",
            ]),
        Case(
            construct: "top-level tags that are a string",
            file: "tags-not-an-array.yaml",
            findings: ["tags-not-an-array.yaml:5:1 error[spec-structure] 'tags' must be an array, found the string \"pets\""]),
        Case(
            construct: "an openapi version that is no 3.0.x version",
            file: "openapi-version.yaml",
            findings: [
                "openapi-version.yaml:1:1 error[spec-structure] 'openapi' is \"3.0\", which is not a version of OpenAPI 3.0 (it must match ^3\\.0\\.\\d(-.+)?$, as in \"3.0.3\")",
            ]),
        Case(
            construct: "a query parameter with a path style: the alternative its 'in' names, not a list of four",
            file: "query-parameter-path-style.yaml",
            findings: [
                "query-parameter-path-style.yaml:12:11 error[spec-structure] 'style' of parameter 'limit' of GET /pets is \"matrix\"; it must be one of \"form\", \"spaceDelimited\", \"pipeDelimited\" or \"deepObject\" when 'in' is \"query\"",
            ]),
        Case(
            construct: "an oauth2 security scheme without flows",
            file: "oauth2-without-flows.yaml",
            findings: [
                "oauth2-without-flows.yaml:16:5 error[spec-structure] security scheme 'petstoreAuth' has no 'flows', which OpenAPI requires when 'type' is \"oauth2\"",
            ]),
        Case(
            construct: "a link with both operationId and operationRef",
            file: "link-operation-id-and-ref.yaml",
            findings: [
                "link-operation-id-and-ref.yaml:13:13 error[spec-structure] link 'GetUser' of response '201' of POST /users has both 'operationId' and 'operationRef'; OpenAPI 3.0 allows only one of them",
            ]),
        Case(
            construct: "a 3.1 component name with a space",
            file: "component-name.yaml",
            findings: [
                "component-name.yaml:18:5 error[spec-structure] 'Pet List' in 'components/schemas' is not a valid component name: names may use only A–Z, a–z, 0–9, '.', '-' and '_'",
            ]),
        Case(
            construct: "a 3.0 schema with the 3.1 keyword examples",
            file: "schema-keyword-3.0.yaml",
            findings: [
                "schema-keyword-3.0.yaml:26:7 error[spec-structure] 'examples' is not a field of a Schema Object (schema 'Pet'); did you mean 'example'?",
            ]),
        Case(
            construct: "a server with 'urls' for 'url': the missing url once, and the misspelt field",
            file: "server-without-url.yaml",
            findings: [
                "server-without-url.yaml:6:5 error[spec-structure] a server has no 'url', which is required",
                "server-without-url.yaml:6:5 error[spec-structure] 'urls' is not a field of a Server Object (server 1); did you mean 'url'?",
            ]),
    ]

    /// The model builder reports these already; the meta-schema catches them too, and must not say them again.
    static let reportedOnce: [Case] = [
        Case(
            construct: "info without version",
            file: "info-without-version.yaml",
            findings: ["info-without-version.yaml:2:1 error[spec-structure] 'info' has no 'version', which is required"]),
        Case(
            construct: "a path parameter with required: false",
            file: "path-parameter-not-required.yaml",
            findings: ["path-parameter-not-required.yaml:10:11 error[spec-structure] path parameter 'petId' must have 'required: true'"]),
        Case(
            construct: "a 3.1 description with neither paths, components nor webhooks",
            file: "nothing-to-describe.yaml",
            findings: ["nothing-to-describe.yaml:1:1 error[spec-structure] an OpenAPI 3.1 description needs 'paths', 'webhooks' or 'components'"]),
        Case(
            construct: "a misplaced $ref that is followed: its warning, and nothing of the meta-schema",
            file: "misplaced-content-ref.yaml",
            findings: [
                "misplaced-content-ref.yaml:15:13 warning[spec-ref-misplaced] 'content' cannot be a Reference Object in OpenAPI 3.0.3; the '$ref' is followed anyway",
            ]),
    ]

    static let quiet: [Case] = [
        Case(construct: "the Petstore", file: "petstore.yaml", findings: []),
        Case(construct: "x- extensions in 3.0 objects and maps", file: "extensions.yaml", findings: []),
        Case(construct: "x- extensions in 3.1 objects and webhooks", file: "extensions-3.1.yaml", findings: []),
        Case(construct: "a 3.1 link with a server, which the 2022-10-07 schema misnames 'body'", file: "link-server-3.1.yaml", findings: []),
    ]

    @Test(arguments: breaking + reportedOnce + quiet)
    func lintSaysWhatTheMetaSchemaFindsOnce(_ example: Case) throws {
        let contract = try Self.lint(example.file)
        #expect(Self.rendered(contract) == example.findings)
    }

    /// Where the model builder spoke first, the meta-schema catches the same thing: it is left out as said, not
    /// missed.
    @Test(arguments: reportedOnce.filter { $0.file != "misplaced-content-ref.yaml" })
    func theMetaSchemaAloneCatchesWhatTheModelSaid(_ example: Case) throws {
        let contract = try Self.lint(example.file)
        let context = LintContext(document: contract.document, bundle: contract.bundle, schemas: contract.schemas)
        let alone = LintRule.metaSchema(context)
        #expect(alone.count == 1, "\(alone)")
        #expect(alone.first?.rule == .specStructure)
        let said = try #require(contract.findings.first?.specPointer)
        let found = try #require(alone.first?.specPointer)
        #expect(found.file == said.file && found.pointer.hasPrefix(said.pointer), "\(found) is not at or under \(said)")
    }

    /// A description split into files: the parts in other files are checked against the definition of what they
    /// stand for, and each finding points into the file where the part is written.
    @Test func partsInOtherFilesAreCheckedWhereTheyAreWritten() throws {
        let contract = try Self.lint("multi-file/openapi.yaml")
        #expect(Self.rendered(contract) == [
            "multi-file/openapi.yaml:8:7 warning[spec-ref-misplaced] 'description' of tag 'Droplets' cannot be a Reference Object in OpenAPI 3.0.3; the '$ref' is followed anyway",
            "multi-file/openapi.yaml:12:7 warning[spec-ref-misplaced] an Operation Object cannot be a Reference Object in OpenAPI 3.0.3; the '$ref' is followed anyway",
            "multi-file/operations/droplets_list.yaml:3:1 error[spec-structure] 'sumary' is not a field of an Operation Object (GET /v2/droplets); did you mean 'summary'?",
            "multi-file/parameters.yaml:4:3 error[spec-structure] 'style' of parameter 'X-Trace-Id' is \"form\"; it must be \"simple\" when 'in' is \"header\"",
            "multi-file/responses.yaml:1:1 error[spec-structure] response '202' has no 'description', which OpenAPI requires",
            "multi-file/responses.yaml:2:3 error[spec-structure] 'descripton' is not a field of a Response Object (response '202'); did you mean 'description'?",
        ])
        let operation = try #require(contract.findings.first { $0.message.hasPrefix("'sumary'") })
        #expect(operation.operation?.description == "GET /v2/droplets")
    }

    /// Under `strict: [misplaced-ref]` the model builder leaves a misplaced operation out, and so does the
    /// meta-schema: the file it names is not checked as an operation.
    @Test func theStrictReadingLeavesMisplacedTargetsUnchecked() throws {
        var config = ConformConfig()
        config.strict = [.misplacedReferences]
        let contract = try Contract(path: Self.fixture("multi-file/openapi.yaml"), config: config, lint: true)
        let files = Set(contract.findings.compactMap { $0.specPointer.map { URL(fileURLWithPath: $0.file).lastPathComponent } })
        #expect(!files.contains("droplets_list.yaml"), "\(Self.rendered(contract))")
        #expect(files.contains("responses.yaml"))
    }

    /// Without `lint` the meta-schema is not consulted: loading reports only what changes what is checked.
    @Test func onlyLintConsultsTheMetaSchema() throws {
        let contract = try Contract(path: Self.fixture("unknown-operation-field.yaml"), config: ConformConfig())
        #expect(contract.findings.isEmpty, "\(Self.rendered(contract))")
    }

    /// 3.2's is not embedded but made from 3.1's by patches (`MetaSchema+OAS32.swift`): it compiles as cleanly.
    @Test(arguments: ["3.0", "3.1", "3.2"])
    func theBundledMetaSchemasCompileCleanly(_ version: String) {
        let schema = switch version {
        case "3.0": MetaSchema.v3_0
        case "3.1": MetaSchema.v3_1
        default: MetaSchema.v3_2
        }
        // `media-range` (3.1) is a format this tool does not know; formats are annotations here, so it asserts nothing.
        #expect(schema.diagnostics.allSatisfy { $0.kind == .unknownFormat }, "\(schema.diagnostics)")
        #expect(schema.json.objectValue?.count ?? 0 > 3)
        for kind in [ObjectKind.pathItem, .operation, .parameter, .requestBody, .response, .header, .mediaType, .example, .encoding, .securityScheme, .server] {
            #expect(schema.definition(kind) != nil, "\(schema.file) has no definition for \(kind)")
        }
    }

    /// The sources hold the published schemas unmodified: the copies in the shared corpus, byte for byte.
    @Test(.enabled(if: TestPaths.corpus != nil, Comment(rawValue: TestPaths.corpusMissingReason)))
    func theBundledMetaSchemasAreThePublishedOnes() throws {
        let corpus = try #require(TestPaths.corpus)
        for (text, file) in [(MetaSchema.oas30Text, "oas-3.0/schema.json"), (MetaSchema.oas31Text, "oas-3.1/schema.json")] {
            let published = try String(contentsOfFile: corpus + "/specs/metaschemas/" + file, encoding: .utf8)
            #expect(text + "\n" == published, "\(file)")
        }
    }
}
