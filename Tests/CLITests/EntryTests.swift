import ConformTestSupport
import Foundation
import OpenAPIConform
import Testing

/// What the program answers before any command runs: `--version`, `help`, `help COMMAND`.
@Suite struct EntryTests {
    @Test func versionPrintsTheToolsNameAndVersion() throws {
        let outcome = try CLIProcess.run(["--version"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout == "\(ToolInfo.name) \(ToolInfo.version)\n")
        #expect(outcome.stdout.hasPrefix("openapi-conform "))
    }

    @Test(arguments: ["lint", "validate", "payload", "run"])
    func helpCommandIsTheCommandsHelp(_ command: String) throws {
        let help = try CLIProcess.run(["help", command])
        let flag = try CLIProcess.run([command, "--help"])
        #expect(help.status == 0)
        #expect(help.stdout == flag.stdout)
        #expect(help.stdout.hasPrefix("OVERVIEW: "))
    }

    @Test func helpAloneIsTheGeneralHelp() throws {
        let outcome = try CLIProcess.run(["help"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("COMMANDS:\n  lint "))
        #expect(outcome.stdout.contains("--version"))
        #expect(outcome.stdout == (try CLIProcess.run(["--help"])).stdout)
    }

    @Test func helpOfAnUnknownCommandSuggestsTheClosest() throws {
        let outcome = try CLIProcess.run(["help", "lnit"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("Error: Unknown command 'lnit'. Did you mean 'lint'?"))
    }

    @Test func helpTakesOneCommand() throws {
        let outcome = try CLIProcess.run(["help", "lint", "validate"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("Error: Unexpected argument 'validate'."))
    }
}
