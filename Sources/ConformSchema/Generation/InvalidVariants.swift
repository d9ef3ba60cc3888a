import ConformFindings
import ConformValues

extension ValueGenerator {
    /// Values that break exactly one keyword of the schema, each built from one valid value by one change at the
    /// root or at a nested member (or first item): a required property removed, a wrong type, a value outside the
    /// enum, a string too short or too long or off its pattern or format, a number out of bounds or off its
    /// multiple, a member `additionalProperties: false` refuses, too few or too many members or items, equal items.
    ///
    /// The valid value changed is built with every optional member it can have in its top two levels
    /// (`fullValue`), so that optional members are broken too. Inside a `oneOf` or `anyOf`, the keywords of the
    /// branch the value satisfies are changed: the value then fails that branch's keyword, or the alternatives as a
    /// whole (`confirmingFailure`).
    ///
    /// Each is kept only when `CompiledSchemas.validate` reports failures of that keyword at that place and no
    /// other (the same keyword twice, written in two `allOf` parts, is one constraint broken), or of the
    /// alternatives it sits in; anything else is dropped and counted in `statistics.variantsDropped`. Empty when no
    /// valid value could be built. `original` is the valid value to change when the caller has one (a body the API
    /// accepted), else `fullValue` builds one.
    package mutating func invalidVariants(_ schema: SchemaID, direction: ValueDirection, from original: JSONValue? = nil) -> [InvalidVariant] {
        guard let original = original ?? (try? fullValue(schema, direction: direction).get()) else { return [] }
        // Also for a value the caller gave: the direction decides which branches it satisfies.
        use(direction)
        budget = Self.stepBudget
        var candidates: [Mutation] = []
        mutations(of: [schema], original, at: .root, depth: 0, into: &candidates)
        var variants: [InvalidVariant] = []
        var seen: Set<JSONValue> = []
        for candidate in candidates {
            guard let changed = Self.replacing(original, at: candidate.pointer.tokens[...], with: candidate.value),
                seen.insert(changed).inserted
            else { continue }
            let failures = schemas.validate(changed, against: schema, direction: direction).filter { !$0.discriminatorMismatch }
            guard let failure = Self.confirmingFailure(failures, keyword: candidate.keyword, at: candidate.failurePointer) else {
                statistics.variantsDropped[candidate.keyword, default: 0] += 1
                continue
            }
            statistics.variantsConfirmed += 1
            variants.append(InvalidVariant(
                keyword: candidate.keyword, instancePointer: candidate.failurePointer, schemaLocation: failure.schemaPointer,
                value: changed, summary: candidate.summary))
        }
        return variants
    }

    /// The failure that shows a change meant to break `keyword` at `target` broke it, when validation found
    /// nothing else: failures of that keyword at that place, or, for a change inside the branch of an
    /// `anyOf`/`oneOf` the value satisfied (pydantic's `anyOf: [X, {type: 'null'}]` for every optional field), the
    /// alternatives' failure above it, with the failures that explain it (the best branch's, at or below the
    /// alternatives' place). The value was valid before the one change, so whatever fails, fails because of it; the
    /// test is whether the change is named rightly. Nil when it broke something else, or nothing.
    package static func confirmingFailure(_ failures: [SchemaFailure], keyword: String, at target: JSONPointer) -> SchemaFailure? {
        let alternatives = failures.filter { ($0.keyword == "anyOf" || $0.keyword == "oneOf") && target.hasPrefix($0.instancePointer) }
        let own = failures.first { $0.keyword == keyword && $0.instancePointer == target }
        let named = failures.allSatisfy { failure in
            (failure.keyword == keyword && failure.instancePointer == target)
                || alternatives.contains { failure.instancePointer.hasPrefix($0.instancePointer) }
        }
        return named ? own ?? alternatives.first : nil
    }

    /// One change to try: the value to put at `pointer`, and the failure it should cause.
    struct Mutation {
        var keyword: String
        /// Where the changed value goes.
        var pointer: JSONPointer
        /// Where validation reports the failure (the object for `required`, the new member for
        /// `additionalProperties`).
        var failurePointer: JSONPointer
        var value: JSONValue
        var summary: String
    }

