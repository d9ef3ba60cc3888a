import ConformValues

extension SchemaCompiler {
    /// Resolves an OpenAPI discriminator: each `mapping` value (a reference, or a bare schema name) and the
    /// implicit names of `oneOf`/`anyOf` branches that reference `components/schemas/<Name>`, or, on a schema with
    /// neither, of the `components/schemas` entries that extend it through `allOf` (OpenAPI's inheritance form).
    ///
    /// The Asset API writes mapping values as `{$ref: …}` objects, which OpenAPI does not allow (they must be
    /// strings); they are accepted, with a warning, because the intent is plain, unless the options ask for the
    /// letter (`followsMisplacedReferences`).
    mutating func compileDiscriminator(_ discriminator: JSONObject, schema: JSONObject, node: SchemaNode) -> CompiledDiscriminator? {
        let location = node.location
        let discriminatorLocation = SchemaLocation(document: location.document, pointer: location.pointer.appending("discriminator"))
        guard let propertyName = discriminator["propertyName"]?.stringValue else {
            diagnose(.discriminatorMapping, "a discriminator needs a 'propertyName'", at: location, keyword: "discriminator")
            return nil
        }
        let alternatives = node.oneOf.isEmpty ? node.anyOf : node.oneOf
        var branches: [DiscriminatorBranch] = []

        if case .object(let mapping)? = discriminator["mapping"] {
            for (value, target) in mapping.members {
                let entry = SchemaLocation(document: location.document, pointer: discriminatorLocation.pointer.appending("mapping").appending(value))
                let reference: String
                switch target {
                case .string(let text):
                    reference = text
                case .object(let object) where object["$ref"]?.stringValue != nil:
                    reference = object["$ref"]!.stringValue!
                    let message = "mapping value for '\(value)' is a {$ref: …} object; OpenAPI requires a string such as '\(reference)'"
                    guard options.followsMisplacedReferences else {
                        diagnose(.discriminatorMapping, message + " (not followed: strict misplaced-ref)", at: entry)
                        continue
                    }
                    diagnose(.discriminatorMapping, message, at: entry, severity: .warning)
                default:
                    diagnose(.discriminatorMapping, "mapping value for '\(value)' must be a schema name or a reference string", at: entry)
                    continue
                }
                guard let target = resolveMappingTarget(reference, at: discriminatorLocation, entry: entry) else { continue }
                let id = schemaID(for: target)
                branches.append(DiscriminatorBranch(value: value, schema: id, name: target.pointer.lastToken ?? value))
            }
        }
        // Implicit mapping: a branch `$ref: '#/components/schemas/Cat'` is chosen by the value "Cat", unless an
        // explicit mapping already leads to that branch.
        if case .array(let items)? = schema[node.oneOf.isEmpty ? "anyOf" : "oneOf"] {
            for item in items {
                guard let reference = item["$ref"]?.stringValue,
                    let target = resolveMappingTarget(reference, at: location, entry: nil),
                    let name = target.pointer.lastToken
                else { continue }
                let id = schemaID(for: target)
                guard !branches.contains(where: { $0.value == name || $0.schema == id }) else { continue }
                branches.append(DiscriminatorBranch(value: name, schema: id, name: name))
            }
        }
        if alternatives.isEmpty {
            for (name, child) in schemasExtending(location) {
                let id = schemaID(for: child)
                guard !branches.contains(where: { $0.value == name || $0.schema == id }) else { continue }
                branches.append(DiscriminatorBranch(value: name, schema: id, name: name))
            }
        }
        var defaultBranch: DiscriminatorBranch?
        if let fallback = discriminator["defaultMapping"] {
            let entry = SchemaLocation(document: location.document, pointer: discriminatorLocation.pointer.appending("defaultMapping"))
            if let reference = fallback.stringValue {
                if let target = resolveMappingTarget(reference, at: discriminatorLocation, entry: entry) {
                    defaultBranch = DiscriminatorBranch(value: "", schema: schemaID(for: target), name: target.pointer.lastToken ?? reference)
                }
            } else {
                diagnose(.discriminatorMapping, "defaultMapping must be a schema name or a reference string", at: entry)
            }
        }
        return CompiledDiscriminator(
            propertyName: propertyName, branches: branches, choosesAmongAlternatives: !alternatives.isEmpty, defaultBranch: defaultBranch)
    }

