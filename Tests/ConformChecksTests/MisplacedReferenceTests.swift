import ConformCheckSupport
import ConformTestSupport
import Foundation
import OpenAPIConform
import Testing

/// A `$ref` where OpenAPI allows no Reference Object is followed, as bundlers and openapi-spec-validator do, and named
/// once per place as `spec-ref-misplaced`. Lob's multi-file description writes `content: {$ref: responses/x.yml}` for
/// its responses; `Fixtures/lob` is laid out the same way, with traffic in the shape of Lob's documented responses.
@Suite struct MisplacedReferenceTests {
    static let spec = TestPaths.fixture("ConformChecksTests", "lob/lob.yml")
    static let traffic = TestPaths.fixture("ConformChecksTests", "lob/traffic.jsonl")

    @Test func aLobStyleDescriptionLintsWithOneWarningPerMisplacedReference() throws {
        let contract = try Contract(path: Self.spec, config: ConformConfig(), lint: true)
        #expect(contract.findings.allSatisfy { $0.rule == .specRefMisplaced && $0.severity == .warning }, "\(contract.findings)")
        let places = contract.findings.compactMap { finding in
            finding.specPointer.map { "\(URL(fileURLWithPath: $0.file).lastPathComponent)#\($0.pointer)" }
        }
        #expect(places.sorted() == [
            "address.yml#/delete/responses/200/content/$ref",
            "address.yml#/get/responses/200/content/$ref",
            "addresses.yml#/get/responses/200/content/$ref",
            "addresses.yml#/post/responses/200/content/$ref",
            "error.yml#/content/$ref",
        ])
        #expect(contract.findings.first?.message == "'content' cannot be a Reference Object in OpenAPI 3.0.3; the '$ref' is followed anyway")
    }

    @Test func itsResponsesAreCheckedAgainstWhatTheReferencesName() async throws {
        let report = try await TrafficSupport.check(spec: Self.spec, traffic: [Self.traffic])
        #expect(report.unreadable.isEmpty)
        for result in report.results {
            let comment = result.comment ?? ""
            if comment.hasPrefix("WRONG") {
                #expect(result.findings.map(\.rule) == [.responseBodyInvalid], "\(result)")
                let finding = try #require(result.findings.first)
                #expect(finding.instancePointer?.description == "/deleted")
                #expect(finding.specPointer?.file.hasSuffix("responses/address_deleted.yml") == true)
            } else {
                #expect(result.passed && result.findings.isEmpty, "\(result)")
                #expect(result.mediaType == "application/json", "\(comment): its content came through the misplaced $ref")
            }
        }
        #expect(report.coverage.documentedCount == 8)
    }

    @Test func theStrictReadingLeavesThemOutAsErrors() throws {
        var config = ConformConfig()
        config.strict = [.misplacedReferences]
        let contract = try Contract(path: Self.spec, config: config, lint: true)
        #expect(!contract.findings.isEmpty)
        #expect(contract.findings.allSatisfy { $0.rule == .specRefMisplaced && $0.severity == .error }, "\(contract.findings)")
        let retrieve = try #require(contract.document.operations.first { $0.operationID == "address_retrieve" })
        #expect(retrieve.responses.first { $0.key == .status(200) }?.content.isEmpty == true)
    }
}

extension MisplacedReferenceTests {
    /// Asset's discriminator mapping writes `{$ref: …}` objects where OpenAPI wants strings: followed with a
    /// warning, or under the strict reading an error that leaves the mapping entry out.
    @Test(arguments: [false, true])
    func assetsMappingObjectsFollowTheStrictSwitch(_ strict: Bool) throws {
        var config = ConformConfig()
        if strict { config.strict = [.misplacedReferences] }
        let contract = try Contract(path: TestPaths.repositoryRoot + "/specs/asset/openapi.yaml", config: config)
        let mapping = contract.findings.filter { $0.rule == .specDiscriminatorMapping }
        #expect(!mapping.isEmpty)
        #expect(mapping.allSatisfy { $0.severity == (strict ? .error : .warning) }, "\(mapping)")
        #expect(mapping.allSatisfy { $0.message.hasSuffix("(not followed: strict misplaced-ref)") == strict }, "\(mapping)")
    }
}