    /// The keywords of `ids` through `$ref` and `allOf` only; `withSatisfiedBranches` adds the branches of a
    /// `oneOf`/`anyOf` that apply.
    func plainMerge(_ ids: [SchemaID]) -> MergedSchema {
        var merged = MergedSchema()
        merged.ids = ids
        var seen: Set<SchemaID> = []
        var queue = Array(ids.reversed())
        while let id = queue.popLast(), seen.count < 500 {
            guard seen.insert(id).inserted else { continue }
            let node = schemas.nodes[Int(id)]
            guard node.constant == nil else { continue }
            merged.absorb(node, writtenOrder: writtenPropertyOrder(node))
            if let additional = node.additionalProperties, schemas.nodes[Int(additional)].constant == false {
                merged.closedNode = merged.closedNode ?? node
            }
            queue += ([node.ref].compactMap { $0 } + node.allOf).reversed()
        }
        return merged
    }

    /// `ids` with, for each `oneOf`/`anyOf` among their `$ref`/`allOf` closure, the one branch `value` satisfies
    /// (none when it satisfies several: a change could then not be told apart).
    func withSatisfiedBranches(_ ids: [SchemaID], _ value: JSONValue) -> [SchemaID] {
        var result = ids
        for _ in 0..<3 {
            var added = false
            for node in closure(result) {
                for group in [node.oneOf, node.anyOf] where !group.isEmpty {
                    let satisfied = group.filter { schemas.isValid(value, against: $0, direction: direction) }
                    if satisfied.count == 1, !result.contains(satisfied[0]) {
                        result.append(satisfied[0])
                        added = true
                    }
                }
            }
            if !added { break }
        }
        return result
    }

    /// The nodes of `ids` and their `$ref`/`allOf` closure.
    private func closure(_ ids: [SchemaID]) -> [CompiledNode] {
        var nodes: [CompiledNode] = []
        var seen: Set<SchemaID> = []
        var queue = Array(ids.reversed())
        while let id = queue.popLast(), seen.count < 500 {
            guard seen.insert(id).inserted else { continue }
            let node = schemas.nodes[Int(id)]
            nodes.append(node)
            queue += ([node.ref].compactMap { $0 } + node.allOf).reversed()
        }
        return nodes
    }

    private mutating func mutations(of given: [SchemaID], _ value: JSONValue, at pointer: JSONPointer, depth: Int, into list: inout [Mutation]) {
        guard depth <= 4, list.count < 200 else { return }
        let ids = withSatisfiedBranches(given, value)
        let merged = plainMerge(ids)
        var local: [Mutation] = []
        var nested: [Mutation] = []
        defer { list += local + nested }
        func add(_ keyword: String, _ changed: JSONValue, _ summary: String, failureAt: JSONPointer? = nil) {
            local.append(Mutation(keyword: keyword, pointer: pointer, failurePointer: failureAt ?? pointer, value: changed, summary: summary))
        }
        if let types = merged.types, var wrong = Self.valueOfAnotherType(types) {
            var summary = "\(wrong.typeName) where \(types.names.joined(separator: " or ")) is expected"
            if case .string = wrong, value.objectValue != nil || value.arrayValue != nil {
                // The JSON text of the valid value: refused by a server that reads types, taken by one that decodes
                // a string it is given once more (flask-openapi3, a Ninja `Schema` reading attributes).
                wrong = .string(JSONWriter.string(value))
                summary = "a string holding the JSON of a valid value where \(types.names.joined(separator: " or ")) is expected"
            }
            add("type", wrong, summary)
        }
        if merged.constValue == nil, let allowed = merged.enumValues.first, let outside = Self.outside(allowed, like: value) {
            add("enum", outside, "a value outside the enum")
        }
        if let constant = merged.constValue, let other = Self.outside([constant], like: constant) {
            add("const", other, "a value other than the const")
        }
        switch value {
        case .string(let text): stringMutations(merged, text, add)
        case .integer, .number: numberMutations(merged, value, add)
        case .object(let object): objectMutations(merged, object, at: pointer, depth: depth, add, into: &nested)
        case .array(let items): arrayMutations(merged, items, at: pointer, depth: depth, add, into: &nested)
        default: break
        }
    }

    private func stringMutations(_ merged: MergedSchema, _ text: String, _ add: (String, JSONValue, String, JSONPointer?) -> Void) {
        let scalars = Array(text.unicodeScalars)
        if let minimum = merged.minLength, minimum > 0 {
            add("minLength", .string(String(String.UnicodeScalarView(scalars.prefix(minimum - 1)))), "shorter than minLength \(minimum)", nil)
        }
        if let maximum = merged.maxLength, maximum < 10_000 {
            let filler = scalars.last.map { String($0) } ?? "a"
            let longer = text + String(repeating: filler, count: max(1, maximum + 1 - scalars.count))
            add("maxLength", .string(longer), "longer than maxLength \(maximum)", nil)
        }
        let length = (merged.minLength ?? 0)...(merged.maxLength ?? Int.max)
        if let pattern = merged.patterns.first {
            let tries = ["~" + text, text + "~", String(repeating: "~", count: max(1, scalars.count)), "", "~"]
            if let broken = tries.first(where: { length.contains($0.unicodeScalars.count) && pattern.regex.matches($0) == false }) {
                add("pattern", .string(broken), "does not match the pattern \(pattern.source)", nil)
            }
        }
        if let format = merged.formats.first {
            let tries = ["not a valid value", "%%", "~" + text, text + " %", String(repeating: "%", count: max(1, scalars.count))]
            let broken = tries.first { candidate in
                guard length.contains(candidate.unicodeScalars.count) else { return false }
                if case .invalid = candidate.withUTF8Bytes({ format.check.verdict(string: $0) }) { return true }
                return false
            }
            if let broken { add("format", .string(broken), "not a valid \(format.name)", nil) }
        }
    }

