import ConformFindings
@_spi(Tape) import ConformValues

extension Evaluator {
    mutating func evaluateObject(_ node: CompiledNode, _ object: JSONTape.Index, _ annotations: inout Annotations?) -> Bool {
        var valid = true
        let count = tape.count(object)
        if let minimum = node.minProperties, count < minimum {
            fail(node, "minProperties", "\(Self.properties(count)), at least \(minimum) required", expected: ">= \(minimum)", actual: "\(count)")
            valid = false
        }
        if let maximum = node.maxProperties, count > maximum {
            fail(node, "maxProperties", "\(Self.properties(count)), at most \(maximum) allowed", expected: "<= \(maximum)", actual: "\(count)")
            valid = false
        }
        if !valid && !collecting { return false }

        // The fast pass counts required names in its one walk over the members and searches only when one is
        // missing; the collecting pass reports missing names first, in the schema's order.
        let countsRequired = !collecting && !node.required.isEmpty
        if !countsRequired, !node.required.isEmpty, requiredPresent(node, object) < node.required.count, !checkRequired(node, object) {
            valid = false
            if !collecting { return false }
        }
        if node.hasDependencies {
            valid = evaluateDependencies(node, object, &annotations) && valid
            if !valid && !collecting { return false }
        }
        guard node.checksMembers else { return valid }

        // In the fast pass, with no propertyNames or patternProperties to consult and no annotations to gather, a
        // member either has its own schema (checked right here) or falls to additionalProperties.
        let plainMembers = !collecting && annotations == nil && node.hasPlainMembers
        let checksAdditional = node.additionalProperties != nil
        var requiredSeen = 0
        var key = object + 1
        let end = tape.end(object)
        while key < end {
            let member = key + 1
            let entry = node.propertyTable.entry(for: tape.bytes(key))
            if plainMembers {
                if let entry {
                    if entry.isRequired { requiredSeen += 1 }
                    if let schema = entry.schema, !entry.isReadOnly, !entry.isWriteOnly {
                        var none: Annotations?
                        guard evaluate(schema, member, &none) else { return false }
                        key = tape.end(member)
                        continue
                    }
                } else if !checksAdditional {
                    key = tape.end(member)
                    continue
                }
            } else if entry?.isRequired == true {
                requiredSeen += 1
            }
            if collecting { path.append(.member(key: key)) }
            let memberValid = evaluateMember(node, key: key, member: member, entry: entry, &annotations)
            if collecting { path.removeLast() }
            valid = memberValid && valid
            if !valid && !collecting { return false }
            key = tape.end(member)
        }
        if countsRequired, requiredSeen < node.required.count, !checkRequired(node, object) { return false }
        return valid
    }

    /// `dependentRequired` and `dependentSchemas`.
    private mutating func evaluateDependencies(_ node: CompiledNode, _ object: JSONTape.Index, _ annotations: inout Annotations?) -> Bool {
        var valid = true
        for (property, required) in node.dependentRequired where tape.member(named: property, in: object) != nil {
            for name in required where tape.member(named: name, in: object) == nil {
                fail(node, "dependentRequired", "property '\(name)' is required when '\(property)' is present", expected: name)
                valid = false
                if !collecting { return false }
            }
        }
        for (property, schema) in node.dependentSchemas where tape.member(named: property, in: object) != nil {
            valid = evaluate(schema, object, &annotations) && valid
            if !valid && !collecting { return false }
        }
        return valid
    }

