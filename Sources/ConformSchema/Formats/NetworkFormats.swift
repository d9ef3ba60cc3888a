/// `ipv4` (RFC 2673 dotted-quad) and `ipv6` (RFC 4291 text form). Both are the bare address: no netmask, port,
/// zone id or brackets, and no shorthand such as `127.1` or leading zeros that some parsers read as octal.
enum NetworkFormats {
    static func ipv4(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        ipv4(bytes, 0..<bytes.count).map { "not a valid IPv4 address: \($0)" }
    }

    static func ipv6(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        ipv6(bytes, 0..<bytes.count).map { "not a valid IPv6 address: \($0)" }
    }

    /// Checks four decimal octets in `range`; returns what is wrong, or nil.
    static func ipv4(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
        var index = range.lowerBound
        for part in 0..<4 {
            if part > 0 {
                guard index < range.upperBound, bytes[index] == UInt8(ascii: ".") else {
                    return index < range.upperBound
                        ? "unexpected \(FormatBytes.describe(bytes[index]))" : "fewer than 4 parts"
                }
                index += 1
            }
            var end = index
            while end < range.upperBound, FormatBytes.isDigit(bytes[end]) { end += 1 }
            guard end > index else {
                return index < range.upperBound
                    ? "unexpected \(FormatBytes.describe(bytes[index]))" : "fewer than 4 parts"
            }
            if end - index > 3 || FormatBytes.decimal(bytes, index..<end) > 255 {
                return "'\(FormatBytes.text(bytes, index..<end))' is out of range"
            }
            if bytes[index] == UInt8(ascii: "0"), end - index > 1 {
                return "leading zero in '\(FormatBytes.text(bytes, index..<end))'"
            }
            index = end
        }
        guard index == range.upperBound else {
            if bytes[index] == UInt8(ascii: ".") { return "more than 4 parts" }
            return "unexpected \(FormatBytes.describe(bytes[index]))"
        }
        return nil
    }

    /// Checks colon-separated 16-bit groups in `range`, with at most one `::` and an optional trailing IPv4
    /// address counting as two groups; returns what is wrong, or nil.
    static func ipv6(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
        let end = range.upperBound
        var index = range.lowerBound
        var groups = 0
        var compressed = false
        let colon = UInt8(ascii: ":")
        if index + 1 < end, bytes[index] == colon, bytes[index + 1] == colon {
            compressed = true
            index += 2
            if index == end { return nil }
        }
        while true {
            var tokenEnd = index
            var sawDot = false
            while tokenEnd < end, bytes[tokenEnd] != colon {
                sawDot = sawDot || bytes[tokenEnd] == UInt8(ascii: ".")
                tokenEnd += 1
            }
            if sawDot {
                guard tokenEnd == end else { return "an embedded IPv4 address must come last" }
                if let problem = ipv4(bytes, index..<tokenEnd) { return "embedded IPv4 address: \(problem)" }
                groups += 2
                break
            }
            guard tokenEnd > index else {
                return index == end ? "ends with a single ':'" : "empty group or more than two ':' in a row"
            }
            for position in index..<tokenEnd where !FormatBytes.isHexDigit(bytes[position]) {
                return "unexpected \(FormatBytes.describe(bytes[position]))"
            }
            guard tokenEnd - index <= 4 else {
                return "group '\(FormatBytes.text(bytes, index..<tokenEnd))' has more than 4 hex digits"
            }
            groups += 1
            index = tokenEnd
            if index == end { break }
            index += 1
            if index < end, bytes[index] == colon {
                guard !compressed else { return "more than one '::'" }
                compressed = true
                index += 1
                if index == end { break }
            }
        }
        if compressed {
            guard groups <= 7 else { return "too many groups for an address with '::'" }
        } else {
            guard groups == 8 else { return "expected 8 groups, found \(groups)" }
        }
        return nil
    }
}
