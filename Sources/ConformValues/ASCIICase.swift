extension String {
    /// ASCII case-insensitive equality, which is what protocol tokens need (HTTP field names, methods, media type
    /// parameter names are ASCII): no Unicode case folding, no allocation. Header lookups ask it for every field of
    /// every exchange, so native strings are compared over their contiguous bytes.
    package func caseInsensitiveEquals(_ other: String) -> Bool {
        let left = utf8, right = other.utf8
        guard left.count == right.count else { return false }
        let contiguous = left.withContiguousStorageIfAvailable { a in
            right.withContiguousStorageIfAvailable { b in Self.asciiEqualIgnoringCase(a, b) }
        }
        if let answer = contiguous ?? nil { return answer }
        for (a, b) in zip(left, right) where a != b {
            if Self.lower(a) != Self.lower(b) { return false }
        }
        return true
    }

    @inline(__always)
    private static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    private static func asciiEqualIgnoringCase(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for index in 0..<a.count where a[index] != b[index] {
            if lower(a[index]) != lower(b[index]) { return false }
        }
        return true
    }
}
