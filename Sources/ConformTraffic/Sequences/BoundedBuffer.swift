/// The bytes of one unfinished item, kept up to `SequenceLimits.maxItemBytes`: what goes beyond is dropped and
/// remembered as an overflow, so that no input can make a reader hold more.
struct BoundedBuffer {
    private(set) var bytes: [UInt8] = []
    /// More bytes were appended than the limit keeps.
    private(set) var overflowed = false

    var isEmpty: Bool { bytes.isEmpty && !overflowed }

    mutating func append(_ more: ArraySlice<UInt8>) {
        let room = SequenceLimits.maxItemBytes - bytes.count
        if more.count > room {
            bytes.append(contentsOf: more.prefix(max(0, room)))
            overflowed = true
        } else {
            bytes.append(contentsOf: more)
        }
    }

    /// The bytes kept and whether some were dropped; the buffer is empty again (its storage kept for reuse).
    mutating func take() -> (bytes: [UInt8], overflowed: Bool) {
        defer {
            bytes.removeAll(keepingCapacity: true)
            overflowed = false
        }
        return (bytes, overflowed)
    }
}
