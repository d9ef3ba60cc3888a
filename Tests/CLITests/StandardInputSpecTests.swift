import ConformTestSupport
import Foundation
import Testing

/// `-` as the description reads it from standard input, on lint, validate and payload; its relative `$ref`s
/// resolve against the working directory.
@Suite struct StandardInputSpecTests {
    static func bytes(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: TestPaths.repositoryRoot + "/" + path))
    }

    @Test func lintReadsTheDescriptionFromStandardInput() throws {
        let outcome = try CLIProcess.run(["lint", "-"], input: try Self.bytes("Tests/CLITests/Fixtures/broken-ref.yaml"))
        #expect(outcome.status == 1)
        #expect(outcome.stdout.hasPrefix("<stdin>: OpenAPI 3.0.3 · Broken reference 1\n"))
        #expect(outcome.stdout.contains("<stdin>:15:17: error[spec-ref-unresolved] '$ref: #/components/schemas/Pets' cannot be resolved"))
    }

    @Test func relativeReferencesResolveAgainstTheWorkingDirectory() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stdin-spec-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/schemas", withIntermediateDirectories: true)
        try "Pet: {type: object}\n".write(toFile: folder + "/schemas/pet.yaml", atomically: true, encoding: .utf8)
        let spec = """
            openapi: 3.0.3
            info: {title: Split, version: '1'}
            paths:
              /pets:
                get:
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema: {$ref: 'schemas/pet.yaml#/Pet'}
            """
        let here = try CLIProcess.run(["lint", "-"], in: folder, input: Data(spec.utf8))
        #expect(here.status == 0, "\(here.stdout)\(here.stderr)")
        #expect(here.stdout.contains("  files       2 ("))
        let elsewhere = try CLIProcess.run(["lint", "-"], input: Data(spec.utf8))
        #expect(elsewhere.status == 1)
        #expect(elsewhere.stdout.contains("error[spec-ref-unresolved]"))
    }

    @Test func validateTakesTheDescriptionFromStandardInput() throws {
        let outcome = try CLIProcess.run(
            ["validate", "--spec", "-", "--config", "specs/qonto/openapi-conform.yaml", "specs/qonto/traffic.har"],
            input: try Self.bytes("specs/qonto/openapi.yaml"))
        #expect(outcome.status == 1)
        #expect(outcome.stdout.hasPrefix("stdin  <stdin> · OpenAPI 3.1.1 · Qonto\n"))
        #expect(outcome.stdout.hasSuffix("14 exchanges: 9 passed, 5 failed · 5 errors, 0 warnings, 0 notes\n"))
    }

    @Test func payloadTakesTheDescriptionFromStandardInput() throws {
        let outcome = try CLIProcess.run(
            PayloadCommandTests.qonto.map { $0 == "specs/qonto/openapi.yaml" ? "-" : $0 } + [PayloadCommandTests.fixtures + "qonto-valid.json"],
            input: try Self.bytes("specs/qonto/openapi.yaml"))
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
        #expect(outcome.stdout.contains("qonto-valid.json: valid against the request body of POST /v2/payment_links/connections"))
    }

    @Test(arguments: [
        ["validate", "--spec", "-", "-"],
        ["payload", "--spec", "-", "--schema", "Company", "-"],
    ])
    func standardInputCannotBeBothTheDescriptionAndTheInput(_ arguments: [String]) throws {
        let outcome = try CLIProcess.run(arguments, input: Data())
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("Error: Standard input can be read once: give the description or the "))
    }
}
