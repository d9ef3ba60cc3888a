import ConformTestSupport
import Foundation

/// Runs the built `openapi-conform` binary and captures what it prints.
struct CLIProcess {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The binary beside the test bundle in the build folder.
    static let executable: URL = {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidate = directory.appendingPathComponent("openapi-conform")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        return URL(fileURLWithPath: TestPaths.repositoryRoot + "/.build/debug/openapi-conform")
    }()

    /// Runs the tool; `input`, when given, is written to its standard input from another thread (so a large
    /// input cannot block on a full output pipe) and then closed.
    static func run(
        _ arguments: [String], in directory: String = TestPaths.repositoryRoot, input: Data? = nil,
        environment extra: [String: String] = [:]
    ) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment(extra)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        if input != nil { process.standardInput = stdin }
        try process.run()
        if let input {
            DispatchQueue.global().async {
                stdin.fileHandleForWriting.write(input)
                try? stdin.fileHandleForWriting.close()
            }
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Runs the tool with a pseudo-terminal as its standard output and error (util-linux `script` at
    /// `scriptPath`), and returns what the terminal received.
    static func runOnTerminal(_ arguments: [String], scriptPath: String) throws -> String {
        let command = ([executable.path] + arguments).map { "'" + $0 + "'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: scriptPath)
        process.arguments = ["-q", "-e", "-c", command, "/dev/null"]
        process.currentDirectoryURL = URL(fileURLWithPath: TestPaths.repositoryRoot)
        process.environment = environment([:])
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let received = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: received, as: UTF8.self)
    }

    /// The test process's environment without colour, with `extra` on top.
    private static func environment(_ extra: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment.merge(extra) { $1 }
        return environment
    }
}
