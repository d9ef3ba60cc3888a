/// A number as a decimal literal: its sign, its significant digits and the power of ten of the first one. Two
/// literals compare exactly however many digits they have, which `Double` does not beyond 2^53 and Foundation's
/// `Decimal` does not beyond 38 digits; so `maximum: 9007199254740992` rejects 9007199254740993, and a big
/// number's text is compared as written.
///
/// A `Double` is read as its shortest round-tripping text (`0.1`, not the binary value just above it): that is the
/// literal a description or a payload wrote, as far as a double can still tell.
struct DecimalLiteral: Sendable, Hashable {
    /// Whether the number is below zero; false for zero.
    var negative: Bool
    /// Significant digits (0…9) without leading or trailing zeros; empty for zero.
    var digits: [UInt8]
    /// The value is 0.d₁d₂… × 10^exponent (so 120 is digits [1, 2] and exponent 3).
    var exponent: Int

    /// Exponents beyond this are clamped while reading: such a literal is zero or infinite for every comparison a
    /// schema can make, and clamping keeps the arithmetic below from overflowing.
    private static let exponentLimit = 1_000_000_000

    var isZero: Bool { digits.isEmpty }

    /// Reads JSON number syntax (with an optional `+`, as YAML allows); nil for anything else.
    init?(_ text: String) {
        var negative = false
        var digits: [UInt8] = []
        var pointPosition: Int?
        var leadingZeros = 0
        var exponent = 0
        var sawDigit = false
        var bytes = text.utf8.makeIterator()
        var next = bytes.next()
        if next == UInt8(ascii: "-") || next == UInt8(ascii: "+") {
            negative = next == UInt8(ascii: "-")
            next = bytes.next()
        }
        while let byte = next {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                sawDigit = true
                let digit = byte - UInt8(ascii: "0")
                if digits.isEmpty && digit == 0 {
                    // A zero before the first significant digit moves the point only when it follows the point.
                    if pointPosition != nil { leadingZeros += 1 }
                } else {
                    digits.append(digit)
                }
            } else if byte == UInt8(ascii: "."), pointPosition == nil {
                pointPosition = digits.count
            } else {
                break
            }
            next = bytes.next()
        }
        guard sawDigit else { return nil }
        if let byte = next {
            guard byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") else { return nil }
            next = bytes.next()
            var exponentNegative = false
            if next == UInt8(ascii: "-") || next == UInt8(ascii: "+") {
                exponentNegative = next == UInt8(ascii: "-")
                next = bytes.next()
            }
            var sawExponentDigit = false
            while let byte = next, byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                sawExponentDigit = true
                if exponent < Self.exponentLimit { exponent = exponent * 10 + Int(byte - UInt8(ascii: "0")) }
                next = bytes.next()
            }
            guard sawExponentDigit, next == nil else { return nil }
            if exponentNegative { exponent = -exponent }
        }
        // Digits before the point count towards the exponent; zeros right after the point count against it.
        let integerDigits = pointPosition ?? digits.count
        exponent += integerDigits - leadingZeros
        while digits.last == 0 { digits.removeLast() }
        self.negative = negative && !digits.isEmpty
        self.digits = digits
        self.exponent = digits.isEmpty ? 0 : max(-Self.exponentLimit, min(Self.exponentLimit, exponent))
    }

    init(_ integer: Int64) {
        // `String` of any Int64 is valid syntax, so the parse cannot fail; the fallback is zero.
        self = DecimalLiteral(String(integer)) ?? DecimalLiteral(negative: false, digits: [], exponent: 0)
    }

    /// A finite double as its shortest round-tripping literal.
    init(_ double: Double) {
        self = DecimalLiteral(String(double)) ?? DecimalLiteral(negative: false, digits: [], exponent: 0)
    }

    private init(negative: Bool, digits: [UInt8], exponent: Int) {
        self.negative = negative
        self.digits = digits
        self.exponent = exponent
    }

    /// -1, 0 or 1 as `self` is below, equal to or above `other`.
    func compare(_ other: DecimalLiteral) -> Int {
        if negative != other.negative { return negative ? -1 : 1 }
        let magnitude = compareMagnitude(other)
        return negative ? -magnitude : magnitude
    }

    private func compareMagnitude(_ other: DecimalLiteral) -> Int {
        if isZero || other.isZero { return isZero ? (other.isZero ? 0 : -1) : 1 }
        if exponent != other.exponent { return exponent < other.exponent ? -1 : 1 }
        for (left, right) in zip(digits, other.digits) where left != right {
            return left < right ? -1 : 1
        }
        return digits.count == other.digits.count ? 0 : (digits.count < other.digits.count ? -1 : 1)
    }

    /// Whether the value has no fractional part.
    var isIntegral: Bool { digits.count <= exponent }

    /// Whether `self` is an integer multiple of `divisor`, both read as the decimals they are written as (so 19.99
    /// is a multiple of 0.01); nil when the divisor has more significant digits than 64-bit arithmetic holds.
    ///
    /// With self = X·10^a and divisor = D·10^b (X and D integers without trailing zeros), the quotient is an
    /// integer exactly when a ≥ b and D divides X·10^(a−b): X has no factor 10, so for a < b it cannot be.
    func isMultiple(of divisor: DecimalLiteral) -> Bool? {
        guard !divisor.isZero else { return nil }
        if isZero { return true }
        let selfScale = exponent - digits.count
        let divisorScale = divisor.exponent - divisor.digits.count
        guard selfScale >= divisorScale else { return false }
        guard let modulus = divisor.integerDigits else { return nil }
        var remainder: UInt64 = 0
        for digit in digits {
            remainder = Self.multiplyAdd(remainder, 10, UInt64(digit), modulo: modulus)
        }
        let power = Self.power(10, selfScale - divisorScale, modulo: modulus)
        return Self.multiplyAdd(remainder, power, 0, modulo: modulus) == 0
    }

    /// The significant digits as an integer, when they fit in 64 bits.
    private var integerDigits: UInt64? {
        guard digits.count <= 19 else { return nil }
        return digits.reduce(UInt64(0)) { $0 * 10 + UInt64($1) }
    }

    /// (a·b + c) mod m, in 128-bit arithmetic so that nothing overflows.
    private static func multiplyAdd(_ a: UInt64, _ b: UInt64, _ c: UInt64, modulo m: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        let (low, carry) = product.low.addingReportingOverflow(c)
        let high = product.high + (carry ? 1 : 0)
        // Reducing the high word first changes nothing modulo m and keeps the division from overflowing.
        return m.dividingFullWidth((high % m, low)).remainder
    }

    /// base^exponent mod m by squaring.
    private static func power(_ base: UInt64, _ exponent: Int, modulo m: UInt64) -> UInt64 {
        guard m > 1 else { return 0 }
        var result: UInt64 = 1
        var factor = base % m
        var remaining = exponent
        while remaining > 0 {
            if remaining & 1 == 1 { result = multiplyAdd(result, factor, 0, modulo: m) }
            factor = multiplyAdd(factor, factor, 0, modulo: m)
            remaining >>= 1
        }
        return result
    }
}
