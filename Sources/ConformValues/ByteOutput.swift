/// A text stream into a byte array: a report fragment rendered on one thread and written out on another.
/// A value type, so writing to it needs no exclusivity check at run time, unlike a class's stored buffer.
package struct ByteOutput: TextOutputStream, Sendable {
    package private(set) var bytes: [UInt8] = []

    package init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    package mutating func append(_ more: [UInt8]) {
        bytes.append(contentsOf: more)
    }

    /// Empties the output, keeping its storage for what comes next.
    package mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    mutating func append(byte: UInt8) {
        bytes.append(byte)
    }

    /// `JSONWriter.writeString` into bytes: text that needs no escape is copied between its quotes at once.
    mutating func writeJSONString(_ text: String) {
        var text = text
        let written = text.withUTF8 { utf8 in
            guard !JSONWriter.needsEscape(utf8) else { return false }
            bytes.append(0x22)
            bytes.append(contentsOf: utf8)
            bytes.append(0x22)
            return true
        }
        if !written { JSONWriter.writeString(text, into: &self) }
    }

    mutating func writeJSONString(_ text: Substring) {
        let written: Bool? = text.utf8.withContiguousStorageIfAvailable { utf8 in
            guard !JSONWriter.needsEscape(utf8) else { return false }
            bytes.append(0x22)
            bytes.append(contentsOf: utf8)
            bytes.append(0x22)
            return true
        }
        if written != true { writeJSONString(String(text)) }
    }

    /// A JSON Pointer as a JSON string, `JSONPointer.description` without making it: tokens with no `~`, `/` or
    /// byte to escape (nearly all) are copied as they are.
    mutating func writeJSONPointer(_ pointer: JSONPointer) {
        let plain = pointer.tokens.allSatisfy { token in
            var token = token
            return token.withUTF8 { utf8 in
                !JSONWriter.needsEscape(utf8) && !utf8.contains(UInt8(ascii: "~")) && !utf8.contains(UInt8(ascii: "/"))
            }
        }
        guard plain else { return writeJSONString(pointer.description) }
        bytes.append(0x22)
        for token in pointer.tokens {
            bytes.append(UInt8(ascii: "/"))
            write(token)
        }
        bytes.append(0x22)
    }

    mutating func append(contentsOf more: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: more)
    }

    /// A line break and the indentation of `depth`, as `JSONWriter.newline` writes them.
    mutating func writeNewline(options: JSONWriter.Options, depth: Int) {
        let breaks = JSONWriter.prettyBreakBytes
        if options.indent == 2, 1 + 2 * depth <= breaks.count {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: breaks[..<(1 + 2 * depth)]))
        } else {
            JSONWriter.newline(&self, options: options, depth: depth)
        }
    }

    package mutating func write(_ string: String) {
        // Native strings' bytes are copied at once, not walked one by one.
        let copied: Void? = string.utf8.withContiguousStorageIfAvailable { bytes.append(contentsOf: $0) }
        if copied == nil { bytes.append(contentsOf: string.utf8) }
    }
}

/// A stream object that also takes UTF-8 bytes as they are (a report file): a fragment rendered on another thread is
/// written without being made a `String` first, which would check and copy its bytes once more.
package protocol ByteSink: AnyObject {
    func write(bytes: UnsafeBufferPointer<UInt8>)
}
