import ConformValues

/// The OpenAPI data type formats: `int32`, `int64` and the registry's other integers check that a number is an
/// integer in range; `float` and `double` accept any number (a decimal rarely has an exact binary form, so rounding
/// is not an error); `byte` is RFC 4648 base64 with padding, `base64url` its URL-safe alphabet, `decimal` a fixed
/// point number written as a string; `binary` and `password` accept any string.
enum NumericFormats {
    static func integer(_ value: JSONValue, in range: IntegerRange) -> String? {
        // Worded only for a value outside: every number under an integer format comes here.
        func outside(_ shown: String) -> String { "\(shown) is outside the \(range.name) range" }
        switch value {
        case .integer(let integer):
            return range.contains(integer) ? nil : outside("\(integer)")
        case .number(let number):
            guard number.isFinite, number.rounded(.towardZero) == number else { return "\(number) is not an integer" }
            // Exact: a double this size is an integer, and converts to one of the two types when it fits.
            if let exact = Int64(exactly: number) { return range.contains(exact) ? nil : outside("\(number)") }
            if let exact = UInt64(exactly: number) { return range.contains(exact) ? nil : outside("\(number)") }
            return outside("\(number)")
        case .bigNumber(let text):
            // The reader makes a `.bigNumber` only of a literal too large for `Int64` or `Double`: of the ranges,
            // only uint64's goes past Int64.
            if let exact = UInt64(text), range.contains(exact) { return nil }
            return outside(text)
        default:
            return nil
        }
    }

    /// RFC 4648 base64: OpenAPI's `byte` (`+` and `/`, padding required) and, with `urlSafe`, §5's URL-safe alphabet
    /// (`-` and `_`), where padding may be left out, as §3.2 allows where a specification says so and JWTs do;
    /// where it is written, it is written right.
    static func base64(_ bytes: UnsafeBufferPointer<UInt8>, urlSafe: Bool = false) -> String? {
        let name = urlSafe ? "base64url" : "base64"
        let (index62, index63) = urlSafe ? (UInt8(ascii: "-"), UInt8(ascii: "_")) : (UInt8(ascii: "+"), UInt8(ascii: "/"))
        if !urlSafe, bytes.count % 4 != 0 {
            return "not valid base64: length \(bytes.count) is not a multiple of 4 (padding is required)"
        }
        var padding = 0
        for (offset, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "=") {
                padding += 1
                continue
            }
            guard padding == 0 else { return "not valid \(name): '=' is only allowed at the end" }
            guard FormatBytes.isAlpha(byte) || FormatBytes.isDigit(byte) || byte == index62 || byte == index63
            else { return "not valid \(name): unexpected \(FormatBytes.describe(byte)) at offset \(offset)" }
        }
        guard padding <= 2 else { return "not valid \(name): more than two '=' at the end" }
        guard urlSafe else { return nil }
        if padding > 0, bytes.count % 4 != 0 { return "not valid base64url: the '=' padding does not fill the last 4 characters" }
        return (bytes.count - padding) % 4 == 1 ? "not valid base64url: \(bytes.count - padding) characters leave one over, which encodes no byte" : nil
    }

    /// A fixed point decimal: an optional sign, digits with an optional fraction (`12`, `-0.50`, `.5`, `5.`), no
    /// exponent, as the Format Registry's `decimal` says and Python's and Java's decimal types write them.
    static func decimal(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var index = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
        let whole = FormatBytes.digitsEnd(bytes, from: index)
        var end = whole
        var fraction = 0
        if end < bytes.count, bytes[end] == UInt8(ascii: ".") {
            end = FormatBytes.digitsEnd(bytes, from: end + 1)
            fraction = end - whole - 1
        }
        guard whole > index || fraction > 0 else { return "not a decimal number: no digits" }
        guard end == bytes.count else { return "not a decimal number: unexpected \(FormatBytes.describe(bytes[end])) at offset \(end)" }
        return nil
    }
}
