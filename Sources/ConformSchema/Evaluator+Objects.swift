import ConformValues

extension Evaluator {
    mutating func evaluateObject(_ node: CompiledNode, _ object: JSONObject, _ annotations: inout Annotations?) -> Bool {
        var valid = true
        let count = object.count
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
        if !countsRequired, !checkRequired(node, object) {
            valid = false
            if !collecting { return false }
        }
        for (property, required) in node.dependentRequired where object.position(of: property) != nil {
            for name in required where object.position(of: name) == nil {
                fail(node, "dependentRequired", "property '\(name)' is required when '\(property)' is present", expected: name)
                valid = false
                if !collecting { return false }
            }
        }
        for (property, schema) in node.dependentSchemas where object.position(of: property) != nil {
            valid = evaluate(schema, .object(object), &annotations) && valid
            if !valid && !collecting { return false }
        }

        let checksMembers = !node.propertyTable.isEmpty || !node.patternProperties.isEmpty
            || node.additionalProperties != nil || node.propertyNames != nil
            || !node.readOnlyProperties.isEmpty || !node.writeOnlyProperties.isEmpty
        guard checksMembers else { return valid }

        var requiredSeen = 0
        for (key, member) in object.members {
            if collecting { path.append(key) }
            defer { if collecting { path.removeLast() } }
            if let names = node.propertyNames {
                var none: Annotations?
                let before = failures.count
                if !evaluate(names, .string(key), &none) {
                    if collecting {
                        failures.removeSubrange(before...)
                        fail(node, "propertyNames", "the property name '\(key)' is not allowed by propertyNames")
                    }
                    valid = false
                    if !collecting { return false }
                }
            }
            var matched = false
            let entry = node.propertyTable.entry(for: key)
            if entry?.isRequired == true { requiredSeen += 1 }
            if let schema = entry?.schema {
                matched = true
                if direction == .request && node.readOnlyProperties.contains(key) {
                    fail(node, "properties", "property '\(key)' is readOnly and must not be sent in a request")
                    valid = false
                    if !collecting { return false }
                } else if direction == .response && node.writeOnlyProperties.contains(key) {
                    fail(node, "properties", "property '\(key)' is writeOnly and must not appear in a response")
                    valid = false
                    if !collecting { return false }
                }
                var none: Annotations?
                valid = evaluate(schema, member, &none) && valid
                if !valid && !collecting { return false }
            }
            for (pattern, schema) in node.patternProperties where pattern.regex.firstMatch(in: key, deadline: schemas.options.patternDeadline) == .matched {
                matched = true
                var none: Annotations?
                valid = evaluate(schema, member, &none) && valid
                if !valid && !collecting { return false }
            }
            if matched {
                annotations?.properties.insert(key)
            } else if let additional = node.additionalProperties {
                var none: Annotations?
                if schemas.nodes[Int(additional)].constant == false {
                    fail(node, "additionalProperties", "property '\(key)' is not allowed: the schema lists its properties and allows no others")
                    valid = false
                } else {
                    valid = evaluate(additional, member, &none) && valid
                }
                if !valid && !collecting { return false }
                annotations?.properties.insert(key)
            }
        }
        if countsRequired, requiredSeen < node.required.count, !checkRequired(node, object) { return false }
        return valid
    }

    /// `required`: each name must be a member, except a readOnly one in a request and a writeOnly one in a
    /// response.
    mutating func checkRequired(_ node: CompiledNode, _ object: JSONObject) -> Bool {
        var valid = true
        for name in node.required where object.position(of: name) == nil {
            if direction == .request && node.readOnlyProperties.contains(name) { continue }
            if direction == .response && node.writeOnlyProperties.contains(name) { continue }
            fail(node, "required", "required property '\(name)' is missing", expected: name, at: nil)
            valid = false
            if !collecting { return false }
        }
        return valid
    }

    static func properties(_ count: Int) -> String {
        "\(count) propert\(count == 1 ? "y" : "ies")"
    }

    /// `unevaluatedProperties` / `unevaluatedItems`: whatever no other keyword of this schema (or of the schemas it
    /// applies in place) evaluated.
    mutating func evaluateUnevaluated(_ node: CompiledNode, _ value: JSONValue, _ annotations: inout Annotations) -> Bool {
        var valid = true
        switch value {
        case .object(let object):
            guard let schema = node.unevaluatedProperties, !annotations.allProperties else { return true }
            for (key, member) in object.members where !annotations.properties.contains(key) {
                if collecting { path.append(key) }
                defer { if collecting { path.removeLast() } }
                var none: Annotations?
                if schemas.nodes[Int(schema)].constant == false {
                    fail(node, "unevaluatedProperties", "property '\(key)' is not allowed: no keyword of the schema accounts for it")
                    valid = false
                } else {
                    valid = evaluate(schema, member, &none) && valid
                }
                if !valid && !collecting { return false }
                annotations.properties.insert(key)
            }
        case .array(let items):
            guard let schema = node.unevaluatedItems, !annotations.allItems else { return true }
            for index in annotations.prefix..<max(annotations.prefix, items.count) where !annotations.containsMatches.contains(index) {
                if collecting { path.append(String(index)) }
                defer { if collecting { path.removeLast() } }
                var none: Annotations?
                if schemas.nodes[Int(schema)].constant == false {
                    fail(node, "unevaluatedItems", "item \(index) is not allowed: no keyword of the schema accounts for it")
                    valid = false
                } else {
                    valid = evaluate(schema, items[index], &none) && valid
                }
                if !valid && !collecting { return false }
            }
            annotations.allItems = true
        default:
            break
        }
        return valid
    }
}
