/// String reading: escapes, surrogate pairs and the key cache.
extension JSONParser {
    /// Reads the string whose opening quote is at `position`, leaving `position` after its closing quote.
    ///
    /// Strings without escapes are validated while scanning and then made straight from the byte slice; only a
    /// string with a backslash is copied through `scratch`.
    @inline(__always)
    mutating func parseString() throws(JSONSyntaxError) -> String {
        let open = position
        let (end, _) = try input.scanString(from: open)
        guard input[end] == UInt8(ascii: "\"") else { return try parseEscapedString(open: open, firstEscape: end) }
        position = end + 1
        return input.text(from: open + 1, to: end)
    }

    /// Reads an object key like `parseString()`, also giving its bit for the duplicate filter (see `insertKey`).
    ///
    /// A key without escapes is first looked up by its bytes in `keyCache`, so that the keys repeated across the
    /// objects of an array become `String`s once rather than once per object. The bit is 0 for keys that are not
    /// plain ASCII: only for those is equal as Swift strings the same as equal bytes.
    @inline(__always)
    mutating func parseKey() throws(JSONSyntaxError) -> (key: String, filterBit: UInt64) {
        let open = position
        let (end, isASCII) = try input.scanString(from: open)
        guard input[end] == UInt8(ascii: "\"") else {
            return (try parseEscapedString(open: open, firstEscape: end), 0)
        }
        position = end + 1
        let start = open + 1
        let fingerprint = input.keyFingerprint(start: start, length: end - start)
        let filterBit: UInt64 = isASCII ? 1 << (fingerprint.hash >> 58) : 0
        guard keyCacheSize > 0 else { return (input.text(from: start, to: end), filterBit) }
        if keyCache.isEmpty {
            keyCache = Array(repeating: CachedKey(fingerprint: KeyFingerprint(), key: ""), count: keyCacheSize)
        }
        let slot = Int(truncatingIfNeeded: fingerprint.hash) & (keyCacheSize - 1)
        if keyCache[slot].fingerprint == fingerprint
            && (fingerprint.length <= 16 || keyCache[slot].key.utf8.elementsEqual(input.bytes(from: start, to: end)))
        {
            return (keyCache[slot].key, filterBit)
        }
        let key = input.text(from: start, to: end)
        keyCache[slot] = CachedKey(fingerprint: fingerprint, key: key)
        return (key, filterBit)
    }

    /// The slow path for a string with escapes: decoded into `scratch` (see `JSONInput.decodeString`).
    mutating func parseEscapedString(open: Int, firstEscape: Int) throws(JSONSyntaxError) -> String {
        scratch.removeAll(keepingCapacity: true)
        position = try input.decodeString(open: open, firstEscape: firstEscape, into: &scratch)
        return String(decoding: scratch, as: UTF8.self)
    }
}

