import ConformValues

/// A `$ref` as written in a document: its text and the pointer to the object that holds it.
struct ReferenceSite: Sendable {
    var reference: String
    /// The object holding `$ref` (so `site.holder / "$ref"` is the string itself).
    var holder: JSONPointer
}

/// A JSON Schema identifier keyword (`$id`, `$anchor`, `$dynamicAnchor`) and the object that holds it.
struct IdentifierSite: Sendable {
    var keyword: String
    var value: String
    var holder: JSONPointer
}

/// What one scan of a document finds, in document order.
struct ScanResult: Sendable {
    var references: [ReferenceSite] = []
    var identifiers: [IdentifierSite] = []
}

/// Finds every `$ref` of a document that is meant as a reference, and every schema identifier.
///
/// Literal data can hold a key named `$ref` too: `example`, `default`, `enum` and `const` values and the
/// `value` of an Example Object and the items of a schema's `examples` array are payloads, not description, so they are skipped. Keys of name-keyed maps
/// (`properties`, `components/schemas`, …) are names, never keywords, so a property called `example` is still
/// scanned.
enum ReferenceScanner {
    private static let literalKeywords: Set<String> = ["example", "default", "enum", "const"]
    private static let nameKeyedMaps: Set<String> = [
        "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "schemas", "responses",
        "parameters", "examples", "requestBodies", "headers", "securitySchemes", "links", "callbacks", "pathItems",
        "paths", "webhooks", "content", "encoding", "variables", "mapping",
    ]

    private static let identifierKeywords = ["$id", "$anchor", "$dynamicAnchor"]

    static func scan(_ root: JSONValue) -> ScanResult {
        var result = ScanResult()
        var stack: [(value: JSONValue, pointer: JSONPointer, keysAreNames: Bool, parentKey: String?)] = [
            (root, .root, false, nil)
        ]
        while let (value, pointer, keysAreNames, parentKey) = stack.popLast() {
            switch value {
            case .object(let object):
                // A name-keyed map that is only a `$ref` (`properties: {$ref: …}`) is a misplaced reference that
                // bundlers resolve; it is followed too.
                if !keysAreNames || (object.count == 1 && object["$ref"]?.stringValue != nil) {
                    if case .string(let reference)? = object["$ref"] {
                        result.references.append(ReferenceSite(reference: reference, holder: pointer))
                    }
                    for keyword in identifierKeywords {
                        if case .string(let value)? = object[keyword] {
                            result.identifiers.append(IdentifierSite(keyword: keyword, value: value, holder: pointer))
                        }
                    }
                }
                for (key, child) in object.members.reversed() {
                    if !keysAreNames {
                        if literalKeywords.contains(key) { continue }
                        if key == "value", parentKey != nil, isExampleObject(pointer) { continue }
                        if key == "examples", case .array = child { continue }
                    }
                    let childKeysAreNames = !keysAreNames && nameKeyedMaps.contains(key)
                    stack.append((child, pointer / key, childKeysAreNames, key))
                }
            case .array(let array):
                for (index, child) in array.enumerated().reversed() {
                    stack.append((child, pointer / index, false, parentKey))
                }
            default:
                break
            }
        }
        return result
    }

    /// An Example Object sits at `…/examples/<name>` or under `components/examples/<name>`.
    private static func isExampleObject(_ pointer: JSONPointer) -> Bool {
        let tokens = pointer.tokens
        return tokens.count >= 2 && tokens[tokens.count - 2] == "examples"
    }
}
