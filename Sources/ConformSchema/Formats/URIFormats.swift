/// `uri` and `uri-reference` (RFC 3986), `iri` and `iri-reference` (RFC 3987, which adds non-ASCII `ucschar` and,
/// in the query, `iprivate`). A URI needs a scheme; a reference may be relative. Hosts are checked by syntax:
/// `999.999.999.999` is a valid reg-name, while an IP literal in brackets must be a valid IPv6 address or IPvFuture.
enum URIFormats {
    static func check(_ bytes: UnsafeBufferPointer<UInt8>, reference: Bool, international: Bool) -> String? {
        Parser.classes.withUnsafeBufferPointer { classes in
            var parser = Parser(bytes: bytes, classes: classes, international: international)
            return parser.problem(reference: reference).map { "not a valid \(international ? "IRI" : "URI")\(reference ? " reference" : ""): \($0)" }
        }
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        /// `Parser.classes`, read through a pointer for the length of one check.
        let classes: UnsafeBufferPointer<UInt16>
        let international: Bool
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>, classes: UnsafeBufferPointer<UInt16>, international: Bool) {
            self.bytes = bytes
            self.classes = classes
            self.international = international
        }

        mutating func problem(reference: Bool) -> String? {
            let schemeEnd = schemeEnd()
            let hasScheme = schemeEnd != nil
            if let schemeEnd {
                index = schemeEnd + 1
            } else if !reference {
                return "missing scheme"
            }
            if startsWith("//") {
                index += 2
                if let problem = authority() { return problem }
            } else if !hasScheme {
                // A relative path's first segment must not contain ':' or it would read as a scheme.
                var end = index
                while end < bytes.count, !isDelimiter(bytes[end]) { end += 1 }
                if bytes[index..<end].contains(UInt8(ascii: ":")) {
                    return "the first segment of a relative path must not contain ':'"
                }
            }
            if let problem = run(.path) { return problem }
            if index < bytes.count, bytes[index] == UInt8(ascii: "?") {
                index += 1
                if let problem = run(.query) { return problem }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "#") {
                index += 1
                if let problem = run(.fragment) { return problem }
            }
            return nil
        }

        /// The index of the ':' ending a scheme (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`), or nil.
        private func schemeEnd() -> Int? {
            guard let first = bytes.first, FormatBytes.isAlpha(first) else { return nil }
            var end = 1
            while end < bytes.count {
                let byte = bytes[end]
                if byte == UInt8(ascii: ":") { return end }
                guard FormatBytes.isAlpha(byte) || FormatBytes.isDigit(byte) || byte == UInt8(ascii: "+")
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                else { return nil }
                end += 1
            }
            return nil
        }

        private func startsWith(_ prefix: StaticString) -> Bool {
            guard index + prefix.utf8CodeUnitCount <= bytes.count else { return false }
            for offset in 0..<prefix.utf8CodeUnitCount where bytes[index + offset] != prefix.utf8Start[offset] {
                return false
            }
            return true
        }

        private func isDelimiter(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#")
        }

        /// `[ userinfo "@" ] host [ ":" port ]`, up to the next '/', '?' or '#'.
        private mutating func authority() -> String? {
            // One pass finds both the end of the authority and its first '@'.
            var end = index
            var firstAt: Int?
            while end < bytes.count {
                let byte = bytes[end]
                if isDelimiter(byte) { break }
                if byte == UInt8(ascii: "@"), firstAt == nil { firstAt = end }
                end += 1
            }
            if let at = firstAt {
                if let problem = run(.userinfo) { return problem }
                index = at + 1
            }
            if index < end, bytes[index] == UInt8(ascii: "[") {
                guard let close = bytes[index..<end].firstIndex(of: UInt8(ascii: "]")) else {
                    return "'[' without ']' in the host"
                }
                if let problem = ipLiteral(index + 1..<close) { return problem }
                index = close + 1
            } else {
                if let problem = run(.regName, end: end) { return problem }
            }
            if index < end, bytes[index] == UInt8(ascii: ":") {
                index += 1
                while index < end {
                    guard FormatBytes.isDigit(bytes[index]) else { return "the port must be digits" }
                    index += 1
                }
            }
            guard index == end else { return "unexpected \(FormatBytes.describe(bytes[index])) after the host" }
            return nil
        }

        /// An IPv6 address or `v` 1*HEXDIG "." 1*( unreserved / sub-delims / ":" ).
        private func ipLiteral(_ range: Range<Int>) -> String? {
            guard !range.isEmpty else { return "empty IP literal" }
            guard bytes[range.lowerBound] | 0x20 == UInt8(ascii: "v") else {
                return NetworkFormats.ipv6(bytes, range).map { "host is not a valid IPv6 address: \($0)" }
            }
            var position = range.lowerBound + 1
            let hexStart = position
            while position < range.upperBound, FormatBytes.isHexDigit(bytes[position]) { position += 1 }
            guard position > hexStart, position < range.upperBound, bytes[position] == UInt8(ascii: "."),
                position + 1 < range.upperBound
            else { return "malformed IPvFuture literal" }
            for byte in bytes[(position + 1)..<range.upperBound]
            where !(Self.isUnreserved(byte) || Self.isSubDelimiter(byte) || byte == UInt8(ascii: ":")) {
                return "unexpected \(FormatBytes.describe(byte)) in an IPvFuture literal"
            }
            return nil
        }

