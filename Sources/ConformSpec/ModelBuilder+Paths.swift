import ConformFindings
import ConformValues

extension ModelBuilder {
    mutating func buildPathItem(template: String, at pointer: SpecPointer, value: JSONValue) -> PathItem? {
        guard let (itemPointer, item) = object(at: pointer, value: value, "path item '\(template)'", references: .allowed) else {
            return unresolvedReference(in: value, at: pointer).map { broken in
                PathItem(template: template, operations: [], parameters: [], servers: [], origin: pointer, unresolved: broken)
            }
        }
        let (shared, sharedUnresolved) = buildParameters(in: item, at: itemPointer, operation: nil)
        let servers = buildServers(in: item, at: itemPointer)
        var operations: [Operation] = []
        var methods: [(HTTPMethod, SpecPointer, JSONValue)] = []
        for method in version.isV32OrLater ? HTTPMethod.fixed32 : HTTPMethod.fixed30 {
            guard let field = method.fixedField, let value = item[field] else { continue }
            methods.append((method, itemPointer / field, value))
        }
        if version.isV32OrLater, let (additionalPointer, additional) = map("additionalOperations", in: item, at: itemPointer) {
            for (token, value) in additional.members {
                let pointer = additionalPointer / token
                if let fixed = HTTPMethod(fixedToken: token) {
                    // OpenAPI 3.2: a method with a fixed field must use it. Checking it twice would report twice.
                    report(.specStructure, "additionalOperations names '\(token)', which has its own field '\(fixed.fixedField ?? "")' in a Path Item; use that field", at: pointer)
                    continue
                }
                guard Self.isMethodToken(token) else {
                    report(.specStructure, "additionalOperations key '\(token)' is not an HTTP method token (letters, digits and !#$%&'*+-.^_`|~)", at: pointer)
                    continue
                }
                methods.append((HTTPMethod(additional: token), pointer, value))
            }
        }
        for (method, pointer, value) in methods {
            if var operation = buildOperation(method, template: template, shared: shared, at: pointer, value: value) {
                operation.unresolvedParameters = sharedUnresolved + operation.unresolvedParameters
                operations.append(operation)
            }
        }
        return PathItem(template: template, operations: operations, parameters: shared, servers: servers, origin: itemPointer)
    }

    /// An RFC 9110 token (section 5.6.2), which is what a method is.
    static func isMethodToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    mutating func buildOperation(
        _ method: HTTPMethod, template: String, shared: [Parameter], at pointer: SpecPointer, value: JSONValue
    ) -> Operation? {
        let name = OperationKey(method: method.name, path: template)
        guard let (operationPointer, operation) = object(
            at: pointer, value: value, "operation \(name)", references: .misplaced(what: "an Operation Object"))
        else {
            return unresolvedReference(in: value, at: pointer).map { broken in
                Operation(
                    method: method, path: template, operationID: nil, summary: nil, tags: [], deprecated: false, parameters: [],
                    requestBody: nil, responses: [], security: nil, servers: [], origin: pointer, unresolved: broken)
            }
        }

        let (own, ownUnresolved) = buildParameters(in: operation, at: operationPointer, operation: name)
        let inherited = shared.filter { parameter in
            !own.contains { $0.name == parameter.name && $0.location == parameter.location }
        }

        var requestBody: RequestBody?
        if let value = operation["requestBody"] {
            requestBody = buildRequestBody(at: operationPointer / "requestBody", value: value)
        }

        var responses: [Response] = []
        if let (responsesPointer, responseMap) = map("responses", in: operation, at: operationPointer) {
            for (key, value) in responseMap.members where !key.hasPrefix("x-") {
                let responsePointer = responsesPointer / key
                guard let responseKey = ResponseKey(key) else {
                    report(.specStructure, "response key '\(key)' is not a status code (100–599), a range such as '4XX', or 'default'", at: responsePointer, operation: name)
                    continue
                }
                if let response = buildResponse(responseKey, at: responsePointer, value: value) { responses.append(response) }
            }
        }

        let security = operation["security"] != nil ? buildSecurity(in: operation, at: operationPointer) : nil
        checkQuerystring(inherited + own, of: name)
        return Operation(
            method: method,
            path: template,
            operationID: string("operationId", in: operation, at: operationPointer),
            summary: string("summary", in: operation, at: operationPointer),
            tags: array("tags", in: operation, at: operationPointer)?.items.compactMap(\.stringValue) ?? [],
            deprecated: bool("deprecated", in: operation, at: operationPointer) ?? false,
            parameters: inherited + own,
            requestBody: requestBody,
            responses: responses,
            security: security,
            servers: buildServers(in: operation, at: operationPointer),
            origin: operationPointer,
            unresolvedParameters: ownUnresolved)
    }

    mutating func buildRequestBody(at pointer: SpecPointer, value: JSONValue) -> RequestBody? {
        guard let (bodyPointer, body) = object(at: pointer, value: value, "a request body", references: .allowed) else {
            return unresolvedReference(in: value, at: pointer).map { broken in
                RequestBody(required: false, description: nil, content: [], origin: pointer, unresolved: broken)
            }
        }
        if body["content"] == nil {
            report(.specStructure, "a request body has no 'content', which is required", at: bodyPointer)
        }
        return RequestBody(
            required: bool("required", in: body, at: bodyPointer) ?? false,
            description: string("description", in: body, at: bodyPointer),
            content: buildContent(in: body, at: bodyPointer),
            origin: bodyPointer)
    }

    mutating func buildResponse(_ key: ResponseKey, at pointer: SpecPointer, value: JSONValue) -> Response? {
        guard let (responsePointer, response) = object(at: pointer, value: value, "response \(key)", references: .allowed) else {
            return unresolvedReference(in: value, at: pointer).map { broken in
                Response(key: key, description: nil, headers: [], content: [], origin: pointer, unresolved: broken)
            }
        }
        var headers: [Header] = []
        if let (headersPointer, headerMap) = map("headers", in: response, at: responsePointer) {
            for (name, value) in headerMap.members {
                if let header = buildHeader(name: name, at: headersPointer / name, value: value) { headers.append(header) }
            }
        }
        var links: [Link] = []
        if let (linksPointer, linkMap) = map("links", in: response, at: responsePointer) {
            for (name, value) in linkMap.members {
                guard let (linkPointer, link) = object(at: linksPointer / name, value: value, "link '\(name)'", references: .allowed) else { continue }
                let parameters = link["parameters"]?.objectValue.map { Array($0.members).map { (name: $0.0, value: $0.1) } } ?? []
                links.append(Link(
                    name: name, operationID: link["operationId"]?.stringValue, operationRef: link["operationRef"]?.stringValue,
                    parameters: parameters, origin: linkPointer))
            }
        }
        return Response(
            key: key,
            description: string("description", in: response, at: responsePointer),
            summary: version.isV32OrLater ? string("summary", in: response, at: responsePointer) : nil,
            headers: headers,
            content: buildContent(in: response, at: responsePointer),
            links: links,
            origin: responsePointer)
    }
}
