import Foundation

/// Writes a HAR file as exchanges happen, from any number of threads (a proxy's connections, a probe's workers).
///
/// The file is a whole HAR document after every `append`, not only after `close()`: it is created holding the head
/// and the tail, and each entry is written over the tail together with a new tail, in one write at the offset
/// where the tail began. So a recording can be read while the run goes on, and a process killed between two
/// appends leaves a valid file holding every entry appended. A process killed during an append (or a full disk)
/// can leave that one entry cut short and no tail after it: `HARReader` stays strict and reports the file as
/// truncated at that point, after reading every whole entry before it.
///
/// Each write goes straight to the file (no buffering in the process); `close()` syncs it to disk. Entries are
/// encoded outside the lock, so threads wait only for each other's write, and are written in the order their
/// writes take the lock.
package final class HARFileWriter: @unchecked Sendable {
    package let writer: HARWriter
    private let lock = NSLock()
    private let file: RecordingFile
    /// Where the tail begins: the next entry is written here.
    private var end: Int
    private var count = 0

    /// Creates (or empties) the file at `path` and writes an empty log to it.
    package init(path: String, writer: HARWriter) throws {
        self.writer = writer
        file = try RecordingFile(path: path)
        let head = writer.head
        try file.write(head + HARWriter.tail, at: 0)
        end = head.count
    }

    package var path: String { file.path }

    /// The number of entries written.
    package var entryCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }

    /// Writes one exchange as the log's next entry. Throws when the file cannot be written, or was closed.
    package func append(_ recorded: RecordedExchange) throws {
        let first = writer.entry(recorded, index: 0)
        lock.lock()
        defer { lock.unlock() }
        guard file.isOpen else { throw POSIXError(.EBADF) }
        // The entry was encoded as a first one; any other is preceded by a comma, which is the only difference.
        let bytes = count == 0 ? first : [UInt8(ascii: ",")] + first
        try file.write(bytes + HARWriter.tail, at: end)
        end += bytes.count
        count += 1
    }

    /// Syncs and closes the file, which already ends with the tail. Closing again does nothing.
    package func close() throws {
        lock.lock()
        defer { lock.unlock() }
        try file.close()
    }
}
