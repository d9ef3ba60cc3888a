/// A fixed set of ASCII tokens (header names, query parameter names) asked about without regard to case, for
/// every field of every exchange: kept lower-cased and grouped by length, so a question costs a few byte
/// comparisons and allocates nothing.
package struct CaseInsensitiveNames: Sendable {
    /// The names of each byte length, lower-cased.
    private let byLength: [[[UInt8]]]
    /// Per length, a bit for each first byte (lower-cased, its low six bits) that a name of that length starts with:
    /// most names asked about are none of these, and differ in length or first letter.
    private let firstBytes: [UInt64]

    package init(_ names: some Sequence<String>) {
        var byLength: [[[UInt8]]] = []
        var firstBytes: [UInt64] = []
        for name in names {
            let bytes = name.utf8.map(\.asciiLowercased)
            while byLength.count <= bytes.count {
                byLength.append([])
                firstBytes.append(0)
            }
            if !byLength[bytes.count].contains(bytes) { byLength[bytes.count].append(bytes) }
            if let first = bytes.first { firstBytes[bytes.count] |= Self.bit(first) }
        }
        self.byLength = byLength
        self.firstBytes = firstBytes
    }

    /// Whether `name` is one of the names, ASCII letters compared without regard to case.
    package func contains(_ name: String) -> Bool {
        // A String's own view, not a Substring's: reading it in place costs no slicing, small strings included.
        guard name.utf8.count < byLength.count else { return false }
        return name.utf8.withContiguousStorageIfAvailable { contains($0) } ?? contains(name[...])
    }

    /// `contains` for a part of a text (a query parameter's name), read in place.
    package func contains(_ name: Substring) -> Bool {
        guard name.utf8.count < byLength.count else { return false }
        if let found = name.utf8.withContiguousStorageIfAvailable({ contains($0) }) { return found }
        return ContiguousArray(name.utf8).withUnsafeBufferPointer { contains($0) }
    }

    private func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !bytes.isEmpty else { return !byLength[0].isEmpty }
        let starts = firstBytes[bytes.count]
        guard starts != 0, starts & Self.bit(bytes[0].asciiLowercased) != 0 else { return false }
        candidates: for candidate in byLength[bytes.count] {
            for index in 0..<bytes.count where bytes[index].asciiLowercased != candidate[index] { continue candidates }
            return true
        }
        return false
    }

    private static func bit(_ lowercased: UInt8) -> UInt64 { 1 << UInt64(lowercased & 63) }
}
