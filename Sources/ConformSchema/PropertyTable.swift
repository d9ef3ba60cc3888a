import Foundation

/// The property names a schema knows (`properties`, `required`, and which are readOnly or writeOnly), looked up by
/// the UTF-8 bytes of an instance's keys.
///
/// Two reasons over a `[String: SchemaID]`: JSON Schema compares property names by code points, which byte
/// equality of UTF-8 is and Swift's `String ==` (canonical equivalence) is not; and a short byte hash with a
/// word-at-a-time comparison costs a fraction of hashing a `String` with SipHash, which showed up as the largest
/// cost of validating objects. One lookup per instance key also counts the required names present, so `required`
/// needs no search. The same table holds the strings of an `enum`.
struct PropertyTable: Sendable {
    struct Entry: Sendable {
        /// The `properties` schema for the name, if it has one.
        var schema: SchemaID?
        /// Whether the name is in `required`.
        var isRequired: Bool
        var isReadOnly: Bool
        var isWriteOnly: Bool
        fileprivate var offset: Int32
        fileprivate var length: Int32
    }

    /// nil for a table without names, the common case for schemas that are not objects.
    private let storage: Storage?
    private static let quickHashLimit = 16

    var isEmpty: Bool { storage == nil }

    init(properties: [String: SchemaID], required: [String], readOnly: Set<String> = [], writeOnly: Set<String> = []) {
        var names: [String] = properties.keys.sorted()
        for name in required + readOnly.sorted() + writeOnly.sorted() where properties[name] == nil && !names.contains(name) {
            names.append(name)
        }
        guard !names.isEmpty else {
            storage = nil
            return
        }
        let requiredNames = Set(required.map { Array($0.utf8) })
        var entries: [Entry] = []
        var bytes: [UInt8] = []
        for name in names {
            let utf8 = Array(name.utf8)
            entries.append(Entry(
                schema: properties[name], isRequired: requiredNames.contains(utf8),
                isReadOnly: readOnly.contains(name), isWriteOnly: writeOnly.contains(name),
                offset: Int32(bytes.count), length: Int32(utf8.count)))
            bytes += utf8
        }
        storage = Storage(entries: entries, bytes: bytes, hashesEveryByte: names.count > Self.quickHashLimit)
    }

    /// A table of bare names, such as the strings of an `enum`.
    init(names: [String]) {
        self.init(properties: [:], required: names)
    }

    /// The entry for an instance key, if the schema names it.
    @inline(__always)
    func entry(for key: UnsafeBufferPointer<UInt8>) -> Entry? {
        storage?.entry(for: key)
    }

    /// The table itself, in memory allocated once and read through pointers: lookups are on the hot path of
    /// validating every object member, and array accesses cost bounds checks and buffer indirections there.
    private final class Storage: @unchecked Sendable {
        let entries: UnsafeMutableBufferPointer<Entry>
        /// Every name's bytes, back to back (one spare byte, so that the buffer is never empty).
        let bytes: UnsafeMutableBufferPointer<UInt8>
        /// Open addressing with linear probing: an index into `entries`, or -1.
        let slots: UnsafeMutableBufferPointer<Int32>
        let mask: Int
        /// Whether names are hashed by every byte: tables of more than `quickHashLimit` names are, so that many
        /// names differing only inside (`p001x`, `p002x`, …) cannot pile up in one probe sequence.
        let hashesEveryByte: Bool

        init(entries: [Entry], bytes: [UInt8], hashesEveryByte: Bool) {
            self.hashesEveryByte = hashesEveryByte
            self.entries = .allocate(capacity: entries.count)
            _ = self.entries.initialize(from: entries)
            self.bytes = .allocate(capacity: bytes.count + 1)
            self.bytes.initialize(repeating: 0)
            _ = self.bytes.initialize(from: bytes)
            var capacity = 4
            while capacity < entries.count * 2 { capacity *= 2 }
            slots = .allocate(capacity: capacity)
            slots.initialize(repeating: -1)
            mask = capacity - 1
            for (index, entry) in entries.enumerated() {
                let name = UnsafeBufferPointer(rebasing: self.bytes[Int(entry.offset)..<Int(entry.offset + entry.length)])
                var slot = hash(name) & mask
                while slots[slot] >= 0 { slot = (slot + 1) & mask }
                slots[slot] = Int32(index)
            }
        }

        deinit {
            entries.deallocate()
            bytes.deallocate()
            slots.deallocate()
        }

        @inline(__always)
        func entry(for key: UnsafeBufferPointer<UInt8>) -> Entry? {
            var slot = hash(key) & mask
            while true {
                let index = Int(slots[slot])
                if index < 0 { return nil }
                let entry = entries[index]
                if Int(entry.length) == key.count, Self.equal(bytes.baseAddress! + Int(entry.offset), key) {
                    return entry
                }
                slot = (slot + 1) & mask
            }
        }

        /// Byte equality, eight bytes at a time (the last word may overlap the one before it); names are short,
        /// so this beats calling `memcmp`.
        @inline(__always)
        private static func equal(_ stored: UnsafePointer<UInt8>, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
            let count = key.count
            guard count > 0 else { return true }
            let left = UnsafeRawPointer(stored)
            let right = UnsafeRawPointer(key.baseAddress!)
            if count >= 8 {
                var offset = 0
                while offset + 8 <= count {
                    if left.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != right.loadUnaligned(fromByteOffset: offset, as: UInt64.self) {
                        return false
                    }
                    offset += 8
                }
                return offset == count
                    || left.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) == right.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            }
            if count >= 4 {
                return left.loadUnaligned(as: UInt32.self) == right.loadUnaligned(as: UInt32.self)
                    && left.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self) == right.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
            }
            for index in 0..<count where stored[index] != key[index] { return false }
            return true
        }

        @inline(__always)
        private func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
            hashesEveryByte ? Self.fullHash(bytes) : Self.quickHash(bytes)
        }

        /// Length and three bytes (first, middle, last), mixed: a small table seldom holds two names that agree on
        /// all four, the comparison settles those that do, and it costs the same for any length.
        @inline(__always)
        private static func quickHash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
            let count = bytes.count
            guard count > 0 else { return 0 }
            let mixed = UInt64(count) | UInt64(bytes[0]) << 8 | UInt64(bytes[count >> 1]) << 16 | UInt64(bytes[count - 1]) << 24
            return Int(truncatingIfNeeded: (mixed &* 0x9E37_79B9_7F4A_7C15) >> 32)
        }

        /// FNV-1a over every byte.
        private static func fullHash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            }
            return Int(truncatingIfNeeded: hash ^ (hash >> 29))
        }
    }
}
