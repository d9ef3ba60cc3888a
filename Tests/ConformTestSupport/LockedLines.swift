import Foundation

/// Lines collected from server threads (access log lines, the targets an upstream saw), read by the test after.
public final class LockedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    public init() {}

    public func append(_ line: String) {
        lock.withLock { lines.append(line) }
    }

    public var all: [String] { lock.withLock { lines } }
}
