/// Splits bytes fed in chunks into lines, remembering only the unfinished line.
///
/// JSON Lines ends lines with LF (a CR before it is part of the break); `text/event-stream` also ends them with a
/// lone CR (HTML, "Parsing an event stream": `end-of-line = ( cr lf / cr / lf )`), which may arrive in one chunk
/// and its LF in the next.
struct LineSplitter {
    enum Breaks { case lineFeed, anyBreak }

    struct Line {
        var bytes: [UInt8]
        /// 1-based line number in the input.
        var number: Int
        /// The line was longer than `SequenceLimits.maxItemBytes`: `bytes` holds its start only.
        var tooLong: Bool
    }

    let breaks: Breaks
    private var pending = BoundedBuffer()
    /// The previous chunk ended with a CR (any-break mode): an LF first in the next chunk belongs to it.
    private var afterCR = false
    private var lineNumber = 0

    init(breaks: Breaks) {
        self.breaks = breaks
    }

    mutating func feed(_ chunk: ArraySlice<UInt8>) -> [Line] {
        var lines: [Line] = []
        var start = chunk.startIndex
        if afterCR, start < chunk.endIndex, chunk[start] == 0x0A { start += 1 }
        afterCR = false
        while start < chunk.endIndex {
            let end: Int?
            switch breaks {
            case .lineFeed: end = chunk[start...].firstIndex(of: 0x0A)
            case .anyBreak: end = chunk[start...].firstIndex { $0 == 0x0A || $0 == 0x0D }
            }
            guard let end else {
                pending.append(chunk[start...])
                break
            }
            pending.append(chunk[start..<end])
            var line = takeLine()
            if breaks == .lineFeed, line.bytes.last == 0x0D, !line.tooLong { line.bytes.removeLast() }
            lines.append(line)
            start = end + 1
            if breaks == .anyBreak, chunk[end] == 0x0D {
                if start < chunk.endIndex { if chunk[start] == 0x0A { start += 1 } } else { afterCR = true }
            }
        }
        return lines
    }

    /// The last line, when the input does not end with a line break.
    mutating func finish() -> Line? {
        guard !pending.isEmpty else { return nil }
        var line = takeLine()
        if breaks == .lineFeed, line.bytes.last == 0x0D, !line.tooLong { line.bytes.removeLast() }
        return line
    }

    private mutating func takeLine() -> Line {
        lineNumber += 1
        let (bytes, overflowed) = pending.take()
        return Line(bytes: bytes, number: lineNumber, tooLong: overflowed)
    }
}

extension Collection<UInt8> {
    /// Only spaces, tabs, CRs and LFs (JSON's insignificant whitespace), or nothing.
    var isJSONWhitespace: Bool {
        allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
    }
}
