/// The bytes the block reader takes: valid UTF-8 of characters libyaml accepts, with `\n` line ends and no tab.
/// Tabs, CR, the Unicode line breaks (NEL, LS, PS) and U+FEFF have meanings this reader leaves to libyaml; control
/// characters and invalid UTF-8 are errors, which libyaml reports.
enum BlockYAMLInputCheck {
    enum Text {
        /// Only ASCII: a character is a byte, so a column is a byte offset.
        case ascii
        case unicode
    }

    /// What text the input is, or nil when it is outside the subset.
    static func kind(of input: UnsafeBufferPointer<UInt8>) -> Text? {
        var isASCII = true
        var index = 0
        let count = input.count
        let base = UnsafeRawPointer(input.baseAddress)
        while index < count {
            // Eight bytes at a time while they are plain ASCII text.
            if index + 8 <= count, let base, isPlainText(base.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                index += 8
                continue
            }
            let byte = input[index]
            if byte < 0x80 {
                guard byte >= 0x20 && byte != 0x7F || byte == 0x0A else { return nil }
                index += 1
                continue
            }
            guard let width = acceptedSequenceWidth(input, at: index) else { return nil }
            isASCII = false
            index += width
        }
        return isASCII ? .ascii : .unicode
    }

    /// Whether eight bytes are all printable ASCII or `\n`. Each test is exact per byte: no carry crosses from one
    /// byte into the next, since every byte added to is below 0x80.
    @inline(__always)
    private static func isPlainText(_ word: UInt64) -> Bool {
        let high: UInt64 = 0x8080_8080_8080_8080
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        guard word & high == 0 else { return false }
        let printable = (word &+ 0x6060_6060_6060_6060) & high
        let newline = ~(((word ^ 0x0A0A_0A0A_0A0A_0A0A) &+ low) | (word ^ 0x0A0A_0A0A_0A0A_0A0A)) & high
        let delete = ~(((word ^ 0x7F7F_7F7F_7F7F_7F7F) &+ low) | (word ^ 0x7F7F_7F7F_7F7F_7F7F)) & high
        return printable | newline == high && delete == 0
    }

    /// The length of the UTF-8 sequence at `index` when it is a well-formed character libyaml reads as ordinary
    /// text; nil otherwise.
    private static func acceptedSequenceWidth(_ input: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let lead = input[index]
        let remaining = input.count - index
        @inline(__always) func continuation(_ offset: Int) -> UInt8? {
            let byte = input[index + offset]
            return byte & 0xC0 == 0x80 ? byte : nil
        }
        switch lead {
        case 0xC2...0xDF:
            guard remaining >= 2, let second = continuation(1) else { return nil }
            // U+0080–U+009F: C1 controls, and NEL (U+0085), which libyaml takes as a line break.
            return lead == 0xC2 && second < 0xA0 ? nil : 2
        case 0xE0...0xEF:
            guard remaining >= 3, let second = continuation(1), let third = continuation(2) else { return nil }
            if lead == 0xE0 && second < 0xA0 { return nil }  // overlong
            if lead == 0xED && second >= 0xA0 { return nil }  // surrogates
            if lead == 0xE2 && second == 0x80 && (third == 0xA8 || third == 0xA9) { return nil }  // LS, PS
            if lead == 0xEF && second == 0xBB && third == 0xBF { return nil }  // U+FEFF
            if lead == 0xEF && second == 0xBF && third >= 0xBE { return nil }  // U+FFFE, U+FFFF
            return 3
        case 0xF0...0xF4:
            guard remaining >= 4, let second = continuation(1), continuation(2) != nil, continuation(3) != nil else {
                return nil
            }
            if lead == 0xF0 && second < 0x90 { return nil }  // overlong
            if lead == 0xF4 && second >= 0x90 { return nil }  // beyond U+10FFFF
            return 4
        default:
            return nil
        }
    }
}
