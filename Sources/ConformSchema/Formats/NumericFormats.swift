import ConformValues

/// The OpenAPI data type formats: `int32` and `int64` check that a number is an integer in range; `float` and
/// `double` accept any number (a decimal rarely has an exact binary form, so rounding is not an error); `byte`
/// is RFC 4648 base64 with padding; `binary` and `password` accept any string.
enum NumericFormats {
    static func integer(_ value: JSONValue, bits: Int) -> String? {
        let bound = Double(sign: .plus, exponent: bits - 1, significand: 1)
        let range = "the int\(bits) range"
        switch value {
        case .integer(let integer):
            return bits == 64 || Int32(exactly: integer) != nil ? nil : "\(integer) is outside \(range)"
        case .number(let number):
            guard number.isFinite, number.rounded(.towardZero) == number else { return "\(number) is not an integer" }
            return number >= -bound && number < bound ? nil : "\(number) is outside \(range)"
        case .bigNumber(let text):
            // The reader makes a `.bigNumber` only of a literal too large for `Int64` or `Double`.
            return "\(text) is outside \(range)"
        default:
            return nil
        }
    }

    static func base64(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.count % 4 == 0 else {
            return "not valid base64: length \(bytes.count) is not a multiple of 4 (padding is required)"
        }
        var padding = 0
        for (offset, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "=") {
                padding += 1
                continue
            }
            guard padding == 0 else { return "not valid base64: '=' is only allowed at the end" }
            guard FormatBytes.isAlpha(byte) || FormatBytes.isDigit(byte) || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: "/")
            else { return "not valid base64: unexpected \(FormatBytes.describe(byte)) at offset \(offset)" }
        }
        return padding <= 2 ? nil : "not valid base64: more than two '=' at the end"
    }
}
