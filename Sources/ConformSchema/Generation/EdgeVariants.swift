import ConformFindings
import ConformValues
import Foundation

/// A valid value that differs from another valid value in one place, put at an edge of what its schema allows
/// there: the shortest or longest string, the lowest or highest number (or date), null where null is allowed,
/// another value of the enum, the fewest or most items, another spelling its format allows. For positive tests: an API must take it, and one whose own validation is
/// stricter than its description (`""` refused where no minLength says so, `limit=100` where `maximum: 100`, an enum
/// value it never implemented) or that fails on it (a 500 for a null it stores) shows there.
package struct EdgeVariant: Sendable, Hashable {
    package enum Edge: String, Sendable, CaseIterable {
        case shortest, longest, lowest, highest, null
        case otherEnumValue = "enum"
        case fewest, most
        /// The same kind of value written another way its format allows: a date-time with an offset or fractional
        /// seconds, an e-mail address with a `+tag`, a UUID in upper case.
        case otherSpelling = "spelling"
    }

    package var edge: Edge
    /// Where in `value` the change is.
    package var instancePointer: JSONPointer
    package var value: JSONValue
    /// What the value there is, in a few words: "an empty string (no minLength)", "100 (maximum 100)".
    package var summary: String
}

extension ValueGenerator {
    /// The integers every JSON reader keeps exactly (RFC 8259 §6: IEEE 754 doubles): the edge of a number whose
    /// schema gives no bound on that side.
    static let interoperableInteger: Int64 = 1 << 53 - 1

    /// Values that each put one place of `original` (a valid value) at an edge its schema allows, at the root or at
    /// a nested member (or first item), each confirmed valid in `direction`. Enum places give each other value of
    /// the enum (up to eight). Nothing is changed where the value already sits at that edge.
    package mutating func edgeVariants(_ schema: SchemaID, direction: ValueDirection, from original: JSONValue) -> [EdgeVariant] {
        use(direction)
        budget = Self.stepBudget
        var candidates: [EdgeVariant] = []
        edges(of: [schema], original, at: .root, depth: 0, into: &candidates)
        var variants: [EdgeVariant] = []
        var seen: Set<JSONValue> = [original]
        for candidate in candidates {
            guard let changed = Self.replacing(original, at: candidate.instancePointer.tokens[...], with: candidate.value),
                seen.insert(changed).inserted, schemas.isValid(changed, against: schema, direction: direction)
            else { continue }
            var variant = candidate
            variant.value = changed
            variants.append(variant)
        }
        return variants
    }

    /// The edges of one place (`value` as the candidate's value: the part to put there), then of its members or
    /// first item.
    private mutating func edges(of given: [SchemaID], _ value: JSONValue, at pointer: JSONPointer, depth: Int, into list: inout [EdgeVariant]) {
        guard depth <= 4, list.count < 200 else { return }
        var local: [EdgeVariant] = []
        var nested: [EdgeVariant] = []
        defer { list += local + nested }
        func add(_ edge: EdgeVariant.Edge, _ changed: JSONValue, _ summary: String) {
            local.append(EdgeVariant(edge: edge, instancePointer: pointer, value: changed, summary: summary))
        }
        if value != .null, !given.isEmpty, given.allSatisfy({ schemas.isValid(.null, against: $0, direction: direction) }) {
            add(.null, .null, "null, which the schema allows")
        }
        let merged = plainMerge(withSatisfiedBranches(given, value))
        guard merged.constValue == nil else { return }
        if let allowed = merged.enumValues.first {
            for other in allowed.prefix(8) where !JSONEquality.equal(other, value) && other != .null {
                add(.otherEnumValue, other, "\(JSONWriter.string(other)), another value of the enum")
            }
            return
        }
        switch value {
        case .string(let text): stringEdges(merged, text, add)
        case .integer, .number: numberEdges(merged, value, add)
        case .object(let object):
            for (name, member) in object.members {
                let ids = memberSchemas(name, merged)
                guard !ids.isEmpty else { continue }
                edges(of: ids, member, at: pointer.appending(name), depth: depth + 1, into: &nested)
            }
        case .array(let items): arrayEdges(merged, items, at: pointer, depth: depth, add, into: &nested)
        default: break
        }
    }

