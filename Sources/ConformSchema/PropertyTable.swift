import Foundation

/// The property names a schema knows (`properties`, `required`, and which are readOnly or writeOnly), looked up by
/// the UTF-8 bytes of an instance's keys.
///
/// Two reasons over a `[String: SchemaID]`: JSON Schema compares property names by code points, which byte
/// equality of UTF-8 is and Swift's `String ==` (canonical equivalence) is not; and a short byte hash with one
/// byte comparison costs a fraction of hashing a `String` with SipHash, which showed up as the largest cost of validating
/// objects. One lookup per instance key also counts the required names present, so `required` needs no search.
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

    private var entries: [Entry] = []
    /// Every name's bytes, back to back.
    private var bytes: [UInt8] = []
    /// Open addressing with linear probing: an index into `entries`, or -1.
    private var slots: [Int32] = []
    private var mask = 0
    /// Whether names are hashed by every byte: tables of more than `quickHashLimit` names are, so that many names
    /// differing only inside (`p001x`, `p002x`, …) cannot pile up in one probe sequence.
    private var hashesEveryByte = false
    private static let quickHashLimit = 16

    var isEmpty: Bool { entries.isEmpty }

    init(properties: [String: SchemaID], required: [String], readOnly: Set<String> = [], writeOnly: Set<String> = []) {
        var names: [String] = properties.keys.sorted()
        for name in required + readOnly.sorted() + writeOnly.sorted() where properties[name] == nil && !names.contains(name) {
            names.append(name)
        }
        guard !names.isEmpty else { return }
        let requiredNames = Set(required.map { Array($0.utf8) })
        var capacity = 4
        while capacity < names.count * 2 { capacity *= 2 }
        slots = Array(repeating: -1, count: capacity)
        mask = capacity - 1
        hashesEveryByte = names.count > Self.quickHashLimit
        for name in names {
            let utf8 = Array(name.utf8)
            let entry = Entry(
                schema: properties[name], isRequired: requiredNames.contains(utf8),
                isReadOnly: readOnly.contains(name), isWriteOnly: writeOnly.contains(name),
                offset: Int32(bytes.count), length: Int32(utf8.count))
            bytes += utf8
            var slot = utf8.withUnsafeBufferPointer { hash($0) } & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(entries.count)
            entries.append(entry)
        }
    }

    /// A table of bare names, such as the strings of an `enum`.
    init(names: [String]) {
        self.init(properties: [:], required: names)
    }

    /// The entry for an instance key, if the schema names it.
    @inline(__always)
    func entry(for key: String) -> Entry? {
        guard !entries.isEmpty else { return nil }
        var key = key
        return key.withUTF8 { entry(for: $0) }
    }

    @inline(__always)
    func entry(for key: UnsafeBufferPointer<UInt8>) -> Entry? {
        guard !entries.isEmpty else { return nil }
        var slot = hash(key) & mask
        return bytes.withUnsafeBufferPointer { storage in
            while true {
                let index = Int(slots[slot])
                if index < 0 { return nil }
                let entry = entries[index]
                if Int(entry.length) == key.count, Self.equal(storage.baseAddress! + Int(entry.offset), key) {
                    return entry
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Byte equality; names are short, so a loop beats calling `memcmp`.
    @inline(__always)
    private static func equal(_ stored: UnsafePointer<UInt8>, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        for index in 0..<key.count where stored[index] != key[index] { return false }
        return true
    }

    @inline(__always)
    private func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        hashesEveryByte ? Self.fullHash(bytes) : Self.quickHash(bytes)
    }

    /// Length and three bytes (first, middle, last), mixed: a small table seldom holds two names that agree on all
    /// four, the byte comparison settles those that do, and it costs the same for any length.
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
