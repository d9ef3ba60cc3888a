import Foundation

extension String {
    /// Whether `other`'s UTF-8 bytes occur in this string's: a plain byte search, with none of the Unicode-aware
    /// comparison `contains` does through Foundation, which costs microseconds per call where this is asked for
    /// every exchange of a run. Byte equality is what matters for masking secrets, which are compared as sent.
    package func containsBytes(of other: String) -> Bool {
        return self.withUTF8Bytes { text in other.withUTF8Bytes { ByteSearch.contains(text, pattern: $0) } }
    }

    /// `containsBytes(of:)` for a part of another string, read in place.
    package func containsBytes(of other: Substring) -> Bool {
        return self.withUTF8Bytes { text in other.withUTF8Bytes { ByteSearch.contains(text, pattern: $0) } }
    }

    /// Where `other`'s UTF-8 bytes first occur, found by the byte search of `containsBytes(of:)`: the standard
    /// library's `utf8.firstRange(of:)` builds a searcher (arrays on the heap, generic index walks) for every call,
    /// which cost the redactor a tenth of a HAR run's time on the one `://` of each URL. `other` starts and ends
    /// with ASCII, so the range's bounds are character boundaries.
    package func firstRange(ofBytes other: String) -> Range<String.Index>? {
        let offset: Int? = self.withUTF8Bytes { text in
            other.withUTF8Bytes { ByteSearch.firstOffset(in: text, of: $0) }
        }
        guard let offset else { return nil }
        let lower = utf8.index(startIndex, offsetBy: offset)
        return lower..<utf8.index(lower, offsetBy: other.utf8.count)
    }
}

extension String {
    /// Where `byte` first occurs in the UTF-8, found with `memchr` over the bytes in place: the generic
    /// `utf8.firstIndex(of:)` steps through the view's indices one by one, which the redactor and security check
    /// pay for on every exchange's URL and credential headers. `byte` is ASCII, so the index is a character
    /// boundary.
    package func firstIndex(ofASCII byte: UInt8) -> String.Index? {
        self[...].firstIndex(ofASCII: byte)
    }
}

extension Substring {
    /// `String.firstIndex(ofASCII:)` within the part.
    package func firstIndex(ofASCII byte: UInt8) -> String.Index? {
        let offset: Int?? = utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress, let found = memchr(base, Int32(byte), bytes.count) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
        guard let offset else { return utf8.firstIndex(of: byte) }
        return offset.map { utf8.index(startIndex, offsetBy: $0) }
    }
}

private enum ByteSearch {
    static func contains(_ text: UnsafeBufferPointer<UInt8>, pattern: UnsafeBufferPointer<UInt8>) -> Bool {
        firstOffset(in: text, of: pattern) != nil
    }

    /// The offset of the first occurrence of `pattern` in `text` (0 for an empty pattern).
    static func firstOffset(in text: UnsafeBufferPointer<UInt8>, of pattern: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = pattern.first else { return 0 }
        guard pattern.count <= text.count else { return nil }
        let lastStart = text.count - pattern.count
        var index = 0
        while index <= lastStart {
            if text[index] == first {
                var matched = 1
                while matched < pattern.count && text[index + matched] == pattern[matched] { matched += 1 }
                if matched == pattern.count { return index }
            }
            index += 1
        }
        return nil
    }
}

/// Eight bytes at a time: tests on a word loaded from a byte buffer, for scans that skip plain text.
package enum ByteWord {
    // Inlinable, as constants rather than stored globals, so that scans in other modules (the HAR reader's) run
    // these tests in their loops rather than calling them for every eight bytes.
    @inlinable package static var ones: UInt64 { 0x0101_0101_0101_0101 }
    @inlinable package static var high: UInt64 { 0x8080_8080_8080_8080 }

    /// The usual SWAR test: `(x - 0x01…) & ~x & 0x80…` is non-zero exactly when some byte of `x` is zero. Borrows
    /// can flag extra bytes above a real match, never below one: the lowest flagged byte (`firstFlagged`) is a
    /// real match.
    @inlinable @inline(__always)
    package static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- ones) & ~word & high
    }

    /// The quotes and backslashes of eight bytes flagged, as `zeroBytes` flags: where a JSON string may end or
    /// escape.
    @inlinable @inline(__always)
    package static func quotesAndBackslashes(_ word: UInt64) -> UInt64 {
        zeroBytes(word ^ (ones &* 0x22)) | zeroBytes(word ^ (ones &* 0x5C))
    }

    /// `skip` past the bytes of a JSON string up to a quote or a backslash, for a scan in another module: there the
    /// closure `skip` takes is called per word, not inlined, so the whole loop is compiled here.
    package static func skipToQuoteOrBackslash(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        skip(base, from: start, to: end, unless: quotesAndBackslashes)
    }

    /// Eight bytes from memory as a word whose low byte is the first, whatever the machine's byte order.
    @inlinable @inline(__always)
    package static func load(_ address: UnsafeRawPointer) -> UInt64 {
        UInt64(littleEndian: address.loadUnaligned(as: UInt64.self))
    }

    /// The offset (0–7) of the first byte a non-zero set of flags marks: a scan jumps straight to it.
    @inlinable @inline(__always)
    package static func firstFlagged(_ flags: UInt64) -> Int {
        flags.trailingZeroBitCount >> 3
    }

    /// Steps from `start` eight bytes at a time past words `flags` marks nothing in, and answers the first byte
    /// marked, or where fewer than eight bytes are left before `end`; the caller looks at bytes from there one by
    /// one. The scans of JSON strings, of text to escape and of recorded traffic go through here.
    @inlinable @inline(__always)
    package static func skip(
        _ base: UnsafePointer<UInt8>, from start: Int, to end: Int, unless flags: (UInt64) -> UInt64
    ) -> Int {
        var index = start
        while index + 8 <= end {
            let flagged = flags(load(base + index))
            if flagged != 0 { return index + firstFlagged(flagged) }
            index += 8
        }
        return index
    }
}
