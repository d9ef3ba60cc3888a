import ConformFindings
import ConformValues

extension ModelBuilder {
    /// The `security` list of the document or an operation. Nil when absent; an empty list means "none".
    mutating func buildSecurity(in object: JSONObject, at pointer: SpecPointer) -> [SecurityRequirement]? {
        guard let (securityPointer, items) = array("security", in: object, at: pointer) else { return nil }
        var requirements: [SecurityRequirement] = []
        for (index, item) in items.enumerated() {
            let itemPointer = securityPointer / index
            guard case .object(let requirement) = item else {
                report(.specStructure, "a security requirement must be an object, found \(Self.describe(item))", at: itemPointer)
                continue
            }
            var schemes: [(name: String, scopes: [String])] = []
            for (name, scopes) in requirement.members {
                guard case .array(let list) = scopes else {
                    report(.specStructure, "the scopes of '\(name)' must be an array, found \(Self.describe(scopes))", at: itemPointer / name)
                    continue
                }
                schemes.append((name, list.compactMap(\.stringValue)))
            }
            requirements.append(SecurityRequirement(schemes: schemes, origin: itemPointer))
        }
        return requirements
    }

    mutating func buildSecurityScheme(name: String, at pointer: SpecPointer, value: JSONValue) -> SecurityScheme? {
        guard let (schemePointer, scheme) = object(at: pointer, value: value, "security scheme '\(name)'", references: .allowed) else { return nil }
        guard let type = requiredString("type", in: scheme, at: schemePointer, of: "security scheme '\(name)'") else { return nil }
        let kind: SecurityScheme.Kind
        switch type {
        case "apiKey":
            guard let keyName = requiredString("name", in: scheme, at: schemePointer, of: "apiKey scheme '\(name)'"),
                let locationText = requiredString("in", in: scheme, at: schemePointer, of: "apiKey scheme '\(name)'")
            else { return nil }
            guard let location = ParameterLocation(rawValue: locationText), location != .path, location != .querystring else {
                report(.specStructure, "apiKey scheme '\(name)' has 'in: \(locationText)'; it must be query, header or cookie", at: schemePointer / "in")
                return nil
            }
            kind = .apiKey(name: keyName, location: location)
        case "http":
            guard let httpScheme = requiredString("scheme", in: scheme, at: schemePointer, of: "http scheme '\(name)'") else { return nil }
            kind = .http(scheme: httpScheme.lowercased(), bearerFormat: string("bearerFormat", in: scheme, at: schemePointer))
        case "oauth2":
            kind = .oauth2
            var built = SecurityScheme(name: name, kind: kind, origin: schemePointer)
            built.flows = buildFlows(in: scheme, at: schemePointer)
            if version.isV32OrLater { built.oauth2MetadataURL = scheme["oauth2MetadataUrl"]?.stringValue }
            return marked(built, in: scheme)
        case "openIdConnect":
            kind = .openIDConnect(url: string("openIdConnectUrl", in: scheme, at: schemePointer))
        case "mutualTLS" where version.isV31OrLater:
            kind = .mutualTLS
        default:
            report(.specStructure, "security scheme '\(name)' has unknown type '\(type)'", at: schemePointer / "type")
            return nil
        }
        return marked(SecurityScheme(name: name, kind: kind, origin: schemePointer), in: scheme)
    }

    /// A scheme with its OpenAPI 3.2 `deprecated` flag. A flag of the wrong type is the meta-schema's to report.
    private func marked(_ scheme: SecurityScheme, in object: JSONObject) -> SecurityScheme {
        var scheme = scheme
        scheme.deprecated = version.isV32OrLater && object["deprecated"]?.boolValue == true
        return scheme
    }

    /// The flows of an `oauth2` scheme, as far as they are written well; what is missing or mistyped in them is the
    /// meta-schema's to report, and changes nothing the exchanges are checked for.
    private func buildFlows(in scheme: JSONObject, at pointer: SpecPointer) -> [OAuthFlow] {
        guard case .object(let flows)? = scheme["flows"] else { return [] }
        return flows.members.compactMap { name, value -> OAuthFlow? in
            guard let kind = OAuthFlow.Kind(rawValue: name), kind != .deviceAuthorization || version.isV32OrLater,
                case .object(let flow) = value
            else { return nil }
            return OAuthFlow(
                kind: kind,
                authorizationURL: flow["authorizationUrl"]?.stringValue,
                deviceAuthorizationURL: flow["deviceAuthorizationUrl"]?.stringValue,
                tokenURL: flow["tokenUrl"]?.stringValue,
                refreshURL: flow["refreshUrl"]?.stringValue,
                scopes: flow["scopes"]?.objectValue.map { Array($0.keys) } ?? [],
                origin: pointer / "flows" / name)
        }
    }
}
