import Foundation
@_spi(Tape) import ConformValues

/// `minimum`, `maximum`, their exclusive forms and `multipleOf`, decided exactly.
///
/// Comparing through `Double` would let `maximum: 9007199254740992` accept 9007199254740993 (both round to the same
/// double) and make every integer past 2^53 a multiple of 3. So the common cases take the cheap exact route
/// (`Int64` against an integer bound, `Double` against a decimal bound), and only numbers past 2^53 or past what
/// `Int64` and `Double` hold are compared as decimal literals.
extension Evaluator {
    mutating func evaluateNumber(_ node: CompiledNode, _ value: JSONTape.Index) -> Bool {
        let shown = self.shown
        var valid = true
        let text = { shown.rendered(value) }
        if let bound = node.minimum, order(value, bound) < 0 {
            fail(node, "minimum", "\(text()) is less than the minimum \(bound.text)", expected: ">= \(bound.text)", actual: text())
            valid = false
        }
        if let bound = node.exclusiveMinimum, order(value, bound) <= 0 {
            fail(node, "exclusiveMinimum", "\(text()) must be greater than \(bound.text)", expected: "> \(bound.text)", actual: text())
            valid = false
        }
        if let bound = node.maximum, order(value, bound) > 0 {
            fail(node, "maximum", "\(text()) is greater than the maximum \(bound.text)", expected: "<= \(bound.text)", actual: text())
            valid = false
        }
        if let bound = node.exclusiveMaximum, order(value, bound) >= 0 {
            fail(node, "exclusiveMaximum", "\(text()) must be less than \(bound.text)", expected: "< \(bound.text)", actual: text())
            valid = false
        }
        if let divisor = node.multipleOf, !isMultiple(value, of: divisor) {
            fail(node, "multipleOf", "\(text()) is not a multiple of \(divisor.text)", expected: "a multiple of \(divisor.text)", actual: text())
            valid = false
        }
        return valid
    }

    /// -1, 0 or 1 as the number at `value` is below, equal to or above the bound.
    @inline(__always)
    func order(_ value: JSONTape.Index, _ bound: NumberBound) -> Int {
        switch tape.kind(value) {
        case .integer:
            let number = tape.integer(value)
            if let limit = bound.integer { return number < limit ? -1 : (number == limit ? 0 : 1) }
            if bound.isBig { return DecimalLiteral(number).compare(bound.literal) }
            return Self.order(number, bound.value)
        case .number:
            let number = tape.double(value)
            if let limit = bound.integer { return -Self.order(limit, number) }
            if bound.isBig { return DecimalLiteral(number).compare(bound.literal) }
            return number < bound.value ? -1 : (number == bound.value ? 0 : 1)
        default:
            guard let literal = DecimalLiteral(tape.string(value)) else { return 0 }
            return literal.compare(bound.literal)
        }
    }

    /// An integer against a double, exactly: through `Double` while the integer converts without rounding (up to
    /// 2^53) or the double is too small to meet it, as decimal literals otherwise.
    @inline(__always)
    static func order(_ integer: Int64, _ double: Double) -> Int {
        if integer.magnitude <= 1 << 53 {
            let converted = Double(integer)
            return converted < double ? -1 : (converted == double ? 0 : 1)
        }
        if double.magnitude < 0x1p53 { return integer < 0 ? -1 : 1 }
        return DecimalLiteral(integer).compare(DecimalLiteral(double))
    }

    /// Integer division when both are integers; otherwise the numbers as decimal literals, so that 19.99 is a
    /// multiple of 0.01 although their doubles are not, and 1e20 is no multiple of 3 although its double's quotient
    /// rounds to an integer.
    func isMultiple(_ value: JSONTape.Index, of divisor: NumberBound) -> Bool {
        guard divisor.value > 0 else { return true }
        let text: String
        switch tape.kind(value) {
        case .integer:
            let number = tape.integer(value)
            if let step = divisor.integer { return number % step == 0 }
            text = String(number)
        case .number:
            let number = tape.double(value)
            guard number.isFinite else { return false }
            text = String(number)
        default:
            text = tape.string(value)
        }
        guard let literal = DecimalLiteral(text) else { return false }
        if let exact = literal.isMultiple(of: divisor.literal) { return exact }
        // A divisor of more than 19 significant digits: Foundation's decimal arithmetic, good to 38 digits.
        guard let number = Decimal(string: text), let step = Decimal(string: divisor.text) else { return false }
        var quotient = number / step
        var rounded = Decimal()
        NSDecimalRound(&rounded, &quotient, 0, .plain)
        return rounded == quotient
    }
}
