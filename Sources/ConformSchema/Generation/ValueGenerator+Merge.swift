import ConformFindings
import ConformValues

extension ValueGenerator {
    /// Walks `$ref`, `$dynamicRef` and `allOf`, and chooses one branch of each `anyOf`/`oneOf` (the one a
    /// discriminator names, with its property fixed to the branch's value) and a side of each `if`, collecting
    /// every node reached into one `MergedSchema`.
    ///
    /// Choices rotate with `attempt`, so a retry tries another branch. Past `maxDepth` the branch that ends
    /// soonest (`escapeCost`) comes first: the shortest way out of a recursive schema.
    mutating func merge(_ ids: [SchemaID], attempt: Int, rotation: UInt64, depth: Int, at pointer: JSONPointer) throws(GenerationError) -> MergedSchema {
        var merged = MergedSchema()
        merged.ids = ids
        var seen: Set<SchemaID> = []
        var queue = Array(ids.reversed())
        var steps = 0
        while let id = queue.popLast() {
            guard seen.insert(id).inserted else { continue }
            steps += 1
            if steps > 2_000 { break }
            let node = schemas.nodes[Int(id)]
            if let constant = node.constant {
                if let reference = node.unresolvedReference {
                    throw GenerationError(
                        .unresolvedReference, "'$ref: \(reference)' leads nowhere", at: schemas.location(of: id), instancePointer: pointer)
                }
                if !constant {
                    throw GenerationError(.unsatisfiable, "the schema is false: no value is allowed", at: schemas.location(of: id), instancePointer: pointer)
                }
                continue
            }
            merged.absorb(node, writtenOrder: writtenPropertyOrder(node))
            if let additional = node.additionalProperties, schemas.nodes[Int(additional)].constant == false {
                merged.closedNode = merged.closedNode ?? node
            }
            if let unevaluated = node.unevaluatedProperties, schemas.nodes[Int(unevaluated)].constant == false {
                merged.closedNode = merged.closedNode ?? node
            }
            var next: [SchemaID] = []
            if let ref = node.ref { next.append(ref) }
            if let dynamic = node.dynamicRef { next.append(dynamic.target) }
            next += node.allOf
            if let discriminator = node.discriminator, !discriminator.choosesAmongAlternatives {
                // Inheritance: a child being built (reached before its parent, through a `$ref` too) names itself;
                // the parent built on its own is built as one of the children it names, so that the value says
                // which (a Pet answer is a Cat or a Dog, its petType 'cat' or 'dog'), as clients that read the
                // discriminator need it to. A mapping that names the parent itself lets it stand as it is.
                let children = discriminator.branches.filter { $0.schema != id }
                if let branch = children.first(where: { seen.contains($0.schema) }) ?? discriminator.branches.first(where: { $0.schema == id }) {
                    merged.fixed[discriminator.propertyName] = .string(branch.value)
                } else if let branch = chooseDiscriminatorBranch(children, attempt: attempt, start: Self.start(rotation, id), depth: depth) {
                    merged.fixed[discriminator.propertyName] = .string(branch.value)
                    next.append(branch.schema)
                    merged.choices += 1
                }
            }
            let discriminated = node.discriminates ? node.discriminator : nil
            for (keyword, branches) in [("anyOf", node.anyOf), ("oneOf", node.oneOf)] where !branches.isEmpty {
                let usesDiscriminator = discriminated != nil && keyword == (node.oneOf.isEmpty ? "anyOf" : "oneOf")
                if usesDiscriminator, let discriminator = discriminated,
                    let branch = chooseDiscriminatorBranch(
                        discriminator.branches.filter { $0.alternative != nil }, attempt: attempt, start: Self.start(rotation, id), depth: depth)
                {
                    merged.fixed[discriminator.propertyName] = .string(branch.value)
                    next.append(branch.alternative.map { branches[$0] } ?? branch.schema)
                } else {
                    next.append(chooseBranch(branches, attempt: attempt, start: Self.start(rotation, id), depth: depth))
                }
                merged.choices += 1
            }
            if let condition = node.ifSchema {
                merged.choices += 1
                let takeThen = node.elseSchema == nil || (node.thenSchema != nil && (attempt + Self.start(rotation, id)) % 2 == 0)
                if takeThen {
                    next.append(condition)
                    if let then = node.thenSchema { next.append(then) }
                } else if let otherwise = node.elseSchema {
                    next.append(otherwise)
                }
            }
            queue += next.reversed()
        }
        return merged
    }

