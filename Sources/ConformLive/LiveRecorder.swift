import ConformChecks
import Foundation

/// The report of a live session, added to from every connection's thread: exchanges are numbered in the order
/// they arrive and added as they are answered.
final class LiveRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var report: ConformanceReport
    private var count = 0

    init(report: ConformanceReport) {
        self.report = report
    }

    /// The next exchange's number (0-based), its index in the live source.
    func nextNumber() -> Int {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        return count - 1
    }

    func add(_ result: ExchangeResult) {
        lock.lock()
        defer { lock.unlock() }
        report.add(result)
    }

    func snapshot() -> ConformanceReport {
        lock.lock()
        defer { lock.unlock() }
        return report
    }
}
