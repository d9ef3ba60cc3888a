import ConformTestSupport
import Foundation
import Testing

@Suite struct PayloadCommandTests {
    static let qonto = ["payload", "--spec", "specs/qonto/openapi.yaml", "--operation", "createPaymentLinkConnection", "--request"]
    static let fixtures = "Tests/CLITests/Fixtures/payloads/"

    @Test func validPayloadExitsZero() throws {
        let outcome = try CLIProcess.run(Self.qonto + [Self.fixtures + "qonto-valid.json"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout == """
            Tests/CLITests/Fixtures/payloads/qonto-valid.json: valid against the request body of POST /v2/payment_links/connections (application/json)
            1 payload: 1 valid, 0 invalid

            """)
    }

    @Test func invalidPayloadIsLocatedInTheFileAndTheSpec() throws {
        let outcome = try CLIProcess.run(Self.qonto + [Self.fixtures + "qonto-invalid.json"])
        #expect(outcome.status == 1)
        #expect(outcome.stdout == """
            Tests/CLITests/Fixtures/payloads/qonto-invalid.json:4:24: error[request-body-invalid] /user_phone_number: "06 12 34 56 78" is not a valid e164: expected '+' followed by 2 to 15 digits
                "user_phone_number": "06 12 34 56 78",
                                     ^
              note: schema: specs/qonto/openapi.yaml:116:11 (format)
            Tests/CLITests/Fixtures/payloads/qonto-invalid.json:6:27: error[request-body-invalid] /business_description: 14 characters, at least 80 required
                "business_description": "We sell bikes."
                                        ^
              note: schema: specs/qonto/openapi.yaml:134:11 (minLength)
            1 payload: 0 valid, 1 invalid

            """)
    }

    @Test func schemaByNameAndJSONOutput() throws {
        let outcome = try CLIProcess.run(["payload", "--spec", "specs/codat/openapi.yaml", "--schema", "Company", "--format", "json", Self.fixtures + "codat-company.json"])
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(json["valid"] as? Bool == true)
        #expect(json["target"] as? String == "the schema Company")
    }

    @Test func unreadablePayloadExitsTwoAndOthersAreStillChecked() throws {
        let outcome = try CLIProcess.run(Self.qonto + [Self.fixtures + "duplicate-key.json", Self.fixtures + "qonto-valid.json"])
        #expect(outcome.status == 2)
        #expect(outcome.stdout.hasPrefix("Tests/CLITests/Fixtures/payloads/duplicate-key.json:3:3: error: duplicate key \"name\" in object"))
        #expect(outcome.stdout.contains("qonto-valid.json: valid against"))
        #expect(outcome.stdout.hasSuffix("2 payloads: 1 valid, 0 invalid, 1 unreadable\n"))
    }

    @Test func unknownSchemaSuggestsTheClosestName() throws {
        let outcome = try CLIProcess.run(["payload", "--spec", "specs/codat/openapi.yaml", "--schema", "Compny", Self.fixtures + "codat-company.json"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("error: components.schemas has no schema 'Compny'. Did you mean 'Company'?"))
    }

    @Test func operationNeedsADirection() throws {
        let outcome = try CLIProcess.run(["payload", "--spec", "specs/qonto/openapi.yaml", "--operation", "createPaymentLinkConnection", Self.fixtures + "qonto-valid.json"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("Error: --operation needs --request or --response <status>."))
    }

    @Test func stdinIsReadForADash() throws {
        let payload = try Data(contentsOf: URL(fileURLWithPath: TestPaths.repositoryRoot + "/" + Self.fixtures + "qonto-valid.json"))
        let outcome = try CLIProcess.run(Self.qonto + ["-"], input: payload)
        #expect(outcome.status == 0)
        #expect(outcome.stdout.hasPrefix("<stdin>: valid against"))
    }

    @Test func theDescriptionsLoadErrorsAreReportedAndAPayloadThatNeedsThemFails() throws {
        let outcome = try CLIProcess.run([
            "payload", "--spec", "Tests/CLITests/Fixtures/broken-ref.yaml", "--operation", "listPets", "--response", "200",
            Self.fixtures + "codat-company.json",
        ])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.hasPrefix("Tests/CLITests/Fixtures/broken-ref.yaml:15:17: error[spec-ref-unresolved] '$ref: #/components/schemas/Pets' cannot be resolved"))
        #expect(outcome.stdout.contains("codat-company.json:1:1: error[spec-ref-unresolved] the payload: cannot be checked"))
        #expect(outcome.stdout.hasSuffix("1 payload: 0 valid, 1 invalid · description: 1 error, 0 warnings\n"))
    }

    @Test func outputWritesTheFileInsteadOfStandardOutput() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("payload-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let outcome = try CLIProcess.run(Self.qonto + ["--format", "json", "--output", path, Self.fixtures + "qonto-invalid.json"])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.isEmpty)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        #expect(json["valid"] as? Bool == false)
    }

    /// The pets fixture's description has one warning (a format it does not know): a valid payload passes under
    /// --fail-on error and fails under --fail-on warning, in the exit status and in the JSON alike.
    @Test(arguments: [("error", Int32(0), true), ("warning", Int32(1), false)])
    func failOnDecidesWhatFails(_ failOn: String, _ status: Int32, _ valid: Bool) throws {
        let payload = FileManager.default.temporaryDirectory.appendingPathComponent("error-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: payload) }
        try #"{"message": "no such pet"}"#.write(toFile: payload, atomically: true, encoding: .utf8)
        let outcome = try CLIProcess.run([
            "payload", "--spec", "Tests/ConformCheckSupport/Fixtures/pets/openapi.yaml", "--schema", "Error", "--fail-on", failOn,
            "--format", "json", payload,
        ])
        #expect(outcome.status == status, "\(outcome.stdout)\(outcome.stderr)")
        #expect(outcome.stdout.contains("\"valid\": \(valid)"))
    }

    @Test func onlyFormatsPayloadCanWriteAreAccepted() throws {
        let outcome = try CLIProcess.run(Self.qonto + ["--format", "sarif", Self.fixtures + "qonto-valid.json"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("Error: The value 'sarif' is invalid for '--format <format>'. Choose one of: text, json, github."))
    }

    @Test func aPayloadRepeatingOneDefectShowsItOnceWithItsCount() throws {
        let payload = FileManager.default.temporaryDirectory.appendingPathComponent("companies-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: payload) }
        let items = Array(repeating: #"{"name": "Acme", "kind": "fish"}"#, count: 500).joined(separator: ",\n")
        try "[\n\(items)\n]\n".write(toFile: payload, atomically: true, encoding: .utf8)
        let outcome = try CLIProcess.run([
            "payload", "--spec", "Tests/ConformCheckSupport/Fixtures/pets/openapi.yaml", "--operation", "listPets", "--response", "200",
            "--content-type", "application/json", payload,
        ])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.components(separatedBy: "error[response-body-invalid]").count - 1 == 1)
        #expect(outcome.stdout.contains("(×500)\n"))
        #expect(outcome.stdout.contains("  e.g. /0/kind, /1/kind, /2/kind, and 497 more\n"))
    }
}
