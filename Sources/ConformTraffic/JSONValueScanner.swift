import ConformValues

/// Bytes copied out of a `ChunkedInput` while a value is scanned, up to a limit.
struct ByteCapture {
    /// Whether bytes are kept at all (false when a value is only skipped).
    let isEnabled: Bool
    let limit: Int
    private(set) var bytes: [UInt8] = []
    /// Set once the value outgrew `limit`; the bytes are dropped then, so one huge value cannot exhaust memory.
    private(set) var overflowed = false

    init(isEnabled: Bool, limit: Int) {
        self.isEnabled = isEnabled
        self.limit = limit
    }

    static let skipping = ByteCapture(isEnabled: false, limit: 0)

    /// Empties the capture for the next value, keeping its storage.
    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        overflowed = false
    }

    mutating func append(_ start: UnsafePointer<UInt8>, count: Int) {
        guard isEnabled, !overflowed, count > 0 else { return }
        guard bytes.count + count <= limit else {
            overflowed = true
            bytes = []
            return
        }
        bytes.append(contentsOf: UnsafeBufferPointer(start: start, count: count))
    }
}

extension ChunkedInput {
    /// Moves past one JSON value that starts at the current position, copying its bytes into `capture`.
    ///
    /// Only strings (with their escapes) and bracket depth are followed, which is all it takes to find where a
    /// value ends; the value's syntax is checked later, by the parser, on the copied bytes alone. A scalar ends
    /// before the first delimiter. Returns false when the input ends before the value does.
    func scanValue(into capture: inout ByteCapture) throws(LoadError) -> Bool {
        var depth = 0
        var inString = false
        var escaped = false
        var segment = position
        // The loop works on locals: every write to a class property is an exclusivity check, too slow per byte.
        var data = bytes
        var end = count
        var index = position
        while true {
            if index == end {
                capture.append(data + segment, count: index - segment)
                position = index
                guard try refill() else { return false }
                data = bytes
                end = count
                index = 0
                segment = 0
            }
            if inString {
                // A string the chunk's end cut, resumed.
                if escaped {
                    escaped = false
                    index += 1
                    continue
                }
                let (next, cut) = Self.stringRest(data, from: index, to: end)
                index = next
                if cut != .none {
                    escaped = cut == .afterBackslash
                    continue
                }
                inString = false
                if depth == 0 { break }
                continue
            }
            let byte = data[index]
            if byte == 0x22 {
                // Most of an entry is inside strings (bodies recorded as text), followed to their end at once.
                let (next, cut) = Self.stringRest(data, from: index + 1, to: end)
                index = next
                if cut != .none {
                    inString = true
                    escaped = cut == .afterBackslash
                    continue
                }
                if depth == 0 { break }
                continue
            }
            if byte == 0x7B || byte == 0x5B {
                depth += 1
            } else if byte == 0x7D || byte == 0x5D {
                // A closer at depth 1 ends the value (and is part of it); at depth 0 it ends a scalar (and is not).
                if depth > 1 {
                    depth -= 1
                } else {
                    if depth == 1 { index += 1 }
                    break
                }
            } else if depth == 0 && (byte == 0x2C || byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09) {
                break
            }
            index += 1
        }
        capture.append(data + segment, count: index - segment)
        position = index
        return true
    }

    /// Where a string's bytes cut by a chunk's end left off.
    enum StringCut {
        case none
        /// The chunk ended inside the string.
        case inside
        /// The chunk ended on a backslash: the next chunk's first byte is escaped.
        case afterBackslash
    }

    /// Follows a string from `start` (after its opening quote, or where a chunk cut it) to just past its closing
    /// quote, eight bytes at a time between escapes, stepping over each escape where it stands (a body recorded as
    /// text escapes its every quote); or to `end`, with how the chunk cut it.
    @inline(__always)
    static func stringRest(_ data: UnsafePointer<UInt8>, from start: Int, to end: Int) -> (next: Int, cut: StringCut) {
        var index = start
        while true {
            index = ByteWord.skipToQuoteOrBackslash(data, from: index, to: end)
            while index < end, data[index] != 0x22, data[index] != 0x5C { index += 1 }
            guard index < end else { return (end, .inside) }
            if data[index] == 0x22 { return (index + 1, .none) }
            index += 2
            if index > end { return (end, .afterBackslash) }
        }
    }

    /// Moves to the next `,` or `]` outside any string or bracket, leaving it unread: recovery after bytes that
    /// cannot stand between two array elements. A stray `}` is passed over. Returns false at the end of the input.
    func skipToSeparator() throws(LoadError) -> Bool {
        var depth = 0
        var inString = false
        var escaped = false
        while true {
            if position == count, try !refill() { return false }
            let byte = bytes[position]
            if inString {
                if escaped {
                    escaped = false
                } else if byte == 0x5C {
                    escaped = true
                } else if byte == 0x22 {
                    inString = false
                }
            } else {
                switch byte {
                case 0x22: inString = true
                case 0x7B, 0x5B: depth += 1
                case 0x2C where depth == 0: return true
                case 0x5D where depth == 0: return true
                case 0x7D, 0x5D: depth = max(0, depth - 1)
                default: break
                }
            }
            position += 1
        }
    }
}
