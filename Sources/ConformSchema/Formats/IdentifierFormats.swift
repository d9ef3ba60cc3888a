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
        let hex = isHexRun(bytes, 0, 8) && isHexRun(bytes, 9, 13) && isHexRun(bytes, 14, 18) && isHexRun(bytes, 19, 23)
            && isHexRun(bytes, 24, 36)
        return hex ? nil : shape
    }

    @inline(__always)
    private static func isHexRun(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        for index in start..<end where !FormatBytes.isHexDigit(bytes[index]) { return false }
        return true
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
