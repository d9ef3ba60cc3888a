/// A text stream into a byte array: a report fragment rendered on one thread and written out on another.
/// A value type, so writing to it needs no exclusivity check at run time, unlike a class's stored buffer.
package struct ByteOutput: TextOutputStream, Sendable {
    package private(set) var bytes: [UInt8] = []

    package init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Output into `buffer`'s storage, emptied: a buffer grown by one part of a long report serves the next
    /// without its memory being returned to the system and faulted in again.
    package init(reusing buffer: consuming [UInt8], capacity: Int = 0) {
        bytes = buffer
        bytes.removeAll(keepingCapacity: true)
        bytes.reserveCapacity(capacity)
    }

    package mutating func append(_ more: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: more)
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
