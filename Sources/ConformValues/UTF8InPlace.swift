extension String {
    /// The string's UTF-8 bytes, read where they are stored (a small string's from the stack).
    ///
    /// `withUTF8` is mutating, so calling it on a parameter takes a `var` copy first, and that copy retains the
    /// string's storage: for the description's strings (media types, parameter names, paths), which every worker
    /// reads for every exchange, each retain is an atomic update both cores contend for. Only a string that is
    /// not stored contiguously (a bridged one) is copied.
    @inlinable @inline(__always)
    package func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}

extension Substring {
    /// `String.withUTF8Bytes` for a part of a string.
    @inlinable @inline(__always)
    package func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