    /// The `components/schemas` entries of the parent's document whose `allOf` references the parent: the children
    /// a discriminator on it names by their keys.
    private func schemasExtending(_ parent: SchemaLocation) -> [(name: String, location: SchemaLocation)] {
        let container = JSONPointer(tokens: ["components", "schemas"])
        guard case .object(let schemas)? = index.value(at: SchemaLocation(document: parent.document, pointer: container)) else { return [] }
        var children: [(name: String, location: SchemaLocation)] = []
        for (name, schema) in schemas.members {
            guard case .array(let parts)? = schema["allOf"] else { continue }
            let child = SchemaLocation(document: parent.document, pointer: container.appending(name))
            let extends = parts.contains { part in
                guard let reference = part["$ref"]?.stringValue,
                    case .found(let target) = index.locate(URIReference.resolve(reference, against: baseURI(of: child)))
                else { return false }
                return target == parent
            }
            if extends { children.append((name, child)) }
        }
        return children
    }

    /// A mapping value is a reference, or a bare name meaning `#/components/schemas/<name>` in the same document.
    /// A problem is reported at the mapping `entry` when there is one, else at the holder's `mapping`.
    private mutating func resolveMappingTarget(_ reference: String, at location: SchemaLocation, entry: SchemaLocation?) -> SchemaLocation? {
        func report(_ message: String) {
            if let entry { diagnose(.discriminatorMapping, message, at: entry) } else { diagnose(.discriminatorMapping, message, at: location, keyword: "mapping") }
        }
        if !reference.contains("#"), !reference.contains("/"), !reference.contains(".") {
            let named = SchemaLocation(document: location.document, pointer: JSONPointer(tokens: ["components", "schemas", reference]))
            if index.value(at: named) != nil { return named }
            report("mapping names schema '\(reference)', which components.schemas does not define")
            return nil
        }
        let target = resolveReference(reference, at: location, keyword: "mapping")
        if target == nil { report("mapping target '\(reference)' does not resolve to a schema") }
        return target
    }
}

extension CompiledSchemas {
    /// Branches of a discriminator that chooses among `oneOf`/`anyOf` whose schema does not declare the
    /// discriminating property (in `properties`, through `$ref`s and combinators): no value of such a branch
    /// carries what chooses it. One warning per branch, at the discriminator's `propertyName`.
    package func discriminatorBranchesWithoutTheProperty() -> [SchemaDiagnostic] {
        var diagnostics: [SchemaDiagnostic] = []
        for node in nodes {
            guard let discriminator = node.discriminator, discriminator.choosesAmongAlternatives else { continue }
            var branches = (node.oneOf.isEmpty ? node.anyOf : node.oneOf).map { ($0, label(of: $0)) }
            branches += discriminator.branches.map { ($0.schema, Optional($0.name)) }
            var seen: Set<SchemaID> = []
            for (branch, name) in branches where seen.insert(branch).inserted {
                guard shape(of: branch).properties[discriminator.propertyName] == nil else { continue }
                let where_ = keywordPointer(node, "discriminator").appending("propertyName")
                diagnostics.append(SchemaDiagnostic(
                    .discriminatorMapping,
                    "discriminator property '\(discriminator.propertyName)' is not a property of \(name.map { "'\($0)'" } ?? "a branch"), so no value of it names the branch it takes",
                    at: where_, severity: .warning))
            }
        }
        return diagnostics
    }
}

