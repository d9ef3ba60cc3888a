import Foundation

/// The property names a schema knows (`properties`, `required`, and which are readOnly or writeOnly), looked up by
/// the UTF-8 bytes of an instance's keys.
///
/// Two reasons over a `[String: SchemaID]`: JSON Schema compares property names by code points, which byte
/// equality of UTF-8 is and Swift's `String ==` (canonical equivalence) is not; and a short byte hash with one
/// memcmp costs a fraction of hashing a `String` with SipHash, which showed up as the largest cost of validating
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
        for name in names {
            let utf8 = Array(name.utf8)
            let entry = Entry(
                schema: properties[name], isRequired: requiredNames.contains(utf8),
                isReadOnly: readOnly.contains(name), isWriteOnly: writeOnly.contains(name),
                offset: Int32(bytes.count), length: Int32(utf8.count))
            bytes += utf8
            var slot = utf8.withUnsafeBufferPointer { Self.hash($0) } & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(entries.count)
            entries.append(entry)
        }
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
        var slot = Self.hash(key) & mask
        return bytes.withUnsafeBufferPointer { storage in
            while true {
                let index = Int(slots[slot])
                if index < 0 { return nil }
                let entry = entries[index]
                if Int(entry.length) == key.count,
                    key.isEmpty || memcmp(storage.baseAddress! + Int(entry.offset), key.baseAddress!, key.count) == 0
                {
                    return entry
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// FNV-1a over the bytes: property names are short, and this is a loop of a few instructions a byte.
    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }
}
