import Foundation

/// JSON member names compare by code points (RFC 8259 §8.3), which for UTF-8 text is byte equality. Swift's
/// `String ==` also equates canonically equivalent spellings ("é" and "e\u{301}"), which JSON keeps apart: two
/// such keys are two members, not a duplicate, and each is found only by its own spelling.
extension String {
    /// Whether the two strings are the same UTF-8 bytes.
    @inline(__always)
    package func hasSameBytes(as other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        return other.withUTF8Bytes { hasBytes($0) }
    }

    /// Whether the string's UTF-8 is exactly `bytes`.
    @inline(__always)
    func hasBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard utf8.count == bytes.count else { return false }
        let same = { (own: UnsafeBufferPointer<UInt8>) in
            own.isEmpty || memcmp(own.baseAddress!, bytes.baseAddress!, own.count) == 0
        }
        return withUTF8Bytes(same)
    }
}

/// A member name as a set or dictionary key, hashed and compared by its bytes.
struct ExactKey: Hashable {
    var text: String

    init(_ text: String) {
        self.text = text
    }

    static func == (lhs: ExactKey, rhs: ExactKey) -> Bool {
        lhs.text.hasSameBytes(as: rhs.text)
    }

    func hash(into hasher: inout Hasher) {
        text.withUTF8Bytes { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

extension MoveStack where Element == String {
    // Readers look for duplicate keys among the open object's names with this.
    /// Whether a name from `start` up has the same bytes as `name`.
    @inline(__always)
    func containsExactly(_ name: String, from start: Int) -> Bool {
        var index = start
        while index < count {
            if self[index].hasSameBytes(as: name) { return true }
            index += 1
        }
        return false
    }
}
