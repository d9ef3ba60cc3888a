/// `uuid` (RFC 4122 text form, any version and variant), `json-pointer` (RFC 6901), `relative-json-pointer`
/// (draft-bhutton-relative-json-pointer-00, which JSON Schema 2020-12 cites) and `e164` (ITU-T E.164 as OpenAPI
/// registries use it: `+` and 2 to 15 digits, no leading zero).
enum IdentifierFormats {
    static func uuid(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let shape = "not a valid UUID: expected 8-4-4-4-12 hex digits"
        let hyphen = UInt8(ascii: "-")
        guard bytes.count == 36, bytes[8] == hyphen, bytes[13] == hyphen, bytes[18] == hyphen, bytes[23] == hyphen else {
            return shape
        }
        // 32 hex digits in five runs: 0..<8, 9..<13, 14..<18, 19..<23, 24..<36, read as words where they fit.
        let raw = UnsafeRawPointer(bytes.baseAddress!)
        let hex = areHexDigits(raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
            && areHexDigits(UInt64(raw.loadUnaligned(fromByteOffset: 9, as: UInt32.self)) | 0x3030_3030 << 32)
            && areHexDigits(UInt64(raw.loadUnaligned(fromByteOffset: 14, as: UInt32.self)) | 0x3030_3030 << 32)
            && areHexDigits(UInt64(raw.loadUnaligned(fromByteOffset: 19, as: UInt32.self)) | 0x3030_3030 << 32)
            && areHexDigits(raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
            && areHexDigits(UInt64(raw.loadUnaligned(fromByteOffset: 32, as: UInt32.self)) | 0x3030_3030 << 32)
        return hex ? nil : shape
    }

    /// pydantic's `uuid1` … `uuid5`: a UUID of that version, and of RFC 4122's variant (Python's `UUID.version` is
    /// None for another, so pydantic refuses it).
    static func uuid(_ bytes: UnsafeBufferPointer<UInt8>, version: UInt8) -> String? {
        if let problem = uuid(bytes) { return problem }
        guard bytes[14] == UInt8(ascii: "0") + version else {
            return "not a version \(version) UUID: its version digit is \(FormatBytes.describe(bytes[14]))"
        }
        guard "89abAB".utf8.contains(bytes[19]) else {
            return "not a version \(version) UUID: \(FormatBytes.describe(bytes[19])) starting its fourth group is no RFC 4122 variant"
        }
        return nil
    }

    /// Whether all eight bytes of a word are ASCII hex digits, tested together: with no byte at or above 0x80,
    /// adding `0x80 - bound` to every byte sets its high bit exactly when the byte is at least `bound`, and no
    /// sum carries into the next byte.
    @inline(__always)
    private static func areHexDigits(_ word: UInt64) -> Bool {
        let high: UInt64 = 0x8080_8080_8080_8080
        guard word & high == 0 else { return false }
        func atLeast(_ value: UInt64, _ bound: UInt64) -> UInt64 { (value &+ (0x80 &- bound) &* 0x0101_0101_0101_0101) & high }
        let lower = word | 0x2020_2020_2020_2020
        let digit = atLeast(word, 0x30) & ~atLeast(word, 0x3A)
        let letter = atLeast(lower, 0x61) & ~atLeast(lower, 0x67)
        return digit | letter == high
    }

    static func jsonPointer(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        pointerProblem(bytes, from: 0).map { "not a valid JSON pointer: \($0)" }
    }

    /// A non-negative integer without leading zeros, an optional `+N`/`-N` index manipulation, then `#` or a
    /// JSON pointer.
    static func relativeJSONPointer(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        relativeProblem(bytes).map { "not a valid relative JSON pointer: \($0)" }
    }

    static func e164(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard (3...16).contains(bytes.count), bytes[0] == UInt8(ascii: "+"),
            FormatBytes.digitsEnd(bytes, from: 1) == bytes.count
        else { return "expected '+' followed by 2 to 15 digits" }
        return bytes[1] == UInt8(ascii: "0") ? "the country code after '+' must not start with 0" : nil
    }

    /// Checks `*( "/" reference-token )` from `start`, where `~` must be followed by `0` or `1`.
    private static func pointerProblem(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> String? {
        guard start < bytes.count else { return nil }
        guard bytes[start] == UInt8(ascii: "/") else { return "must be empty or start with '/'" }
        var index = start
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "~") {
                let next = index + 1 < bytes.count ? bytes[index + 1] : 0
                guard next == UInt8(ascii: "0") || next == UInt8(ascii: "1") else {
                    return "'~' must be followed by '0' or '1'"
                }
                index += 1
            }
            index += 1
        }
        return nil
    }

    private static func relativeProblem(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var index = nonNegativeIntegerEnd(bytes, from: 0)
        guard index > 0 else { return "must start with a non-negative integer" }
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let end = nonNegativeIntegerEnd(bytes, from: index + 1)
            guard end > index + 1 else { return "an index manipulation needs a number after its sign" }
            index = end
        }
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "#"):
            return index + 1 == bytes.count ? nil : "nothing may follow '#'"
        case UInt8(ascii: "/"):
            return pointerProblem(bytes, from: index)
        case let byte where FormatBytes.isDigit(byte):
            return "a number with a leading zero"
        case let byte:
            return "expected '#' or '/' after the number, found \(FormatBytes.describe(byte))"
        }
    }

    /// The end of `"0" / %x31-39 *DIGIT` at `start`, or `start` when there is none.
    private static func nonNegativeIntegerEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard start < bytes.count, FormatBytes.isDigit(bytes[start]) else { return start }
        return bytes[start] == UInt8(ascii: "0") ? start + 1 : FormatBytes.digitsEnd(bytes, from: start)
    }
}
