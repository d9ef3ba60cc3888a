import ConformValues

extension SchemaCompiler {
    /// Reads every keyword of one schema into its node.
    mutating func compileKeywords(of id: SchemaID) {
        var node = nodes[Int(id)]
        let location = node.location
        defer { nodes[Int(id)] = node }
        switch index.value(at: location) {
        case .bool(let flag)?:
            node.constant = flag
            return
        case .object(let schema)?:
            compileObject(schema, into: &node)
        default:
            // Not a schema: accept everything, but say so once; a loader finding already names bad references.
            node.constant = true
            diagnose(.keywordInvalid, "a schema must be an object or a boolean", at: location)
        }
    }

    private mutating func compileObject(_ schema: JSONObject, into node: inout SchemaNode) {
        let location = node.location
        let dialect = node.dialect
        node.label = Self.label(of: location, title: schema["title"]?.stringValue)
        checkKeywordValues(schema, at: location, dialect: dialect)

        if let reference = schema["$ref"]?.stringValue {
            if let target = resolveReference(reference, at: location, keyword: "$ref") {
                node.ref = schemaID(for: target)
            } else {
                node.ref = unresolvedReferenceNode(reference, in: node)
            }
        } else if schema["$ref"] != nil && schema["$ref"]?.stringValue == nil {
            diagnose(.keywordInvalid, "'$ref' must be a string", at: location, keyword: "$ref")
        }
        // Draft 4 and OpenAPI 3.0: a Reference Object's siblings are ignored (but for `nullable`, see there).
        if dialect.isDraft4Family && schema["$ref"] != nil {
            compileNullable(schema, into: &node)
            return
        }

        if !dialect.isDraft4Family, let reference = schema["$dynamicRef"]?.stringValue {
            compileDynamicReference(reference, at: location, into: &node)
        }

        compileTypeKeywords(schema, into: &node)
        compileNumberKeywords(schema, into: &node)
        compileStringKeywords(schema, into: &node)
        compileArrayKeywords(schema, into: &node)
        compileObjectKeywords(schema, into: &node)
        compileApplicators(schema, into: &node)
        compileNullable(schema, into: &node)
        if dialect.understandsOpenAPIKeywords {
            node.readOnly = schema["readOnly"]?.boolValue ?? false
            node.writeOnly = schema["writeOnly"]?.boolValue ?? false
            if case .object(let discriminator)? = schema["discriminator"] {
                node.discriminator = compileDiscriminator(discriminator, schema: schema, node: node)
            }
        }
    }

    /// The name messages use for a schema reached at `…/schemas/Name`, `…/$defs/Name` or `…/definitions/Name`.
    static func label(of location: SchemaLocation, title: String?) -> String? {
        let tokens = location.pointer.tokens
        if tokens.count >= 2, ["schemas", "$defs", "definitions"].contains(tokens[tokens.count - 2]) {
            return tokens[tokens.count - 1]
        }
        return title
    }

    private mutating func compileDynamicReference(_ reference: String, at location: SchemaLocation, into node: inout SchemaNode) {
        guard let target = resolveReference(reference, at: location, keyword: "$dynamicRef") else { return }
        let targetID = schemaID(for: target)
        let fragment = URIReference.splitFragment(reference).fragment ?? ""
        var anchor: String?
        // Only a plain-name fragment that lands on a matching $dynamicAnchor makes the reference dynamic.
        if !fragment.isEmpty, !fragment.hasPrefix("/"),
            case .object(let targetSchema)? = index.value(at: target),
            targetSchema["$dynamicAnchor"]?.stringValue == fragment
        {
            anchor = fragment
            registerDynamicTargets(named: fragment)
        }
        node.dynamicRef = DynamicReference(target: targetID, anchor: anchor)
    }

    /// Compiles every schema that declares `$dynamicAnchor: name`, keyed by its resource, so validation can pick
    /// the outermost one in scope.
    private mutating func registerDynamicTargets(named name: String) {
        for (key, location) in index.dynamicAnchors where key.hasSuffix("#" + name) {
            let resourceURI = String(key.dropLast(name.count + 1))
            guard let resource = index.resourceIndex(of: resourceURI) else { continue }
            let id = schemaID(for: location)
            dynamicTargets[Int32(resource), default: [:]][name] = id
        }
    }

    // MARK: Keyword groups