        /// Which characters a component admits beyond unreserved, percent-encoded and sub-delims.
        private enum Component: Int, CaseIterable {
            case userinfo, regName, path, query, fragment

            var bit: UInt8 { 1 << UInt8(rawValue) }
        }

        /// Per byte, one bit per component in the low byte, set when the byte may stand unescaped in that component,
        /// and one bit per component in the high byte, set when the byte ends that component. The grammar as a
        /// table, so the common byte costs one load and one test.
        static let classes: [UInt16] = (0..<256).map { value in
            let byte = UInt8(value)
            return Component.allCases.reduce(0) { bits, component in
                let allowed = byte < 0x80 && (isUnreserved(byte) || isSubDelimiter(byte) || allows(component, byte))
                let ending = ends(component, byte)
                return bits | (allowed ? UInt16(component.bit) : 0) | (ending ? UInt16(component.bit) << 8 : 0)
            }
        }

        /// Consumes the component's characters up to the delimiter that ends it or `end`; returns what is wrong,
        /// or nil.
        private mutating func run(_ component: Component, end: Int? = nil) -> String? {
            let end = end ?? bytes.count
            let allowed = UInt16(component.bit)
            let ending = allowed << 8
            var index = self.index
            defer { self.index = index }
            while index < end {
                let byte = bytes[index]
                let byteClass = classes[Int(byte)]
                if byteClass & allowed != 0 {
                    index += 1
                    continue
                }
                if byteClass & ending != 0 { return nil }
                if byte == UInt8(ascii: "%") {
                    guard index + 2 < end, FormatBytes.isHexDigit(bytes[index + 1]),
                        FormatBytes.isHexDigit(bytes[index + 2])
                    else { return "'%' must be followed by two hex digits" }
                    index += 3
                    continue
                }
                if byte >= 0x80 {
                    let (scalar, length) = FormatBytes.scalar(bytes, at: index)
                    guard international else { return "unexpected non-ASCII character (percent-encode it)" }
                    guard Self.isUCSChar(scalar) || (component == .query && Self.isPrivateUse(scalar)) else {
                        return "\(IDNA.name(scalar)) is not allowed in an IRI"
                    }
                    index += length
                    continue
                }
                return "unexpected \(FormatBytes.describe(byte))"
            }
            return nil
        }

        /// The delimiter after each component: userinfo ends at '@', a host at ':', a path at '?' or '#', a query
        /// at '#'.
        private static func ends(_ component: Component, _ byte: UInt8) -> Bool {
            switch component {
            case .userinfo: return byte == UInt8(ascii: "@")
            case .regName: return byte == UInt8(ascii: ":")
            case .path: return byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#")
            case .query: return byte == UInt8(ascii: "#")
            case .fragment: return false
            }
        }

        private static func allows(_ component: Component, _ byte: UInt8) -> Bool {
            let colon = UInt8(ascii: ":")
            switch component {
            case .userinfo: return byte == colon
            case .regName: return false
            case .path: return byte == colon || byte == UInt8(ascii: "@") || byte == UInt8(ascii: "/")
            case .query, .fragment:
                return byte == colon || byte == UInt8(ascii: "@") || byte == UInt8(ascii: "/")
                    || byte == UInt8(ascii: "?")
            }
        }

        /// `ALPHA / DIGIT / "-" / "." / "_" / "~"`.
        static func isUnreserved(_ byte: UInt8) -> Bool {
            FormatBytes.isAlpha(byte) || FormatBytes.isDigit(byte) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
        }

        /// ``"!" / "$" / "&" / "'" / "(" / ")" / "*" / "+" / "," / ";" / "="``.
        static func isSubDelimiter(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&")...UInt8(ascii: ","), UInt8(ascii: ";"),
                UInt8(ascii: "="):
                return true
            default:
                return false
            }
        }

        /// RFC 3987 `ucschar`.
        static func isUCSChar(_ value: UInt32) -> Bool {
            switch value {
            case 0xA0...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFEF: return true
            case 0xE0000...0xE0FFF: return false
            case 0x10000...0xEFFFD: return value & 0xFFFF <= 0xFFFD
            default: return false
            }
        }

        /// RFC 3987 `iprivate`, allowed in queries only.
        static func isPrivateUse(_ value: UInt32) -> Bool {
            (0xE000...0xF8FF).contains(value) || ((0xF0000...0x10FFFD).contains(value) && value & 0xFFFF <= 0xFFFD)
        }
    }
}
