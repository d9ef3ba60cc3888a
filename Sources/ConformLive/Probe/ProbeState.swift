import ConformChecks
import ConformFindings
import ConformSpec
import ConformTraffic
import ConformValues

/// What earlier answers taught the probe, so that later operations reach something that exists:
/// - the description's Link Objects: a response's `links` name an operation and give values for its parameters
///   (`orderId: $response.body#/id`), evaluated on the exchange that got that response;
/// - where there are no links, the id a create returned: `POST /companies` answers `{"id": "c1", …}` →
///   `GET /companies/{companyId}` asks for `c1`.
/// Links win over the id heuristic for the same parameter.
struct ProbeState {
    /// The id last created under each collection path (`/companies`).
    private var created: [String: String] = [:]
    /// Values links gave, by the operation linked to and its parameter's name.
    private var linked: [OperationKey: [String: String]] = [:]

    /// Learns from a 2xx answer: the values its documented response's links give, and the id a POST created.
    /// `requestPath` is the request's path parameter values as the router read them (`$request.path.orderId`).
    mutating func learn(
        from operation: ConformSpec.Operation, request: HTTPRequest, requestPath: [String: String], response: HTTPResponse,
        document: OpenAPIDocument
    ) {
        guard (200..<300).contains(response.status) else { return }
        if let documented = ResponseMatcher.response(for: response.status, in: operation.responses) {
            for link in documented.links {
                guard let target = Self.target(of: link, in: document) else { continue }
                for (name, value) in link.parameters {
                    guard let text = RuntimeExpression.evaluate(value, request: request, requestPath: requestPath, response: response) else { continue }
                    linked[target.key, default: [:]][Self.bareName(name)] = text
                }
            }
        }
        guard operation.method.name.uppercased() == "POST", case .bytes(let bytes) = response.body,
            let body = try? JSONReader.parse(bytes)
        else { return }
        if let id = Self.text(body["id"]) ?? Self.text(body["data"]?["id"]) {
            created[operation.path] = id
        }
    }

    /// Values for the parameters of `operation`: what links gave it, and for path parameters that name an item of
    /// a collection something was created in (`/companies/{companyId}`), the id created there.
    func values(for operation: ConformSpec.Operation) -> [String: String] {
        var values: [String: String] = [:]
        let segments = operation.path.split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() where segment.hasPrefix("{") && segment.hasSuffix("}") && index > 0 {
            let collection = segments[..<index].joined(separator: "/")
            if let id = created[collection] { values[String(segment.dropFirst().dropLast())] = id }
        }
        values.merge(linked[operation.key] ?? [:]) { _, link in link }
        return values
    }

    /// The operation a link names: by `operationId`, or by an `operationRef` within the description
    /// (`#/paths/~1orders~1{orderId}/get`, and in 3.2 `#/paths/~1cache/additionalOperations/PURGE`): the operation
    /// written at that pointer of the entry document.
    static func target(of link: Link, in document: OpenAPIDocument) -> ConformSpec.Operation? {
        if let id = link.operationID { return document.operations.first { $0.operationID == id } }
        guard let reference = link.operationRef, let hash = reference.firstIndex(of: "#"),
            let pointer = try? JSONPointer(parsing: String(reference[reference.index(after: hash)...])),
            pointer.tokens.first == "paths"
        else { return nil }
        return document.operations.first { $0.origin.file == document.origin.file && $0.origin.pointer == pointer }
            ?? document.operations.first { operation in
                // A path item or operation that is itself a `$ref`: its origin is where the reference leads.
                pointer.tokens.count == 3 && operation.path == pointer.tokens[1] && operation.method.fixedField == pointer.tokens[2]
            }
    }

    /// A link parameter's name without the location it may be qualified with (`path.orderId` → `orderId`).
    private static func bareName(_ name: String) -> String {
        for location in ["path.", "query.", "header.", "cookie."] where name.hasPrefix(location) {
            return String(name.dropFirst(location.count))
        }
        return name
    }

    private static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)?: return text.isEmpty ? nil : text
        case .integer(let number)?: return String(number)
        default: return nil
        }
    }
}