    private mutating func compileTypeKeywords(_ schema: JSONObject, into node: inout SchemaNode) {
        switch schema["type"] {
        case .string(let name)?:
            if let type = TypeSet(name: name) {
                node.types = type
            } else {
                diagnose(.keywordInvalid, "unknown type '\(name)'", at: node.location, keyword: "type")
            }
        case .array(let names)? where node.dialect != .openAPI30:
            // A type array this tool cannot read in full asserts nothing, as an unknown type name does: the
            // description is reported, rather than values judged by the part of it that was understood.
            let site = SchemaLocation(document: node.location.document, pointer: node.location.pointer.appending("type"))
            var types: TypeSet = []
            var understood = !names.isEmpty
            if names.isEmpty { diagnose(.keywordInvalid, "'type' is an empty array; it must name at least one type", at: node.location, keyword: "type") }
            for (position, value) in names.enumerated() {
                guard case .string(let name) = value else {
                    diagnose(.keywordInvalid, "'type' items must be type names, not \(ValueText.describe(value))", at: site, keyword: String(position))
                    understood = false
                    continue
                }
                guard let type = TypeSet(name: name) else {
                    diagnose(.keywordInvalid, "unknown type '\(name)'", at: site, keyword: String(position))
                    understood = false
                    continue
                }
                types.insert(type)
            }
            if understood { node.types = types }
        case .array?:
            diagnose(.keywordInvalid, "'type' must be one type name: OpenAPI 3.0 allows no type arrays (write nullable: true for null)", at: node.location, keyword: "type")
        case .some:
            diagnose(.keywordInvalid, "'type' must be a type name\(node.dialect == .openAPI30 ? "" : " or an array of them")", at: node.location, keyword: "type")
        case nil:
            break
        }
        if case .array(let values)? = schema["enum"] {
            node.enumValues = values
        }
        if let value = schema["const"], !node.dialect.isDraft4Family {
            node.constValue = value
        }
    }

    private mutating func compileStringKeywords(_ schema: JSONObject, into node: inout SchemaNode) {
        node.minLength = Self.count(schema["minLength"])
        node.maxLength = Self.count(schema["maxLength"])
        if let source = schema["pattern"]?.stringValue {
            node.pattern = compilePattern(source, at: node.location, keyword: "pattern")
        }
        if let format = schema["format"]?.stringValue {
            node.format = format
            let check = options.formats.checker(for: format)
            if case .unknown = check {
                diagnose(.unknownFormat, "format '\(format)' is not known, so values are not checked against it", at: node.location, keyword: "format", severity: .warning)
            } else {
                node.formatCheck = check
            }
        }
        if !node.dialect.isDraft4Family, schema["contentSchema"] != nil, let media = schema["contentMediaType"]?.stringValue,
            MediaTypeName.isJSON(media)
        {
            node.contentSchema = schemaID(for: SchemaLocation(document: node.location.document, pointer: node.location.pointer.appending("contentSchema")))
        }
    }

    mutating func compilePattern(_ written: String, at location: SchemaLocation, keyword: String) -> CompiledPattern? {
        var source = written
        if let body = PatternSlashes.unmatchableLiteralBody(written) {
            let literal = "pattern '\(written)' is written between slashes, as a JavaScript regular-expression literal; a JSON Schema pattern is the expression alone, so the slashes are characters to match, and with them no string matches it"
            if options.readsSlashedPatterns {
                diagnose(.patternInvalid, literal + ". It is read as '\(body)'; write it so", at: location, keyword: keyword, severity: .warning)
                source = body
            } else {
                diagnose(.patternInvalid, literal + " (read as written: strict pattern-slashes)", at: location, keyword: keyword)
            }
        }
        let length = source.unicodeScalars.count
        guard length <= options.maxPatternLength else {
            diagnose(
                .patternInvalid,
                "pattern '\(String(String.UnicodeScalarView(source.unicodeScalars.prefix(40))))…' is \(length) characters, more than the pattern-length limit of \(options.maxPatternLength) (--limit pattern-length=…); it is not compiled and values are not checked against it",
                at: location, keyword: keyword)
            return nil
        }
        let compiled: Result<ECMARegex, ECMARegexError>
        if let known = compiledPatterns[source] {
            compiled = known
        } else {
            do {
                compiled = .success(try ECMARegex(source))
            } catch {
                compiled = .failure(error)
            }
            compiledPatterns[source] = compiled
        }
        switch compiled {
        case .success(let regex):
            return CompiledPattern(source: source, regex: regex)
        case .failure(let error) where error.kind == .unsupported:
            diagnose(.patternInvalid, "pattern '\(source)' is valid ECMA-262 but cannot be matched faithfully here (\(error)); values are not checked against it", at: location, keyword: keyword, severity: .warning)
            return nil
        case .failure(let error):
            diagnose(.patternInvalid, "pattern '\(source)' is not a valid ECMA-262 regular expression: \(error)", at: location, keyword: keyword)
            return nil
        }
    }

