import ConformTestSupport
import Foundation

/// A live command (`mock`, `proxy`) running as a user runs it, its port read from the line it prints first (on
/// standard error: standard output is the report's).
final class LiveProcess {
    let process = Process()
    private let out = Pipe()
    private let err = Pipe()
    private(set) var firstLine = ""
    private(set) var port: UInt16 = 0

    /// Runs `openapi-conform COMMAND ARGUMENTS EXTRA` and waits for its first line.
    init(_ arguments: [String], command: String = "mock", extra: [String] = []) throws {
        process.executableURL = CLIProcess.executable
        process.arguments = [command] + arguments + extra
        process.currentDirectoryURL = URL(fileURLWithPath: TestPaths.repositoryRoot)
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        process.standardOutput = out
        process.standardError = err
        try process.run()
        var received = Data()
        let deadline = Date().addingTimeInterval(20)
        while !received.contains(UInt8(ascii: "\n")), Date() < deadline, process.isRunning {
            received.append(err.fileHandleForReading.availableData)
        }
        firstLine = String(decoding: received, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        if let range = firstLine.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
            port = UInt16(firstLine[range].split(separator: ":").last ?? "") ?? 0
        }
    }

    /// Sends `signal` and waits: the exit status, standard output, and what standard error had after the first line.
    func stop(signal: Int32 = SIGTERM) -> (status: Int32, stdout: String, stderr: String) {
        if process.isRunning { kill(process.processIdentifier, signal) }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

