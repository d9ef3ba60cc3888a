import ConformValues
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a value starts in a streamed file: enough to turn a location inside the value's own bytes into a
/// location in the file, and to show the file's line in an error snippet.
struct TextMark: Sendable {
    /// 1-based line of the value's first byte.
    var line: Int
    /// 1-based column (in Unicode scalars) of the value's first byte.
    var column: Int
    /// The bytes of the file's line before the value, when short enough to keep (see `ChunkedInput.maxLinePrefix`).
    var linePrefix: [UInt8]?
}

/// A file's bytes read one fixed-size chunk at a time, so a reader of any file size holds one chunk and what it
/// chooses to copy out. An in-memory buffer (standard input) is served as a single chunk.
///
/// When `tracksLines` is set, the line and column of the current position are kept up to date lazily: line
/// breaks are counted with `memchr` only when a location is asked for or a chunk is dropped, so the scanning
/// loops that move `position` never have to count them.
final class ChunkedInput {
    static let defaultChunkSize = 1 << 20
    /// The longest line start (before a value) kept for error snippets; longer lines are minified files, whose
    /// snippet would be the whole recording.
    static let maxLinePrefix = 4096

    /// The path as the user gave it, used in every location.
    let path: String
    /// The open file, or -1 for an in-memory buffer and after the end of the file.
    private var descriptor: Int32
    private let base: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    /// Valid bytes in the current chunk.
    private(set) var count: Int
    /// The next byte to read in the current chunk.
    var position = 0
    /// File offset of the current chunk's first byte.
    private(set) var chunkOffset = 0
    private let tracksLines: Bool

    /// 1-based line at `countedTo`.
    private var line = 1
    /// File offset of the first byte of `line`.
    private var lineStart = 0
    /// Chunk index up to which line breaks have been counted.
    private var countedTo = 0
    /// The current line's bytes from earlier chunks, while they fit `maxLinePrefix`.
    private var carried: [UInt8] = []
    private var carriedIsComplete = true
    /// Unicode scalars of the current line in earlier chunks.
    private var carriedScalars = 0
    /// The last computed column and its file offset, so that many values on one long line cost one pass.
    private var cachedColumnOffset = -1
    private var cachedColumn = 1

    private init(path: String, descriptor: Int32, capacity: Int, tracksLines: Bool) {
        self.path = path
        self.descriptor = descriptor
        self.capacity = max(1, capacity)
        self.base = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
        self.count = 0
        self.tracksLines = tracksLines
    }

    /// Opens a file and reads its first chunk; a file that cannot be opened or read is an `.io` error at 1:1.
    static func open(path: String, chunkSize: Int = defaultChunkSize, tracksLines: Bool) throws(LoadError)
        -> ChunkedInput
    {
        let descriptor = openForReading(path)
        guard descriptor >= 0 else { throw LoadError.unreadable(path, errno: errno) }
        let input = ChunkedInput(path: path, descriptor: descriptor, capacity: chunkSize, tracksLines: tracksLines)
        try input.fill()
        return input
    }

    /// Serves bytes already in memory (standard input) as one chunk.
    init(bytes: [UInt8], name: String, tracksLines: Bool) {
        self.path = name
        self.descriptor = -1
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
        bytes.withUnsafeBufferPointer { buffer in
            if let source = buffer.baseAddress { storage.initialize(from: source, count: buffer.count) }
        }
        self.capacity = max(1, bytes.count)
        self.base = storage
        self.count = bytes.count
        self.tracksLines = tracksLines
    }

    deinit {
        closeFile()
        base.deallocate()
    }

    /// The current chunk's bytes, for scanning loops; valid until the next `refill()`.
    var bytes: UnsafePointer<UInt8> { UnsafePointer(base) }

