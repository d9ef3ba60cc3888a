import Foundation

/// Headless Chromium, when installed: loads a page and returns the DOM after its scripts ran and every console
/// message. `--enable-logging=stderr --v=0` makes Chromium write each console message (log, warn, error, uncaught
/// exception, CSP violation) to stderr as `…:CONSOLE:<line>] "message", source: …`.
public enum Chromium {
    public static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    public struct Run: Sendable {
        public var dom: String
        public var console: [String]
    }

    public struct NotInstalled: Error {}

    /// Loads `html` written to a file.
    public static func load(_ html: String, width: Int = 1280) throws -> Run {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-page-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("page.html")
        try html.write(to: page, atomically: true, encoding: .utf8)
        return try load(url: page.absoluteString, width: width)
    }

    /// Loads the page at `url` (a file, or a server of the test's on this machine); `budget` is the virtual time,
    /// in milliseconds, its scripts and requests may take.
    public static func load(url: String, width: Int = 1280, budget: Int = 2000) throws -> Run {
        guard let path else { throw NotInstalled() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let stdout = directory.appendingPathComponent("dom.html")
        let stderr = directory.appendingPathComponent("stderr.txt")
        try Data().write(to: stdout)
        try Data().write(to: stderr)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
            "--user-data-dir=\(directory.appendingPathComponent("profile").path)", "--virtual-time-budget=\(budget)",
            "--window-size=\(width),900",
            "--dump-dom", url,
        ]
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        try process.run()
        let deadline = Date().addingTimeInterval(90)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let log = try String(contentsOf: stderr, encoding: .utf8)
        return Run(
            dom: try String(contentsOf: stdout, encoding: .utf8),
            console: log.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init))
    }
}
