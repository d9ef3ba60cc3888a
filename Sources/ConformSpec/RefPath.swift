/// Path arithmetic for `$ref` targets: files named relative to the file that holds the `$ref`.
///
/// Paths stay in the form the user gave them (relative stays relative), so messages name
/// `specs/api/common.yaml`, not an absolute path the user never typed.
enum RefPath {
    /// The directory part of a path, or "" for a bare file name.
    static func directory(of path: String) -> String {
        let bytes = path.utf8
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }

    /// Joins a relative reference to the directory of `base` and removes `.` and `..` segments.
    static func join(_ base: String, _ relative: String) -> String {
        if relative.utf8.first == UInt8(ascii: "/") { return normalize(relative) }
        let directory = directory(of: base)
        return normalize(directory.isEmpty ? relative : directory + "/" + relative)
    }

    /// Removes `.` segments, resolves `..` against the segment before it and collapses repeated slashes.
    /// Works on UTF-8 bytes: this runs once per `$ref`, and multi-file descriptions have tens of thousands.
    static func normalize(_ path: String) -> String {
        let slash = UInt8(ascii: "/")
        let dot = UInt8(ascii: ".")
        let bytes = Array(path.utf8)
        let absolute = bytes.first == slash
        var parts: [ArraySlice<UInt8>] = []
        for part in bytes.split(separator: slash, omittingEmptySubsequences: true) {
            if part.count == 1 && part.first == dot { continue }
            if part.count == 2 && part.allSatisfy({ $0 == dot }) {
                if let last = parts.last, !(last.count == 2 && last.allSatisfy({ $0 == dot })) {
                    parts.removeLast()
                } else if !absolute {
                    parts.append(part)
                }
                continue
            }
            parts.append(part)
        }
        var result: [UInt8] = absolute ? [slash] : []
        result.reserveCapacity(bytes.count)
        for (index, part) in parts.enumerated() {
            if index > 0 { result.append(slash) }
            result.append(contentsOf: part)
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Decodes `%XX` escapes; nil when an escape is malformed or the result is not UTF-8.
    static func percentDecode(_ text: Substring) -> String? {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return String(text) }
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// True for references with a URI scheme (`https:`, `urn:`), which are never read from disk.
    static func hasScheme(_ reference: String) -> Bool {
        let bytes = reference.utf8
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return false }
        let scheme = bytes[..<colon]
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        guard let first = scheme.first, isLetter(first), scheme.count > 1 else { return false }
        return scheme.allSatisfy { byte in
            isLetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
    }

    /// Splits a reference at its first `#` into the part naming a document and the fragment (without `#`).
    static func split(_ reference: String) -> (document: Substring, fragment: Substring) {
        guard let hash = reference.utf8.firstIndex(of: UInt8(ascii: "#")) else {
            return (reference[...], reference[reference.endIndex...])
        }
        return (reference[..<hash], reference[reference.index(after: hash)...])
    }
}
