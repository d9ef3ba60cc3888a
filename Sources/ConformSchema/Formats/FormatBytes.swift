/// Byte-level helpers the format validators share. Validators read a string's UTF-8 bytes in place
/// (`withUTF8Bytes`): every format grammar is ASCII at heart, and non-ASCII text is decoded only where a format
/// allows it.
enum FormatBytes {
    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    @inline(__always) static func isAlpha(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }

    @inline(__always) static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20) &- 0x61 < 6
    }

    /// The value of a run of ASCII digits, saturating well above any range a format checks.
    static func decimal(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var value = 0
        for index in range {
            value = min(value * 10 + Int(bytes[index] &- 0x30), 1_000_000_000)
        }
        return value
    }

    /// The value of `count` ASCII digits at `start` that the caller has already checked are digits.
    @inline(__always)
    static func checkedDigits(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int {
        var value = 0
        for index in start..<start + count { value = value &* 10 &+ Int(bytes[index] &- 0x30) }
        return value
    }

    /// The end of the run of ASCII digits starting at `start`.
    static func digitsEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        return index
    }

    /// How a byte reads in a reason: the character itself when printable ASCII, otherwise its code.
    static func describe(_ byte: UInt8) -> String {
        switch byte {
        case 0x20: return "space"
        case 0x21...0x7E: return "'\(Character(Unicode.Scalar(byte)))'"
        case 0x0A: return "newline"
        case 0x09: return "tab"
        case 0x80...: return "non-ASCII character"
        default: return "control character 0x\(String(byte, radix: 16, uppercase: true))"
        }
    }

    /// The text of a byte range, for quoting a bad part in a reason.
    static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// Whether the bytes are all ASCII.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte >= 0x80 { return false }
        return true
    }

    /// Decodes the UTF-8 scalar starting at `index` of valid UTF-8 (which a Swift `String` always is),
    /// returning it and its length in bytes.
    static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (value: UInt32, length: Int) {
        let lead = UInt32(bytes[index])
        if lead < 0x80 { return (lead, 1) }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var value = lead & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length where index + offset < bytes.count {
            value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
        }
        return (value, length)
    }
}
