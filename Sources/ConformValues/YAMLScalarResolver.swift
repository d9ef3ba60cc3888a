/// Gives YAML scalars their JSON types by the YAML 1.2 core schema.
///
/// Only plain scalars are resolved; quoted and block scalars are strings. The YAML 1.1 booleans (`yes`, `no`,
/// `on`, `off`, `y`, `n`) stay strings: OpenAPI documents hold such words as data (`enum: [yes, no]`, the
/// country code `NO`), and YAML 1.1 would turn them into booleans behind the author's back.
///
/// `.inf`, `-.inf` and `.nan` (all spellings) are strings, not numbers: JSON cannot hold them, and an OpenAPI
/// description never means them as numbers, so the text is kept for a later stage to report in context
/// (tagged `!!float` they are an error). Mapping keys never come here: they keep their text (`200:` is `"200"`).
enum YAMLScalarResolver {
    static let tagPrefix = "tag:yaml.org,2002:"

    /// A tagged scalar whose text does not fit its tag; the reader adds the position.
    struct Mismatch: Error {
        var message: String
    }

    /// The value of a tagged scalar node. Throws when the text does not fit a core-schema tag.
    static func resolve(_ text: String, style: YAMLScalarStyle, tag: String) throws(Mismatch) -> JSONValue {
        switch tag {
        case "!", tagPrefix + "str":
            return .string(text)
        case tagPrefix + "int":
            if let value = integer(text) { return value }
            throw Mismatch(message: "value '\(text)' does not match its tag !!int")
        case tagPrefix + "float":
            if let value = float(text) { return value }
            if isSpecialFloat(text) {
                throw Mismatch(message: "value '\(text)' tagged !!float has no JSON representation")
            }
            throw Mismatch(message: "value '\(text)' does not match its tag !!float")
        case tagPrefix + "bool":
            if let value = bool(text) { return value }
            throw Mismatch(message: "value '\(text)' does not match its tag !!bool")
        case tagPrefix + "null":
            if isNull(text) { return .null }
            throw Mismatch(message: "value '\(text)' does not match its tag !!null")
        default:
            // !!binary, !!timestamp, local tags such as !foo: the value stays what it would be untagged.
            break
        }
        return style == .plain ? resolvePlain(text) : .string(text)
    }

    /// The core-schema value of an untagged plain scalar. The first byte rules out most kinds at once.
    static func resolvePlain(_ text: String) -> JSONValue {
        guard let first = text.utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            return integer(text) ?? float(text) ?? .string(text)
        case UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "~"):
            return isNull(text) ? .null : .string(text)
        case UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
            return bool(text) ?? .string(text)
        default:
            return .string(text)
        }
    }

    static func isNull(_ text: String) -> Bool {
        switch text {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    static func bool(_ text: String) -> JSONValue? {
        switch text {
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: return nil
        }
    }

    /// `[-+]?[0-9]+`, `0o[0-7]+` or `0x[0-9a-fA-F]+`; a decimal beyond `Int64` keeps its text as `.bigNumber`.
    static func integer(_ text: String) -> JSONValue? {
        text.withUTF8Bytes { bytes in integer(bytes, text: text) }
    }

    private static func integer(_ bytes: UnsafeBufferPointer<UInt8>, text: String) -> JSONValue? {
        let prefix = bytes.count > 2 && bytes[0] == UInt8(ascii: "0") ? bytes[1] : 0
        if prefix == UInt8(ascii: "o") || prefix == UInt8(ascii: "x") {
            let radix = prefix == UInt8(ascii: "o") ? 8 : 16
            let digits = bytes[2...]
            guard digits.allSatisfy({ digitValue($0).map { $0 < radix } ?? false }) else { return nil }
            if let value = Int64(String(decoding: digits, as: UTF8.self), radix: radix) { return .integer(value) }
            return .bigNumber(decimalText(of: digits, radix: radix))
        }
        var body = bytes[...]
        if let sign = body.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { body = body.dropFirst() }
        guard !body.isEmpty, body.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        if let value = Int64(text) { return .integer(value) }
        return .bigNumber(text)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`; a magnitude beyond `Double` keeps its text.
    static func float(_ text: String) -> JSONValue? {
        var text = text
        let matches = text.withUTF8 { bytes in
            var index = 0
            func digits() -> Int {
                let start = index
                while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
                return index - start
            }
            func skipSign() {
                if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                    index += 1
                }
            }
            skipSign()
            let whole = digits()
            var fraction = 0
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                fraction = digits()
            }
            guard whole > 0 || fraction > 0 else { return false }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                skipSign()
                guard digits() > 0 else { return false }
            }
            return index == bytes.count
        }
        guard matches, let value = Double(text) else { return nil }
        return value.isFinite ? .number(value) : .bigNumber(text)
    }

    private static func isSpecialFloat(_ text: String) -> Bool {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN":
            return true
        default:
            return false
        }
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return Int(byte - UInt8(ascii: "A")) + 10
        default: return nil
        }
    }

    /// The decimal text of a hex or octal literal too large for `Int64`, so `.bigNumber` always holds a decimal
    /// literal. Schoolbook base conversion over base-10⁹ limbs, least significant first.
    private static func decimalText(of digits: Slice<UnsafeBufferPointer<UInt8>>, radix: Int) -> String {
        var limbs: [UInt64] = [0]
        for byte in digits {
            var carry = UInt64(digitValue(byte) ?? 0)
            for position in limbs.indices {
                let product = limbs[position] * UInt64(radix) + carry
                limbs[position] = product % 1_000_000_000
                carry = product / 1_000_000_000
            }
            if carry > 0 { limbs.append(carry) }
        }
        var text = String(limbs.removeLast())
        for limb in limbs.reversed() {
            let part = String(limb)
            text += String(repeating: "0", count: 9 - part.count) + part
        }
        return text
    }
}
