extension String {
    /// ASCII case-insensitive equality, which is what protocol tokens need (HTTP field names, methods, media type
    /// parameter names are ASCII): no Unicode case folding, no allocation. Header lookups ask it for every field of
    /// every exchange, so native strings are compared over their contiguous bytes. Inlinable, so that a caller
    /// comparing a name it reads out of an array (a header field's) need not retain it around an opaque call.
    @inlinable @inline(__always)
    package func caseInsensitiveEquals(_ other: String) -> Bool {
        let left = utf8, right = other.utf8
        guard left.count == right.count else { return false }
        let contiguous = left.withContiguousStorageIfAvailable { a in
            right.withContiguousStorageIfAvailable { b in Self.asciiEqualIgnoringCase(a, b) }
        }
        if let answer = contiguous ?? nil { return answer }
        for (a, b) in zip(left, right) where a != b {
            if a.asciiLowercased != b.asciiLowercased { return false }
        }
        return true
    }

    /// `caseInsensitiveEquals` over two runs of bytes of the same length.
    @inlinable
    package static func asciiEqualIgnoringCase(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for index in 0..<a.count where a[index] != b[index] {
            if a[index].asciiLowercased != b[index].asciiLowercased { return false }
        }
        return true
    }
}

extension UInt8 {
    /// The byte with `A`–`Z` lowered and every other byte as it is.
    @inlinable @inline(__always)
    package var asciiLowercased: UInt8 { self >= 0x41 && self <= 0x5A ? self | 0x20 : self }
}
