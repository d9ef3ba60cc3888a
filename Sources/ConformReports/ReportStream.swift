import ConformChecks
import ConformFindings
import ConformValues
import Foundation

/// A buffered text stream into a file handle: reporters write small pieces, the handle sees large writes.
/// The first write error is kept (a full disk, a closed pipe) and later writes are dropped; `close` reports it.
public final class ReportStream: TextOutputStream, ByteSink {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private let flushSize = 1 << 20
    public private(set) var failure: (any Error)?

    public init(handle: FileHandle) {
        self.handle = handle
        buffer.reserveCapacity(flushSize)
    }

    public func write(_ string: String) {
        // Reporters write many small pieces; a native string's bytes are copied at once, not walked one by one.
        let copied: Void? = string.utf8.withContiguousStorageIfAvailable { buffer.append(contentsOf: $0) }
        if copied == nil { buffer.append(contentsOf: string.utf8) }
        if buffer.count >= flushSize { flush() }
    }

    package func write(bytes: UnsafeBufferPointer<UInt8>) {
        // A large block (a report fragment rendered on another thread) goes to the handle as it is, after what is
        // buffered, instead of being copied into the buffer first.
        if bytes.count >= Self.directWriteSize {
            flush()
            if failure == nil {
                do {
                    try handle.write(contentsOf: UnsafeRawBufferPointer(bytes))
                } catch {
                    failure = error
                }
            }
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= flushSize { flush() }
    }

    /// Blocks at least this large are written without being buffered.
    private static let directWriteSize = 1 << 16

    public func flush() {
        guard !buffer.isEmpty else { return }
        if failure == nil {
            do {
                try handle.write(contentsOf: buffer)
            } catch {
                failure = error
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Writing a report file: parent folders created, the report streamed into a temporary file beside the target
/// and moved over it only when complete, so a failed write never leaves half a report where a whole one was.
public enum ReportFile {
    public static func write(_ report: ConformanceReport, as reporter: any Reporter, to path: String) throws {
        try write(to: path) { stream in
            var output = stream
            reporter.write(report, to: &output)
        }
    }

    /// Writes whatever `body` streams to `path`, atomically.
    public static func write(to path: String, _ body: (ReportStream) -> Void) throws {
        let target = URL(fileURLWithPath: path)
        let folder = target.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary.path])
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            let stream = ReportStream(handle: handle)
            body(stream)
            stream.flush()
            try handle.close()
            if let failure = stream.failure { throw failure }
            // rename(2) replaces the target in one step: readers see the old report or the new one, never half.
            guard rename(temporary.path, target.path) == 0 else {
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
