import ConformFindings
import ConformValues

extension ValueGenerator {
    /// An object: every required member (but readOnly ones in requests and writeOnly ones in responses, which the
    /// validator does not require there and refuses), some optional ones within the depth bound, a member or two of
    /// a map, extra members up to `minProperties`, none beyond `maxProperties`, the dependents `dependentRequired` asks for, and the
    /// discriminator property set to the branch chosen.
    mutating func buildObject(_ merged: MergedSchema, depth: Int, at pointer: JSONPointer) throws(GenerationError) -> JSONValue {
        let hidden = direction == .request ? merged.readOnly : (direction == .response ? merged.writeOnly : [])
        let maximum = merged.maxProperties ?? Int.max
        let minimum = merged.minProperties ?? 0
        var members: [(String, JSONValue)] = []
        func has(_ name: String) -> Bool { members.contains { $0.0 == name } }

        let required = merged.required.filter { !hidden.contains($0) }
        if required.count > maximum {
            throw GenerationError(
                .unsatisfiable, "\(required.count) properties are required but maxProperties is \(maximum)",
                at: merged.propertyCountNode.map { schemas.keywordPointer($0, "maxProperties") }, instancePointer: pointer)
        }
        for name in required where !has(name) {
            members.append((name, try member(name, merged, depth: depth, at: pointer)))
        }
        for name in merged.fixed.keys.sorted() where !has(name) && !hidden.contains(name) {
            members.append((name, try member(name, merged, depth: depth, at: pointer)))
        }
        // Optional members: within the depth bound, as `optionalMembers` says; beyond it only as many as
        // minProperties needs.
        let optional = merged.propertyOrder.filter { !has($0) && !hidden.contains($0) }
        for name in optional where members.count < maximum {
            let wanted = depth < maxDepth ? optionalMembers.wanted(at: depth, &random) : false
            guard wanted || members.count < minimum else { continue }
            do {
                members.append((name, try member(name, merged, depth: depth, at: pointer)))
            } catch {
                // An optional member that cannot be built is left out, unless it is needed for minProperties.
                if members.count < minimum && error.kind == .unresolvedReference { throw error }
            }
        }
        // A map (no listed properties; `additionalProperties` or `patternProperties` says what its members are, as
        // `metadata: {additionalProperties: {type: string}}` and a `dict[str, str]` body do) gets a member or two as
        // optional members come, so that maps are exercised rather than always sent empty (an empty form is no body).
        if merged.propertyOrder.isEmpty, merged.closedNode == nil, !(merged.additional.isEmpty && merged.patternProperties.isEmpty),
            depth < maxDepth, optionalMembers.wanted(at: depth, &random)
        {
            for index in 1...random.int(1...2) where members.count < maximum {
                guard let member = try? extraMember(merged, depth: depth, at: pointer, index: index), !has(member.0) else { continue }
                members.append(member)
            }
        }
        try addDependents(&members, merged, depth: depth, at: pointer)
        var extra = 0
        while members.count < minimum {
            extra += 1
            guard extra <= minimum + 4 else {
                throw GenerationError(.exhausted, "could not add members up to minProperties \(minimum)", at: merged.propertyCountNode.map { schemas.keywordPointer($0, "minProperties") }, instancePointer: pointer)
            }
            guard let member = try extraMember(merged, depth: depth, at: pointer, index: extra) else { continue }
            var name = member.0
            let value = member.1
            if has(name) {
                // A pattern without quantifiers gives the same name each time: a suffix may still fit it.
                let suffixed = name + "\(extra)"
                guard merged.propertyNames.allSatisfy({ schemas.isValid(.string(suffixed), against: $0, direction: direction) }),
                    memberSchemas(suffixed, merged) == memberSchemas(name, merged)
                else { continue }
                name = suffixed
            }
            members.append((name, value))
        }
        if members.count > maximum {
            let keep = Set(required)
            while members.count > maximum, let index = members.lastIndex(where: { !keep.contains($0.0) && merged.fixed[$0.0] == nil }) {
                members.remove(at: index)
            }
        }
        return .object(JSONObject(uniqueKeys: members.map(\.0), values: members.map(\.1)))
    }

    /// Every schema a member of that name must satisfy: its `properties` entries, the `patternProperties` its name
    /// matches, or else `additionalProperties`.
    func memberSchemas(_ name: String, _ merged: MergedSchema) -> [SchemaID] {
        var ids = merged.properties[name] ?? []
        for (pattern, schema) in merged.patternProperties where pattern.regex.matches(name) == true {
            ids.append(schema)
        }
        if merged.properties[name] == nil && ids.isEmpty { ids += merged.additional }
        return ids
    }

    private mutating func member(_ name: String, _ merged: MergedSchema, depth: Int, at pointer: JSONPointer) throws(GenerationError) -> JSONValue {
        let place = pointer.appending(name)
        let ids = memberSchemas(name, merged)
        if merged.properties[name] == nil, let closed = merged.closedNode,
            !merged.patternProperties.contains(where: { $0.pattern.regex.matches(name) == true })
        {
            throw GenerationError(
                .unsatisfiable, "property '\(name)' is required, but the schema allows no properties beyond those it lists",
                at: schemas.keywordPointer(merged.requiredNode[name] ?? closed, "required"), instancePointer: pointer)
        }
        for names in merged.propertyNames where !schemas.isValid(.string(name), against: names, direction: direction) {
            throw GenerationError(
                .unsatisfiable, "property '\(name)' is required, but propertyNames does not allow it",
                at: schemas.location(of: names), instancePointer: pointer)
        }
        if let fixed = merged.fixed[name] { return fixed }
        return try build(ids, depth: depth + 1, at: place)
    }

    /// The members `dependentRequired` asks for, for the members present (one pass per level of dependency, bounded).
    private mutating func addDependents(_ members: inout [(String, JSONValue)], _ merged: MergedSchema, depth: Int, at pointer: JSONPointer) throws(GenerationError) {
        guard !merged.dependentRequired.isEmpty else { return }
        for _ in 0..<4 {
            var added = false
            for (property, names) in merged.dependentRequired where members.contains(where: { $0.0 == property }) {
                for name in names where !members.contains(where: { $0.0 == name }) {
                    members.append((name, try member(name, merged, depth: depth, at: pointer)))
                    added = true
                }
            }
            if !added { return }
        }
    }

    /// A member beyond the listed properties, for a map or for `minProperties`: a name `propertyNames` or a `patternProperties`
    /// pattern allows, else `extra_<n>`, with a value of the schema that name falls to.
    private mutating func extraMember(_ merged: MergedSchema, depth: Int, at pointer: JSONPointer, index: Int) throws(GenerationError) -> (String, JSONValue)? {
        var name = "extra_\(index)"
        if let (pattern, _) = random.pick(merged.patternProperties), merged.closedNode != nil || random.chance(0.5) {
            var holder = MergedSchema()
            holder.patterns = [pattern]
            guard case .string(let text) = try buildString(holder, at: pointer) else { return nil }
            name = text
        } else if merged.closedNode != nil {
            throw GenerationError(
                .unsatisfiable, "minProperties asks for more members than the schema lists, and it allows no others",
                at: merged.propertyCountNode.map { schemas.keywordPointer($0, "minProperties") }, instancePointer: pointer)
        }
        if !merged.propertyNames.isEmpty {
            guard case .string(let text) = try build(merged.propertyNames, depth: depth + 1, at: pointer) else { return nil }
            name = text
        }
        return (name, try build(memberSchemas(name, merged), depth: depth + 1, at: pointer.appending(name)))
    }
}
