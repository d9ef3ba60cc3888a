import Foundation
import ConformValues

/// A place in one of the indexed documents.
struct SchemaLocation: Hashable, Sendable {
    var document: Int
    var pointer: JSONPointer
}

/// Every schema document the compiler may reach, with the schema resources (`$id`/`id`) and anchors inside
/// them, so that `$ref`, `$dynamicRef` and anchors resolve by URI as JSON Schema defines.
struct SchemaIndex: Sendable {
    struct Document: Sendable {
        /// Absolute retrieval URI without fragment.
        var uri: String
        /// Path shown in findings.
        var file: String
        var root: JSONValue
        var dialect: SchemaDialect
    }

    /// A schema resource: a document root or an embedded schema with its own identifier.
    struct Resource: Sendable {
        var uri: String
        var location: SchemaLocation
        var dialect: SchemaDialect
    }

    private(set) var documents: [Document] = []
    private(set) var resources: [Resource] = []
    private var resourceByURI: [String: Int] = [:]
    /// `uri#name` → location, for `$anchor`, `$dynamicAnchor` and draft-4 `id: "#name"`.
    private var anchors: [String: SchemaLocation] = [:]
    /// `uri#name` → location, for `$dynamicAnchor` only.
    private(set) var dynamicAnchors: [String: SchemaLocation] = [:]
    /// Resources of each document, for finding the one that encloses a location.
    private var resourcesByDocument: [[Int]] = []

    /// Adds a document whose root is a schema (a test-suite schema, a remote, a standalone schema file).
    @discardableResult
    mutating func addSchemaDocument(_ root: JSONValue, uri: String, file: String, dialect: SchemaDialect) -> Int {
        let index = addDocument(root, uri: uri, file: file, dialect: dialect)
        indexSchema(at: SchemaLocation(document: index, pointer: .root), base: uri, dialect: dialect, isRoot: true)
        return index
    }

    /// Adds a document that is not itself a schema (an OpenAPI description), then indexes the schemas at the
    /// given places inside it.
    @discardableResult
    mutating func addDocument(_ root: JSONValue, uri: String, file: String, dialect: SchemaDialect, schemaRoots: [JSONPointer]) -> Int {
        let index = addDocument(root, uri: uri, file: file, dialect: dialect)
        for pointer in schemaRoots {
            indexSchema(at: SchemaLocation(document: index, pointer: pointer), base: uri, dialect: dialect, isRoot: false)
        }
        return index
    }

    private mutating func addDocument(_ root: JSONValue, uri: String, file: String, dialect: SchemaDialect) -> Int {
        let (base, _) = URIReference.splitFragment(uri)
        documents.append(Document(uri: base, file: file, root: root, dialect: dialect))
        resourcesByDocument.append([])
        let index = documents.count - 1
        register(resource: base, at: SchemaLocation(document: index, pointer: .root), dialect: dialect)
        return index
    }

    func document(_ index: Int) -> Document { documents[index] }

    func value(at location: SchemaLocation) -> JSONValue? {
        documents[location.document].root.value(at: location.pointer)
    }

    func resourceIndex(of uri: String) -> Int? { resourceByURI[uri] }

    /// The innermost resource enclosing a location: its base URI and dialect.
    func enclosingResource(of location: SchemaLocation) -> Resource {
        var best: Resource?
        for candidate in resourcesByDocument[location.document].map({ resources[$0] })
        where location.pointer.hasPrefix(candidate.location.pointer) {
            // At equal depth the later registration wins: a root `$id` is registered after the document's own URI.
            if best == nil || candidate.location.pointer.tokens.count >= best!.location.pointer.tokens.count {
                best = candidate
            }
        }
        let document = documents[location.document]
        return best ?? Resource(uri: document.uri, location: SchemaLocation(document: location.document, pointer: .root), dialect: document.dialect)
    }

    enum Lookup: Equatable {
        case found(SchemaLocation)
        case unknownResource(String)
        case noValue(String)
        case unknownAnchor(String)
    }

    /// Finds what an absolute URI (with optional fragment) names.
    func locate(_ absolute: String) -> Lookup {
        let (base, fragment) = URIReference.splitFragment(absolute)
        // File references may percent-encode what the file system path spells plainly (`my%20file.yaml`).
        guard let resourceIndex = resourceByURI[base] ?? base.removingPercentEncoding.flatMap({ resourceByURI[$0] }) else {
            return .unknownResource(base)
        }
        let resource = resources[resourceIndex]
        guard let fragment, !fragment.isEmpty else { return .found(resource.location) }
        let decoded = fragment.removingPercentEncoding ?? fragment
        if decoded.hasPrefix("/") {
            guard let pointer = try? JSONPointer(parsing: decoded) else { return .noValue(absolute) }
            let location = SchemaLocation(document: resource.location.document, pointer: resource.location.pointer.appending(pointer))
            return value(at: location) == nil ? .noValue(absolute) : .found(location)
        }
        if let anchored = anchors[base + "#" + decoded] { return .found(anchored) }
        return .unknownAnchor(absolute)
    }

    // MARK: Indexing

    private mutating func register(resource uri: String, at location: SchemaLocation, dialect: SchemaDialect) {
        guard resourceByURI[uri] == nil else { return }
        resources.append(Resource(uri: uri, location: location, dialect: dialect))
        resourceByURI[uri] = resources.count - 1
        resourcesByDocument[location.document].append(resources.count - 1)
    }