extension JSONInput {
    /// Appends the text of the string opened at `open`, whose first backslash is at `firstEscape`, to `buffer` with
    /// its escapes decoded, copying unescaped runs in bulk; returns the offset after its closing quote.
    ///
    /// Shared by the value parser (into its scratch buffer) and the tape parser (into the tape's text), so that
    /// both read escapes, surrogate pairs and UTF-8 alike.
    func decodeString(open: Int, firstEscape: Int, into buffer: inout some AppendableBytes) throws(JSONSyntaxError) -> Int {
        appendBytes(from: open + 1, to: firstEscape, into: &buffer)
        var index = firstEscape
        var runStart = index
        while true {
            guard index < count else { throw unterminatedString(at: open) }
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                appendBytes(from: runStart, to: index, into: &buffer)
                return index + 1
            }
            if byte == UInt8(ascii: "\\") {
                appendBytes(from: runStart, to: index, into: &buffer)
                index = try decodeEscape(at: index, open: open, into: &buffer)
                runStart = index
                continue
            }
            if byte < 0x20 { throw controlCharacter(at: index) }
            index += byte < 0x80 ? 1 : try utf8SequenceLength(at: index)
        }
    }

    @inline(__always)
    func appendBytes(from start: Int, to end: Int, into buffer: inout some AppendableBytes) {
        if end > start {
            buffer.append(contentsOf: bytes(from: start, to: end))
        }
    }

    /// Decodes the escape whose backslash is at `offset` into `buffer`; returns the offset after it.
    func decodeEscape(at offset: Int, open: Int, into buffer: inout some AppendableBytes) throws(JSONSyntaxError) -> Int {
        guard offset + 1 < count else { throw unterminatedString(at: open) }
        let decoded: UInt8
        switch base[offset + 1] {
        case UInt8(ascii: "\""): decoded = 0x22
        case UInt8(ascii: "\\"): decoded = 0x5C
        case UInt8(ascii: "/"): decoded = 0x2F
        case UInt8(ascii: "b"): decoded = 0x08
        case UInt8(ascii: "f"): decoded = 0x0C
        case UInt8(ascii: "n"): decoded = 0x0A
        case UInt8(ascii: "r"): decoded = 0x0D
        case UInt8(ascii: "t"): decoded = 0x09
        case UInt8(ascii: "u"):
            return try decodeUnicodeEscape(at: offset, open: open, into: &buffer)
        default:
            throw invalidEscape(at: offset)
        }
        buffer.append(decoded)
        return offset + 2
    }

    /// Decodes `\uXXXX`, or a `\uD8xx\uDCxx` surrogate pair, at `offset` into `buffer`.
    func decodeUnicodeEscape(at offset: Int, open: Int, into buffer: inout some AppendableBytes) throws(JSONSyntaxError) -> Int {
        let unit = try hexQuad(at: offset + 2, open: open)
        var end = offset + 6
        let scalar: UInt32
        switch unit {
        case 0xD800...0xDBFF:
            guard end < count else { throw unterminatedString(at: open) }
            guard base[end] == UInt8(ascii: "\\") else { throw loneSurrogate(at: offset) }
            guard end + 1 < count else { throw unterminatedString(at: open) }
            guard base[end + 1] == UInt8(ascii: "u") else { throw loneSurrogate(at: offset) }
            let low = try hexQuad(at: end + 2, open: open)
            guard (0xDC00...0xDFFF).contains(low) else { throw loneSurrogate(at: offset) }
            scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            end += 6
        case 0xDC00...0xDFFF:
            throw loneSurrogate(at: offset)
        default:
            scalar = unit
        }
        buffer.appendUTF8(scalar)
        return end
    }
}

/// Where decoded text goes: a growing array (the value parser's scratch, YAML scalars), or the tape parser's text,
/// which is sized once for the whole document and written without a capacity check per byte.
protocol AppendableBytes {
    mutating func append(_ byte: UInt8)
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>)
}

extension [UInt8]: AppendableBytes {}

extension AppendableBytes {
    /// Appends the UTF-8 encoding of a Unicode scalar value; the caller has ruled out surrogates and values past
    /// U+10FFFF.
    @inline(__always)
    mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            append(UInt8(scalar))
        case 0x80..<0x800:
            append(UInt8(0xC0 | scalar >> 6))
            append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            append(UInt8(0xE0 | scalar >> 12))
            append(UInt8(0x80 | scalar >> 6 & 0x3F))
            append(UInt8(0x80 | scalar & 0x3F))
        default:
            append(UInt8(0xF0 | scalar >> 18))
            append(UInt8(0x80 | scalar >> 12 & 0x3F))
            append(UInt8(0x80 | scalar >> 6 & 0x3F))
            append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}

/// A key's length, its first 16 bytes (zero-padded) and a hash of all of them; see `JSONInput.keyFingerprint`.
struct KeyFingerprint: Equatable {
    var length = 0
    var first: UInt64 = 0
    var second: UInt64 = 0
    var hash: UInt64 = 0
}

// MARK: - Scanning and UTF-8 validation

