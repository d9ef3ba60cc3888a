import ConformFindings
import ConformValues
import Foundation

extension ValueGenerator {
    /// A number within the merged bounds (exclusive ones kept strict), a multiple of `multipleOf` when given, an
    /// integer for `integer` or `int32`/`int64`. Multiples are computed as decimals so that `0.1 × 3` is written
    /// `0.3`, which the validator's decimal check accepts, not `0.30000000000000004`.
    mutating func buildNumber(_ merged: MergedSchema, integer: Bool, at pointer: JSONPointer) throws(GenerationError) -> JSONValue {
        var lower = merged.lower.map { (value: $0.value, exclusive: $0.exclusive) }
        var upper = merged.upper.map { (value: $0.value, exclusive: $0.exclusive) }
        var wholeNumbers = integer
        // A format's range (int32's −2³¹…2³¹−1) bounds the values but does not place them: the window a value is
        // drawn from is placed by the schema's own bounds (or at 0) and then cut to the range, so an unbounded
        // int32 is drawn near 0 like any integer, not within a hundred of −2³¹, where no id of a real API lies.
        var placing = (lower: lower, upper: upper)
        for format in merged.formats {
            guard case .number(.integer(let range)) = format.check else { continue }
            // Within 9e15 either way, where every integer is a double and a window of them can be drawn.
            let low = max(Double(range.lowest), -9.0e15)
            let high = min(Double(range.highest), 9.0e15)
            wholeNumbers = true
            if lower.map({ $0.value < low }) ?? true { lower = (low, false) }
            if upper.map({ $0.value > high }) ?? true { upper = (high, false) }
            // A range of unsigned integers starts at 0, where a window is placed anyway.
            if placing.lower.map({ $0.value < low }) ?? (low > 0) { placing.lower = (low, false) }
            if placing.upper.map({ $0.value > high }) ?? (high < 0) { placing.upper = (high, false) }
        }
        let boundsLocation = (merged.upper ?? merged.lower).map { schemas.keywordPointer($0.node, $0.keyword) }
        if let low = lower, let high = upper,
            low.value > high.value || (low.value == high.value && (low.exclusive || high.exclusive))
        {
            throw GenerationError(.unsatisfiable, "the lower bound \(SchemaCompiler.numberText(.number(low.value))) is not below the upper bound \(SchemaCompiler.numberText(.number(high.value)))", at: boundsLocation, instancePointer: pointer)
        }
        if let step = merged.multipleOf.first {
            return try multiple(of: step.bound, lower: lower, upper: upper, placing: placing, integer: wholeNumbers, merged: merged, at: pointer)
        }
        if wholeNumbers {
            func low(_ bound: (value: Double, exclusive: Bool)?) -> Double? {
                bound.map { $0.exclusive && $0.value.rounded(.down) == $0.value ? $0.value + 1 : $0.value.rounded(.up) }
            }
            func high(_ bound: (value: Double, exclusive: Bool)?) -> Double? {
                bound.map { $0.exclusive && $0.value.rounded(.up) == $0.value ? $0.value - 1 : $0.value.rounded(.down) }
            }
            let (from, to) = Self.window(low(placing.lower), high(placing.upper), width: 100, within: low(lower), high(upper))
            guard from <= to else {
                throw GenerationError(.unsatisfiable, "no integer lies between the bounds", at: boundsLocation, instancePointer: pointer)
            }
            let value = from + Double(random.int64(0...Int64(min(to - from, 1e15))))
            return .integer(Int64(value))
        }
        let (from, to) = Self.window(lower?.value, upper?.value, width: 1_000)
        for _ in 0..<8 {
            let raw = from + random.unit() * (to - from)
            let value = (raw * 100).rounded() / 100
            let aboveLower = lower.map { $0.exclusive ? value > $0.value : value >= $0.value } ?? true
            let belowUpper = upper.map { $0.exclusive ? value < $0.value : value <= $0.value } ?? true
            if aboveLower && belowUpper { return Self.number(value) }
        }
        return Self.number(from / 2 + to / 2)
    }

