import Foundation

/// Writes a JSONL recording as exchanges happen, from any number of threads: each exchange is one line, encoded
/// outside the lock and written whole under it, straight to the file (no buffering in the process), so lines
/// never interleave and a process killed between two appends leaves every line appended. One killed during an
/// append can leave its last line cut short, which the reader reports as that line's error after reading the
/// others. `close()` syncs the file to disk.
package final class JSONLFileWriter: @unchecked Sendable {
    package let writer: JSONLExchangeWriter
    private let lock = NSLock()
    private let file: RecordingFile
    private var count = 0

    /// Creates (or empties) the file at `path`.
    package init(path: String, writer: JSONLExchangeWriter) throws {
        self.writer = writer
        file = try RecordingFile(path: path)
    }

    package var path: String { file.path }

    /// The number of lines written.
    package var lineCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }

    /// Writes one exchange as the next line. Throws when the file cannot be written, or was closed.
    package func append(_ exchange: HTTPExchange) throws {
        let line = writer.line(exchange)
        lock.lock()
        defer { lock.unlock() }
        guard file.isOpen else { throw POSIXError(.EBADF) }
        try file.write(line)
        count += 1
    }

    /// Syncs and closes the file. Closing again does nothing.
    package func close() throws {
        lock.lock()
        defer { lock.unlock() }
        try file.close()
    }
}
