import ConformTestSupport
import Foundation
import Testing

/// The progress line shows on a terminal and never in a pipe or a log.
@Suite struct ProgressLineTests {
    static let scriptPath = "/usr/bin/script"
    static let arguments = ["validate", "--spec", "specs/qonto/openapi.yaml", "specs/qonto/traffic.har"]
    static let clearLine = "\r\u{1B}[2K"

    @Test(.enabled(
        if: FileManager.default.isExecutableFile(atPath: scriptPath),
        "util-linux `script` (to give the tool a terminal) is not installed"))
    func drawsOnATerminalAndClearsBeforeTheReport() throws {
        let terminal = try CLIProcess.runOnTerminal(Self.arguments, scriptPath: Self.scriptPath)
        let drawn = try #require(terminal.range(of: Self.clearLine + "validate: "), "no progress line in: \(terminal)")
        let text = terminal[drawn.upperBound...].prefix { $0 != "\r" }
        #expect(text.wholeMatch(of: /[0-9]+ exchanges checked · [0-9]+\/s/) != nil, "drawn: \(text)")
        // The line is cleared after its last drawing, and the report starts after that.
        let lastDrawing = try #require(terminal.range(of: "exchanges checked", options: .backwards))
        let cleared = try #require(terminal.range(of: Self.clearLine, range: lastDrawing.upperBound..<terminal.endIndex))
        #expect(terminal[cleared.upperBound...].contains("specs/qonto/traffic.har"))
    }

    @Test func staysOutOfPipes() throws {
        let outcome = try CLIProcess.run(Self.arguments)
        #expect(outcome.status == 1)
        #expect(!outcome.stderr.contains("exchanges checked"))
        #expect(!outcome.stderr.contains("\u{1B}"))
        #expect(!outcome.stdout.contains("\u{1B}"))
    }
}
