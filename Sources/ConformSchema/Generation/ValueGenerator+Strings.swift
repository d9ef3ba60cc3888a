import ConformFindings
import ConformValues

extension ValueGenerator {
    /// A string within the merged lengths (in code points, as JSON Schema counts), matching every `pattern` and the
    /// format. A pattern is the strongest constraint, so it drives; otherwise the format does; otherwise letters
    /// and digits. Each candidate is checked here, and the caller's validation catches anything else.
    mutating func buildString(_ merged: MergedSchema, at pointer: JSONPointer) throws(GenerationError) -> JSONValue {
        let minimum = merged.minLength ?? 0
        let maximum = merged.maxLength ?? Int.max
        guard minimum <= maximum else {
            throw GenerationError(
                .unsatisfiable, "minLength \(minimum) is above maxLength \(maximum)",
                at: merged.lengthNode.map { schemas.keywordPointer($0, "maxLength") }, instancePointer: pointer)
        }
        guard minimum <= PatternGenerator.maximumLength else {
            throw GenerationError(.exhausted, "minLength \(minimum) is longer than the generator builds", at: merged.lengthNode.map { schemas.keywordPointer($0, "minLength") }, instancePointer: pointer)
        }
        let length = minimum...maximum
        // A custom format is a pattern too; the first pattern (or that one) drives.
        var drivers = merged.patterns.map(\.regex)
        var builtIn: StringFormat?
        var decimal: IntegerRange?
        for format in merged.formats {
            switch format.check {
            case .pattern(let regex, _): drivers.append(regex)
            case .string(let kind): builtIn = builtIn ?? kind
            case .number(.integer(let range)) where range.writtenAsString: decimal = decimal ?? range
            default: break
            }
        }
        for attempt in 0..<24 {
            try spend(at: merged.ids.first, pointer)
            let candidate: String?
            if !drivers.isEmpty {
                // Each pattern drives in turn: the schema's and a custom format's may differ in what they demand.
                candidate = fromPattern(drivers[attempt % drivers.count], length: length, attempt: attempt / drivers.count)
            } else if let kind = builtIn, kind != .unconstrained {
                candidate = FormatGenerator.value(kind, length: length, &random)
            } else if let range = decimal {
                // A 64-bit integer written as a string: digits, within the range and the lengths.
                let digits = random.int(max(1, min(length.lowerBound, 18))...max(1, min(length.upperBound, 18)))
                let first = range.lowest < 0 && random.chance(0.2) ? "-" : ""
                candidate = first + String(random.int(1...9)) + String((1..<digits).map { _ in Character(String(random.int(0...9))) })
            } else {
                candidate = plain(length)
            }
            guard let candidate, accepts(candidate, merged, length: length, drivers: drivers) else { continue }
            return .string(candidate)
        }
        let location = merged.nodes.first { $0.pattern != nil }.map { schemas.keywordPointer($0, "pattern") }
            ?? merged.nodes.first { $0.formatCheck != nil }.map { schemas.keywordPointer($0, "format") }
            ?? merged.ids.first.map(schemas.location(of:))
        throw GenerationError(.exhausted, "no string found that fits the length, patterns and format together", at: location, instancePointer: pointer)
    }

    /// Letters and digits, a few more than the minimum length.
    mutating func plain(_ length: ClosedRange<Int>) -> String {
        let upper = min(length.upperBound, max(length.lowerBound, 1) + 8)
        let count = random.int(min(max(length.lowerBound, 1), upper)...upper)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        let first = FormatGenerator.word(&random)
        if count >= first.count && random.chance(0.7) {
            return first + String((0..<(count - first.count)).map { _ in alphabet[random.int(0...alphabet.count - 1)] })
        }
        return String((0..<count).map { _ in alphabet[random.int(0...alphabet.count - 1)] })
    }

    /// A string walked from the pattern's tree, with unbounded quantifiers stretched more on later attempts (so a
    /// minimum length is reached) and, when the pattern is not anchored at its end, padded to the minimum.
    private mutating func fromPattern(_ regex: ECMARegex, length: ClosedRange<Int>, attempt: Int) -> String? {
        var parser = ECMARegexParser(regex.source)
        guard let tree = try? parser.parse() else { return nil }
        let spreads = [2, 0, 4, 1, 8, 3, 16, 32, 64]
        var spread = spreads[attempt % spreads.count]
        if length.lowerBound > 8 { spread = max(spread, length.lowerBound / max(1, attempt % 4 + 1)) }
        var walker = PatternGenerator(random: SeededRandom(seed: random.next()), spread: spread, propertyPools: propertyPools)
        guard var text = walker.generate(tree) else {
            propertyPools = walker.propertyPools
            return nil
        }
        propertyPools = walker.propertyPools
        let count = text.unicodeScalars.count
        if count < length.lowerBound, !Self.endsAnchored(tree) {
            text += String(repeating: "a", count: length.lowerBound - count)
        } else if count < length.lowerBound, !Self.startsAnchored(tree) {
            text = String(repeating: "a", count: length.lowerBound - count) + text
        }
        return text
    }

    private func accepts(_ text: String, _ merged: MergedSchema, length: ClosedRange<Int>, drivers: [ECMARegex]) -> Bool {
        guard length.contains(text.unicodeScalars.count) else { return false }
        for regex in drivers where regex.matches(text) != true { return false }
        for format in merged.formats {
            if case .invalid = text.withUTF8Bytes({ format.check.verdict(string: $0) }) { return false }
        }
        return true
    }

    static func endsAnchored(_ tree: RegexNode) -> Bool {
        switch tree {
        case .inputEnd: return true
        case .sequence(let terms): return terms.last.map(endsAnchored) ?? false
        case .alternation(let alternatives): return alternatives.contains(where: endsAnchored)
        case .group(_, let inner, _): return endsAnchored(inner)
        default: return false
        }
    }

    static func startsAnchored(_ tree: RegexNode) -> Bool {
        switch tree {
        case .inputStart: return true
        case .sequence(let terms): return terms.first.map(startsAnchored) ?? false
        case .alternation(let alternatives): return alternatives.contains(where: startsAnchored)
        case .group(_, let inner, _): return startsAnchored(inner)
        default: return false
        }
    }
}
