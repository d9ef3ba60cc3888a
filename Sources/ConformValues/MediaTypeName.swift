/// Media type text as messages and descriptions write it (`application/json; charset=utf-8`), read in one place:
/// the essence without parameters, whether it is JSON, and the value of a parameter.
///
/// Works on UTF-8 bytes: it runs for every body of every exchange.
package enum MediaTypeName {
    /// The type without parameters, lower-cased: `Application/JSON; charset=utf-8` → `application/json`.
    package static func essence(_ name: String) -> String {
        return name.withUTF8Bytes { bytes in
            let type = UnsafeBufferPointer(rebasing: bytes[essenceRange(bytes)])
            guard type.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return String(decoding: type, as: UTF8.self) }
            return String(decoding: type.map(\.asciiLowercased), as: UTF8.self)
        }
    }

    /// Whether two media types (either may have parameters) have the same essence, compared in place: a body's
    /// Content-Type is matched against each type its operation documents.
    package static func sameEssence(_ name: String, _ other: String) -> Bool {
        return name.withUTF8Bytes { bytes in
            other.withUTF8Bytes { otherBytes in
                let range = essenceRange(bytes)
                let otherRange = essenceRange(otherBytes)
                return range.count == otherRange.count
                    && String.asciiEqualIgnoringCase(
                        UnsafeBufferPointer(rebasing: bytes[range]), UnsafeBufferPointer(rebasing: otherBytes[otherRange]))
            }
        }
    }

    /// Where the type is in a media type's bytes: before any `;`, without surrounding blanks.
    private static func essenceRange(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var start = 0
        var end = bytes.firstIndex(of: UInt8(ascii: ";")) ?? bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return start..<end
    }

    /// Whether content of this type is JSON text: `application/json` or any `+json` structured-syntax suffix
    /// (`application/problem+json`), parameters ignored. Ranges such as `*/*` say nothing about the content and
    /// are not JSON: a message's own Content-Type decides how its body is read.
    package static func isJSON(_ name: String) -> Bool {
        // Every body comes here: compared in place, without making the essence a string.
        return name.withUTF8Bytes { bytes in
            let type = UnsafeBufferPointer(rebasing: bytes[essenceRange(bytes)])
            func endsWith(_ suffix: StaticString) -> Bool {
                let count = suffix.utf8CodeUnitCount
                guard type.count >= count else { return false }
                let tail = UnsafeBufferPointer(rebasing: type[(type.count - count)...])
                return String.asciiEqualIgnoringCase(tail, UnsafeBufferPointer(start: suffix.utf8Start, count: count))
            }
            return (type.count == 16 && endsWith("application/json")) || endsWith("+json")
        }
    }

    /// The value of a parameter (`boundary`, `charset`), its name matched without regard to case; a quoted value
    /// is unquoted and its backslash escapes undone (RFC 9110, section 5.6.6). Nil when absent or empty.
    package static func parameter(_ wanted: String, in name: String) -> String? {
        var scalars = Substring(name).unicodeScalars[...]
        guard let semicolon = scalars.firstIndex(of: ";") else { return nil }
        scalars = scalars[scalars.index(after: semicolon)...]
        while !scalars.isEmpty {
            while let first = scalars.first, first == " " || first == "\t" || first == ";" { scalars.removeFirst() }
            let nameEnd = scalars.firstIndex { $0 == "=" || $0 == ";" } ?? scalars.endIndex
            let parameterName = String(String.UnicodeScalarView(scalars[..<nameEnd])).trimmingASCIISpaces()
            scalars = scalars[nameEnd...]
            guard scalars.first == "=" else { continue }
            scalars.removeFirst()
            while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
            var value = String.UnicodeScalarView()
            if scalars.first == "\"" {
                scalars.removeFirst()
                while let scalar = scalars.popFirst(), scalar != "\"" {
                    if scalar == "\\", let escaped = scalars.popFirst() { value.append(escaped) } else { value.append(scalar) }
                }
                if let end = scalars.firstIndex(of: ";") { scalars = scalars[end...] } else { scalars = scalars[scalars.endIndex...] }
            } else {
                let end = scalars.firstIndex(of: ";") ?? scalars.endIndex
                value.append(contentsOf: scalars[..<end])
                scalars = scalars[end...]
                value = String(value).trimmingASCIISpaces().unicodeScalars
            }
            if parameterName.caseInsensitiveEquals(wanted) {
                let text = String(value)
                return text.isEmpty ? nil : text
            }
        }
        return nil
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    package func trimmingASCIISpaces() -> String {
        let trimmed = self[...].trimmingASCIISpaces()
        return trimmed.utf8.count == utf8.count ? self : String(trimmed)
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs (the blanks of an HTTP field value), in place.
    package func trimmingASCIISpaces() -> Substring {
        // Spaces and tabs are single bytes, so UTF-8 positions next to them are character boundaries.
        let bytes = utf8
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start = bytes.index(after: start) }
        while start < end {
            let before = bytes.index(before: end)
            guard bytes[before] == 0x20 || bytes[before] == 0x09 else { break }
            end = before
        }
        return self[start..<end]
    }
}
