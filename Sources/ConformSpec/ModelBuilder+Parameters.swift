import ConformFindings
import ConformValues

extension ModelBuilder {
    /// The `parameters` list of a path item or operation, and the entries that are `$ref`s leading nowhere.
    /// Duplicates (same name and location) are reported.
    mutating func buildParameters(
        in object: JSONObject, at pointer: SpecPointer, operation: OperationKey?
    ) -> (parameters: [Parameter], unresolved: [UnresolvedReference]) {
        guard let (parametersPointer, items) = array("parameters", in: object, at: pointer) else { return ([], []) }
        var parameters: [Parameter] = []
        var unresolved: [UnresolvedReference] = []
        for (index, item) in items.enumerated() {
            let itemPointer = parametersPointer / index
            guard let parameter = buildParameter(at: itemPointer, value: item) else {
                if let broken = unresolvedReference(in: item, at: itemPointer) { unresolved.append(broken) }
                continue
            }
            if parameters.contains(where: { $0.name == parameter.name && $0.location == parameter.location }) {
                report(.specParameterDuplicate, "\(parameter.location.rawValue) parameter '\(parameter.name)' is declared twice", at: itemPointer, operation: operation)
                continue
            }
            parameters.append(parameter)
        }
        return (parameters, unresolved)
    }

    /// OpenAPI 3.2: "`querystring` MUST NOT appear more than once and MUST NOT appear in the same operation (or
    /// path item) as any `query` parameters": the one describes what the others would. Checked on the effective
    /// parameters, so a path item's querystring and an operation's query parameter are caught too.
    mutating func checkQuerystring(_ parameters: [Parameter], of operation: OperationKey) {
        let whole = parameters.filter { $0.location == .querystring }
        guard let first = whole.first else { return }
        for extra in whole.dropFirst() {
            report(.specParameterDuplicate, "\(operation) has a second querystring parameter '\(extra.name)' besides '\(first.name)'; there can be only one", at: extra.origin, operation: operation)
        }
        if let query = parameters.first(where: { $0.location == .query }) {
            report(.specStructure, "\(operation) has querystring parameter '\(first.name)' and query parameter '\(query.name)'; a querystring parameter describes the whole query string, so it cannot be mixed with query parameters", at: query.origin, operation: operation)
        }
    }

    mutating func buildParameter(at pointer: SpecPointer, value: JSONValue) -> Parameter? {
        guard let (parameterPointer, parameter) = object(at: pointer, value: value, "a parameter", references: .allowed) else { return nil }
        guard let name = requiredString("name", in: parameter, at: parameterPointer, of: "a parameter") else { return nil }
        guard let locationText = requiredString("in", in: parameter, at: parameterPointer, of: "parameter '\(name)'") else { return nil }
        guard let location = ParameterLocation(rawValue: locationText), location != .querystring || version.isV32OrLater else {
            let allowed = version.isV32OrLater ? "path, query, querystring, header or cookie" : "path, query, header or cookie"
            report(.specStructure, "parameter '\(name)' has 'in: \(locationText)'; it must be \(allowed)", at: parameterPointer / "in")
            return nil
        }
        let required = bool("required", in: parameter, at: parameterPointer) ?? false
        if location == .path && !required {
            report(.specStructure, "path parameter '\(name)' must have 'required: true'", at: parameterPointer)
        }
        let style = buildStyle(in: parameter, at: parameterPointer) ?? ParameterStyle.defaultStyle(for: location)
        let (schema, content) = buildSchemaOrContent(in: parameter, at: parameterPointer, of: "parameter '\(name)'")
        if location == .querystring, content.isEmpty {
            let message = schema != nil
                ? "querystring parameter '\(name)' has 'schema'; the whole query string is described by 'content' with one media type (such as application/x-www-form-urlencoded) instead"
                : "querystring parameter '\(name)' needs 'content' with one media type (such as application/x-www-form-urlencoded) to describe the whole query string"
            report(.specStructure, message, at: parameterPointer)
        }
        if style == .cookie, location != .cookie {
            report(.specStructure, "parameter '\(name)' has 'style: cookie', which only cookie parameters may have", at: parameterPointer / "style")
        }
        let built = Parameter(
            name: name,
            location: location,
            required: location == .path ? true : required,
            deprecated: bool("deprecated", in: parameter, at: parameterPointer) ?? false,
            allowEmptyValue: bool("allowEmptyValue", in: parameter, at: parameterPointer) ?? false,
            style: style,
            explode: bool("explode", in: parameter, at: parameterPointer) ?? (style == .form),
            allowReserved: bool("allowReserved", in: parameter, at: parameterPointer) ?? false,
            schema: schema,
            content: content,
            origin: parameterPointer)
        if built.isIgnoredHeader { reportIgnored(built) }
        return built
    }