    /// Where the rotation of choices starts for one node in one `build`: fixed across its attempts, so that
    /// successive attempts try successive branches, and different for each node.
    static func start(_ rotation: UInt64, _ id: SchemaID) -> Int {
        var mixer = SeededRandom(seed: rotation ^ UInt64(UInt32(bitPattern: id)) &* 0x9E37_79B9)
        return Int(mixer.next() % 1_000_003)
    }

    /// The alternative to build: at random (rotating with the attempt) within the depth bound, the one that ends
    /// soonest beyond it.
    private mutating func chooseBranch(_ branches: [SchemaID], attempt: Int, start: Int, depth: Int) -> SchemaID {
        if depth >= maxDepth {
            let ranked = branches.enumerated().sorted { left, right in
                let (a, b) = (escapeCost(left.element), escapeCost(right.element))
                return a != b ? a < b : left.offset < right.offset
            }
            return ranked[attempt % ranked.count].element
        }
        if optionalMembers.fills(depth) {
            // A value built to be broken on purpose (`fullValue`) takes another branch than a lone `type: 'null'`
            // where it can (pydantic's optional fields): a null has no keyword of the field to break.
            let substantive = branches.filter { branch in
                let node = schemas.nodes[Int(branch)]
                return !(node.assertsOnlyType && node.types == .null)
            }
            if !substantive.isEmpty { return substantive[(start + attempt) % substantive.count] }
        }
        return branches[(start + attempt) % branches.count]
    }

    /// The discriminator branch to build, chosen as `chooseBranch` chooses among alternatives.
    private mutating func chooseDiscriminatorBranch(_ candidates: [DiscriminatorBranch], attempt: Int, start: Int, depth: Int) -> DiscriminatorBranch? {
        guard !candidates.isEmpty else { return nil }
        if depth >= maxDepth {
            let ranked = candidates.enumerated().sorted { left, right in
                let (a, b) = (escapeCost(left.element.schema), escapeCost(right.element.schema))
                return a != b ? a < b : left.offset < right.offset
            }
            return ranked[attempt % ranked.count].element
        }
        return candidates[(start + attempt) % candidates.count]
    }

    /// The property names of a schema in the order its author wrote them, so generated objects read like the
    /// description (the compiled node keeps them in a dictionary).
    func writtenPropertyOrder(_ node: CompiledNode) -> [String] {
        guard !node.properties.isEmpty, case .object(let schema)? = schemas.index.value(at: node.location),
            case .object(let properties)? = schema["properties"]
        else { return node.properties.keys.sorted() }
        return properties.keys
    }

    /// How many levels of nesting a value of the schema needs at least: 0 for a leaf, one more than its deepest
    /// required member or minimum item, the cheapest branch of a choice. A cycle counts as very deep, so branches
    /// that leave the recursion rank first.
    mutating func escapeCost(_ id: SchemaID) -> Int {
        var visiting: Set<SchemaID> = []
        return escapeCost(id, &visiting, 0)
    }

    private mutating func escapeCost(_ id: SchemaID, _ visiting: inout Set<SchemaID>, _ level: Int) -> Int {
        if let known = escapeCosts[id] { return known }
        let unbounded = 1_000
        guard level < 48, Int(id) < schemas.count, visiting.insert(id).inserted else { return unbounded }
        defer { visiting.remove(id) }
        let node = schemas.nodes[Int(id)]
        if node.constant != nil { return node.constant == true ? 0 : unbounded }
        var cost = 0
        if let ref = node.ref { cost = max(cost, escapeCost(ref, &visiting, level + 1)) }
        for part in node.allOf { cost = max(cost, escapeCost(part, &visiting, level + 1)) }
        for branches in [node.anyOf, node.oneOf] where !branches.isEmpty {
            var cheapest = unbounded
            for branch in branches { cheapest = min(cheapest, escapeCost(branch, &visiting, level + 1)) }
            cost = max(cost, cheapest)
        }
        for name in node.required {
            guard let schema = node.properties[name] else { continue }
            if direction == .request && node.readOnlyProperties.contains(name) { continue }
            if direction == .response && node.writeOnlyProperties.contains(name) { continue }
            cost = max(cost, min(unbounded, 1 + escapeCost(schema, &visiting, level + 1)))
        }
        if (node.minItems ?? 0) > 0, let items = node.items {
            cost = max(cost, min(unbounded, 1 + escapeCost(items, &visiting, level + 1)))
        }
        if cost < unbounded { escapeCosts[id] = cost }
        return cost
    }
}