    private mutating func compileArrayKeywords(_ schema: JSONObject, into node: inout SchemaNode) {
        let location = node.location
        func child(_ tokens: String...) -> SchemaID {
            schemaID(for: SchemaLocation(document: location.document, pointer: JSONPointer(tokens: location.pointer.tokens + tokens)))
        }
        if node.dialect.isDraft4Family || node.dialect == .draft2019_09 {
            switch schema["items"] {
            case .array(let items)?:
                if node.dialect == .openAPI30 {
                    diagnose(.keywordInvalid, "OpenAPI 3.0 requires 'items' to be a schema, not an array of schemas (tuple validation is a JSON Schema feature 3.0 leaves out)", at: location, keyword: "items")
                }
                node.prefixItems = items.indices.map { child("items", String($0)) }
                if schema["additionalItems"] != nil { node.items = child("additionalItems") }
            case .some:
                node.items = child("items")
            case nil:
                break
            }
        } else if case .array(let items)? = schema["prefixItems"] {
            node.prefixItems = items.indices.map { child("prefixItems", String($0)) }
        }
        if !node.dialect.isDraft4Family {
            if node.dialect != .draft2019_09, schema["items"] != nil { node.items = child("items") }
            if schema["contains"] != nil {
                node.contains = child("contains")
                node.minContains = Self.count(schema["minContains"])
                node.maxContains = Self.count(schema["maxContains"])
            }
            if schema["unevaluatedItems"] != nil { node.unevaluatedItems = child("unevaluatedItems") }
        }
        node.minItems = Self.count(schema["minItems"])
        node.maxItems = Self.count(schema["maxItems"])
        node.uniqueItems = schema["uniqueItems"]?.boolValue ?? false
    }

    private mutating func compileObjectKeywords(_ schema: JSONObject, into node: inout SchemaNode) {
        let location = node.location
        func child(_ tokens: String...) -> SchemaID {
            schemaID(for: SchemaLocation(document: location.document, pointer: JSONPointer(tokens: location.pointer.tokens + tokens)))
        }
        if case .object(let properties)? = schema["properties"] {
            if properties.count == 1, let reference = properties["$ref"]?.stringValue {
                compileReferencedProperties(reference, into: &node)
            } else {
                for key in properties.keys { node.properties[key] = child("properties", key) }
            }
        }
        if case .object(let patterns)? = schema["patternProperties"] {
            for key in patterns.keys {
                if let pattern = compilePattern(key, at: location, keyword: "patternProperties") {
                    node.patternProperties.append((pattern, child("patternProperties", key)))
                }
            }
        }
        if schema["additionalProperties"] != nil { node.additionalProperties = child("additionalProperties") }
        if case .array(let required)? = schema["required"] { node.required = required.compactMap(\.stringValue) }
        node.minProperties = Self.count(schema["minProperties"])
        node.maxProperties = Self.count(schema["maxProperties"])
        if !node.dialect.isDraft4Family {
            if schema["propertyNames"] != nil { node.propertyNames = child("propertyNames") }
            if schema["unevaluatedProperties"] != nil { node.unevaluatedProperties = child("unevaluatedProperties") }
            if case .object(let dependent)? = schema["dependentRequired"] {
                for (key, value) in dependent.members {
                    node.dependentRequired.append((key, value.arrayValue?.compactMap(\.stringValue) ?? []))
                }
            }
            if case .object(let dependent)? = schema["dependentSchemas"] {
                for key in dependent.keys { node.dependentSchemas.append((key, child("dependentSchemas", key))) }
            }
        }
        // `dependencies` (draft 4, and accepted in 2020-12 documents for compatibility): arrays are
        // dependentRequired, schemas are dependentSchemas.
        if case .object(let dependencies)? = schema["dependencies"] {
            for (key, value) in dependencies.members {
                if case .array(let names) = value {
                    node.dependentRequired.append((key, names.compactMap(\.stringValue)))
                } else {
                    node.dependentSchemas.append((key, child("dependencies", key)))
                }
            }
        }
    }

    /// `properties: {$ref: …}`: the map of properties lives elsewhere. JSON Schema would read a property named
    /// `$ref`; the author meant the referenced map, as bundlers take it, so that is followed, with a warning.
    private mutating func compileReferencedProperties(_ reference: String, into node: inout SchemaNode) {
        let location = SchemaLocation(document: node.location.document, pointer: node.location.pointer.appending("properties"))
        diagnose(.referenceMisplaced, "'properties' cannot be a Reference Object (JSON Schema reads a property named '$ref'); the '$ref' is followed as bundlers do", at: location, keyword: "$ref", severity: .warning)
        guard let target = resolveReference(reference, at: location, keyword: "$ref"),
            case .object(let properties)? = index.value(at: target)
        else { return }
        for key in properties.keys {
            node.properties[key] = schemaID(for: SchemaLocation(document: target.document, pointer: target.pointer.appending(key)))
        }
    }

    private mutating func compileApplicators(_ schema: JSONObject, into node: inout SchemaNode) {
        let location = node.location
        func child(_ tokens: String...) -> SchemaID {
            schemaID(for: SchemaLocation(document: location.document, pointer: JSONPointer(tokens: location.pointer.tokens + tokens)))
        }
        for keyword in ["allOf", "anyOf", "oneOf"] {
            guard case .array(let branches)? = schema[keyword] else { continue }
            let ids = branches.indices.map { child(keyword, String($0)) }
            switch keyword {
            case "allOf": node.allOf = ids
            case "anyOf": node.anyOf = ids
            default: node.oneOf = ids
            }
        }
        if schema["not"] != nil { node.not = child("not") }
        if !node.dialect.isDraft4Family, schema["if"] != nil {
            node.ifSchema = child("if")
            if schema["then"] != nil { node.thenSchema = child("then") }
            if schema["else"] != nil { node.elseSchema = child("else") }
        }
    }
}
