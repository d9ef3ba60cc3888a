/// Punycode (RFC 3492), the encoding of an IDNA A-label after its `xn--` prefix.
///
/// The hostname formats need both directions: decoding to check the U-label an A-label stands for, and encoding
/// to reject A-labels that do not re-encode to themselves and U-labels whose A-label is too long.
enum Punycode {
    private static let base = 36
    private static let tMin = 1
    private static let tMax = 26
    private static let skew = 38
    private static let damp = 700
    private static let initialBias = 72
    private static let initialN = 128
    private static let maxInt = Int(Int32.max)

    /// The code points `input` encodes, or nil when it is not valid Punycode.
    static func decode(_ input: ArraySlice<UInt8>) -> [UInt32]? {
        var output: [UInt32] = []
        var position = input.startIndex
        if let delimiter = input.lastIndex(of: UInt8(ascii: "-")), delimiter > input.startIndex {
            for byte in input[..<delimiter] {
                guard byte < 0x80 else { return nil }
                output.append(UInt32(byte))
            }
            position = delimiter + 1
        }
        var n = initialN
        var i = 0
        var bias = initialBias
        while position < input.endIndex {
            let oldI = i
            var weight = 1
            var k = base
            while true {
                guard position < input.endIndex, let digit = digitValue(input[position]) else { return nil }
                position += 1
                guard digit <= (maxInt - i) / weight else { return nil }
                i += digit * weight
                let threshold = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                if digit < threshold { break }
                guard weight <= maxInt / (base - threshold) else { return nil }
                weight *= base - threshold
                k += base
            }
            let length = output.count + 1
            bias = adapt(i - oldI, length: length, first: oldI == 0)
            guard i / length <= maxInt - n else { return nil }
            n += i / length
            i %= length
            guard n >= 0x80, n <= 0x10FFFF, !(0xD800...0xDFFF).contains(n) else { return nil }
            output.insert(UInt32(n), at: i)
            i += 1
        }
        return output
    }

    /// The Punycode form of `input` (without the `xn--` prefix), or nil on overflow.
    static func encode(_ input: [UInt32]) -> [UInt8]? {
        var output: [UInt8] = input.filter { $0 < 0x80 }.map { UInt8($0) }
        let basicCount = output.count
        var handled = basicCount
        if basicCount > 0 { output.append(UInt8(ascii: "-")) }
        var n = initialN
        var delta = 0
        var bias = initialBias
        while handled < input.count {
            guard let next = input.lazy.map({ Int($0) }).filter({ $0 >= n }).min() else { return nil }
            guard next - n <= (maxInt - delta) / (handled + 1) else { return nil }
            delta += (next - n) * (handled + 1)
            n = next
            for scalar in input {
                let value = Int(scalar)
                if value < n {
                    delta += 1
                    guard delta <= maxInt else { return nil }
                }
                guard value == n else { continue }
                var q = delta
                var k = base
                while true {
                    let threshold = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                    if q < threshold { break }
                    output.append(digitByte(threshold + (q - threshold) % (base - threshold)))
                    q = (q - threshold) / (base - threshold)
                    k += base
                }
                output.append(digitByte(q))
                bias = adapt(delta, length: handled + 1, first: handled == basicCount)
                delta = 0
                handled += 1
            }
            delta += 1
            n += 1
        }
        return output
    }

    private static func adapt(_ delta: Int, length: Int, first: Bool) -> Int {
        var delta = first ? delta / damp : delta / 2
        delta += delta / length
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte) - 22
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return Int(byte) - 65
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return Int(byte) - 97
        default: return nil
        }
    }

    private static func digitByte(_ digit: Int) -> UInt8 {
        UInt8(digit < 26 ? digit + 97 : digit + 22)
    }
}
