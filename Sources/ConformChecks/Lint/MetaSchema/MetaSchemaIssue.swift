import ConformValues

/// One way a part of a description breaks the meta-schema, in terms a sentence can be made of: what is wrong, where
/// in the part (relative to the value checked), and which node of the meta-schema said so.
struct MetaSchemaIssue: Hashable, Sendable {
    enum Problem: Hashable, Sendable {
        /// A required field is absent; the issue's pointer is the object.
        case missing(String)
        /// A field the object's definition does not have; the pointer is the field.
        case unknownField(String)
        /// A field the definition has only in other circumstances (a `then` whose `if` does not hold here).
        case notAllowedHere(String)
        case wrongType([String])
        case notOneOf([JSONValue])
        case pattern(String)
        /// `minProperties`, `maxProperties`, `minItems` or `maxItems`, and its limit.
        case count(keyword: String, limit: Int)
        case duplicateItems(Int, Int)
        /// Fields that may not stand together (`not: {required: [a, b]}`); one name means the field may not stand here.
        case exclusive([String])
        /// None of the fields of which the object needs one (`oneOf`: exactly one, `anyOf`: at least one).
        case needsOneOf([String], exactlyOne: Bool)
        /// A member name that `propertyNames` rejects, with the pattern it must match.
        case invalidName(String, pattern: String?)
        /// A value where the meta-schema allows none (a `false` schema).
        case forbidden
        /// The engine's own sentence, for keywords the meta-schemas rarely fail (`minimum`, `multipleOf`).
        case other(String)
    }

    var pointer: JSONPointer
    var problem: Problem
    /// The meta-schema node whose keyword failed.
    var node: JSONPointer
    /// The circumstance that chose the alternative the issue was found in: "'in' is \"query\"", "it has 'content'".
    var condition: String?

    /// The object the issue is about: the object itself for a missing field, the one holding the field otherwise.
    var object: JSONPointer {
        switch problem {
        case .missing, .needsOneOf, .exclusive: return pointer
        default: return pointer.parent ?? pointer
        }
    }

    /// Whether the issue is about the value at its pointer (its type, its allowed values), rather than about the
    /// fields of an object.
    var isAboutValue: Bool {
        switch problem {
        case .wrongType, .notOneOf, .pattern, .count, .duplicateItems, .forbidden, .other: return true
        default: return false
        }
    }

    /// What makes two issues the same, whichever keyword found them.
    struct Key: Hashable {
        var pointer: JSONPointer
        var problem: Problem
    }

    var key: Key { Key(pointer: pointer, problem: problem) }

    /// Whether the issue lies in what an extension holds (`x-internal: true` among webhooks, an `x-` member of a map
    /// the meta-schema gives no room for them): extensions are always allowed. In maps whose keys name things (a
    /// header `x-next`, a property `x-id`) an `x-` key is a name like any other.
    /// `above` is the token the part checked sits under (its place may itself be inside an extension, as a shared
    /// file's `x-parameters` are: that does not make all of it one).
    func isInExtension(above: String?) -> Bool {
        let tokens = pointer.tokens
        for index in tokens.indices where tokens[index].hasPrefix("x-") {
            let parent = index == 0 ? above : tokens[index - 1]
            if parent.map({ !Self.namedMaps.contains($0) }) ?? true { return true }
        }
        return false
    }

    /// Maps whose keys are names given by the description rather than fields.
    private static let namedMaps: Set<String> = [
        "headers", "properties", "schemas", "parameters", "examples", "requestBodies", "securitySchemes", "links",
        "callbacks", "pathItems", "mediaTypes", "encoding", "variables", "scopes", "mapping", "content", "definitions", "$defs",
        "dependentSchemas", "dependentRequired",
    ]

    func shifted(under base: JSONPointer) -> MetaSchemaIssue {
        var copy = self
        copy.pointer = base.appending(pointer)
        return copy
    }
}
