import ConformTraffic
import Foundation

/// A request path's segments, as ranges of its bytes: what routing compares against templates. Every request is
/// routed, and most are routed by comparing a few short segments, so they are read where they are, with no string
/// made for any but the values a template captures.
///
/// The segments are what follows each `/` up to the next (the text before the first `/` is no segment), either as
/// sent or percent-decoded; `start` is the first one below a server's base path.
struct PathSegments {
    let bytes: UnsafeBufferPointer<UInt8>
    let bounds: UnsafeBufferPointer<Range<Int>>
    private(set) var start = 0

    /// Segments below the base.
    var count: Int { bounds.count - start }

    /// The bytes of segment `index`, counted from `start`.
    @inline(__always)
    subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[bounds[start + index]])
    }

    /// The segments from `index` (counted from `start`, at most `count`) on.
    func dropping(_ index: Int) -> PathSegments {
        var rest = self
        rest.start += index
        return rest
    }

    /// Segment `index`'s text.
    func text(_ index: Int) -> String {
        String(decoding: self[index], as: UTF8.self)
    }

    /// Calls `body` with the path's segments as sent and decoded (the same segments when nothing in the path is
    /// percent-encoded, as is usual), their bounds in temporary storage (on the stack unless the path has very
    /// many segments).
    static func withSegments<Result>(of path: String, _ body: (_ raw: PathSegments, _ decoded: PathSegments, _ encoded: Bool) -> Result) -> Result {
        return path.withUTF8Bytes { bytes in
            var slashes = 0
            var encoded = false
            for byte in bytes {
                if byte == UInt8(ascii: "/") { slashes += 1 } else if byte == UInt8(ascii: "%") { encoded = true }
            }
            return withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: max(1, slashes)) { storage in
                var count = 0
                for offset in bytes.indices where bytes[offset] == UInt8(ascii: "/") {
                    if count > 0 { storage[count - 1] = storage[count - 1].lowerBound..<offset }
                    storage[count] = offset + 1..<bytes.count
                    count += 1
                }
                let raw = PathSegments(bytes: bytes, bounds: UnsafeBufferPointer(rebasing: storage[..<count]))
                guard encoded else { return body(raw, raw, false) }
                return withDecoded(raw) { body(raw, $0, true) }
            }
        }
    }

    /// The segments percent-decoded, one after another in a buffer of their own.
    private static func withDecoded<Result>(_ raw: PathSegments, _ body: (PathSegments) -> Result) -> Result {
        var text: [UInt8] = []
        text.reserveCapacity(raw.bytes.count)
        var bounds: [Range<Int>] = []
        bounds.reserveCapacity(raw.count)
        for index in 0..<raw.count {
            let start = text.count
            PercentDecoding.decode(raw[index], into: &text)
            bounds.append(start..<text.count)
        }
        return text.withUnsafeBufferPointer { text in
            bounds.withUnsafeBufferPointer { body(PathSegments(bytes: text, bounds: $0)) }
        }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether these bytes are exactly `other`'s.
    @inline(__always)
    func hasSameBytes(as other: [UInt8]) -> Bool {
        count == other.count && other.withUnsafeBufferPointer { theirs in
            count == 0 || memcmp(baseAddress!, theirs.baseAddress!, count) == 0
        }
    }

    /// How these bytes order against `other`'s, as `memcmp` orders them (a prefix first).
    func compareBytes(with other: [UInt8]) -> Int {
        other.withUnsafeBufferPointer { theirs in
            let common = Swift.min(count, theirs.count)
            let order = common == 0 ? 0 : Int(memcmp(baseAddress!, theirs.baseAddress!, common))
            return order != 0 ? order : count - theirs.count
        }
    }
}
