import ConformValues

extension SchemaCompiler {
    /// Resolves an OpenAPI discriminator: each `mapping` value (a reference, or a bare schema name) and the
    /// implicit names of `oneOf`/`anyOf` branches that reference `components/schemas/<Name>`.
    ///
    /// The Asset API writes mapping values as `{$ref: …}` objects, which OpenAPI does not allow (they must be
    /// strings); they are accepted, with a warning, because the intent is plain.
    mutating func compileDiscriminator(_ discriminator: JSONObject, schema: JSONObject, node: SchemaNode) -> CompiledDiscriminator? {
        let location = node.location
        let discriminatorLocation = SchemaLocation(document: location.document, pointer: location.pointer.appending("discriminator"))
        guard let propertyName = discriminator["propertyName"]?.stringValue else {
            diagnose(.discriminatorMapping, "a discriminator needs a 'propertyName'", at: location, keyword: "discriminator")
            return nil
        }
        let alternatives = node.oneOf.isEmpty ? node.anyOf : node.oneOf
        var branches: [(value: String, schema: SchemaID, name: String)] = []

        if case .object(let mapping)? = discriminator["mapping"] {
            for (value, target) in mapping.members {
                let entry = SchemaLocation(document: location.document, pointer: discriminatorLocation.pointer.appending("mapping").appending(value))
                let reference: String
                switch target {
                case .string(let text):
                    reference = text
                case .object(let object) where object["$ref"]?.stringValue != nil:
                    reference = object["$ref"]!.stringValue!
                    diagnose(.discriminatorMapping, "mapping value for '\(value)' is a {$ref: …} object; OpenAPI requires a string such as '\(reference)'", at: entry, severity: .warning)
                default:
                    diagnose(.discriminatorMapping, "mapping value for '\(value)' must be a schema name or a reference string", at: entry)
                    continue
                }
                guard let target = resolveMappingTarget(reference, at: discriminatorLocation) else { continue }
                let id = schemaID(for: target)
                branches.append((value, id, target.pointer.lastToken ?? value))
            }
        }
        // Implicit mapping: a branch `$ref: '#/components/schemas/Cat'` is chosen by the value "Cat", unless an
        // explicit mapping already leads to that branch.
        if case .array(let items)? = schema[node.oneOf.isEmpty ? "anyOf" : "oneOf"] {
            for item in items {
                guard let reference = item["$ref"]?.stringValue,
                    let target = resolveMappingTarget(reference, at: location),
                    let name = target.pointer.lastToken
                else { continue }
                let id = schemaID(for: target)
                guard !branches.contains(where: { $0.value == name || $0.schema == id }) else { continue }
                branches.append((name, id, name))
            }
        }
        return CompiledDiscriminator(propertyName: propertyName, branches: branches, choosesAmongAlternatives: !alternatives.isEmpty)
    }

    /// A mapping value is a reference, or a bare name meaning `#/components/schemas/<name>` in the same document.
    private mutating func resolveMappingTarget(_ reference: String, at location: SchemaLocation) -> SchemaLocation? {
        if !reference.contains("#"), !reference.contains("/"), !reference.contains(".") {
            let named = SchemaLocation(document: location.document, pointer: JSONPointer(tokens: ["components", "schemas", reference]))
            if index.value(at: named) != nil { return named }
            diagnose(.discriminatorMapping, "mapping names schema '\(reference)', which components.schemas does not define", at: location, keyword: "mapping")
            return nil
        }
        let target = resolveReference(reference, at: location, keyword: "mapping")
        if target == nil {
            diagnose(.discriminatorMapping, "mapping target '\(reference)' does not resolve to a schema", at: location, keyword: "mapping")
        }
        return target
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
