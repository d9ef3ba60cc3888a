import ConformChecks
import ConformSchema
import ConformSpec
import ConformTraffic
import ConformValues
import Foundation

/// Makes requests an operation accepts, from its description alone: path, query, header and cookie parameters
/// (the required ones, and with `optionalParameters` the others) serialized by their styles, credentials for one
/// security requirement (see `requirement(_:given:)`), and a body generated from the request body's schema. The
/// mock's tests send them to check that valid requests are answered as documented, and the probe sends them to a
/// running API.
package struct RequestSynthesizer {
    let contract: Contract
    /// Prefixed to every path: a server's base path (`/v2`) or a whole base URL (`http://127.0.0.1:8080/v2`).
    let base: String
    /// Whether to send parameters that are not required too.
    let optionalParameters: Bool
    /// Credential values by security scheme name (a token, an API key, `user:password` for Basic); schemes not
    /// named get made-up values, which a mock accepts.
    let credentials: [String: String]
    /// Parameter values to use instead of generated ones, by name (an id an earlier answer returned, a value a
    /// link gives), as text: sent as one value where the parameter's location puts it.
    var knownValues: [String: String] = [:]

    package init(contract: Contract, base: String, optionalParameters: Bool = false, credentials: [String: String] = [:]) {
        self.contract = contract
        self.base = base.hasSuffix("/") ? String(base.dropLast()) : base
        self.optionalParameters = optionalParameters
        self.credentials = credentials
    }

    /// Why a request could not be made: a schema the generator could not instantiate, or a part it cannot write.
    package struct Problem: Error, CustomStringConvertible, Sendable {
        package var description: String
    }

    /// A request to `operation` that its description accepts; `seed` varies the generated values. Without
    /// `withCredentials` it carries none (a negative request of `probe`).
    package func request(for operation: ConformSpec.Operation, seed: UInt64, withCredentials: Bool = true) -> Result<HTTPRequest, Problem> {
        generated(for: operation, seed: seed, withCredentials: withCredentials).map(\.request)
    }

    /// `request(for:seed:withCredentials:)` with the value its body was written from (nil without a body). With
    /// `fullBody`, the body has every optional member it can have in its top two levels (`ValueGenerator.fullValue`):
    /// the probe sends it, and breaks it on purpose once the API has accepted it.
    /// With `leanBody`, only the members objects require (`ValueGenerator.leanValue`).
    package func generated(
        for operation: ConformSpec.Operation, seed: UInt64, withCredentials: Bool = true, fullBody: Bool = false, leanBody: Bool = false
    ) -> Result<(request: HTTPRequest, body: JSONValue?), Problem> {
        var generator = ValueGenerator(schemas: contract.schemas.compiled, seed: seed)
        // A template's `#Action=X` names query pairs (the AWS descriptions of APIs.guru): they go in the query.
        let hash = operation.path.firstIndex(of: "#")
        var path = hash.map { String(operation.path[..<$0]) } ?? operation.path
        var query: [String] = []
        let fragmentPairs = hash.map { RequestURL("/?" + operation.path[operation.path.index(after: $0)...]).queryPairs } ?? []
        var headers = HTTPHeaders()
        var cookies: [String] = []
        for parameter in operation.parameters where parameter.required || parameter.location == .path || optionalParameters
            || knownValues[parameter.name] != nil
        {
            if let known = knownValues[parameter.name] {
                switch parameter.location {
                case .path: path = path.replacingOccurrences(of: "{\(parameter.name)}", with: ParameterEncoder.encode(known, reserved: false))
                case .query: query.append("\(ParameterEncoder.encode(parameter.name, reserved: false))=\(ParameterEncoder.encode(known, reserved: false))")
                case .header: headers.append(name: parameter.name, value: known)
                case .cookie: cookies.append("\(parameter.name)=\(known)")
                case .querystring: query.append(ParameterEncoder.encode(known, reserved: false))
                }
                continue
            }
            guard var value = parameterValue(parameter, generator: &generator) else {
                return .failure(Problem(description: "no value can be made for \(parameter.location.rawValue) parameter '\(parameter.name)' of \(operation.key)"))
            }
            // Null, an empty list or object serialize to nothing (RFC 6570: undefined; the text `null` is a string
            // to a server), and an empty path segment names another path: try for a value that can be sent, and
            // leave an optional parameter out if none comes.
            for _ in 0..<8 where Self.sendsNothing(value, parameter) {
                guard let another = parameterValue(parameter, generator: &generator) else { break }
                value = another
            }
            if Self.sendsNothing(value, parameter) {
                if parameter.required || parameter.location == .path {
                    return .failure(Problem(description: "\(parameter.location.rawValue) parameter '\(parameter.name)' of \(operation.key) only takes empty values, which cannot be sent"))
                }
                continue
            }
            switch parameter.location {
            case .path:
                let text = parameter.content.isEmpty
                    ? ParameterEncoder.path(parameter.name, value, style: parameter.style, explode: parameter.explode)
                    : ParameterEncoder.encode(JSONWriter.string(value), reserved: false)
                path = path.replacingOccurrences(of: "{\(parameter.name)}", with: text)
            case .query:
                if parameter.content.isEmpty {
                    query += ParameterEncoder.query(parameter.name, value, style: parameter.style, explode: parameter.explode, allowReserved: parameter.allowReserved)
                } else {
                    query.append("\(ParameterEncoder.encode(parameter.name, reserved: false))=\(ParameterEncoder.encode(JSONWriter.string(value), reserved: false))")
                }
            case .header:
                guard !parameter.isIgnoredHeader else { continue }
                headers.append(name: parameter.name, value: parameter.content.isEmpty ? ParameterEncoder.header(value, explode: parameter.explode) : JSONWriter.string(value))
            case .cookie:
                cookies.append("\(parameter.name)=\(parameter.content.isEmpty ? ParameterEncoder.header(value, explode: parameter.explode) : JSONWriter.string(value))")
            case .querystring:
                // The whole query string, in the parameter's media type: a form is already query syntax; anything
                // else (JSON, text) is percent-encoded as one piece.
                guard let media = parameter.content.first else { continue }
                let encoded = String(decoding: BodyEncoder.encode(value, as: media, schemas: contract.schemas).bytes, as: UTF8.self)
                query.append(MediaTypeName.essence(media.name) == "application/x-www-form-urlencoded" ? encoded : ParameterEncoder.encode(encoded, reserved: false))
            }
        }
        if withCredentials { addCredentials(for: operation, headers: &headers, query: &query, cookies: &cookies) }
        if !cookies.isEmpty { headers.append(name: "Cookie", value: cookies.joined(separator: "; ")) }
        var body = HTTPBody.none
        var bodyValue: JSONValue?
        if let requestBody = operation.requestBody, requestBody.unresolved == nil, let media = Self.preferredMedia(requestBody.content) {
            let schema = media.schema.flatMap(contract.schemas.schema(at:))
            var value: JSONValue
            if let schema {
                let made = fullBody ? generator.fullValue(schema, direction: .request)
                    : leanBody ? generator.leanValue(schema, direction: .request) : generator.valid(schema, direction: .request)
                switch made {
                case .success(let generated): value = generated
                case .failure(let error): return .failure(Problem(description: "no request body can be made for \(operation.key): \(error)"))
                }
                // A multipart body needs a part (RFC 2046): an object with no member has no multipart form; and a form
                // of no fields is an empty body, which reads as none.
                let essence = MediaTypeName.essence(media.name)
                let needsMember = essence.hasPrefix("multipart/") || essence == "application/x-www-form-urlencoded"
                for _ in 0..<8 where needsMember && value.objectValue?.isEmpty == true {
                    guard case .success(let another) = generator.valid(schema, direction: .request) else { break }
                    value = another
                }
            } else {
                value = .object(JSONObject([]))
            }
            let encoded = BodyEncoder.encode(value, as: media, schemas: contract.schemas)
            headers.append(name: "Content-Type", value: encoded.contentType)
            body = .bytes(encoded.bytes)
            bodyValue = value
        }
        for pair in fragmentPairs where !query.contains(where: { $0.hasPrefix(ParameterEncoder.encode(pair.name, reserved: false) + "=") }) {
            query.append("\(ParameterEncoder.encode(pair.name, reserved: false))=\(ParameterEncoder.encode(pair.value, reserved: false))")
        }
        let url = base + path + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
        return .success((HTTPRequest(method: operation.method.name, url: url, headers: headers, body: body), bodyValue))
    }

    /// Whether the value serializes to nothing by its style (JSON `content` always writes something).
    private static func sendsNothing(_ value: JSONValue, _ parameter: Parameter) -> Bool {
        if !parameter.content.isEmpty { return false }
        switch value {
        case .null: return true
        case .string(let text): return parameter.location == .path && text.isEmpty
        case .array(let items): return items.isEmpty
        case .object(let object): return object.isEmpty
        default: return false
        }
    }

    /// The media type a synthesized request uses: JSON first (the one every API reads), then form, then the first.
    static func preferredMedia(_ content: [MediaType]) -> MediaType? {
        content.first { MediaTypeName.isJSON($0.name) }
            ?? content.first { MediaTypeName.essence($0.name) == "application/x-www-form-urlencoded" }
            ?? content.first { MediaTypeName.essence($0.name) == "multipart/form-data" }
            ?? content.first
    }

    private func parameterValue(_ parameter: Parameter, generator: inout ValueGenerator) -> JSONValue? {
        let pointer = parameter.schema ?? parameter.content.first?.schema
        guard let pointer else { return .string("mock") }
        guard let schema = contract.schemas.schema(at: pointer), case .success(let value) = generator.valid(schema, direction: .request) else {
            return nil
        }
        return value
    }

    /// Credentials for one security requirement (`{}` needs none): a bearer token, basic credentials, or an API key
    /// where the scheme puts it; the value given for the scheme, or a made-up one a mock accepts.
    private func addCredentials(for operation: ConformSpec.Operation, headers: inout HTTPHeaders, query: inout [String], cookies: inout [String]) {
        guard let requirement = Self.requirement(contract.document.effectiveSecurity(of: operation), given: credentials) else { return }
        for scheme in requirement.schemes {
            guard let definition = contract.document.components.securitySchemes[scheme.name] else { continue }
            let given = credentials[scheme.name]
            let value = given ?? "mock-credential-0001"
            switch definition.kind {
            case .http(let name, _):
                if name.lowercased() == "basic" {
                    headers.append(name: "Authorization", value: "Basic " + Data((given ?? "mock:mock").utf8).base64EncodedString())
                } else {
                    headers.append(name: "Authorization", value: "\(name.prefix(1).uppercased() + name.dropFirst()) \(value)")
                }
            case .oauth2, .openIDConnect:
                headers.append(name: "Authorization", value: "Bearer \(value)")
            case .apiKey(let name, .header):
                headers.append(name: name, value: value)
            case .apiKey(let name, .query):
                query.append("\(ParameterEncoder.encode(name, reserved: false))=\(ParameterEncoder.encode(value, reserved: false))")
            case .apiKey(let name, .cookie):
                cookies.append("\(name)=\(value)")
            case .apiKey(_, .path), .apiKey(_, .querystring), .mutualTLS:
                continue
            }
        }
    }

    /// The requirement to meet. Requirements are alternatives (OpenAPI: any one of them is enough), and a running
    /// API accepts only real credentials: the one whose schemes all have a value given (`--auth`), else the one
    /// with the most given, else the first, whose made-up values a mock accepts. Django Ninja writes
    /// `[{BearerAuth: []}, {ApiKey: []}]` for an endpoint that takes either; a key given for the second must be sent.
    static func requirement(_ requirements: [SecurityRequirement], given credentials: [String: String]) -> SecurityRequirement? {
        guard !credentials.isEmpty else { return requirements.first }
        func givenCount(_ requirement: SecurityRequirement) -> Int {
            requirement.schemes.filter { credentials[$0.name] != nil }.count
        }
        if let complete = requirements.first(where: { !$0.schemes.isEmpty && givenCount($0) == $0.schemes.count }) { return complete }
        let best = requirements.map(givenCount).max() ?? 0
        return best > 0 ? requirements.first { givenCount($0) == best } : requirements.first
    }
}
