import ConformValues
import Foundation

/// Path arithmetic for `$ref` targets: files named relative to the file that holds the `$ref`.
///
/// Paths stay in the form the user gave them (relative stays relative), so messages name
/// `specs/api/common.yaml`, not an absolute path the user never typed.
enum RefPath {
    /// Joins a relative reference to the directory of `base` and removes `.` and `..` segments.
    static func join(_ base: String, _ relative: String) -> String {
        if relative.utf8.first == UInt8(ascii: "/") { return normalize(relative) }
        var base = base
        var relative = relative
        return base.withUTF8 { base in
            relative.withUTF8 { relative in
                let directory = base.lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 } ?? 0
                return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: directory + relative.count) { combined in
                    if directory > 0 { combined.baseAddress!.initialize(from: base.baseAddress!, count: directory) }
                    if !relative.isEmpty {
                        (combined.baseAddress! + directory).initialize(from: relative.baseAddress!, count: relative.count)
                    }
                    return normalize(bytes: UnsafeBufferPointer(combined))
                }
            }
        }
    }

    /// Removes `.` segments, resolves `..` against the segment before it and collapses repeated slashes.
    /// One pass over the UTF-8 bytes in stack buffers: this runs for every `$ref` to another file, and a
    /// description of thousands of files has tens of thousands of them.
    static func normalize(_ path: String) -> String {
        return path.withUTF8Bytes { normalize(bytes: $0) }
    }

    private static func normalize(bytes: UnsafeBufferPointer<UInt8>) -> String {
        let slash = UInt8(ascii: "/")
        let dot = UInt8(ascii: ".")
        let absolute = bytes.first == slash
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count + 1) { output in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: bytes.count / 2 + 2) { starts in
                var length = 0
                if absolute {
                    output[0] = slash
                    length = 1
                }
                let root = length
                // `starts[n]` is where the n-th kept segment begins in `output`; a negative value marks a `..`
                // kept at the front of a relative path (stored as -start - 1).
                var kept = 0
                var index = 0
                while index < bytes.count {
                    let end = Self.nextSlash(in: bytes, from: index)
                    let count = end - index
                    defer { index = end + 1 }
                    if count == 0 || (count == 1 && bytes[index] == dot) { continue }
                    let isParent = count == 2 && bytes[index] == dot && bytes[index + 1] == dot
                    if isParent {
                        if kept > 0 && starts[kept - 1] >= 0 {
                            // Drop the previous segment and the slash before it.
                            length = max(root, starts[kept - 1] - 1)
                            kept -= 1
                            continue
                        }
                        if absolute { continue }
                    }
                    if length > root {
                        output[length] = slash
                        length += 1
                    }
                    starts[kept] = isParent ? -length - 1 : length
                    kept += 1
                    (output.baseAddress! + length).initialize(from: bytes.baseAddress! + index, count: count)
                    length += count
                }
                return String(decoding: UnsafeBufferPointer(rebasing: output[..<length]), as: UTF8.self)
            }
        }
    }

    /// The offset of the next `/` at or after `start`, or the end.
    private static func nextSlash(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let remaining = UnsafeRawPointer(bytes.baseAddress! + start)
        guard let found = memchr(remaining, Int32(UInt8(ascii: "/")), bytes.count - start) else { return bytes.count }
        return start + remaining.distance(to: UnsafeRawPointer(found))
    }

    /// Decodes `%XX` escapes; nil when an escape is malformed or the result is not UTF-8.
    static func percentDecode(_ text: Substring) -> String? {
        let hasEscape = text.utf8.withContiguousStorageIfAvailable { $0.contains(UInt8(ascii: "%")) }
            ?? text.utf8.contains(UInt8(ascii: "%"))
        guard hasEscape else { return String(text) }
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(HexDigit.value), let low = iterator.next().flatMap(HexDigit.value) else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// True for references with a URI scheme (`https:`, `urn:`), which are never read from disk.
    static func hasScheme(_ reference: String) -> Bool {
        return reference.withUTF8Bytes { bytes in
            guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return false }
            return isScheme(bytes[..<colon])
        }
    }

    private static func isScheme(_ scheme: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        guard let first = scheme.first, isLetter(first), scheme.count > 1 else { return false }
        return scheme.allSatisfy { byte in
            isLetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
    }

    /// Splits a reference at its first `#` into the part naming a document and the fragment (without `#`).
    static func split(_ reference: String) -> (document: Substring, fragment: Substring) {
        guard let offset = reference.withUTF8Bytes({ $0.firstIndex(of: UInt8(ascii: "#")) }) else {
            return (reference[...], reference[reference.endIndex...])
        }
        let hash = reference.utf8.index(reference.utf8.startIndex, offsetBy: offset)
        return (reference[..<hash], reference[reference.index(after: hash)...])
    }
}