    /// One member against `propertyNames`, `properties`, `patternProperties` and `additionalProperties`.
    private mutating func evaluateMember(
        _ node: CompiledNode, key: JSONTape.Index, member: JSONTape.Index, entry: PropertyTable.Entry?,
        _ annotations: inout Annotations?
    ) -> Bool {
        let tape = self.tape
        var valid = true
        if let names = node.propertyNames {
            var none: Annotations?
            let before = failures.count
            // A key's entry is a string entry, so the name is checked in place.
            if !evaluate(names, key, &none) {
                if collecting {
                    failures.removeSubrange(before...)
                    fail(node, "propertyNames", "the property name '\(tape.string(key))' is not allowed by propertyNames")
                }
                valid = false
                if !collecting { return false }
            }
        }
        var matched = false
        if let entry, entry.isReadOnly || entry.isWriteOnly {
            if direction == .request && entry.isReadOnly {
                fail(node, "properties", "property '\(tape.string(key))' is readOnly and must not be sent in a request")
                valid = false
                if !collecting { return false }
            } else if direction == .response && entry.isWriteOnly {
                fail(node, "properties", "property '\(tape.string(key))' is writeOnly and must not appear in a response")
                valid = false
                if !collecting { return false }
            }
        }
        if let schema = entry?.schema {
            matched = true
            var none: Annotations?
            valid = evaluate(schema, member, &none) && valid
            if !valid && !collecting { return false }
        }
        if !node.patternProperties.isEmpty {
            for (pattern, schema) in node.patternProperties {
                guard let found = search(pattern.regex, in: key, of: node, "patternProperties") else {
                    // Undecided: the member may be one of the pattern's, so it is not "additional" either; its
                    // schema is not applied, and the tally reports the name as not checked.
                    matched = true
                    continue
                }
                guard found else { continue }
                matched = true
                var none: Annotations?
                valid = evaluate(schema, member, &none) && valid
                if !valid && !collecting { return false }
            }
        }
        if matched {
            if annotations != nil { annotations!.properties.insert(tape.string(key)) }
        } else if let additional = node.additionalProperties {
            valid = evaluate(
                additional, member, orReject: "additionalProperties", of: node,
                "property '\(tape.string(key))' is not allowed: the schema lists its properties and allows no others") && valid
            if !valid && !collecting { return false }
            if annotations != nil { annotations!.properties.insert(tape.string(key)) }
        }
        return valid
    }

    /// How many members are required names, by one table lookup each: searching for every required name costs a
    /// scan of the members per name.
    private func requiredPresent(_ node: CompiledNode, _ object: JSONTape.Index) -> Int {
        var count = 0
        var key = object + 1
        let end = tape.end(object)
        while key < end {
            if node.propertyTable.entry(for: tape.bytes(key))?.isRequired == true { count += 1 }
            key = tape.end(key + 1)
        }
        return count
    }

    /// `required`: each name must be a member, except a readOnly one in a request and a writeOnly one in a
    /// response.
    mutating func checkRequired(_ node: CompiledNode, _ object: JSONTape.Index) -> Bool {
        var valid = true
        for name in node.required where tape.member(named: name, in: object) == nil {
            if direction == .request && node.readOnlyProperties.contains(name) { continue }
            if direction == .response && node.writeOnlyProperties.contains(name) { continue }
            fail(node, "required", "required property '\(name)' is missing", expected: name, at: nil)
            valid = false
            if !collecting { return false }
        }
        return valid
    }

    /// A member or item against a schema that may be `false`, which is reported under `keyword` with `message`
    /// (saying which keyword left the value unaccounted for) rather than as a bare false schema.
    private mutating func evaluate(
        _ schema: SchemaID, _ value: JSONTape.Index, orReject keyword: String, of node: CompiledNode,
        _ message: @autoclosure () -> String
    ) -> Bool {
        if schemas.nodes[Int(schema)].constant == false {
            fail(node, keyword, message())
            return false
        }
        var none: Annotations?
        return evaluate(schema, value, &none)
    }

    static func properties(_ count: Int) -> String {
        CountText.phrase(count, "property", plural: "properties")
    }

    /// `unevaluatedProperties` / `unevaluatedItems`: whatever no other keyword of this schema (or of the schemas it
    /// applies in place) evaluated.
    mutating func evaluateUnevaluated(_ node: CompiledNode, _ value: JSONTape.Index, _ annotations: inout Annotations) -> Bool {
        var valid = true
        switch tape.kind(value) {
        case .object:
            guard let schema = node.unevaluatedProperties, !annotations.allProperties else { return true }
            var key = value + 1
            let end = tape.end(value)
            while key < end {
                let member = key + 1
                defer { key = tape.end(member) }
                let name = tape.string(key)
                if annotations.properties.contains(name) { continue }
                if collecting { path.append(.member(key: key)) }
                defer { if collecting { path.removeLast() } }
                valid = evaluate(
                    schema, member, orReject: "unevaluatedProperties", of: node,
                    "property '\(name)' is not allowed: no keyword of the schema accounts for it") && valid
                if !valid && !collecting { return false }
                annotations.properties.insert(name)
            }
        case .array:
            guard let schema = node.unevaluatedItems, !annotations.allItems else { return true }
            var item = value + 1
            for index in 0..<tape.count(value) {
                defer { item = tape.end(item) }
                if index < annotations.prefix || annotations.containsMatches.contains(index) { continue }
                if collecting { path.append(.item(index)) }
                defer { if collecting { path.removeLast() } }
                valid = evaluate(
                    schema, item, orReject: "unevaluatedItems", of: node,
                    "item \(index) is not allowed: no keyword of the schema accounts for it") && valid
                if !valid && !collecting { return false }
            }
            annotations.allItems = true
        default:
            break
        }
        return valid
    }
}