    /// A `k × step` within the bounds, as a decimal.
    private mutating func multiple(
        of step: NumberBound, lower: (value: Double, exclusive: Bool)?, upper: (value: Double, exclusive: Bool)?,
        placing: (lower: (value: Double, exclusive: Bool)?, upper: (value: Double, exclusive: Bool)?),
        integer: Bool, merged: MergedSchema, at pointer: JSONPointer
    ) throws(GenerationError) -> JSONValue {
        guard let divisor = Decimal(string: step.text), divisor > 0 else {
            return .integer(0)
        }
        // The smallest multiplier whose multiple is an integer, when integers are needed.
        var stride: Int64 = 1
        if integer {
            guard let found = (1...1_000).first(where: { Self.isIntegral(Decimal($0) * divisor) }) else {
                throw GenerationError(.exhausted, "no integer multiple of \(step.text) was found", at: schemas.keywordPointer(merged.multipleOf[0].node, "multipleOf"), instancePointer: pointer)
            }
            stride = Int64(found)
        }
        let stepValue = step.value
        // Bounds as multipliers of `stride × step`.
        func low(_ bound: (value: Double, exclusive: Bool)?) -> Double? {
            bound.map { bound -> Double in
                let quotient = bound.value / stepValue
                let multiplier = quotient.rounded(.up) == quotient && bound.exclusive ? quotient + 1 : quotient.rounded(.up)
                return (multiplier / Double(stride)).rounded(.up)
            }
        }
        func high(_ bound: (value: Double, exclusive: Bool)?) -> Double? {
            bound.map { bound -> Double in
                let quotient = bound.value / stepValue
                let multiplier = quotient.rounded(.down) == quotient && bound.exclusive ? quotient - 1 : quotient.rounded(.down)
                return (multiplier / Double(stride)).rounded(.down)
            }
        }
        let (from, to) = Self.window(low(placing.lower), high(placing.upper), width: 20, within: low(lower), high(upper))
        guard from <= to, from.magnitude < 1e15, to.magnitude < 1e15 else {
            throw GenerationError(
                .unsatisfiable, "no multiple of \(step.text) lies between the bounds",
                at: schemas.keywordPointer(merged.multipleOf[0].node, "multipleOf"), instancePointer: pointer)
        }
        let factor = Int64(from) + random.int64(0...Int64(to - from))
        let value = Decimal(factor) * Decimal(stride) * divisor
        return Self.decimalValue(value, integer: integer)
    }

    /// A window of at most `width` placed by the bounds `low` and `high` as `window(_:_:width:)` places it, then
    /// cut to the bounds `lowest`…`highest` (a format's range, wider than those placing it).
    static func window(_ low: Double?, _ high: Double?, width: Double, within lowest: Double?, _ highest: Double?) -> (Double, Double) {
        var (from, to) = window(low, high, width: width)
        if let lowest { from = max(from, lowest) }
        if let highest { to = min(to, highest) }
        return (from, to)
    }

    /// A window of at most `width` around the bounds given: both, one (starting there), or none (from 0).
    static func window(_ low: Double?, _ high: Double?, width: Double) -> (Double, Double) {
        switch (low, high) {
        case let (low?, high?): return (low, min(high, low + width))
        case let (low?, nil): return (low, low + width)
        case let (nil, high?): return (max(high - width, min(high, 0)), high)
        case (nil, nil): return (0, width)
        }
    }

    static func isIntegral(_ value: Decimal) -> Bool {
        var rounded = Decimal()
        var copy = value
        NSDecimalRound(&rounded, &copy, 0, .plain)
        return rounded == value
    }

    static func decimalValue(_ value: Decimal, integer: Bool) -> JSONValue {
        let text = "\(value)"
        if isIntegral(value), let whole = Int64(text) { return .integer(whole) }
        return .number(Double(text) ?? NSDecimalNumber(decimal: value).doubleValue)
    }

    /// A double as JSON: integral values as integers, which every reader takes.
    static func number(_ value: Double) -> JSONValue {
        if value.rounded() == value, value.magnitude < 9e15 { return .integer(Int64(value)) }
        return .number(value)
    }
}