extension JSONInput {
    /// Scans the string whose opening quote is at `open` up to its closing quote or its first backslash,
    /// validating UTF-8 on the way. Returns that byte's offset and whether every byte before it was ASCII.
    ///
    /// Plain ASCII is skipped eight bytes at a time, and a word that holds some other byte is left at that byte.
    @inline(__always)
    func scanString(from open: Int) throws(JSONSyntaxError) -> (end: Int, isASCII: Bool) {
        var index = open + 1
        var isASCII = true
        while true {
            index = ByteWord.skip(base, from: index, to: count, unless: Self.attention)
            guard index < count else { throw unterminatedString(at: open) }
            let byte = base[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return (index, isASCII) }
            if byte < 0x20 { throw controlCharacter(at: index) }
            if byte < 0x80 {
                index += 1
            } else {
                isASCII = false
                index += try utf8SequenceLength(at: index)
            }
        }
    }

    /// The quotes, backslashes, control characters and non-ASCII bytes of eight bytes, flagged as
    /// `ByteWord.zeroBytes` flags (the lowest flag is exact): `ByteWord.quotesAndBackslashes`, and with `0x20…` in
    /// place of `0x01…` in its test, the bytes below 0x20.
    @inline(__always)
    static func attention(_ word: UInt64) -> UInt64 {
        let control = (word &- ByteWord.ones &* 0x20) & ~word
        return ByteWord.quotesAndBackslashes(word) | (control | word) & ByteWord.high
    }

    /// The fingerprint of the key bytes `start..<start + length`, for the key cache and the duplicate filter.
    ///
    /// Keys of up to 16 bytes are equal exactly when their fingerprints are. The hash is not seeded, and need not
    /// be: the cache is direct-mapped and the filter only lets a scan be skipped, so keys made to collide cost a
    /// cache miss or a bounded scan, never quadratic time.
    @inline(__always)
    func keyFingerprint(start: Int, length: Int) -> KeyFingerprint {
        var fingerprint = KeyFingerprint()
        fingerprint.length = length
        if length <= 16 && start + 16 <= count {
            let first = UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self)
            let second = UnsafeRawPointer(base + start + 8).loadUnaligned(as: UInt64.self)
            if length < 8 {
                fingerprint.first = first & ((1 << (UInt64(length) * 8)) &- 1)
            } else {
                fingerprint.first = first
                fingerprint.second = length == 16 ? second : second & ((1 << (UInt64(length - 8) * 8)) &- 1)
            }
        } else {
            for offset in 0..<min(length, 16) {
                let byte = UInt64(base[start + offset]) << (UInt64(offset % 8) * 8)
                if offset < 8 { fingerprint.first |= byte } else { fingerprint.second |= byte }
            }
        }
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash = (UInt64(truncatingIfNeeded: length) ^ fingerprint.first) &* multiplier
        hash = (hash ^ (hash >> 32) ^ fingerprint.second) &* multiplier
        var offset = 16
        while offset < length {
            hash = (hash ^ (hash >> 32) ^ UInt64(base[start + offset])) &* multiplier
            offset += 1
        }
        fingerprint.hash = hash ^ (hash >> 29)
        return fingerprint
    }

    /// The value of the four hex digits at `offset`, inside the string opened at `open`.
    @inline(__always)
    func hexQuad(at offset: Int, open: Int) throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for index in offset..<offset + 4 {
            guard index < count else { throw unterminatedString(at: open) }
            let byte = base[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte &- UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte &- UInt8(ascii: "a") &+ 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte &- UInt8(ascii: "A") &+ 10
            default: throw invalidHexDigit(at: index)
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Length of the well-formed UTF-8 sequence whose lead byte (0x80 or above) is at `offset`.
    ///
    /// Follows Table 3-7 of the Unicode standard, so overlong forms, UTF-8-encoded surrogates (ED A0..BF) and
    /// code points above U+10FFFF are all rejected, each with its own message, located at the lead byte.
    @inline(__always)
    func utf8SequenceLength(at offset: Int) throws(JSONSyntaxError) -> Int {
        let lead = base[offset]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE, 0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        case 0xC0, 0xC1:
            length = 2
            low = 0xFF
        default:
            throw invalidUTF8(at: offset, through: offset, reason: nil)
        }
        guard offset + 1 < count, base[offset + 1] & 0xC0 == 0x80 else {
            throw invalidUTF8(at: offset, through: offset, reason: lead < 0xC2 ? nil : "truncated")
        }
        let second = base[offset + 1]
        guard second >= low && second <= high else {
            let reason: String
            switch lead {
            case 0xED: reason = "encoded surrogate"
            case 0xF4: reason = "above U+10FFFF"
            default: reason = "overlong encoding"
            }
            throw invalidUTF8(at: offset, through: offset + 1, reason: reason)
        }
        var index = offset + 2
        while index < offset + length {
            guard index < count, base[index] & 0xC0 == 0x80 else {
                throw invalidUTF8(at: offset, through: index - 1, reason: "truncated")
            }
            index += 1
        }
        return length
    }
}

