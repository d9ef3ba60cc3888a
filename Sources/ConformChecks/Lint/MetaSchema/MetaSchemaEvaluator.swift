import ConformFindings
import ConformSchema
import ConformValues

/// Checks a part of a description against a node of a meta-schema and turns the engine's failures into issues.
///
/// The meta-schemas choose among alternatives (`oneOf: [Parameter, Reference]`, the four locations of a 3.0
/// parameter, the four kinds of security scheme). The engine reports a failing `oneOf` with the failures of its
/// closest alternative by shape; here the alternative is chosen by what the value says it is instead: a `$ref`
/// makes it a Reference Object, an `in` or `type` that names one alternative makes it that one, a field that one
/// alternative requires makes it that one, and only then does the closest by shape decide. So a query parameter
/// with a path style is told about its style, not that it is not a path parameter.
struct MetaSchemaEvaluator {
    let schema: MetaSchema

    /// The issues of `value` against the meta-schema node `node`, with pointers relative to `value`.
    func issues(of value: JSONValue, against node: SchemaID) -> [MetaSchemaIssue] {
        issues(of: value, against: node, condition: nil, depth: 0)
    }

    private func issues(of value: JSONValue, against node: SchemaID, condition: String?, depth: Int) -> [MetaSchemaIssue] {
        let failures = schema.compiled.validate(value, against: node, masksSecrets: false).filter { !$0.notValidated }
        var issues: [MetaSchemaIssue] = []
        var index = 0
        while index < failures.count {
            let failure = failures[index]
            index += 1
            guard failure.keyword == "oneOf" || failure.keyword == "anyOf" else {
                issues += self.issues(from: failure, in: value, condition: condition)
                continue
            }
            // The engine follows a failing alternative with the failures of the one it found closest, each with one
            // more note than the alternative's own failure; they are replaced by those of the one chosen here.
            while index < failures.count, failures[index].notes.count > failure.notes.count { index += 1 }
            guard depth < 16 else { continue }
            issues += alternatives(failure, in: value, condition: condition, depth: depth)
        }
        return unique(issues.filter { !isKnockOn($0, among: issues) })
    }

    // MARK: Alternatives

