import ConformFindings
import ConformSpec
import ConformValues

/// A `$ref` standing where the meta-schema allows no Reference Object, found from the issues it causes: an object
/// that is nothing but `$ref` breaks the definition of what should stand there ("'$ref' is not a field of an
/// Operation Object", "'description' must be a string, found an object").
struct MisplacedReference: Hashable {
    /// The object holding the `$ref`, relative to the part checked.
    var site: JSONPointer
    /// The meta-schema node its target must satisfy.
    var node: JSONPointer
    /// The `$ref` stands for a whole map (`content: {$ref: …}`): each member of the target must satisfy `node`.
    var standsForMembers: Bool

    static func sites(of issues: [MetaSchemaIssue], in value: JSONValue, schema: MetaSchema) -> [MisplacedReference] {
        var found: [MisplacedReference] = []
        var sites: Set<JSONPointer> = []
        for issue in issues where !schema.isReferenceDefinition(issue.node) {
            let candidate: MisplacedReference?
            switch issue.problem {
            case .missing, .exclusive, .needsOneOf:
                candidate = MisplacedReference(site: issue.pointer, node: issue.node, standsForMembers: false)
            case .unknownField, .notAllowedHere:
                candidate = MisplacedReference(site: issue.object, node: issue.node, standsForMembers: false)
            default:
                if isReference(value.value(at: issue.pointer)) {
                    candidate = MisplacedReference(site: issue.pointer, node: issue.node, standsForMembers: false)
                } else if issue.pointer.lastToken == "$ref", let holder = issue.pointer.parent {
                    candidate = MisplacedReference(site: holder, node: issue.node, standsForMembers: true)
                } else {
                    candidate = nil
                }
            }
            guard let candidate, !sites.contains(candidate.site), isReference(value.value(at: candidate.site)) else { continue }
            sites.insert(candidate.site)
            found.append(candidate)
        }
        return found
    }

    /// An object with a string `$ref`.
    private static func isReference(_ value: JSONValue?) -> Bool {
        if case .string? = value?["$ref"] { return true }
        return false
    }
}

/// The parts of the model written where a `$ref` led, outermost first, each once, with what kind of object it is
/// and how a message names it. The meta-schema sees only the reference where it stands, so these are checked
/// against their definition on their own.
///
/// A part written inside its parent needs no check of its own (whatever checks the parent checks it), and a part
/// met again through another reference (a rate-limit header on every response) is the same part with the same
/// parts under it: only the first meeting is followed down.
struct ModelParts {
    struct Part: Sendable {
        var origin: SpecPointer
        var kind: ObjectKind
        var name: Name

        /// A part's name, kept as the model has it until a message needs it.
        enum Name: Sendable {
            case text(String)
            case response(ResponseKey)
            case operation(OperationKey)
        }

        /// How messages name it; made only for a part with something to say.
        var place: MetaSchemaPlace {
            switch name {
            case .text(let text): return .part(kind, name: text)
            case .response(let key): return .part(kind, name: key.description)
            case .operation(let key): return .part(kind, name: key.description, operation: key)
            }
        }
    }

    private var parts: [Part] = []
    private var met: Set<Origin> = []

    static func reachedThroughReferences(in document: OpenAPIDocument) -> [Part] {
        var walk = ModelParts()
        walk.walk(document)
        return walk.parts
    }

    /// Whether to go down into a part found at `origin` inside the part at `parent`: yes the first time it is met,
    /// recording it when a `$ref` led there.
    private mutating func enter(_ origin: SpecPointer, under parent: SpecPointer, _ kind: ObjectKind, _ name: Part.Name) -> Bool {
        if origin.file == parent.file, origin.pointer.hasPrefix(parent.pointer) { return true }
        guard met.insert(Origin(origin)).inserted else { return false }
        parts.append(Part(origin: origin, kind: kind, name: name))
        return true
    }

    private mutating func walk(_ document: OpenAPIDocument) {
        let root = document.origin
        servers(document.servers, under: root)
        for item in document.paths where item.unresolved == nil {
            pathItem(item, under: root)
        }
        for webhook in document.webhooks where webhook.item.unresolved == nil {
            pathItem(webhook.item, under: root)
        }
        for (name, scheme) in document.components.securitySchemes.sorted(by: { $0.key < $1.key }) {
            _ = enter(scheme.origin, under: root, .securityScheme, .text(name))
        }
    }

    private mutating func pathItem(_ item: PathItem, under root: SpecPointer) {
        guard enter(item.origin, under: root, .pathItem, .text(item.template)) else { return }
        parameters(item.parameters, under: item.origin)
        servers(item.servers, under: item.origin)
        for operation in item.operations where operation.unresolved == nil {
            guard enter(operation.origin, under: item.origin, .operation, .operation(operation.key)) else { continue }
            parameters(operation.parameters, under: operation.origin)
            servers(operation.servers, under: operation.origin)
            if let body = operation.requestBody, body.unresolved == nil,
                enter(body.origin, under: operation.origin, .requestBody, .operation(operation.key))
            {
                content(body.content, under: body.origin)
            }
            for response in operation.responses where response.unresolved == nil {
                guard enter(response.origin, under: operation.origin, .response, .response(response.key)) else { continue }
                headers(response.headers, under: response.origin)
                content(response.content, under: response.origin)
            }
        }
    }

    private mutating func content(_ media: [MediaType], under parent: SpecPointer) {
        for type in media where type.unresolved == nil {
            guard enter(type.origin, under: parent, .mediaType, .text(type.name)) else { continue }
            for example in type.examples {
                _ = enter(example.origin, under: type.origin, .example, .text(example.name))
            }
            for encoding in type.encoding {
                guard enter(encoding.origin, under: type.origin, .encoding, .text(encoding.property)) else { continue }
                headers(encoding.headers, under: encoding.origin)
            }
        }
    }

    private mutating func headers(_ list: [Header], under parent: SpecPointer) {
        for header in list where header.unresolved == nil {
            guard enter(header.origin, under: parent, .header, .text(header.name)) else { continue }
            content(header.content, under: header.origin)
        }
    }

    private mutating func parameters(_ list: [Parameter], under parent: SpecPointer) {
        for parameter in list {
            guard enter(parameter.origin, under: parent, .parameter, .text(parameter.name)) else { continue }
            content(parameter.content, under: parameter.origin)
        }
    }

    private mutating func servers(_ list: [Server], under parent: SpecPointer) {
        for server in list {
            _ = enter(server.origin, under: parent, .server, .text(server.url))
        }
    }

    /// A part's place as a set member. The file's path is hashed by its length only: paths run long and share long
    /// prefixes, and the parts met again share one path's storage, so comparing them is cheap where hashing is not.
    private struct Origin: Hashable {
        var place: SpecPointer

        init(_ place: SpecPointer) {
            self.place = place
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(place.pointer)
            hasher.combine(place.file.utf8.count)
        }
    }
}