    private func stringEdges(_ merged: MergedSchema, _ text: String, _ add: (EdgeVariant.Edge, JSONValue, String) -> Void) {
        let scalars = Array(text.unicodeScalars)
        let minimum = merged.minLength ?? 0
        if scalars.count > minimum {
            let shortest = String(String.UnicodeScalarView(scalars.prefix(minimum)))
            add(.shortest, .string(shortest), minimum == 0 ? "an empty string (no minLength)" : "a string of \(minimum) (minLength \(minimum))")
        }
        if let maximum = merged.maxLength, maximum <= 10_000, scalars.count < maximum {
            let filler = scalars.last.map { String($0) } ?? "a"
            add(.longest, .string(text + String(repeating: filler, count: maximum - scalars.count)), "a string of \(maximum) (maxLength \(maximum))")
        }
        for format in merged.formats {
            guard case .string(let kind) = format.check else { continue }
            for (spelled, summary) in Self.otherSpellings(of: text, kind) { add(.otherSpelling, .string(spelled), summary) }
            if let (earliest, latest) = Self.timeEdges(kind) {
                if earliest != text { add(.lowest, .string(earliest), "\(earliest), before 1970: a negative Unix time") }
                if latest != text { add(.highest, .string(latest), "\(latest), after 2038-01-19: beyond a 32-bit Unix time") }
            }
        }
    }

    /// The dates and times where stored times overflow: the second before the Unix epoch, which a Unix time holds as
    /// a negative number, and the second after a signed 32-bit Unix time ends (2038-01-19T03:14:07Z). RFC 3339
    /// allows both; years near 0 and 9999, which many languages' date types cannot hold, are left alone.
    static func timeEdges(_ kind: StringFormat) -> (String, String)? {
        switch kind {
        case .date: ("1969-12-31", "2038-01-20")
        case .dateTime: ("1969-12-31T23:59:59Z", "2038-01-19T03:14:08Z")
        default: nil
        }
    }

    /// The value written in other ways its format allows that servers are known to refuse: RFC 3339 date-times with
    /// an offset other than `Z` or with fractional seconds (a server that stores naive times, or parses one
    /// layout), an e-mail address with a `+tag` (RFC 5321 allows it; hand-written patterns often do not), a UUID
    /// in upper case (RFC 4122: "case insensitive on input").
    static func otherSpellings(of text: String, _ kind: StringFormat) -> [(String, String)] {
        switch kind {
        case .dateTime:
            var spellings: [(String, String)] = []
            let zulu = text.hasSuffix("Z") || text.hasSuffix("z")
            let offset = zulu ? String(text.dropLast()) + "+05:30" : (text.count > 6 ? String(text.dropLast(6)) + "Z" : text)
            if offset != text { spellings.append((offset, zulu ? "a date-time with the offset +05:30" : "a date-time in UTC (Z)")) }
            // Seconds end at index 19 (`2026-12-07T10:00:00`); a fraction goes there.
            if text.count > 19, !text.contains("."), let seconds = text.index(text.startIndex, offsetBy: 19, limitedBy: text.endIndex) {
                spellings.append((String(text[..<seconds]) + ".123456" + text[seconds...], "a date-time with fractional seconds (.123456)"))
            }
            return spellings
        case .email:
            guard let at = text.lastIndex(of: "@"), !text[..<at].contains("+") else { return [] }
            return [(String(text[..<at]) + "+probe" + text[at...], "an e-mail address with a +tag")]
        case .uuid, .uuidVersion:
            let upper = text.uppercased()
            return upper == text ? [] : [(upper, "a UUID in upper case (RFC 4122 reads them case-insensitively)")]
        default:
            return []
        }
    }

