/// `uri-template`: the level 4 syntax of RFC 6570 section 2. Literals are URI characters (an apostrophe included,
/// per erratum 6937) or `ucschar`/`iprivate`; expressions are `{` an optional operator, then comma-separated
/// varspecs, each a dotted variable name with an optional `:max-length` prefix (1–9999) or `*` explode, then `}`.
/// The operators RFC 6570 reserves for future extensions (`=`, `,`, `!`, `@`, `|`) are rejected: no template
/// processor can expand them.
enum URITemplateFormat {
    static func check(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        templateProblem(bytes).map { "not a valid URI template: \($0)" }
    }

    private static func templateProblem(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"):
                guard let close = bytes[index...].firstIndex(of: UInt8(ascii: "}")) else {
                    return "'{' without a closing '}'"
                }
                if let problem = expressionProblem(bytes, index + 1..<close) { return problem }
                index = close + 1
            case UInt8(ascii: "%"):
                guard index + 2 < bytes.count, FormatBytes.isHexDigit(bytes[index + 1]),
                    FormatBytes.isHexDigit(bytes[index + 2])
                else { return "'%' must be followed by two hex digits" }
                index += 3
            case 0x80...:
                let (scalar, length) = FormatBytes.scalar(bytes, at: index)
                guard isUCSCharOrPrivate(scalar) else { return "\(IDNA.name(scalar)) is not allowed in a literal" }
                index += length
            default:
                guard isLiteral(byte) else { return "unexpected \(FormatBytes.describe(byte))" }
                index += 1
            }
        }
        return nil
    }

    /// The inside of one `{…}`.
    private static func expressionProblem(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
        guard !range.isEmpty else { return "empty expression '{}'" }
        var index = range.lowerBound
        switch bytes[index] {
        case UInt8(ascii: "+"), UInt8(ascii: "#"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: ";"),
            UInt8(ascii: "?"), UInt8(ascii: "&"):
            index += 1
        case UInt8(ascii: "="), UInt8(ascii: ","), UInt8(ascii: "!"), UInt8(ascii: "@"), UInt8(ascii: "|"):
            return "operator \(FormatBytes.describe(bytes[index])) is reserved for future extensions"
        default:
            break
        }
        while true {
            if let problem = varspecProblem(bytes, &index, end: range.upperBound) { return problem }
            if index == range.upperBound { return nil }
            guard bytes[index] == UInt8(ascii: ",") else {
                return "unexpected \(FormatBytes.describe(bytes[index])) in an expression"
            }
            index += 1
        }
    }

    /// `varname [ ":" max-length / "*" ]`, where `varname = varchar *( ["."] varchar )`.
    private static func varspecProblem(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, end: Int) -> String? {
        var previousWasDot = true
        let start = index
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                guard !previousWasDot else { return "a variable name must not start with '.' or hold '..'" }
                previousWasDot = true
                index += 1
            } else if byte == UInt8(ascii: "%") {
                guard index + 2 < end, FormatBytes.isHexDigit(bytes[index + 1]),
                    FormatBytes.isHexDigit(bytes[index + 2])
                else { return "'%' must be followed by two hex digits" }
                previousWasDot = false
                index += 3
            } else if FormatBytes.isAlpha(byte) || FormatBytes.isDigit(byte) || byte == UInt8(ascii: "_") {
                previousWasDot = false
                index += 1
            } else {
                break
            }
        }
        guard index > start else {
            return index < end ? "expected a variable name, found \(FormatBytes.describe(bytes[index]))"
                : "expected a variable name"
        }
        guard !previousWasDot else { return "a variable name must not end with '.'" }
        guard index < end else { return nil }
        if bytes[index] == UInt8(ascii: "*") {
            index += 1
        } else if bytes[index] == UInt8(ascii: ":") {
            index += 1
            let digitsEnd = min(FormatBytes.digitsEnd(bytes, from: index), end)
            guard digitsEnd > index, digitsEnd - index <= 4, bytes[index] != UInt8(ascii: "0") else {
                return "a prefix length must be a number from 1 to 9999"
            }
            index = digitsEnd
        }
        return nil
    }

    /// RFC 6570 `literals` in ASCII, plus the apostrophe.
    private static func isLiteral(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x21, 0x23, 0x24, 0x26...0x3B, 0x3D, 0x3F...0x5B, 0x5D, 0x5F, 0x61...0x7A, 0x7E: return true
        default: return false
        }
    }

    private static func isUCSCharOrPrivate(_ value: UInt32) -> Bool {
        switch value {
        case 0xA0...0xD7FF, 0xE000...0xFDCF, 0xFDF0...0xFFEF: return true
        case 0xE0000...0xE0FFF: return false
        case 0x10000...0x10FFFD: return value & 0xFFFF <= 0xFFFD
        default: return false
        }
    }
}