/// Where each discriminator branch stands once references are settled.
enum DiscriminatorBranches {
    /// Records each branch's position among its `oneOf`/`anyOf` alternatives (looking through bare `$ref`s, which
    /// `BareReferences` leaves in place when dynamic anchors exist), so that evaluation can reuse the alternative's
    /// verdict; returns the schemas an inheritance discriminator names, which evaluation must know when it meets
    /// them (see `Evaluator.claimsInProgress`).
    static func place(_ nodes: inout [SchemaNode]) -> Set<SchemaID> {
        func settled(_ id: SchemaID) -> SchemaID {
            var current = id
            var hops = 0
            while nodes[Int(current)].isBareReference, let next = nodes[Int(current)].ref, hops <= nodes.count {
                current = next
                hops += 1
            }
            return current
        }
        /// The strings an alternative admits for the property: its own schema for the property, or that of one of
        /// its `allOf` parts, is a `const` or an `enum` of strings (a value must hold every part). Nil when none says.
        func admitted(by alternative: SchemaID, property: String) -> [String]? {
            for part in [alternative] + nodes[Int(alternative)].allOf.map(settled) {
                guard let schema = nodes[Int(part)].properties[property].map(settled) else { continue }
                let node = nodes[Int(schema)]
                if case .string(let value)? = node.constValue { return [value] }
                if let values = node.enumValues {
                    let strings = values.compactMap { value -> String? in if case .string(let text) = value { text } else { nil } }
                    if strings.count == values.count { return strings }
                }
            }
            return nil
        }
        // Trying a branch may reach a `$ref` that leads nowhere, which makes the value invalid whatever else holds:
        // with one anywhere, every alternative is tried.
        let excludesBranches = !nodes.contains { $0.unresolvedReference != nil }
        var claimable: Set<SchemaID> = []
        for index in nodes.indices {
            guard var discriminator = nodes[index].discriminator else { continue }
            guard discriminator.choosesAmongAlternatives else {
                claimable.formUnion(discriminator.branches.map(\.schema) + (discriminator.defaultBranch.map { [$0.schema] } ?? []))
                continue
            }
            let alternatives = (nodes[index].oneOf.isEmpty ? nodes[index].anyOf : nodes[index].oneOf).map(settled)
            for branch in discriminator.branches.indices {
                discriminator.branches[branch].alternative = alternatives.firstIndex(of: settled(discriminator.branches[branch].schema))
            }
            if let fallback = discriminator.defaultBranch {
                discriminator.defaultBranch?.alternative = alternatives.firstIndex(of: settled(fallback.schema))
            }
            if excludesBranches {
                discriminator.admitted = alternatives.map { admitted(by: $0, property: discriminator.propertyName) }
            }
            nodes[index].discriminator = discriminator
        }
        return claimable
    }
}

/// Marks, on each object schema, which of its properties are readOnly or writeOnly, looking through `$ref`s and
/// `allOf`s of the property schemas, so validation needs no lookups.
enum ReadWriteOnly {
    static func annotate(_ nodes: inout [SchemaNode]) {
        for index in nodes.indices where !nodes[index].properties.isEmpty {
            for (name, id) in nodes[index].properties {
                let (readOnly, writeOnly) = flags(of: id, in: nodes)
                if readOnly { nodes[index].readOnlyProperties.insert(name) }
                if writeOnly { nodes[index].writeOnlyProperties.insert(name) }
            }
        }
    }

    private static func flags(of start: SchemaID, in nodes: [SchemaNode]) -> (Bool, Bool) {
        var readOnly = false
        var writeOnly = false
        var seen: Set<SchemaID> = []
        var queue = [start]
        while let id = queue.popLast(), seen.insert(id).inserted {
            let node = nodes[Int(id)]
            readOnly = readOnly || node.readOnly
            writeOnly = writeOnly || node.writeOnly
            if let ref = node.ref { queue.append(ref) }
            queue += node.allOf
        }
        return (readOnly, writeOnly)
    }
}
