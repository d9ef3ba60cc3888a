/// Sixteen lowercase hexadecimal digits of a 64-bit value: how fingerprints are printed, written into reports
/// without a string being made for each.
package enum HexDigits {
    package static func withDigits<Result>(_ value: UInt64, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { digits in
            for position in 0..<16 {
                let nibble = UInt8(truncatingIfNeeded: value >> (UInt64(15 - position) * 4)) & 0xF
                digits[position] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
            }
            return body(UnsafeBufferPointer(digits))
        }
    }

    package static func string(_ value: UInt64) -> String {
        withDigits(value) { String(decoding: $0, as: UTF8.self) }
    }
}
