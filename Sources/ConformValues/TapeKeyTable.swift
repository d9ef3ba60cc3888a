import Foundation

/// The keys of one large object being laid out on a tape, for the duplicate check: an open-addressing table of
/// the keys' entry indices, compared by their bytes in the tape's text, so adding a key allocates nothing.
///
/// Keys are hashed with the standard library's `Hasher`, seeded per process, so no input can be made to collide
/// its way to quadratic time.
struct TapeKeyTable {
    /// Entry index + 1 of the key in each slot; 0 is empty. A power of two in size, at most half full.
    private var slots: [Int32] = []
    private(set) var count = 0

    /// A table emptied for the next object; one that grew large is dropped rather than cleared, so that one huge
    /// object does not make every later one at its depth pay for clearing it.
    mutating func reset() {
        if slots.count > 1024 {
            slots = []
        } else if count > 0 {
            for index in slots.indices { slots[index] = 0 }
        }
        count = 0
    }

    /// Adds the key at entry `key`; false when the table has a key of the same bytes already.
    mutating func insert(_ key: Int, entries: UnsafePointer<JSONTape.Entry>, text: UnsafePointer<UInt8>) -> Bool {
        if (count + 1) * 2 > slots.count { grow(entries: entries, text: text) }
        let mask = slots.count - 1
        var slot = Self.hash(key, entries: entries, text: text) & mask
        while slots[slot] != 0 {
            if Self.sameBytes(Int(slots[slot]) - 1, key, entries: entries, text: text) { return false }
            slot = (slot + 1) & mask
        }
        slots[slot] = Int32(key + 1)
        count += 1
        return true
    }

    private mutating func grow(entries: UnsafePointer<JSONTape.Entry>, text: UnsafePointer<UInt8>) {
        let old = slots
        slots = Array(repeating: 0, count: max(64, old.count * 2))
        let mask = slots.count - 1
        for stored in old where stored != 0 {
            var slot = Self.hash(Int(stored) - 1, entries: entries, text: text) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = stored
        }
    }

    private static func bytes(_ key: Int, entries: UnsafePointer<JSONTape.Entry>, text: UnsafePointer<UInt8>) -> UnsafeRawBufferPointer {
        let entry = entries[key]
        return UnsafeRawBufferPointer(start: text + Int(truncatingIfNeeded: entry.payload), count: Int(truncatingIfNeeded: entry.header >> 8))
    }

    private static func hash(_ key: Int, entries: UnsafePointer<JSONTape.Entry>, text: UnsafePointer<UInt8>) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: bytes(key, entries: entries, text: text))
        return hasher.finalize()
    }

    private static func sameBytes(_ a: Int, _ b: Int, entries: UnsafePointer<JSONTape.Entry>, text: UnsafePointer<UInt8>) -> Bool {
        let left = bytes(a, entries: entries, text: text)
        let right = bytes(b, entries: entries, text: text)
        return left.count == right.count && (left.isEmpty || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0)
    }
}