    /// The lowest and highest numbers allowed: at an inclusive bound, the nearest multiple (or integer) inside an
    /// exclusive one, the ends of an integer format's range, and with no bound at all ±(2⁵³ − 1).
    private func numberEdges(_ merged: MergedSchema, _ value: JSONValue, _ add: (EdgeVariant.Edge, JSONValue, String) -> Void) {
        let integral = merged.types.map { !$0.contains(.number) } ?? false
        let step = merged.multipleOf.first?.bound.value
        let range = merged.formats.lazy.compactMap { format -> IntegerRange? in
            if case .number(.integer(let range)) = format.check { return range }
            return nil
        }.first
        func inside(_ limit: MergedSchema.NumberLimit, upward: Bool) -> JSONValue? {
            let bound = limit.value
            if let step, step > 0 {
                let quotient = bound / step
                let factor = upward
                    ? (limit.exclusive && quotient.rounded(.up) == quotient ? quotient + 1 : quotient.rounded(.up))
                    : (limit.exclusive && quotient.rounded(.down) == quotient ? quotient - 1 : quotient.rounded(.down))
                return Self.number(factor * step)
            }
            if integral || range != nil {
                let whole = upward
                    ? (limit.exclusive && bound.rounded(.down) == bound ? bound + 1 : bound.rounded(.up))
                    : (limit.exclusive && bound.rounded(.up) == bound ? bound - 1 : bound.rounded(.down))
                return Self.number(whole)
            }
            guard limit.exclusive else { return Self.number(bound) }
            // An exclusive bound of a number: a hundredth inside it.
            return Self.number(((upward ? bound + 0.01 : bound - 0.01) * 100).rounded() / 100)
        }
        let boundText = { (limit: MergedSchema.NumberLimit) in "\(limit.keyword) \(SchemaCompiler.numberText(.number(limit.value)))" }
        var lowest: (JSONValue, String)?
        var highest: (JSONValue, String)?
        if let lower = merged.lower, let edge = inside(lower, upward: true) {
            lowest = (edge, "\(JSONWriter.string(edge)) (\(boundText(lower)))")
        } else if step == nil, let range {
            lowest = (.integer(range.lowest), "\(range.lowest), the lowest \(range.name)")
        } else if step == nil {
            lowest = (.integer(-Self.interoperableInteger), "\(-Self.interoperableInteger) (no minimum; −(2⁵³ − 1), the lowest integer every JSON reader keeps)")
        }
        if let upper = merged.upper, let edge = inside(upper, upward: false) {
            highest = (edge, "\(JSONWriter.string(edge)) (\(boundText(upper)))")
        } else if step == nil, let range {
            let edge: JSONValue = range.highest <= UInt64(Int64.max) ? .integer(Int64(range.highest)) : .bigNumber(String(range.highest))
            highest = (edge, "\(range.highest), the highest \(range.name)")
        } else if step == nil {
            highest = (.integer(Self.interoperableInteger), "\(Self.interoperableInteger) (no maximum; 2⁵³ − 1, the highest integer every JSON reader keeps)")
        }
        if let (edge, summary) = lowest, !JSONEquality.equal(edge, value) { add(.lowest, edge, summary) }
        if let (edge, summary) = highest, !JSONEquality.equal(edge, value) { add(.highest, edge, summary) }
    }

    /// The fewest items allowed (an empty list where nothing asks for one) and the most (up to 50), then the edges
    /// of the first item.
    private mutating func arrayEdges(
        _ merged: MergedSchema, _ items: [JSONValue], at pointer: JSONPointer, depth: Int,
        _ add: (EdgeVariant.Edge, JSONValue, String) -> Void, into list: inout [EdgeVariant]
    ) {
        let needed = merged.contains.isEmpty ? 0 : (merged.minContains ?? 1)
        let minimum = max(merged.minItems ?? 0, needed)
        if items.count > minimum {
            add(.fewest, .array(Array(items.prefix(minimum))), minimum == 0 ? "an empty list (no minItems)" : "\(minimum) items (minItems \(minimum))")
        }
        if let maximum = merged.maxItems, maximum <= 50, items.count < maximum {
            var longer = items
            // Copies of the items the value has, where items may repeat: the API took those, so a refusal is the
            // count's; only distinct items are built anew.
            if merged.uniqueItems == nil, !items.isEmpty, items.count >= merged.prefixItems.count {
                while longer.count < maximum { longer.append(items[longer.count % items.count]) }
            }
            var tries = 0
            while longer.count < maximum && tries < 60 {
                tries += 1
                let ids = longer.count < merged.prefixItems.count ? merged.prefixItems[longer.count] : merged.items
                guard case .success(let item) = Result(catching: { () throws(GenerationError) in try build(ids, depth: depth + 1, at: pointer.appending(longer.count)) }) else { break }
                if merged.uniqueItems != nil && longer.contains(where: { JSONEquality.equal($0, item) }) { continue }
                longer.append(item)
            }
            if longer.count == maximum { add(.most, .array(longer), "\(maximum) items (maxItems \(maximum))") }
        }
        if let first = items.first {
            let ids = merged.prefixItems.first ?? merged.items
            if !ids.isEmpty { edges(of: ids, first, at: pointer.appending(0), depth: depth + 1, into: &list) }
        }
    }
}