    private func alternatives(_ failure: SchemaFailure, in value: JSONValue, condition: String?, depth: Int) -> [MetaSchemaIssue] {
        let site = failure.instancePointer
        let combinator = failure.schemaPointer.pointer
        guard let part = value.value(at: site), case .array(let written)? = schema.json.value(at: combinator) else { return [] }
        let branches = written.indices.compactMap { index -> Branch? in
            guard let id = schema.nodes[combinator / index], let (pointer, object) = schema.resolved(combinator / index)
            else { return nil }
            return Branch(id: id, pointer: pointer, schema: object)
        }
        let node = combinator.parent ?? .root
        let members = part.objectValue
        let passing = branches.filter { schema.compiled.isValid(part, against: $0.id) }
        if failure.keyword == "oneOf", passing.count > 1 {
            // Alternatives told apart by a field (`in`) that the object lacks: that field is what is wrong.
            if let members, let (property, _) = discriminator(of: branches), members[property] == nil {
                return [MetaSchemaIssue(pointer: site, problem: .missing(property), node: node, condition: condition)]
            }
            let names = passing.flatMap(\.requiredNames)
            let problem: MetaSchemaIssue.Problem = names.count > 1 ? .exclusive(names) : .other(failure.message)
            return [MetaSchemaIssue(pointer: site, problem: problem, node: node, condition: condition)]
        }
        guard passing.isEmpty, !branches.isEmpty else {
            return [MetaSchemaIssue(pointer: site, problem: .other(failure.message), node: node, condition: condition)]
        }
        var candidates = branches
        var chosenBecause = condition
        if let members {
            // A Reference Object is one exactly when it has a `$ref`.
            let references = candidates.filter { schema.isReferenceDefinition($0.pointer) }
            if !references.isEmpty, references.count < candidates.count {
                candidates = members["$ref"] != nil
                    ? references : candidates.filter { !schema.isReferenceDefinition($0.pointer) }
            }
            // Alternatives told apart by a field (`type`) that the object lacks: that field is what is wrong.
            if candidates.count > 1, let (property, _) = discriminator(of: candidates), members[property] == nil {
                return [MetaSchemaIssue(pointer: site, problem: .missing(property), node: node, condition: condition)]
            }
            // Alternatives that each require a field of their own, and the object has none of those fields.
            let names = candidates.compactMap { $0.requiredNames.count == 1 ? $0.requiredNames[0] : nil }
            if candidates.count > 1, names.count == candidates.count, Set(names).count == names.count,
                !names.contains(where: { members[$0] != nil })
            {
                let problem = MetaSchemaIssue.Problem.needsOneOf(names, exactlyOne: failure.keyword == "oneOf")
                return [MetaSchemaIssue(pointer: site, problem: problem, node: node, condition: condition)]
            }
            // A property every alternative fixes to values of its own (`in`, `type`) names the alternative.
            if candidates.count > 1, let (property, allowed) = discriminator(of: candidates),
                let written = members[property]
            {
                let matching = candidates.indices.filter { allowed[$0].contains(written) }
                if matching.isEmpty {
                    let values = allowed.flatMap { $0 }
                    let issue = MetaSchemaIssue(pointer: site / property, problem: .notOneOf(values), node: candidates[0].pointer, condition: condition)
                    return [issue]
                }
                candidates = matching.map { candidates[$0] }
                chosenBecause = "'\(property)' is \(MetaSchemaWording.render(written))"
            }
            // An alternative whose required fields are all present, where others miss some.
            if candidates.count > 1 {
                let complete = candidates.filter { branch in
                    !branch.requiredNames.isEmpty && branch.requiredNames.allSatisfy { members[$0] != nil }
                }
                if complete.count == 1, let only = complete.first {
                    candidates = complete
                    chosenBecause = "it has " + only.requiredNames.map { "'\($0)'" }.joined(separator: " and ")
                }
            }
        }
        // Else the closest by shape: the one whose failures reach deepest into the value, then the one with fewest.
        var best: (branch: Branch, issues: [MetaSchemaIssue])?
        for branch in candidates {
            let found = issues(of: part, against: branch.id, condition: chosenBecause, depth: depth + 1)
            guard let current = best else { best = (branch, found); continue }
            let depthFound = found.reduce(0) { max($0, $1.pointer.tokens.count) }
            let depthBest = current.issues.reduce(0) { max($0, $1.pointer.tokens.count) }
            if depthFound > depthBest || (depthFound == depthBest && found.count < current.issues.count) {
                best = (branch, found)
            }
        }
        return (best?.issues ?? []).map { $0.shifted(under: site) }
    }

    /// One alternative of a `oneOf`/`anyOf`, resolved to the definition it names.
    private struct Branch {
        var id: SchemaID
        var pointer: JSONPointer
        var schema: JSONObject

        var requiredNames: [String] {
            schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        }
    }

    /// A property that every alternative fixes with `enum` or `const` to values no other alternative allows.
    private func discriminator(of branches: [Branch]) -> (property: String, allowed: [[JSONValue]])? {
        guard let first = branches.first?.schema["properties"]?.objectValue else { return nil }
        for property in first.keys {
            let allowed = branches.map { branch -> [JSONValue]? in
                guard let declared = branch.schema["properties"]?[property]?.objectValue else { return nil }
                if let values = declared["enum"]?.arrayValue { return values }
                return declared["const"].map { [$0] }
            }
            guard allowed.allSatisfy({ $0 != nil }) else { continue }
            let sets = allowed.compactMap { $0 }
            let all = sets.flatMap { $0 }
            if Set(all).count == all.count { return (property, sets) }
        }
        return nil
    }

    // MARK: Single failures

