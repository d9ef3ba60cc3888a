/// Number scanning by the RFC 8259 grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
extension JSONParser {
    /// Reads the number at `position` (see `JSONInput.readNumber`).
    @inline(__always)
    mutating func parseNumber() throws(JSONSyntaxError) -> JSONValue {
        let (value, end) = try input.readNumber(at: position)
        position = end
        return value
    }
}

extension JSONInput {
    /// Reads the number starting at `start`; returns it and the offset just past it.
    ///
    /// An integer literal that fits `Int64` is `.integer`, a longer one `.bigNumber` with its text. `-0` is
    /// `.number(-0.0)`: `Int64` has no negative zero and the sign should survive. A fraction or exponent makes a
    /// `.number`; `1.0` stays `.number(1.0)`. Doubles take Clinger's fast path when the decimal significand fits in
    /// 53 bits and the power of ten is at most 22: both operands are then exact and one IEEE multiplication or
    /// division rounds correctly. Everything else goes to the standard library's correctly rounded conversion, and
    /// a result that overflows to infinity is kept as `.bigNumber` text instead.
    @inline(__always)
    func readNumber(at start: Int) throws(JSONSyntaxError) -> (value: JSONValue, end: Int) {
        var index = start
        let negative = self[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        let integerStart = index
        guard Self.isDigit(byte(at: index)) else { throw invalidNumber("a digit after '-'", at: index) }
        var significand: UInt64 = 0
        if self[index] == UInt8(ascii: "0") {
            index += 1
            if Self.isDigit(byte(at: index)) {
                throw JSONSyntaxError("invalid number: leading zeros are not allowed", at: integerStart)
            }
        } else {
            // Wraps past 19 digits; the digit counts below keep a wrapped value from being used.
            repeat {
                significand = significand &* 10 &+ UInt64(self[index] &- UInt8(ascii: "0"))
                index += 1
            } while Self.isDigit(byte(at: index))
        }
        let integerDigits = index - integerStart
        var fractionDigits = 0
        var exponent = 0
        var isInteger = true

        if byte(at: index) == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            let fractionStart = index
            while Self.isDigit(byte(at: index)) {
                significand = significand &* 10 &+ UInt64(self[index] &- UInt8(ascii: "0"))
                index += 1
            }
            fractionDigits = index - fractionStart
            guard fractionDigits > 0 else { throw invalidNumber("a digit after '.'", at: index) }
        }

        if byte(at: index) | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            index += 1
            let sign = byte(at: index)
            if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { index += 1 }
            guard Self.isDigit(byte(at: index)) else {
                throw invalidNumber("a digit in the exponent", at: index)
            }
            repeat {
                // Saturates: any exponent this large overflows or underflows whatever the significand.
                if exponent < 1_000_000 {
                    exponent = exponent * 10 + Int(self[index] &- UInt8(ascii: "0"))
                }
                index += 1
            } while Self.isDigit(byte(at: index))
            if sign == UInt8(ascii: "-") { exponent = -exponent }
        }

        if byte(at: index) == UInt8(ascii: ".") || isWordByte(at: index) {
            throw JSONSyntaxError("invalid number: unexpected \(describe(at: index))", at: index)
        }

        if isInteger {
            if integerDigits <= 19 {
                if !negative {
                    if significand <= UInt64(Int64.max) { return (.integer(Int64(significand)), index) }
                } else if significand == 0 {
                    return (.number(-0.0), index)
                } else if significand <= UInt64(Int64.max) + 1 {
                    return (.integer(Int64(bitPattern: 0 &- significand)), index)
                }
            }
            return (.bigNumber(text(from: start, to: index)), index)
        }

        if integerDigits + fractionDigits <= 19 && significand <= 1 << 53 {
            let power = exponent - fractionDigits
            if power >= -22 && power <= 22 {
                var result = Double(significand)
                if power > 0 {
                    result *= JSONNumberTables.powersOfTen[power]
                } else if power < 0 {
                    result /= JSONNumberTables.powersOfTen[-power]
                }
                return (.number(negative ? -result : result), index)
            }
        }
        let literal = text(from: start, to: index)
        guard let result = Double(literal), result.isFinite else { return (.bigNumber(literal), index) }
        return (.number(result), index)
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }
}

extension JSONInput {
    @inline(never)
    func invalidNumber(_ expectation: String, at offset: Int) -> JSONSyntaxError {
        JSONSyntaxError("invalid number: expected \(expectation), found \(describe(at: offset))", at: offset)
    }
}

enum JSONNumberTables {
    /// 10^0 ... 10^22, every one exactly representable as a `Double`.
    static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]
}

extension JSONValue {
    /// Whether the bytes are decimal digits with an optional leading `-`: an integer however long, as a query's
    /// integer and a 64-bit integer written as a string (protobuf's JSON mapping) are spelled.
    package static func isDecimalInteger(_ bytes: some Collection<UInt8>) -> Bool {
        let digits = bytes.first == UInt8(ascii: "-") ? bytes.dropFirst() : bytes[...]
        return !digits.isEmpty && digits.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// The number a text spells by JSON's grammar, read as the same literal in a JSON body is read (`.integer`,
    /// `.number`, or `.bigNumber` beyond `Int64` and `Double`); nil for any other text, surrounding spaces included.
    /// A parameter's or form field's text is judged by the schema as that body value would be.
    package static func number(spelledBy text: String) -> JSONValue? {
        var text = text
        return text.withUTF8 { bytes -> JSONValue? in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return nil }
            let input = JSONInput(base: base, count: bytes.count)
            guard let (value, end) = try? input.readNumber(at: 0), end == bytes.count else { return nil }
            return value
        }
    }
}