    private func numberMutations(_ merged: MergedSchema, _ value: JSONValue, _ add: (String, JSONValue, String, JSONPointer?) -> Void) {
        let step = merged.multipleOf.first?.bound.value ?? 1
        let integral = merged.types.map { !$0.contains(.number) } ?? false
        // The nearest multiple of the step beyond the bound, so that only the bound fails.
        if let lower = merged.lower, step > 0 {
            let quotient = lower.value / step
            let factor = lower.exclusive ? quotient.rounded(.down) : quotient.rounded(.up) - 1
            add(lower.keyword, Self.number(factor * step), "below \(lower.keyword) \(SchemaCompiler.numberText(.number(lower.value)))", nil)
        }
        if let upper = merged.upper, step > 0 {
            let quotient = upper.value / step
            let factor = upper.exclusive ? quotient.rounded(.up) : quotient.rounded(.down) + 1
            add(upper.keyword, Self.number(factor * step), "above \(upper.keyword) \(SchemaCompiler.numberText(.number(upper.value)))", nil)
        }
        if let multiple = merged.multipleOf.first, let current = value.doubleValue {
            let offset = multiple.bound.value >= 2 && multiple.bound.value.rounded() == multiple.bound.value ? 1 : multiple.bound.value / 2
            if !(integral && offset.rounded() != offset) {
                add("multipleOf", Self.number(current + offset), "not a multiple of \(multiple.bound.text)", nil)
            }
        }
        for format in merged.formats {
            guard case .number(.integer(let range)) = format.check else { continue }
            add("format", range.justAbove, "outside \(format.name)", nil)
        }
    }

    private mutating func objectMutations(
        _ merged: MergedSchema, _ object: JSONObject, at pointer: JSONPointer, depth: Int,
        _ add: (String, JSONValue, String, JSONPointer?) -> Void, into list: inout [Mutation]
    ) {
        let hidden = direction == .request ? merged.readOnly : (direction == .response ? merged.writeOnly : [])
        for name in merged.required.prefix(4) where object[name] != nil && !hidden.contains(name) {
            var changed = object
            changed[name] = nil
            add("required", .object(changed), "required property '\(name)' removed", nil)
        }
        if merged.closedNode != nil {
            var name = "unexpectedProperty"
            while object[name] != nil || merged.properties[name] != nil { name += "_" }
            if !merged.patternProperties.contains(where: { $0.pattern.regex.matches(name) == true }) {
                var changed = object
                changed[name] = .string("unexpected")
                add("additionalProperties", .object(changed), "extra property '\(name)' added", pointer.appending(name))
            }
        }
        if let name = hidden.sorted().first(where: { object[$0] == nil }), let ids = merged.properties[name],
            case .success(let member) = Result(catching: { () throws(GenerationError) in try build(ids, depth: depth + 1, at: pointer.appending(name)) })
        {
            var changed = object
            changed[name] = member
            let side = direction == .request ? "readOnly property in a request" : "writeOnly property in a response"
            add("properties", .object(changed), "\(side): '\(name)'", pointer.appending(name))
        }
        if let minimum = merged.minProperties, minimum > 0, object.count >= minimum {
            var changed = object
            for key in object.keys.reversed() where changed.count >= minimum && !merged.required.contains(key) {
                changed[key] = nil
            }
            if changed.count == minimum - 1 { add("minProperties", .object(changed), "fewer than minProperties \(minimum)", nil) }
        }
        if let maximum = merged.maxProperties, maximum < 50, merged.closedNode == nil {
            var changed = object
            var index = 0
            while changed.count <= maximum && index < 60 {
                index += 1
                let name = "extra_\(index)"
                guard changed[name] == nil, merged.properties[name] == nil else { continue }
                let member = Result { () throws(GenerationError) in try build(memberSchemas(name, merged), depth: depth + 1, at: pointer.appending(name)) }
                guard case .success(let value) = member else { break }
                changed[name] = value
            }
            if changed.count == maximum + 1 { add("maxProperties", .object(changed), "more than maxProperties \(maximum)", nil) }
        }
        for (name, member) in object.members {
            let ids = memberSchemas(name, merged)
            guard !ids.isEmpty else { continue }
            mutations(of: ids, member, at: pointer.appending(name), depth: depth + 1, into: &list)
        }
    }