    private func issues(from failure: SchemaFailure, in value: JSONValue, condition: String?) -> [MetaSchemaIssue] {
        let pointer = failure.instancePointer
        let keywordPointer = failure.schemaPointer.pointer
        let node = keywordPointer.parent ?? .root
        let declared = schema.json.value(at: keywordPointer)
        func issue(_ problem: MetaSchemaIssue.Problem, at place: JSONPointer? = nil) -> MetaSchemaIssue {
            MetaSchemaIssue(pointer: place ?? pointer, problem: problem, node: node, condition: condition)
        }
        switch failure.keyword {
        case "required":
            return [issue(.missing(failure.expected ?? ""))]
        case "additionalProperties", "unevaluatedProperties":
            guard let field = pointer.lastToken else { return [] }
            // `$ref` is the one field a misplaced reference has; it is never a field of the definition.
            if field != "$ref", fields(of: node).contains(field) { return [issue(.notAllowedHere(field))] }
            return [issue(.unknownField(field))]
        case "type":
            let types = declared?.arrayValue?.compactMap(\.stringValue) ?? declared?.stringValue.map { [$0] } ?? []
            return [issue(.wrongType(types))]
        case "enum":
            return [issue(.notOneOf(declared?.arrayValue ?? []))]
        case "const":
            return [issue(.notOneOf(declared.map { [$0] } ?? []))]
        case "pattern":
            return [issue(.pattern(declared?.stringValue ?? ""))]
        case "minProperties", "maxProperties", "minItems", "maxItems":
            return [issue(.count(keyword: failure.keyword, limit: declared?.intValue ?? 0))]
        case "uniqueItems":
            guard case .array(let items)? = value.value(at: pointer) else { return [] }
            for second in items.indices.dropFirst() {
                if let first = items[..<second].firstIndex(of: items[second]) {
                    return [issue(.duplicateItems(first, second))]
                }
            }
            return [issue(.other(failure.message))]
        case "not":
            let names = declared?["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
            guard !names.isEmpty else { return [issue(.other(failure.message))] }
            // `dependentSchemas: {identifier: {not: {required: [url]}}}`: the field the schema depends on counts too.
            let tokens = node.tokens
            if tokens.count >= 2, tokens[tokens.count - 2] == "dependentSchemas", let trigger = tokens.last,
                !names.contains(trigger)
            {
                return [issue(.exclusive(names + [trigger]))]
            }
            return [issue(.exclusive(names))]
        case "propertyNames":
            // Reported at the member whose name is wrong.
            guard let name = pointer.lastToken else { return [] }
            let pattern = schema.json.value(at: node / "propertyNames")?["pattern"]?.stringValue
            return [issue(.invalidName(name, pattern: pattern))]
        case "":
            return [issue(.forbidden)]
        default:
            return [issue(.other(failure.message))]
        }
    }

    /// Every field name a node of the meta-schema declares, in itself and in the schemas it applies in place.
    func fields(of node: JSONPointer) -> Set<String> {
        var names: Set<String> = []
        var visited: Set<JSONPointer> = []
        func collect(_ pointer: JSONPointer, depth: Int) {
            guard depth < 8, visited.insert(pointer).inserted, let object = schema.json.value(at: pointer)?.objectValue
            else { return }
            if let properties = object["properties"]?.objectValue { names.formUnion(properties.keys) }
            if case .string(let reference)? = object["$ref"], reference.hasPrefix("#"),
                let target = try? JSONPointer(parsing: String(reference.dropFirst()))
            {
                collect(target, depth: depth + 1)
            }
            for keyword in ["allOf", "anyOf", "oneOf"] {
                for index in (object[keyword]?.arrayValue ?? []).indices { collect(pointer / keyword / index, depth: depth + 1) }
            }
            for keyword in ["then", "else"] where object[keyword] != nil { collect(pointer / keyword, depth: depth + 1) }
            for (name, _) in object["dependentSchemas"]?.objectValue?.members ?? JSONObject().members {
                collect(pointer / "dependentSchemas" / name, depth: depth + 1)
            }
        }
        collect(node, depth: 0)
        return names
    }

    /// A field reported as not allowed only because something else about its object failed: in 2020-12 the fields
    /// a failing subschema declares count as unevaluated, so one wrong value makes its neighbours "not allowed".
    private func isKnockOn(_ issue: MetaSchemaIssue, among issues: [MetaSchemaIssue]) -> Bool {
        guard case .notAllowedHere = issue.problem else { return false }
        let object = issue.object
        return issues.contains { other in
            if case .notAllowedHere = other.problem { return false }
            return other.pointer.hasPrefix(object)
        }
    }

    /// One issue per problem and place: two keywords can say the same thing (`not: {required: [schema, content]}`
    /// and a `oneOf` that both alternatives of match).
    private func unique(_ issues: [MetaSchemaIssue]) -> [MetaSchemaIssue] {
        var seen: Set<MetaSchemaIssue.Key> = []
        return issues.filter { seen.insert($0.key).inserted }
    }
}

extension MetaSchema {
    /// Whether a meta-schema node is the definition of a Reference Object.
    func isReferenceDefinition(_ pointer: JSONPointer) -> Bool {
        pointer.tokens == ["definitions", "Reference"] || pointer.tokens == ["$defs", "reference"]
    }
}
