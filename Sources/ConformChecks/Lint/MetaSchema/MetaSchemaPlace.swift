import ConformFindings
import ConformValues

/// How a message names a part of a description: "parameter 'limit' of GET /pets", "response '200' of GET /pets",
/// "the license". Built one pointer token at a time from the part above it, reading names (a parameter's `name`, a
/// server's `url`) from the values on the way.
struct MetaSchemaPlace: Sendable {
    /// What the part is, as far as naming what lies under it goes.
    enum Role: Equatable, Sendable {
        case document, info, servers, server, variables, paths, webhooks, operation, parameters, parameter
        case requestBody, responses, response, content, mediaType, headers, header, examples, encodings, encoding
        case links, callbacks, callback, components, tags, security, securityScheme, flows, schema, properties
        case schemaList(String)
        case componentMap(String)
        /// A path item, with its template when it sits under `paths`.
        case pathItem(String?)
        /// A path item's `additionalOperations` (OpenAPI 3.2), with the path item's template.
        case additionalOperations(String?)
        /// Anything else: a field, or a part under one; `path` holds the tokens from the named part above it.
        case field(path: [String], owner: String)
    }

    /// The name, without an article at the front: "the description", "'info'", "GET /pets".
    var text: String
    var role: Role
    /// The operation the part belongs to.
    var operation: OperationKey?
    /// What the parts below are named after: the part itself, or for a list or map (`parameters`, `responses`) the
    /// part holding it, so that a parameter is "parameter 'limit' of GET /pets".
    var owner: String?

    init(text: String, role: Role, operation: OperationKey? = nil, owner: String? = nil) {
        self.text = text
        self.role = role
        self.operation = operation
        self.owner = owner
    }

    static let document = MetaSchemaPlace(text: "the description", role: .document)

    /// The fields of a Path Item that are operations (`query` from OpenAPI 3.2, where it is no field before).
    private static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace", "query"]

    /// A named part below this one: "parameter 'limit'" becomes "parameter 'limit' of GET /pets".
    private func named(_ name: String, _ role: Role) -> MetaSchemaPlace {
        let owner = self.owner ?? text
        let text = self.role == .document || owner.isEmpty ? name : "\(name) of \(owner)"
        return MetaSchemaPlace(text: text, role: role, operation: operation)
    }

    /// A list or map below this one (`parameters`, `responses`): named as a field, its entries after this part.
    private func collection(_ field: String, _ role: Role) -> MetaSchemaPlace {
        let owner = self.owner ?? text
        let name = self.role == .document || owner.isEmpty ? "'\(field)'" : "'\(field)' of \(owner)"
        return MetaSchemaPlace(text: name, role: role, operation: operation, owner: self.role == .document ? "" : owner)
    }

    /// The part at the pointers below this one.
    func descending(_ tokens: some Sequence<String>, in value: JSONValue?) -> MetaSchemaPlace {
        var place = self
        var current = value
        for token in tokens {
            current = current.flatMap { $0.value(at: JSONPointer(tokens: [token])) }
            place = place.child(token, value: current)
        }
        return place
    }

