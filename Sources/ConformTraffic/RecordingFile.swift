import Foundation

/// The file a streaming recording writer writes to: unbuffered POSIX writes, so each entry leaves the process as
/// soon as it is written (a killed process loses nothing that was appended), and one `fsync` on close (so a
/// finished recording survives a crash of the machine too; syncing every entry would make a busy proxy wait on
/// the disk). Not locked: the writers that own one hold their own lock around each use.
final class RecordingFile {
    let path: String
    private var descriptor: Int32

    /// Creates the file, or empties it when it exists.
    init(path: String) throws {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.error() }
    }

    deinit {
        if descriptor >= 0 { _ = Foundation.close(descriptor) }
    }

    var isOpen: Bool { descriptor >= 0 }

    /// Writes all of `bytes` at `offset`, or at the end of what was written when nil; short writes are resumed.
    func write(_ bytes: [UInt8], at offset: Int? = nil) throws {
        guard descriptor >= 0 else { throw POSIXError(.EBADF) }
        try bytes.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let pointer = buffer.baseAddress! + done
                let count = buffer.count - done
                let written = offset.map { pwrite(descriptor, pointer, count, off_t($0 + done)) } ?? Foundation.write(descriptor, pointer, count)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw Self.error()
                }
                done += written
            }
        }
    }

    /// Syncs the file to disk and closes it; closing again does nothing.
    func close() throws {
        guard descriptor >= 0 else { return }
        let descriptor = self.descriptor
        self.descriptor = -1
        let synced = fsync(descriptor) == 0 ? nil : Self.error()
        let closed = Foundation.close(descriptor) == 0 ? nil : Self.error()
        if let failure = synced ?? closed { throw failure }
    }

    private static func error() -> POSIXError {
        POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }
}