// MARK: - String error messages (cold paths)

extension JSONInput {
    /// Reported at the opening quote: that is the string which never closed.
    @inline(never)
    func unterminatedString(at open: Int) -> JSONSyntaxError {
        JSONSyntaxError("unexpected end of input inside a string", at: open)
    }

    @inline(never)
    func controlCharacter(at offset: Int) -> JSONSyntaxError {
        JSONSyntaxError(
            "control character \(Self.codePoint(UInt32(base[offset]))) must be escaped in a string",
            at: offset
        )
    }

    @inline(never)
    func invalidEscape(at offset: Int) -> JSONSyntaxError {
        let next = base[offset + 1]
        if next >= 0x20 && next < 0x7F {
            return JSONSyntaxError("invalid escape '\\\(Character(Unicode.Scalar(next)))' in string", at: offset)
        }
        return JSONSyntaxError("invalid escape in string: '\\' followed by \(describe(at: offset + 1))", at: offset)
    }

    @inline(never)
    func invalidHexDigit(at offset: Int) -> JSONSyntaxError {
        JSONSyntaxError("invalid \\u escape: expected 4 hex digits, found \(describe(at: offset))", at: offset)
    }

    @inline(never)
    func loneSurrogate(at offset: Int) -> JSONSyntaxError {
        JSONSyntaxError("invalid \\u escape: lone surrogate", at: offset)
    }

    /// An ill-formed UTF-8 sequence: the lead byte alone (`reason` nil) or the bytes `start...end` and why.
    @inline(never)
    func invalidUTF8(at start: Int, through end: Int, reason: String?) -> JSONSyntaxError {
        guard let reason else {
            return JSONSyntaxError(.invalidUTF8, "invalid UTF-8 byte \(Self.hexByte(base[start]))", at: start)
        }
        let bytes = (start...end).map { Self.hexByte(base[$0]) }.joined(separator: " ")
        return JSONSyntaxError(.invalidUTF8, "invalid UTF-8 sequence \(bytes) (\(reason))", at: start)
    }

    /// Names what is at `offset` for a "found ..." clause: a quoted character, a code point, a byte, or end of input.
    func describe(at offset: Int) -> String {
        guard offset < count else { return "end of input" }
        let byte = base[offset]
        if byte >= 0x20 && byte < 0x7F {
            return "'\(Character(Unicode.Scalar(byte)))'"
        }
        if byte < 0x80 {
            return Self.codePoint(UInt32(byte))
        }
        guard let length = try? utf8SequenceLength(at: offset),
              let scalar = text(from: offset, to: offset + length).unicodeScalars.first
        else {
            return "byte \(Self.hexByte(byte))"
        }
        return "'\(Character(scalar))'"
    }

    static func codePoint(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    static func hexByte(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return "0x" + (digits.count < 2 ? "0" : "") + digits
    }
}