    /// Walks a schema through its subschema keywords, registering identifiers and anchors. Iterative, so a
    /// deeply nested schema cannot exhaust the stack.
    private mutating func indexSchema(at start: SchemaLocation, base: String, dialect: SchemaDialect, isRoot: Bool) {
        var stack: [(pointer: JSONPointer, base: String, dialect: SchemaDialect)] = [(start.pointer, base, dialect)]
        let document = start.document
        while let (pointer, inheritedBase, inheritedDialect) = stack.popLast() {
            guard case .object(let schema)? = documents[document].root.value(at: pointer) else { continue }
            var base = inheritedBase
            var dialect = inheritedDialect
            let location = SchemaLocation(document: document, pointer: pointer)
            if case .string(let declared)? = schema["$schema"], let named = SchemaDialect.named(by: declared, openAPI: dialect.understandsOpenAPIKeywords) {
                dialect = named
                // A document root registered before its `$schema` was read takes the dialect it declares.
                for resource in resourcesByDocument[document] where resources[resource].location == location {
                    resources[resource].dialect = named
                }
            }
            let draft4RefOverrides = dialect.isDraft4Family && schema["$ref"] != nil
            if !draft4RefOverrides, dialect != .openAPI30, case .string(let id)? = schema[dialect.identifierKeyword] {
                let resolved = URIReference.resolve(id, against: base)
                let (resourceURI, fragment) = URIReference.splitFragment(resolved)
                if let fragment, !fragment.isEmpty, dialect.isDraft4Family {
                    // Draft 4 writes plain-name anchors as `id: "#name"` (or `other.json#name`).
                    if resourceURI != base { register(resource: resourceURI, at: location, dialect: dialect) }
                    anchors[resourceURI + "#" + fragment] = location
                    if resourceURI != base { base = resourceURI }
                } else {
                    register(resource: resourceURI, at: location, dialect: dialect)
                    base = resourceURI
                }
            }
            if !dialect.isDraft4Family {
                if case .string(let anchor)? = schema["$anchor"] {
                    anchors[base + "#" + anchor] = anchors[base + "#" + anchor] ?? location
                }
                if case .string(let anchor)? = schema["$dynamicAnchor"] {
                    anchors[base + "#" + anchor] = anchors[base + "#" + anchor] ?? location
                    dynamicAnchors[base + "#" + anchor] = dynamicAnchors[base + "#" + anchor] ?? location
                }
            }
            for child in SubschemaKeywords.children(of: schema, dialect: dialect) {
                stack.append((pointer.appending(child), base, dialect))
            }
        }
    }
}

/// Where subschemas live in a schema object, per dialect: the keywords whose values are schemas, arrays of
/// schemas, or maps of schemas.
enum SubschemaKeywords {
    static let single2020 = [
        "additionalProperties", "unevaluatedProperties", "items", "unevaluatedItems", "contains", "propertyNames",
        "not", "if", "then", "else",
    ]
    static let arrays2020 = ["prefixItems", "allOf", "anyOf", "oneOf"]
    static let maps2020 = ["$defs", "definitions", "properties", "patternProperties", "dependentSchemas"]

    static let single4 = ["additionalProperties", "additionalItems", "not"]
    static let arrays4 = ["allOf", "anyOf", "oneOf"]
    static let maps4 = ["definitions", "properties", "patternProperties"]

    /// Relative pointers (one or two tokens) of every direct subschema.
    static func children(of schema: JSONObject, dialect: SchemaDialect) -> [JSONPointer] {
        var result: [JSONPointer] = []
        let draft4 = dialect.isDraft4Family
        for key in draft4 ? single4 : single2020 where schema[key] != nil {
            result.append(JSONPointer(tokens: [key]))
        }
        for key in draft4 ? arrays4 : arrays2020 {
            if case .array(let items)? = schema[key] {
                result += items.indices.map { JSONPointer(tokens: [key, String($0)]) }
            }
        }
        for key in draft4 ? maps4 : maps2020 {
            if case .object(let map)? = schema[key] {
                result += map.keys.map { JSONPointer(tokens: [key, $0]) }
            }
        }
        if draft4 {
            switch schema["items"] {
            case .array(let items)?: result += items.indices.map { JSONPointer(tokens: ["items", String($0)]) }
            case .some: result.append(JSONPointer(tokens: ["items"]))
            case nil: break
            }
            if case .object(let dependencies)? = schema["dependencies"] {
                for (key, value) in dependencies.members where value.objectValue != nil {
                    result.append(JSONPointer(tokens: ["dependencies", key]))
                }
            }
        } else {
            if case .array(let items)? = schema["items"] {
                result += items.indices.map { JSONPointer(tokens: ["items", String($0)]) }
            }
            if dialect == .draft2019_09, schema["additionalItems"] != nil {
                result.append(JSONPointer(tokens: ["additionalItems"]))
            }
        }
        if !draft4, case .object(let dependencies)? = schema["dependencies"] {
            for (key, value) in dependencies.members where value.arrayValue == nil {
                result.append(JSONPointer(tokens: ["dependencies", key]))
            }
        }
        return result
    }
}
