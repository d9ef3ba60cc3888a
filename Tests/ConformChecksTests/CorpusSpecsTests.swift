import ConformFindings
import ConformTestSupport
import Foundation
import Testing

import ConformCheckSupport
import OpenAPIConform

@testable import ConformChecks

/// Loads every OpenAPI document of ../shared/corpus/specs and compares the outcome with MANIFEST.md: the
/// verdict of openapi-spec-validator, and the counts of paths, operations, webhooks and schemas.
@Suite struct CorpusSpecsTests {
    /// One row of the manifest's table.
    struct Entry: CustomTestStringConvertible, Sendable {
        var file: String
        var paths: Int
        var operations: Int
        var webhooks: Int
        var schemas: Int
        var valid: Bool
        var testDescription: String { file }
    }

    /// Rules whose findings do not count towards the verdict compared with openapi-spec-validator, because that
    /// validator does not check what they check (it never validates `example` values).
    static let rulesOutsideTheReferenceVerdict: Set<RuleID> = [.specExampleInvalid]

    /// Documents where openapi-conform's verdict differs from openapi-spec-validator's, and why.
    static let allowedDisagreements: [String: String] = [
        "digitalocean/specification/DigitalOcean-public.v2.yaml":
            "the unbundled tree puts $refs where OAS 3.0 allows no Reference Object (whole operations, tags' "
            + "descriptions), and all 1,320 errors openapi-spec-validator reports are these; openapi-conform follows "
            + "them, as bundlers do, reports each as a spec-ref-misplaced warning and checks their targets against the "
            + "OAS 3.0 meta-schema, which they pass, so the description loads with warnings and no errors",
    ]

    static let entries: [Entry] = {
        guard let corpus = TestPaths.corpus,
            let manifest = try? String(contentsOfFile: corpus + "/specs/MANIFEST.md", encoding: .utf8)
        else { return [] }
        return manifest.split(separator: "\n").compactMap { line -> Entry? in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            // | file | OAS | fmt | bytes | paths | ops | wh | schemas | osv |
            guard cells.count == 11, cells[1].hasPrefix("`"), cells[2].hasPrefix("3.") else { return nil }
            guard let paths = Int(cells[5]), let operations = Int(cells[6]), let webhooks = Int(cells[7]),
                let schemas = Int(cells[8])
            else { return nil }
            return Entry(
                file: cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`")),
                paths: paths, operations: operations, webhooks: webhooks, schemas: schemas,
                valid: cells[9] == "valid")
        }
    }()

    @Test(.enabled(if: TestPaths.corpus != nil, Comment(rawValue: TestPaths.corpusMissingReason)))
    func manifestListsEveryDocument() throws {
        #expect(Self.entries.count == 40)
        #expect(Set(Self.allowedDisagreements.keys).isSubset(of: Set(Self.entries.map(\.file))))
    }

    @Test(.enabled(if: TestPaths.corpus != nil, Comment(rawValue: TestPaths.corpusMissingReason)), arguments: entries)
    func loadsAndAgreesWithTheManifest(_ entry: Entry) throws {
        let path = try #require(TestPaths.corpus) + "/specs/" + entry.file
        let report: Contract
        do {
            report = try Contract(path: path, config: ConformConfig(), lint: true)
        } catch {
            // A document that cannot load must say where, and the manifest must call it invalid.
            #expect(error.location.line >= 1 && error.location.file.hasSuffix(entry.file))
            #expect(!entry.valid, "\(error)")
            return
        }
        #expect(report.document.paths.count == entry.paths)
        #expect(report.document.operations.count == entry.operations)
        #expect(report.document.webhooks.count == entry.webhooks)
        #expect(report.document.components.schemas.count == entry.schemas)

        let valid = !report.findings.contains { $0.severity == .error && !Self.rulesOutsideTheReferenceVerdict.contains($0.rule) }
        if let reason = Self.allowedDisagreements[entry.file] {
            #expect(valid != entry.valid, "listed as a disagreement (\(reason)) but the verdicts now agree")
        } else {
            let errors = report.findings.filter { $0.severity == .error }.prefix(5).map { "\($0.rule): \($0.message)" }
            #expect(valid == entry.valid, "manifest says \(entry.valid ? "valid" : "invalid"); errors: \(errors)")
        }
    }
}
