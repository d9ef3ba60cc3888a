/// A fixed set of ASCII tokens (header names, query parameter names) asked about without regard to case, for
/// every field of every exchange: kept lower-cased and grouped by length, so a question costs a few byte
/// comparisons and allocates nothing.
package struct CaseInsensitiveNames: Sendable {
    /// The names of each byte length, lower-cased.
    private let byLength: [[[UInt8]]]

    package init(_ names: some Sequence<String>) {
        var byLength: [[[UInt8]]] = []
        for name in names {
            let bytes = name.utf8.map(\.asciiLowercased)
            while byLength.count <= bytes.count { byLength.append([]) }
            if !byLength[bytes.count].contains(bytes) { byLength[bytes.count].append(bytes) }
        }
        self.byLength = byLength
    }

    /// Whether `name` is one of the names, ASCII letters compared without regard to case.
    package func contains(_ name: String) -> Bool {
        contains(name[...])
    }

    /// `contains` for a part of a text (a query parameter's name), read in place.
    package func contains(_ name: Substring) -> Bool {
        let length = name.utf8.count
        guard length < byLength.count, !byLength[length].isEmpty else { return false }
        if let found = name.utf8.withContiguousStorageIfAvailable({ contains($0) }) { return found }
        return ContiguousArray(name.utf8).withUnsafeBufferPointer { contains($0) }
    }

    private func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        candidates: for candidate in byLength[bytes.count] {
            for index in 0..<bytes.count where bytes[index].asciiLowercased != candidate[index] { continue candidates }
            return true
        }
        return false
    }
}