    /// A header parameter OpenAPI ignores, once per place however many operations reference it, with where the
    /// description says what it meant to.
    private mutating func reportIgnored(_ parameter: Parameter) {
        guard !findings.contains(where: { $0.rule == .specParameterIgnored && $0.specPointer == parameter.origin }) else { return }
        let instead = switch parameter.name.lowercased() {
        case "authorization": "a security scheme (components.securitySchemes, such as {type: http, scheme: bearer}) that the operation's security requires describes it"
        case "content-type": "the request body's content says which media types are sent"
        default: "the responses' content says which media types are answered"
        }
        report(.specParameterIgnored, "header parameter '\(parameter.name)' is ignored, as OpenAPI says of Accept, Content-Type and Authorization: \(instead)", at: parameter.origin)
    }

    mutating func buildHeader(name: String, at pointer: SpecPointer, value: JSONValue) -> Header? {
        guard let (headerPointer, header) = object(at: pointer, value: value, "header '\(name)'", references: .allowed) else {
            return unresolvedReference(in: value, at: pointer).map { broken in
                Header(name: name, required: false, deprecated: false, style: .simple, explode: false, schema: nil, content: [], origin: pointer, unresolved: broken)
            }
        }
        let style = buildStyle(in: header, at: headerPointer) ?? .simple
        let (schema, content) = buildSchemaOrContent(in: header, at: headerPointer, of: "header '\(name)'")
        return Header(
            name: name,
            required: bool("required", in: header, at: headerPointer) ?? false,
            deprecated: bool("deprecated", in: header, at: headerPointer) ?? false,
            style: style,
            explode: bool("explode", in: header, at: headerPointer) ?? false,
            schema: schema,
            content: content,
            origin: headerPointer)
    }

    private mutating func buildStyle(in object: JSONObject, at pointer: SpecPointer) -> ParameterStyle? {
        guard let text = string("style", in: object, at: pointer) else { return nil }
        guard let style = ParameterStyle(rawValue: text) else {
            report(.specStructure, "unknown style '\(text)'", at: pointer / "style")
            return nil
        }
        return style
    }

    /// A parameter or header describes its value with `schema` or with a one-entry `content`, never both.
    private mutating func buildSchemaOrContent(
        in object: JSONObject, at pointer: SpecPointer, of what: String
    ) -> (SpecPointer?, [MediaType]) {
        let schema = object["schema"] != nil ? pointer / "schema" : nil
        let content = buildContent(in: object, at: pointer)
        if schema != nil && object["content"] != nil {
            report(.specStructure, "\(what) has both 'schema' and 'content'; use one", at: pointer)
        } else if let contentMap = object["content"]?.objectValue, contentMap.count != 1 {
            report(.specStructure, "\(what) must have exactly one entry in 'content', found \(contentMap.count)", at: pointer / "content")
        }
        return (schema, content)
    }

