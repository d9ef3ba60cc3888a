import ConformTestSupport
import Foundation
import Testing

/// `--format github` on lint, validate and payload: one workflow command per finding, located in the file GitHub
/// shows it on, then the summary as plain log text.
@Suite struct GitHubFormatTests {
    @Test func lintAnnotatesTheDescription() throws {
        let outcome = try CLIProcess.run(["lint", "--format", "github", "Tests/CLITests/Fixtures/broken-ref.yaml"])
        #expect(outcome.status == 1)
        #expect(outcome.stdout == """
            ::error file=Tests/CLITests/Fixtures/broken-ref.yaml,line=15,col=17,title=spec-ref-unresolved::'$ref: #/components/schemas/Pets' cannot be resolved: 'Tests/CLITests/Fixtures/broken-ref.yaml' has nothing at '#/components/schemas/Pets'
            1 error, 0 warnings, 0 notes

            """)
        #expect(outcome.stderr.isEmpty, "no config line beside a machine-readable format: \(outcome.stderr)")
    }

    @Test func validateAnnotatesEachFailingExchangeWithItsRecording() throws {
        let outcome = try CLIProcess.run(["validate", "--format", "github", "--spec", "specs/qonto/openapi.yaml", "specs/qonto/traffic.har"])
        #expect(outcome.status == 1)
        let lines = outcome.stdout.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("::error file=specs/qonto/openapi.yaml,line=") }.count == 5)
        #expect(lines.contains { $0.contains("%0Aspecs/qonto/traffic.har#1  POST https") })
        #expect(lines.last == "14 exchanges: 9 passed, 5 failed · 5 errors, 0 warnings, 0 notes")
    }

    @Test func warningsBelowTheFailingSeverityAreWarningsAndAboveAreErrors() throws {
        let warnings = try CLIProcess.run(["lint", "--format", "github", "specs/asset/openapi.yaml"])
        #expect(warnings.status == 0)
        #expect(warnings.stdout.split(separator: "\n").filter { $0.hasPrefix("::warning file=specs/asset/openapi.yaml,") }.count == 3)
        let failing = try CLIProcess.run(["lint", "--format", "github", "--fail-on", "warning", "specs/asset/openapi.yaml"])
        #expect(failing.status == 1)
        #expect(failing.stdout.split(separator: "\n").filter { $0.hasPrefix("::error file=specs/asset/openapi.yaml,") }.count == 3)
    }

    @Test func payloadAnnotatesThePayloadFile() throws {
        let outcome = try CLIProcess.run(PayloadCommandTests.qonto + ["--format", "github", PayloadCommandTests.fixtures + "qonto-invalid.json"])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.hasPrefix(
            "::error file=Tests/CLITests/Fixtures/payloads/qonto-invalid.json,line=4,col=24,title=request-body-invalid::/user_phone_number: "))
        #expect(outcome.stdout.hasSuffix("\n1 payload: 0 valid, 1 invalid\n"))
    }
}
