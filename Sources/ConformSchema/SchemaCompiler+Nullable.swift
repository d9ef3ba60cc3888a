import ConformValues

extension SchemaCompiler {
    /// OpenAPI's `nullable: true`.
    ///
    /// OpenAPI 3.0.3 gives it one effect: adding null to the `type` beside it. Descriptions write it everywhere else
    /// too (beside `anyOf`, as Stripe's does for most fields; beside a `$ref`, whose siblings 3.0 ignores; beside an
    /// `enum` that does not list null), and always mean "null is allowed here"; OpenAPI 3.1 dropped the keyword,
    /// yet converted descriptions keep it. So by default a null value passes any schema that says `nullable: true`,
    /// and a warning names the places where the letter differs. `SchemaOptions.strictNullable` applies the letter.
    mutating func compileNullable(_ schema: JSONObject, into node: inout SchemaNode) {
        guard node.dialect.understandsOpenAPIKeywords, schema["nullable"]?.boolValue == true else { return }
        let strict = options.strictNullable
        if node.dialect == .openAPI31 {
            diagnose(.schemaDialect, NullableWording.in31(schema, strict: strict), at: node.location, keyword: "nullable", severity: .warning)
        } else {
            node.types?.insert(.null)
            if let letter = NullableWording.LetterGap(schema, types: node.types, alternativeAdmitsNull: alternativeAdmitsNull(schema, at: node.location)) {
                diagnose(.nullableWithoutType, letter.message(strict: strict), at: node.location, keyword: "nullable", severity: .warning)
            }
        }
        guard !strict else { return }
        // On a leaf (no applicators) `type` and `enum` are all that could refuse null, and the leaf fast path reads
        // only them; `acceptsNull` settles the rest.
        node.acceptsNull = true
        node.types?.insert(.null)
        if let values = node.enumValues, !values.contains(.null) { node.enumValues?.append(.null) }
    }
}

extension SchemaCompiler {
    /// Whether an `anyOf` or `oneOf` alternative beside `nullable` admits null by the letter already, as
    /// drf-spectacular writes every nullable choice field: `nullable: true, oneOf: [{$ref: StatusEnum}, {$ref:
    /// NullEnum}]` with `NullEnum: {enum: [null]}`. Then the letter and the lenient reading agree, and there is no
    /// gap to warn of. References are followed (a few hops) without diagnosing: the schema's compilation does that.
    func alternativeAdmitsNull(_ schema: JSONObject, at location: SchemaLocation) -> Bool {
        let alternatives = (schema["anyOf"]?.arrayValue ?? []) + (schema["oneOf"]?.arrayValue ?? [])
        return alternatives.contains { alternative in
            var current = alternative
            var place = location
            for _ in 0..<8 {
                guard let reference = current["$ref"]?.stringValue else { break }
                guard case .found(let target) = index.locate(URIReference.resolve(reference, against: baseURI(of: place))),
                    let value = index.value(at: target)
                else { return false }
                (current, place) = (value, target)
            }
            guard case .object(let object) = current else { return current == .bool(true) }
            if case .array(let values)? = object["enum"] { return values.contains(.null) }
            if let constant = object["const"] { return constant == .null }
            if object["type"]?.stringValue == "null" || object["type"]?.arrayValue?.contains(.string("null")) == true { return true }
            return object.isEmpty
        }
    }
}

/// The words of the `nullable` warnings.
enum NullableWording {
    /// Where OpenAPI 3.0.3's letter keeps null out although the schema says `nullable: true`.
    enum LetterGap {
        /// Beside `$ref`: a Reference Object's siblings are ignored.
        case reference(String)
        /// No `type`, and applicators that may reject null.
        case composition(String)
        /// A `type` that now allows null, but applicators beside it that may still reject it.
        case typedComposition(String)
        /// An `enum` that does not list null.
        case enumeration

        init?(_ schema: JSONObject, types: TypeSet?, alternativeAdmitsNull: Bool) {
            if let reference = schema["$ref"]?.stringValue {
                self = .reference(reference)
                return
            }
            if case .array(let values)? = schema["enum"], !values.contains(.null) {
                self = .enumeration
                return
            }
            guard let keyword = ["anyOf", "oneOf", "allOf", "not"].first(where: { schema[$0] != nil }),
                !(alternativeAdmitsNull && schema["allOf"] == nil && schema["not"] == nil)
            else { return nil }
            self = types == nil ? .composition(keyword) : .typedComposition(keyword)
        }

        func message(strict: Bool) -> String {
            let outcome = strict
                ? "null is rejected here, as 'strict: [nullable]' asks"
                : "null is accepted here, as the description most likely means"
            switch self {
            case .reference(let reference):
                return "'nullable: true' beside '$ref' has no effect in OpenAPI 3.0, which ignores a Reference Object's "
                    + "siblings; \(outcome). To allow null by the letter, write 'anyOf: [{$ref: '\(reference)'}, {enum: [null]}]'"
            case .composition(let keyword):
                return "'nullable: true' has no effect here by OpenAPI 3.0.3's letter, which applies it to 'type' alone, "
                    + "and this schema has no 'type' (it has \(keyword)); \(outcome). To allow null by the letter, "
                    + Self.alternative(keyword)
            case .typedComposition(let keyword):
                return "'nullable: true' adds null to 'type' alone by OpenAPI 3.0.3's letter, and the \(keyword) beside it "
                    + "still applies to null; \(outcome). To allow null by the letter, " + Self.alternative(keyword)
            case .enumeration:
                return "'nullable: true' does not add null to 'enum' by OpenAPI 3.0.3's letter, and this enum does not "
                    + "list it; \(outcome). To allow null by the letter, add null to the enum"
            }
        }

        private static func alternative(_ keyword: String) -> String {
            keyword == "anyOf" || keyword == "oneOf"
                ? "add '{enum: [null]}' to its \(keyword)"
                : "list null as an alternative: 'anyOf: [{\(keyword): …}, {enum: [null]}]'"
        }
    }

    /// `nullable: true` in an OpenAPI 3.1 schema, where it is no keyword.
    static func in31(_ schema: JSONObject, strict: Bool) -> String {
        let outcome = strict
            ? "it is ignored here, as 'strict: [nullable]' asks"
            : "null is accepted here, as the description most likely means"
        let fix: String
        switch schema["type"] {
        case .string(let name)?:
            fix = "write 'type: [\(name), 'null']'"
        case .array(let names)?:
            let listed = names.compactMap(\.stringValue).map { $0 == "null" ? "'null'" : $0 }
            fix = listed.contains("'null'") ? "remove it; 'type' already lists null" : "add 'null' to 'type': [\((listed + ["'null'"]).joined(separator: ", "))]"
        default:
            fix = "list null as an alternative: 'anyOf: [{…}, {type: 'null'}]'"
        }
        return "'nullable' is no keyword in OpenAPI 3.1, whose schemas are JSON Schema 2020-12; \(fix). \(outcome.prefix(1).uppercased() + outcome.dropFirst())"
    }
}
