import Foundation

/// A file's path and bytes, kept so that a location can be shown with its source line.
package struct SourceFile: Sendable, Hashable {
    /// The path as the user gave it (or as reached from a `$ref`), used in every message.
    package var path: String
    package let bytes: [UInt8]
    /// Built with the file: one fast pass for line breaks, so that every later location lookup is a search.
    package let lines: LineTable

    package init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        self.lines = LineTable(bytes)
    }

    package static func == (lhs: SourceFile, rhs: SourceFile) -> Bool {
        lhs.path == rhs.path && lhs.bytes == rhs.bytes
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(path)
        hasher.combine(bytes.count)
    }

    /// Reads a file from disk; a failure becomes a `LoadError` naming the path.
    ///
    /// Plain POSIX reads straight into the byte array: going through a mapped `Data` and converting it cost more
    /// than parsing small files, and a description can have thousands of them.
    package init(contentsOf path: String, limits: LoadLimits = .default) throws(LoadError) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw LoadError.unreadable(path, errno: errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw LoadError.unreadable(path, errno: errno) }
        let size = Int(status.st_size)
        guard size <= limits.maxDocumentBytes else {
            throw LoadError(
                .tooLarge, "file is \(size) bytes, more than the limit of \(limits.maxDocumentBytes)",
                at: SourceLocation(file: path, line: 1, column: 1))
        }
        var failure: Int32 = 0
        // The size can change under us (a file being written); read until end of file, growing if needed. One
        // byte more than the size is asked for: a read of a regular file stops short only at its end, so once the
        // size is in, a short read is the end, without another call to find out (a description can have
        // thousands of files).
        var bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
            while count < buffer.count {
                let got = read(descriptor, buffer.baseAddress! + count, buffer.count - count)
                if got > 0 {
                    count += got
                    if count >= size && count < buffer.count { return }
                } else if got == 0 {
                    return
                } else if errno != EINTR {
                    failure = errno
                    return
                }
            }
        }
        if failure != 0 { throw LoadError.unreadable(path, errno: failure) }
        if bytes.count == size + 1 {
            // The file may have grown since fstat: read on until the end, through a small stack buffer.
            try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16_384) { (chunk) throws(LoadError) in
                while true {
                    let got = read(descriptor, chunk.baseAddress!, chunk.count)
                    if got == 0 { return }
                    if got < 0 {
                        if errno == EINTR { continue }
                        throw LoadError.unreadable(path, errno: errno)
                    }
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[..<got]))
                    guard bytes.count <= limits.maxDocumentBytes else {
                        throw LoadError(
                            .tooLarge, "file is more than the limit of \(limits.maxDocumentBytes) bytes",
                            at: SourceLocation(file: path, line: 1, column: 1))
                    }
                }
            }
        }
        self.init(path: path, bytes: bytes)
    }

    /// The text of a 1-based line without its line break, decoded leniently for display.
    package func lineText(_ line: Int) -> String? {
        lines.lineText(line, in: bytes)
    }

    /// The scalar column of a 1-based byte column on a line, counted on the bytes: a minified file's one line
    /// is megabytes, and each finding on it asks.
    package func scalarColumn(line: Int, byteColumn: Int) -> Int? {
        lines.scalarColumn(line: line, byteColumn: byteColumn, in: bytes)
    }

    /// The 1-based line and scalar column of a byte offset.
    package func location(ofOffset offset: Int) -> SourceLocation {
        let (line, column) = lines.location(ofOffset: offset, in: bytes)
        return SourceLocation(file: path, line: line, column: column)
    }
}

/// Byte offsets of line starts; turns offsets into 1-based line and scalar column.
package struct LineTable: Sendable {
    private var starts: [Int]

    package init(_ bytes: [UInt8]) {
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count,
                let found = memchr(base + offset, 0x0A, buffer.count - offset)
            {
                let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                starts.append(index + 1)
                offset = index + 1
            }
        }
        self.starts = starts
    }

    package var lineCount: Int { starts.count }

    /// The 1-based line and column (in Unicode scalars) of a byte offset.
    package func location(ofOffset offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        // A byte-order mark is not a character an editor shows; columns on line 1 start after it.
        let start = low == 0 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? min(3, offset) : starts[low]
        let end = min(offset, bytes.count)
        var column = 1
        var index = start
        while index < end {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return (low + 1, column)
    }

    /// The scalar column of a 1-based byte column on `line`: one more than the scalars that start before it.
    package func scalarColumn(line: Int, byteColumn: Int, in bytes: [UInt8]) -> Int? {
        guard line >= 1, line <= starts.count else { return nil }
        let start = starts[line - 1]
        let end = min(start + max(byteColumn - 1, 0), bytes.count)
        return 1 + bytes.withUnsafeBufferPointer { UTF8Counting.scalars(in: UnsafeBufferPointer(rebasing: $0[start..<max(start, end)])) }
    }

    package func lineText(_ line: Int, in bytes: [UInt8]) -> String? {
        guard line >= 1, line <= starts.count else { return nil }
        let start = starts[line - 1]
        var end = line < starts.count ? starts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        guard start <= end else { return "" }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

/// Counting Unicode scalars in UTF-8 without decoding: every byte but a continuation byte (`10xxxxxx`) starts one.
package enum UTF8Counting {
    /// The scalars that start in `bytes`, eight bytes at a time where they are ASCII (as nearly all of a
    /// description is): megabyte lines are counted for each finding on them.
    package static func scalars(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var count = 0
        var index = 0
        while index + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            if word & 0x8080_8080_8080_8080 == 0 {
                count += 8
            } else {
                // A continuation byte has its top bits 10: bit 7 set and bit 6 clear.
                let continuation = word & ~(word << 1) & 0x8080_8080_8080_8080
                count += 8 - continuation.nonzeroBitCount
            }
            index += 8
        }
        while index < bytes.count {
            if base[index] & 0xC0 != 0x80 { count += 1 }
            index += 1
        }
        return count
    }

    /// The byte offset in `bytes` where scalar number `scalars` (0-based) starts, or nil when there are fewer.
    package static func offset(ofScalar scalars: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var seen = -1
        var index = 0
        while index < bytes.count {
            // Eight ASCII bytes that all come before the scalar wanted are passed at once.
            if index + 8 <= bytes.count, seen + 8 < scalars,
                UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                seen += 8
                index += 8
                continue
            }
            if base[index] & 0xC0 != 0x80 {
                seen += 1
                if seen == scalars { return index }
            }
            index += 1
        }
        return nil
    }
}
