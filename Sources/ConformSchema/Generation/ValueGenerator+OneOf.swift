import ConformValues

extension ValueGenerator {
    /// An object built for one `oneOf` branch that other branches accept too (branches that differ only in
    /// optional members, as many descriptions write them) is made to fail those: a member the other branch types
    /// but the chosen side does not know is added with a value of another type. Nil when there is nothing to add.
    ///
    /// Only members the merged (chosen) side leaves open are added, so the value stays within the chosen branch
    /// unless that branch refuses unknown members, and the caller validates the result either way.
    func disambiguate(_ value: JSONValue, _ merged: MergedSchema) -> JSONValue? {
        guard case .object(var object) = value, merged.closedNode == nil else { return nil }
        var changed = false
        for node in merged.nodes where !node.oneOf.isEmpty {
            for branch in node.oneOf where !merged.ids.contains(branch) && !merged.nodes.contains(where: { $0.id == branch }) {
                guard schemas.isValid(.object(object), against: branch, direction: direction) else { continue }
                let other = plainProperties(branch)
                for (name, types) in other where object[name] == nil && merged.properties[name] == nil {
                    guard let types, let wrong = Self.valueOfAnotherType(types) else { continue }
                    object[name] = wrong
                    changed = true
                    break
                }
            }
        }
        return changed ? .object(object) : nil
    }

    /// The properties a schema lists (through `$ref` and `allOf`), with the types each allows (nil: any).
    private func plainProperties(_ id: SchemaID) -> [(String, TypeSet?)] {
        var result: [(String, TypeSet?)] = []
        var seen: Set<SchemaID> = []
        var queue = [id]
        while let next = queue.popLast(), seen.count < 64 {
            guard seen.insert(next).inserted else { continue }
            let node = schemas.nodes[Int(next)]
            for name in writtenPropertyOrder(node) {
                guard let property = node.properties[name] else { continue }
                result.append((name, typesOf(property)))
            }
            queue += [node.ref].compactMap { $0 } + node.allOf
        }
        return result
    }

    private func typesOf(_ id: SchemaID) -> TypeSet? {
        var current = id
        for _ in 0..<16 {
            let node = schemas.nodes[Int(current)]
            if var types = node.types {
                if types.contains(.number) { types.insert(.integer) }
                if node.acceptsNull { types.insert(.null) }
                return types
            }
            guard let ref = node.ref else { return nil }
            current = ref
        }
        return nil
    }
}