    private mutating func arrayMutations(
        _ merged: MergedSchema, _ items: [JSONValue], at pointer: JSONPointer, depth: Int,
        _ add: (String, JSONValue, String, JSONPointer?) -> Void, into list: inout [Mutation]
    ) {
        if let minimum = merged.minItems, minimum > 0, items.count >= minimum {
            add("minItems", .array(Array(items.prefix(minimum - 1))), "fewer than minItems \(minimum)", nil)
        }
        if let maximum = merged.maxItems, maximum < 50 {
            var longer = items
            var tries = 0
            while longer.count <= maximum && tries < 60 {
                tries += 1
                let ids = longer.count < merged.prefixItems.count ? merged.prefixItems[longer.count] : merged.items
                guard case .success(let item) = Result(catching: { () throws(GenerationError) in try build(ids, depth: depth + 1, at: pointer.appending(longer.count)) }) else { break }
                if merged.uniqueItems != nil && longer.contains(where: { JSONEquality.equal($0, item) }) { continue }
                longer.append(item)
            }
            if longer.count == maximum + 1 { add("maxItems", .array(longer), "more than maxItems \(maximum)", nil) }
        }
        // An empty list has no item to repeat, so one is made: whether the break is tried should not depend on
        // whether the valid value happened to hold items.
        let made = items.isEmpty && merged.uniqueItems != nil && (merged.maxItems ?? Int.max) >= 2 && (merged.minItems ?? 0) <= 2
            ? Result { () throws(GenerationError) in try build(merged.prefixItems.first ?? merged.items, depth: depth + 1, at: pointer.appending(0)) }
            : nil
        if merged.uniqueItems != nil, let first = items.first ?? (try? made?.get()) {
            var repeated = items.isEmpty ? [first] : items
            if items.count < (merged.maxItems ?? Int.max) { repeated.append(first) } else if items.count >= 2 { repeated[items.count - 1] = first }
            if repeated.count >= 2 { add("uniqueItems", .array(repeated), "an item repeated", nil) }
        }
        if let first = items.first {
            let ids = merged.prefixItems.first ?? merged.items
            if !ids.isEmpty { mutations(of: ids, first, at: pointer.appending(0), depth: depth + 1, into: &list) }
        }
    }

    /// A value of a JSON type the set does not allow.
    static func valueOfAnotherType(_ types: TypeSet) -> JSONValue? {
        let candidates: [(TypeSet, JSONValue)] = [
            (.string, .string("wrong type")), (.integer, .integer(7)), (.boolean, .bool(true)),
            (.object, .object(JSONObject())), (.array, .array([])), (.null, .null),
        ]
        return candidates.first { !types.contains($0.0) }?.1
    }

    /// A value like `value` (same type where possible) that is none of `values`.
    static func outside(_ values: [JSONValue], like value: JSONValue) -> JSONValue? {
        let tries: [JSONValue]
        switch value {
        case .string(let text): tries = [.string(text + "_other"), .string("not-in-enum"), .string("~")]
        case .integer(let number): tries = [.integer(number &+ 1), .integer(number &- 1), .integer(987_654_321)]
        case .number(let number): tries = [.number(number + 0.5), .number(-123.25)]
        case .bool(let flag): tries = [.bool(!flag)]
        default: tries = [.string("not-in-enum")]
        }
        return tries.first { candidate in !values.contains { JSONEquality.equal($0, candidate) } }
    }

    /// `value` with the part at `tokens` replaced; nil when the path does not lead anywhere.
    package static func replacing(_ value: JSONValue, at tokens: ArraySlice<String>, with replacement: JSONValue) -> JSONValue? {
        guard let token = tokens.first else { return replacement }
        switch value {
        case .object(var object):
            guard let member = object[token], let changed = replacing(member, at: tokens.dropFirst(), with: replacement) else { return nil }
            object[token] = changed
            return .object(object)
        case .array(var items):
            guard let index = Int(token), items.indices.contains(index),
                let changed = replacing(items[index], at: tokens.dropFirst(), with: replacement)
            else { return nil }
            items[index] = changed
            return .array(items)
        default:
            return nil
        }
    }
}