    /// The first bytes of the current chunk, for format sniffing.
    func chunkPrefix(_ length: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(start: base, count: min(length, count)))
    }

    /// Drops the current chunk and reads the next one; false at the end of the input.
    func refill() throws(LoadError) -> Bool {
        position = count
        if tracksLines { carryLine() }
        chunkOffset += count
        count = 0
        position = 0
        countedTo = 0
        try fill()
        return count > 0
    }

    /// The next byte that is not JSON whitespace, left unread; nil at the end of the input.
    func skipWhitespace() throws(LoadError) -> UInt8? {
        while true {
            while position < count {
                let byte = base[position]
                if byte != 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09 { return byte }
                position += 1
            }
            guard try refill() else { return nil }
        }
    }

    /// The next byte, left unread; nil at the end of the input.
    func peek() throws(LoadError) -> UInt8? {
        if position == count, try !refill() { return nil }
        return base[position]
    }

    /// Skips a UTF-8 byte order mark at the very start of the input (it may straddle tiny chunks).
    func skipByteOrderMark() throws(LoadError) {
        guard chunkOffset == 0, position == 0 else { return }
        for byte: UInt8 in [0xEF, 0xBB, 0xBF] {
            guard try peek() == byte else { return }
            position += 1
        }
    }

    /// The line and column of the current position, and the line's bytes before it when short.
    func mark() -> TextMark {
        countLines()
        let offset = chunkOffset + position
        let column: Int
        if cachedColumnOffset >= lineStart, cachedColumnOffset >= chunkOffset, cachedColumnOffset <= offset {
            column = cachedColumn + scalars(from: cachedColumnOffset - chunkOffset, to: position)
        } else if lineStart >= chunkOffset {
            column = 1 + scalars(from: lineStart - chunkOffset, to: position)
        } else {
            column = 1 + carriedScalars + scalars(from: 0, to: position)
        }
        cachedColumnOffset = offset
        cachedColumn = column
        return TextMark(line: line, column: column, linePrefix: linePrefix())
    }

    /// The current position as a file location.
    func location() -> SourceLocation {
        let mark = mark()
        return SourceLocation(file: path, line: mark.line, column: mark.column)
    }

    // MARK: Reading

    private func fill() throws(LoadError) {
        guard descriptor >= 0 else { return }
        while true {
            let result = read(descriptor, base, capacity)
            if result > 0 {
                count = result
                return
            }
            if result == 0 {
                closeFile()
                return
            }
            let code = errno
            if code == EINTR { continue }
            closeFile()
            throw LoadError.unreadable(path, errno: code)
        }
    }

    private func closeFile() {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
    }

    // MARK: Lines

    /// Counts the line breaks between `countedTo` and `position`.
    private func countLines() {
        guard tracksLines, countedTo < position else { return }
        var offset = countedTo
        while offset < position, let found = memchr(base + offset, 0x0A, position - offset) {
            let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            line += 1
            lineStart = chunkOffset + index + 1
            offset = index + 1
        }
        countedTo = position
    }

    /// Before a chunk is dropped: keeps what later columns and snippets need of the line that runs past it.
    private func carryLine() {
        countLines()
        if lineStart >= chunkOffset {
            let start = lineStart - chunkOffset
            carriedScalars = scalars(from: start, to: count)
            carriedIsComplete = count - start <= Self.maxLinePrefix
            carried = carriedIsComplete ? Array(UnsafeBufferPointer(start: base + start, count: count - start)) : []
        } else {
            carriedScalars += scalars(from: 0, to: count)
            if carriedIsComplete && carried.count + count <= Self.maxLinePrefix {
                carried.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
            } else {
                carriedIsComplete = false
                carried = []
            }
        }
    }

    private func linePrefix() -> [UInt8]? {
        if lineStart >= chunkOffset {
            let start = lineStart - chunkOffset
            guard position - start <= Self.maxLinePrefix else { return nil }
            return Array(UnsafeBufferPointer(start: base + start, count: position - start))
        }
        guard carriedIsComplete, carried.count + position <= Self.maxLinePrefix else { return nil }
        return carried + UnsafeBufferPointer(start: base, count: position)
    }

    /// Unicode scalars in the chunk between two indexes: every byte that is not a UTF-8 continuation byte.
    private func scalars(from start: Int, to end: Int) -> Int {
        var total = 0
        var index = start
        while index < end {
            if base[index] & 0xC0 != 0x80 { total += 1 }
            index += 1
        }
        return total
    }
}

/// `open(2)` for reading; a free function because `ChunkedInput.open` hides the system's name inside the class.
private func openForReading(_ path: String) -> Int32 {
    open(path, O_RDONLY)
}
