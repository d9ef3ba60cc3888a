import Foundation

/// A one-line progress display on standard error for long traffic checks: exchanges checked and the rate,
/// redrawn at most a few times a second. Silent unless standard error is a terminal, so logs and pipes stay clean.
final class ProgressLine: @unchecked Sendable {
    private let label: String
    private let enabled: Bool
    private let start = Date()
    private let lock = NSLock()
    private var lastDrawn = Date.distantPast
    private var drawn = false

    /// `enabled: false` keeps it silent even on a terminal (`--quiet`).
    init(label: String, enabled: Bool = true) {
        self.label = label
        self.enabled = enabled && isatty(STDERR_FILENO) == 1
    }

    /// Reports the number of exchanges checked so far.
    func update(_ count: Int) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastDrawn) >= 0.2 else { return }
        lastDrawn = now
        let elapsed = max(now.timeIntervalSince(start), 0.001)
        let rate = Int(Double(count) / elapsed)
        FileHandle.standardError.write(Data("\r\u{1B}[2K\(label): \(count) exchanges checked · \(rate)/s".utf8))
        drawn = true
    }

    /// Clears the line, so the report that follows starts on a clean line.
    func finish() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }
}