    /// The part at one token below this one; `value` is that part's value, when known.
    func child(_ token: String, value: JSONValue?) -> MetaSchemaPlace {
        let index = JSONPointer.arrayIndex(token)
        switch role {
        case .document:
            switch token {
            case "info": return collection("info", .info)
            case "servers": return collection("servers", .servers)
            case "paths": return collection("paths", .paths)
            case "webhooks": return collection("webhooks", .webhooks)
            case "components": return collection("components", .components)
            case "security": return collection("security", .security)
            case "tags": return collection("tags", .tags)
            default: break
            }
        case .info:
            if token == "license" { return MetaSchemaPlace(text: "the license", role: .field(path: [], owner: "the license")) }
            if token == "contact" { return MetaSchemaPlace(text: "the contact", role: .field(path: [], owner: "the contact")) }
        case .servers:
            if let index {
                let url = value?["url"]?.stringValue
                return named(url.map { "server '\($0)'" } ?? "server \(index + 1)", .server)
            }
        case .server:
            if token == "variables" { return collection("variables", .variables) }
        case .variables:
            return named("variable '\(token)'", .field(path: [], owner: ""))
        case .paths:
            return MetaSchemaPlace(text: "path '\(token)'", role: .pathItem(token))
        case .webhooks:
            return MetaSchemaPlace(text: "webhook '\(token)'", role: .pathItem(nil))
        case .pathItem(let template):
            if Self.methods.contains(token) { return operation(token.uppercased(), under: template) }
            if token == "additionalOperations" {
                return MetaSchemaPlace(text: text, role: .additionalOperations(template), operation: operation, owner: owner)
            }
            if token == "parameters" { return collection("parameters", .parameters) }
            if token == "servers" { return collection("servers", .servers) }
        case .additionalOperations(let template):
            return operation(token, under: template)
        case .operation:
            switch token {
            case "parameters": return collection("parameters", .parameters)
            case "requestBody": return named("the request body", .requestBody)
            case "responses": return collection("responses", .responses)
            case "callbacks": return collection("callbacks", .callbacks)
            case "security": return collection("security", .security)
            case "servers": return collection("servers", .servers)
            default: break
            }
        case .parameters:
            if let index {
                let name = value?["name"]?.stringValue
                return named(name.map { "parameter '\($0)'" } ?? "parameter \(index + 1)", .parameter)
            }
        case .responses:
            return named("response '\(token)'", .response)
        case .parameter, .header, .requestBody, .response, .mediaType, .encoding:
            switch token {
            case "content": return collection("content", .content)
            case "headers": return collection("headers", .headers)
            case "links": return collection("links", .links)
            case "examples": return collection("examples", .examples)
            case "encoding": return collection("encoding", .encodings)
            case "schema": return named("the schema", .schema)
            default: break
            }
        case .content:
            return named("media type '\(token)'", .mediaType)
        case .headers:
            return named("header '\(token)'", .header)
        case .examples:
            return named("example '\(token)'", .field(path: [], owner: ""))
        case .encodings:
            return named("encoding '\(token)'", .encoding)
        case .links:
            return named("link '\(token)'", .field(path: [], owner: ""))
        case .callbacks:
            return named("callback '\(token)'", .callback)
        case .callback:
            return named("path item '\(token)'", .pathItem(nil))
        case .components:
            return named("'components/\(token)'", .componentMap(token))
        case .componentMap(let kind):
            return component(kind, token)
        case .tags:
            if let index {
                let name = value?["name"]?.stringValue
                return MetaSchemaPlace(text: name.map { "tag '\($0)'" } ?? "tag \(index + 1)", role: .field(path: [], owner: ""))
            }
        case .security:
            if let index { return named("security requirement \(index + 1)", .field(path: [], owner: "")) }
        case .securityScheme:
            if token == "flows" { return collection("flows", .flows) }
        case .flows:
            return named("the \(token) flow", .field(path: [], owner: ""))
        case .schema:
            switch token {
            case "properties": return MetaSchemaPlace(text: text, role: .properties, operation: operation)
            case "items": return named("the items", .schema)
            case "additionalProperties": return named("the additionalProperties", .schema)
            case "not": return named("the 'not' schema", .schema)
            case "allOf", "anyOf", "oneOf": return MetaSchemaPlace(text: text, role: .schemaList(token), operation: operation)
            default: break
            }
        case .properties:
            return named("property '\(token)'", .schema)
        case .schemaList(let keyword):
            return named("\(keyword) alternative \((index ?? 0) + 1)", .schema)
        case .field(let path, let owner):
            // Under a plain field, the tokens gather into one quoted path: "'x/y' of GET /pets".
            if !path.isEmpty {
                let joined = (path + [token]).joined(separator: "/")
                let text = owner.isEmpty ? "'\(joined)'" : "'\(joined)' of \(owner)"
                return MetaSchemaPlace(text: text, role: .field(path: path + [token], owner: owner), operation: operation)
            }
        }
        let owner = role == .document ? "" : text
        let text = owner.isEmpty ? "'\(token)'" : "'\(token)' of \(owner)"
        return MetaSchemaPlace(text: text, role: .field(path: [token], owner: owner), operation: operation)
    }

    /// An operation of the path item this place is: "GET /pets", or for a webhook's, "POST of webhook 'newPet'".
    private func operation(_ method: String, under template: String?) -> MetaSchemaPlace {
        guard let template else { return named(method, .operation) }
        let key = OperationKey(method: method, path: template)
        return MetaSchemaPlace(text: key.description, role: .operation, operation: key)
    }

    /// An entry of `components`: "schema 'Pet'", "parameter 'limit' in components".
    private func component(_ kind: String, _ name: String) -> MetaSchemaPlace {
        let (noun, role): (String, Role) = switch kind {
        case "schemas": ("schema", .schema)
        case "responses": ("response", .response)
        case "parameters": ("parameter", .parameter)
        case "examples": ("example", .field(path: [], owner: ""))
        case "requestBodies": ("request body", .requestBody)
        case "headers": ("header", .header)
        case "securitySchemes": ("security scheme", .securityScheme)
        case "links": ("link", .field(path: [], owner: ""))
        case "callbacks": ("callback", .callback)
        case "pathItems": ("path item", .pathItem(nil))
        case "mediaTypes": ("media type", .mediaType)
        default: ("'\(kind)' entry", .field(path: [], owner: ""))
        }
        // Schemas and security schemes are named nowhere else; the rest are told from an operation's own.
        let unique = kind == "schemas" || kind == "securitySchemes"
        return MetaSchemaPlace(text: "\(noun) '\(name)'" + (unique ? "" : " in components"), role: role)
    }

    /// The part a followed model node is, named without the place that refers to it (a shared part is referred to
    /// from many): "parameter 'limit'", "response '404'", "GET /pets".
    static func part(_ kind: ObjectKind, name: String, operation: OperationKey? = nil) -> MetaSchemaPlace {
        switch kind {
        case .pathItem: return MetaSchemaPlace(text: "path '\(name)'", role: .pathItem(name))
        case .operation: return MetaSchemaPlace(text: name, role: .operation, operation: operation)
        case .parameter: return MetaSchemaPlace(text: "parameter '\(name)'", role: .parameter)
        case .requestBody: return MetaSchemaPlace(text: "the request body of \(name)", role: .requestBody, operation: operation)
        case .response: return MetaSchemaPlace(text: "response '\(name)'", role: .response)
        case .header: return MetaSchemaPlace(text: "header '\(name)'", role: .header)
        case .mediaType: return MetaSchemaPlace(text: "media type '\(name)'", role: .mediaType)
        case .example: return MetaSchemaPlace(text: "example '\(name)'", role: .field(path: [], owner: ""))
        case .encoding: return MetaSchemaPlace(text: "encoding '\(name)'", role: .encoding)
        case .securityScheme: return MetaSchemaPlace(text: "security scheme '\(name)'", role: .securityScheme)
        case .server: return MetaSchemaPlace(text: "server '\(name)'", role: .server)
        }
    }
}