    /// The `content` map of a request body, response, parameter or header.
    mutating func buildContent(in object: JSONObject, at pointer: SpecPointer) -> [MediaType] {
        guard let (contentPointer, contentMap) = map("content", in: object, at: pointer) else { return [] }
        var result: [MediaType] = []
        for (name, value) in contentMap.members {
            let mediaPointer = contentPointer / name
            // OpenAPI 3.2 adds `components.mediaTypes`, so a Media Type Object may be a `$ref` there.
            let references: ReferencePolicy = version.isV32OrLater ? .allowed : .misplaced(what: "a Media Type Object")
            guard let (typePointer, mediaType) = self.object(at: mediaPointer, value: value, "media type '\(name)'", references: references)
            else {
                if let broken = unresolvedReference(in: value, at: mediaPointer) {
                    result.append(MediaType(name: name, schema: nil, example: nil, examples: [], encoding: [], origin: mediaPointer, unresolved: broken))
                }
                continue
            }
            var examples: [NamedExample] = []
            if let (examplesPointer, exampleMap) = map("examples", in: mediaType, at: typePointer) {
                for (exampleName, value) in exampleMap.members {
                    let examplePointer = examplesPointer / exampleName
                    guard let (resolved, example) = self.object(at: examplePointer, value: value, "example '\(exampleName)'", references: .allowed)
                    else { continue }
                    let data = version.isV32OrLater && example["dataValue"] != nil ? "dataValue" : "value"
                    examples.append(NamedExample(
                        name: exampleName, value: example[data] != nil ? resolved / data : nil,
                        serializedValue: version.isV32OrLater && example["serializedValue"] != nil ? resolved / "serializedValue" : nil,
                        origin: resolved))
                }
            }
            var encodings: [Encoding] = []
            if let (encodingsPointer, encodingMap) = map("encoding", in: mediaType, at: typePointer) {
                for (property, value) in encodingMap.members {
                    if let encoding = buildEncoding(property: property, at: encodingsPointer / property, value: value) { encodings.append(encoding) }
                }
            }
            var prefixEncoding: [Encoding] = []
            var itemEncoding: Encoding?
            if version.isV32OrLater {
                if let (prefixPointer, items) = array("prefixEncoding", in: mediaType, at: typePointer) {
                    for (index, value) in items.enumerated() {
                        if let encoding = buildEncoding(property: "", at: prefixPointer / index, value: value) { prefixEncoding.append(encoding) }
                    }
                }
                if let value = mediaType["itemEncoding"] {
                    itemEncoding = buildEncoding(property: "", at: typePointer / "itemEncoding", value: value)
                }
            }
            result.append(MediaType(
                name: name,
                schema: mediaType["schema"] != nil ? typePointer / "schema" : nil,
                example: mediaType["example"] != nil ? typePointer / "example" : nil,
                examples: examples,
                encoding: encodings,
                itemSchema: version.isV32OrLater && mediaType["itemSchema"] != nil ? typePointer / "itemSchema" : nil,
                itemEncoding: itemEncoding,
                prefixEncoding: prefixEncoding,
                origin: typePointer))
        }
        return result
    }

    /// An Encoding Object: of a form or multipart property (`property` names it) or, in OpenAPI 3.2, of a
    /// `multipart/mixed` part by position (`prefixEncoding`, `itemEncoding`; `property` empty).
    private mutating func buildEncoding(property: String, at pointer: SpecPointer, value: JSONValue) -> Encoding? {
        guard let (resolved, encoding) = self.object(at: pointer, value: value, "encoding '\(property)'", references: .misplaced(what: "an Encoding Object"))
        else { return nil }
        var headers: [Header] = []
        if let (headersPointer, headerMap) = map("headers", in: encoding, at: resolved) {
            for (headerName, value) in headerMap.members {
                if let header = buildHeader(name: headerName, at: headersPointer / headerName, value: value) { headers.append(header) }
            }
        }
        return Encoding(
            property: property,
            contentType: string("contentType", in: encoding, at: resolved),
            headers: headers,
            style: buildStyle(in: encoding, at: resolved),
            explode: bool("explode", in: encoding, at: resolved),
            allowReserved: bool("allowReserved", in: encoding, at: resolved) ?? false,
            origin: resolved)
    }
}
