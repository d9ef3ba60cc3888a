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
    /// Keywords whose value is literal data (`example`, `default`, `enum`, `const`). The key of every object or
    /// array member of a description is asked, so the test looks at the length first instead of hashing the key.
    static func isLiteralKeyword(_ key: String) -> Bool {
        switch key.utf8.count {
        case 4: return key == "enum"
        case 5: return key == "const"
        case 7: return key == "example" || key == "default"
        default: return false
        }
    }

    /// Keywords whose value maps names to things (`properties`, `components/schemas`, `paths`, …).
    static func isNameKeyedMap(_ key: String) -> Bool {
        switch key.utf8.count {
        case 5: return key == "$defs" || key == "links" || key == "paths"
        case 7: return key == "schemas" || key == "headers" || key == "content" || key == "mapping"
        case 8: return key == "examples" || key == "webhooks" || key == "encoding"
        case 9: return key == "responses" || key == "callbacks" || key == "pathItems" || key == "variables"
        case 10: return key == "properties" || key == "parameters"
        case 11: return key == "definitions"
        case 13: return key == "requestBodies"
        case 15: return key == "securitySchemes"
        case 16: return key == "dependentSchemas"
        case 17: return key == "patternProperties"
        default: return false
        }
    }

    private static let identifierKeywords = ["$id", "$anchor", "$dynamicAnchor"]

    static func scan(_ root: JSONValue) -> ScanResult {
        var result = ScanResult()
        var path: [String] = []
        visit(root, keysAreNames: false, parentKey: nil, path: &path, into: &result)
        return result
    }

    /// Walks depth-first in document order with one shared token path; a pointer is built only for the sites it
    /// finds (building one per visited node made the scan cost more than parsing). Depth is bounded by the
    /// readers' nesting limit.
    private static func visit(
        _ value: JSONValue, keysAreNames: Bool, parentKey: String?, path: inout [String], into result: inout ScanResult
    ) {
        switch value {
        case .object(let object):
            // A name-keyed map that is only a `$ref` (`properties: {$ref: …}`) is a misplaced reference that
            // bundlers resolve; it is followed too.
            if !keysAreNames || object.count == 1 {
                record(object, path: path, referenceOnly: keysAreNames, into: &result)
            }
            let keys = object.keys
            let values = object.values
            for index in values.indices {
                let child = values[index]
                guard child.isContainer else { continue }
                let key = keys[index]
                if !keysAreNames {
                    if isLiteralKeyword(key) { continue }
                    if key == "value", parentKey != nil, isExampleObject(path) { continue }
                    if key == "examples", case .array = child { continue }
                }
                path.append(key)
                visit(child, keysAreNames: !keysAreNames && isNameKeyedMap(key), parentKey: key, path: &path, into: &result)
                path.removeLast()
            }
        case .array(let array):
            for (index, child) in array.enumerated() where child.isContainer {
                path.append(String(index))
                visit(child, keysAreNames: false, parentKey: parentKey, path: &path, into: &result)
                path.removeLast()
            }
        default:
            break
        }
    }

    /// The object's `$ref` and identifier keywords (only its `$ref` for a name-keyed map). Only keys starting with
    /// `$` can be one, so most objects cost a byte comparison per key instead of a search per keyword.
    private static func record(_ object: JSONObject, path: [String], referenceOnly: Bool, into result: inout ScanResult) {
        var reference: String?
        var identifiers: [String: String] = [:]
        let keys = object.keys
        for index in keys.indices where keys[index].utf8.first == UInt8(ascii: "$") {
            guard case .string(let text) = object.values[index] else { continue }
            let key = keys[index]
            if key == "$ref" {
                reference = text
            } else if !referenceOnly && identifierKeywords.contains(key) {
                identifiers[key] = text
            }
        }
        if let reference {
            result.references.append(ReferenceSite(reference: reference, holder: JSONPointer(tokens: path)))
        }
        // Most objects have no identifier; looking the keywords up in an empty dictionary still hashes them.
        guard !identifiers.isEmpty else { return }
        for keyword in identifierKeywords {
            if let value = identifiers[keyword] {
                result.identifiers.append(IdentifierSite(keyword: keyword, value: value, holder: JSONPointer(tokens: path)))
            }
        }
    }

    /// An Example Object sits at `…/examples/<name>` or under `components/examples/<name>`.
    private static func isExampleObject(_ tokens: [String]) -> Bool {
        tokens.count >= 2 && tokens[tokens.count - 2] == "examples"
    }
}

extension JSONValue {
    /// Objects and arrays: the only values a scan descends into.
    fileprivate var isContainer: Bool {
        switch self {
        case .object, .array: return true
        default: return false
        }
    }
}
