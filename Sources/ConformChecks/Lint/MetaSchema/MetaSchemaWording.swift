import ConformFindings
import ConformValues

/// The sentences of meta-schema findings: what is wrong, named the way the description names things, in the
/// terms of the specification ("not a field of a Parameter Object"), never as a JSON Schema keyword.
enum MetaSchemaWording {
    /// The message for an issue. `subject` names the part at the issue's pointer, `object` the object the issue is
    /// about (the same part for a missing field), `value` is the value at the pointer.
    static func message(
        _ issue: MetaSchemaIssue, subject: MetaSchemaPlace, object: MetaSchemaPlace, value: JSONValue?, schema: MetaSchema
    ) -> String {
        let when = issue.condition.map { " when \($0)" } ?? ""
        let version = "OpenAPI \(schema.versionText)"
        switch issue.problem {
        case .missing(let field):
            return "\(subject.text) has no '\(field)', which OpenAPI requires\(when)"
        case .unknownField(let field):
            let kind = objectKind(of: issue.node, in: schema)
            let place = object.role == .document ? "" : " (\(object.text))"
            let known = MetaSchemaEvaluator(schema: schema).fields(of: issue.node).sorted()
            let hint = EditDistance.suggestion(for: field, among: known).map { "; did you mean '\($0)'?" } ?? ""
            return "'\(field)' is not a field of \(article(kind)) \(kind)\(place)\(hint)"
        case .notAllowedHere(let field):
            return "'\(field)' is not allowed in \(object.text)\(when)"
        case .wrongType(let types):
            return "\(subject.text) must be \(typePhrase(types)), found \(describe(value))"
        case .notOneOf(let allowed):
            let shown = value.map(render) ?? "missing"
            let expected = allowed.count == 1 ? render(allowed[0]) : "one of " + ListText.joined(allowed.map(render), "or")
            return "\(subject.text) is \(shown); it must be \(expected)\(when)"
        case .pattern(let pattern):
            let shown = value.map(render) ?? "missing"
            if issue.pointer == JSONPointer(tokens: ["openapi"]) {
                return "'openapi' is \(shown), which is not a version of \(version) (it must match \(pattern), as in \"\(schema.versionText).3\")"
            }
            return "\(subject.text) is \(shown), which does not match the pattern \(pattern)"
        case .count(let keyword, let limit):
            let count = value?.objectValue?.count ?? value?.arrayValue?.count ?? 0
            let noun = keyword.hasSuffix("Items") ? "item" : "entry"
            let plural = noun == "item" ? "items" : "entries"
            if keyword.hasPrefix("min"), count == 0 {
                return "\(subject.text) is empty; OpenAPI requires at least \(limit == 1 ? "one \(noun)" : "\(limit) \(plural)")"
            }
            let has = CountText.phrase(count, noun, plural: plural)
            return keyword.hasPrefix("min")
                ? "\(subject.text) has \(has); OpenAPI requires at least \(limit)"
                : "\(subject.text) has \(has); OpenAPI allows at most \(limit)"
        case .duplicateItems(let first, let second):
            return "items \(first + 1) and \(second + 1) of \(subject.text) are the same; OpenAPI requires them to differ"
        case .exclusive(let names):
            let quoted = names.map { "'\($0)'" }
            if quoted.count == 1 { return "\(quoted[0]) is not allowed in \(subject.text)\(when)" }
            let both = quoted.count == 2 ? "both \(quoted[0]) and \(quoted[1])" : "all of " + ListText.joined(quoted, "and")
            return "\(subject.text) has \(both); \(version) allows only one of them"
        case .needsOneOf(let names, let exactlyOne):
            let quoted = names.map { "'\($0)'" }
            let none = quoted.count == 2 ? "neither \(quoted[0]) nor \(quoted[1])" : "none of " + ListText.joined(quoted, "or")
            return "\(subject.text) has \(none); \(version) requires \(exactlyOne ? "one" : "at least one") of them"
        case .invalidName(let name, let pattern):
            if pattern == "^[a-zA-Z0-9._-]+$" {
                return "'\(name)' in \(object.text) is not a valid component name: names may use only A–Z, a–z, 0–9, '.', '-' and '_'"
            }
            return "the name '\(name)' in \(object.text) is not allowed" + (pattern.map { " (it must match \($0))" } ?? "")
        case .forbidden:
            return "\(subject.text) is not allowed here"
        case .other(let sentence):
            return "\(subject.text): \(sentence)"
        }
    }

    /// The specification's name for the object a meta-schema node describes: "Parameter Object".
    static func objectKind(of node: JSONPointer, in schema: MetaSchema) -> String {
        let tokens = node.tokens
        for index in tokens.indices.reversed() where index > 0 && ["definitions", "$defs"].contains(tokens[index - 1]) {
            if let name = objectName(tokens[index]) { return name }
        }
        return "OpenAPI Object"
    }

    /// "Parameter" and "parameter" → "Parameter Object"; nil for definitions that are no object of their own (the
    /// parts a definition is assembled from: `ParameterLocation`, `styles-for-path`, `specification-extensions`).
    private static func objectName(_ definition: String) -> String? {
        switch definition {
        case "XML", "xml": return "XML Object"
        case "OAuthFlows", "oauth-flows": return "OAuth Flows Object"
        case "ImplicitOAuthFlow", "PasswordOAuthFlow", "ClientCredentialsFlow", "AuthorizationCodeOAuthFlow",
            "implicit", "password", "client-credentials", "authorization-code", "device-authorization":
            return "OAuth Flow Object"
        case "APIKeySecurityScheme", "HTTPSecurityScheme", "OAuth2SecurityScheme", "OpenIdConnectSecurityScheme":
            return "Security Scheme Object"
        case "ExampleXORExamples", "SchemaXORContent", "ParameterLocation", "specification-extensions", "examples",
            "map-of-strings", "explode-default":
            return nil
        default:
            if definition.hasPrefix("styles-for-") || definition.hasPrefix("type-") { return nil }
            var base = definition
            if base.hasSuffix("-or-reference") { base.removeLast("-or-reference".count) }
            if base.contains("-") {
                return base.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ") + " Object"
            }
            // CamelCase → words.
            var words = ""
            for character in base {
                if character.isUppercase, !words.isEmpty { words.append(" ") }
                words.append(character)
            }
            return words.prefix(1).uppercased() + words.dropFirst() + " Object"
        }
    }

    static func article(_ noun: String) -> String {
        guard let first = noun.first?.lowercased() else { return "a" }
        return "aeiou".contains(first) ? "an" : "a"
    }

    /// "an array", "a string or a boolean".
    static func typePhrase(_ types: [String]) -> String {
        let phrases = types.map { type -> String in
            switch type {
            case "object", "array", "integer": return "an \(type)"
            case "null": return "null"
            default: return "a \(type)"
            }
        }
        return phrases.isEmpty ? "another type" : ListText.joined(phrases, "or")
    }

    /// "the string \"pets\"", "an array", "null": how messages name a value found in the wrong place.
    static func describe(_ value: JSONValue?) -> String {
        guard let value else { return "nothing" }
        switch value {
        case .null: return "null"
        case .bool(let flag): return "the boolean \(flag)"
        case .integer, .number, .bigNumber: return "the number \(render(value))"
        case .string: return "the string \(render(value))"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// A value as JSON text, cut to a readable length.
    static func render(_ value: JSONValue) -> String {
        let text = JSONWriter.string(value)
        return text.count > 60 ? String(text.prefix(60)) + "…" : text
    }
}
