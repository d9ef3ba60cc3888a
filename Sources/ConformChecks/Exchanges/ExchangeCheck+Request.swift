import Foundation
import ConformFindings
import ConformSchema
import ConformSpec
import ConformTraffic
import ConformValues

extension ExchangeCheck {
    mutating func checkRequest(_ match: OperationRouter.Match, url: RequestURL) {
        let plan = match.plan
        let request = exchange.request
        let pairs = url.rawQueryPairs
        let query = pairs.map { (name: $0.name, value: $0.value) }
        let cookies = Self.cookies(request.headers)
        checkParameters(plan, path: match, query: pairs, rawQuery: url.query, cookies: cookies)
        let credentials = SecurityCheck.Credentials(headers: request.headers, query: query, cookies: cookies)
        switch validator.security.check(requirements: plan.security, credentials: credentials) {
        case .met:
            break
        case .metByHiddenCredentials(let names):
            report(.notValidated, .request, "the recording hides the credentials of \(names.joined(separator: " and ")); their presence was checked, not their values", at: plan.securityOrigin)
        case .unmet(let problem):
            report(.requestSecurityMissing, .request, problem, at: plan.securityOrigin)
        }
        checkRequestBody(plan)
    }

    static func cookies(_ headers: HTTPHeaders) -> [String: String] {
        var cookies: [String: String] = [:]
        for header in headers.values(for: "Cookie") {
            for pair in HTTPHeaders.cookiePairs(header) where cookies[pair.name] == nil {
                cookies[pair.name] = pair.value
            }
        }
        return cookies
    }

    private static func cookieValues(_ name: String, in headers: HTTPHeaders) -> [String] {
        headers.values(for: "Cookie").flatMap(HTTPHeaders.cookiePairs).filter { $0.name == name }.map(\.value)
    }

    private mutating func checkParameters(
        _ plan: OperationPlan, path: OperationRouter.Match, query: [QueryPair], rawQuery: String?, cookies: [String: String]
    ) {
        let operation = plan.operation
        let decoder = ParameterDecoder(schemas: compiled, budget: budget)
        for broken in operation.unresolvedParameters {
            report(.specRefUnresolved, .request, "a parameter of \(operation.key) is \(broken), which resolves nowhere; the request's parameters cannot all be checked", at: broken.pointer, expected: broken.reference)
        }
        // Each parameter read through its plan, not bound to a local: a local copy retains every string in it.
        for planned in plan.parameters {
            if planned.parameter.location == .querystring {
                let decoded = QuerystringDecoder(schemas: compiled, budget: budget).decode(planned.parameter, query: rawQuery, schema: planned.schema)
                checkParameterValue(decoded, of: planned)
                continue
            }
            let source: ParameterDecoder.Source?
            let name = planned.parameter.name
            switch planned.parameter.location {
            case .path:
                source = path.rawPathValues[name].map { .rawPath(Substring($0)) } ?? path.pathValues[name].map { .path($0) }
            case .query: source = ParameterDecoder.Source.query(query)
            case .header:
                if Parameter.isIgnoredHeader(named: name) { continue }
                source = exchange.request.headers[name].map { .header($0) }
            case .cookie:
                // An exploded list is one cookie per item (`id=3; id=4`); they are read as the one list they form.
                let repeated = planned.parameter.explode ? Self.cookieValues(name, in: exchange.request.headers) : []
                source = repeated.count > 1 ? .cookie(repeated.joined(separator: ",")) : cookies[name].map { .cookie($0) }
            case .querystring: continue
            }
            // A recording written with redaction (`probe`/`proxy --record`) masks credential-like query values, header
            // values and cookies; the mask is no value to judge against the schema, only proof one was sent.
            if isMasked(planned, source: source) {
                report(.notValidated, .request, "the recording hides the value of \(Self.subject(planned)); its presence was checked, not its value", at: planned.parameter.origin)
                continue
            }
            let decoded = source.map { decoder.decode(planned.parameter, schema: planned.schema, from: $0) } ?? .absent
            // allowEmptyValue (OAS 3.0.4 and 3.1.1 say what 3.0.3 left open): with it, an empty value stands for a
            // parameter left out, so there is nothing for the schema to judge (an empty `dateOfBirth` is not a
            // malformed date); without it, an empty value is the empty string, which the schema judges.
            if case .value = decoded, planned.parameter.allowEmptyValue, decoder.isSentEmpty(planned.parameter, in: query) {
                continue
            }
            checkParameterValue(decoded, of: planned)
        }
        // A querystring parameter describes the whole query string: its schema says which names may appear.
        if plan.hasQuerystring { return }
        guard !query.isEmpty else { return }
        var unknown: [String] = []
        for pair in query where !unknown.contains(pair.name) {
            // A name sent as documented is the usual case, found before any style or schema is looked at.
            // A parameter described by `content` is sent as one value, whatever its schema's properties.
            let claimed = plan.queryParameters.contains { $0.parameter.name == pair.name }
                || plan.templateQueryNames.contains(pair.name)
                || plan.queryParameters.contains { decoder.claims(pair.name, parameter: $0.parameter, schema: $0.ownSchema) }
            if !claimed && !isAPIKeyQueryParameter(pair.name) { unknown.append(pair.name) }
        }
        for name in unknown {
            report(.requestParameterUnknown, .request, "query parameter '\(name)' is not documented for this operation", at: operation.origin, actual: name)
        }
    }

    /// `query parameter 'limit'`: made only for a finding, since every parameter of every request comes here.
    private static func subject(_ planned: ParameterPlan) -> String {
        ParameterSubject.text(planned.parameter.location, planned.parameter.name)
    }

    private mutating func checkParameterValue(_ decoded: ParameterDecoder.Decoded, of planned: ParameterPlan) {
        switch decoded {
        case .absent:
            if planned.parameter.required {
                report(.requestParameterMissing, .request, "required \(Self.subject(planned)) is missing", at: planned.parameter.origin, expected: planned.parameter.name)
            }
        case .invalid(let reason):
            report(.requestParameterInvalid, .request, "\(Self.subject(planned)) \(reason)", at: planned.parameter.origin)
        case .notValidated(let reason):
            report(.notValidated, .request, "\(Self.subject(planned)) \(reason)", at: planned.parameter.origin)
        case .value(let value):
            guard let schema = planned.schema else { return }
            let failures = failures(of: value, against: schema, direction: .request)
            guard !failures.isEmpty else { return }
            report(failures, as: .requestParameterInvalid, .request, subject: Self.subject(planned))
        }
    }

    /// Whether the parameter's value, as sent, is the mask a redacting recorder put in its place.
    private func isMasked(_ planned: ParameterPlan, source: ParameterDecoder.Source?) -> Bool {
        switch source {
        case .query(let pairs)?:
            var sent = false
            for pair in pairs where pair.name == planned.parameter.name {
                guard pair.value == Redactor.mask else { return false }
                sent = true
            }
            return sent
        case .header(let value)?, .cookie(let value)?:
            return value == Redactor.mask
        default:
            return false
        }
    }

    private func isAPIKeyQueryParameter(_ name: String) -> Bool {
        validator.document.components.securitySchemes.values.contains { scheme in
            if case .apiKey(let key, .query) = scheme.kind { return key == name }
            return false
        }
    }

    private mutating func checkRequestBody(_ plan: OperationPlan) {
        let request = exchange.request
        let operation = plan.operation
        guard let body = operation.requestBody, let content = plan.requestContent else {
            if !request.body.isEmpty {
                report(.requestBodyUnexpected, .request, "the request has a \(request.body.byteCount)-byte body, but \(operation.key) documents no request body", at: operation.origin)
            }
            return
        }
        guard request.bodyCaptured else {
            report(.notValidated, .request, "the recording did not keep the request body, so its media type and schema are not checked", at: body.origin)
            return
        }
        if let broken = body.unresolved {
            report(.specRefUnresolved, .request, "the request body of \(operation.key) is \(broken), which resolves nowhere; the request body cannot be checked", at: broken.pointer, expected: broken.reference)
            return
        }
        guard !request.body.isEmpty else {
            if body.required {
                report(.requestBodyMissing, .request, "the request body is required, but the request has none", at: body.origin)
            }
            return
        }
        checkBody(request.body, headers: request.headers, content: content, origin: body.origin, side: .request)
    }

    /// Content type, decoding and schema of a request or response body against documented content.
    mutating func checkBody(_ body: HTTPBody, headers: HTTPHeaders, content: ContentPlan, origin: SpecPointer, side: ExchangeSide) {
        let contentTypeRule: RuleID = side == .request ? .requestContentType : .responseContentType
        guard let contentType = headers["Content-Type"] else {
            report(contentTypeRule, side, "the \(side.rawValue) has a body but no Content-Type header; documented: \(content.documented)", at: origin / "content", expected: content.documented)
            return
        }
        guard let index = content.index(of: contentType) else {
            report(contentTypeRule, side, "Content-Type '\(contentType)' is not documented; documented: \(content.documented)", at: origin / "content", expected: content.documented, actual: contentType)
            return
        }
        let planned = content.media[index]
        guard case .bytes(let bytes) = body, let coding = headers["Content-Encoding"] else {
            checkBody(body, contentType: contentType, planned: planned, side: side)
            return
        }
        // As it went over the wire (a proxied exchange, a cassette that kept the raw bytes): undone first.
        switch ContentCoding.decode(bytes, contentEncoding: coding, limit: validator.maxBodyBytes) {
        case .bytes(let decoded):
            checkBody(.bytes(decoded), contentType: contentType, planned: planned, side: side)
        case .undecodable(let name):
            if side == .response { result.mediaType = planned.media.name }
            report(.notValidated, side, "the \(side.rawValue) body is Content-Encoding \(name), which this tool does not decode, so its media type and schema are not checked", at: planned.media.origin)
        case .malformed(let message):
            if side == .response { result.mediaType = planned.media.name }
            report(side == .request ? .requestBodyInvalid : .responseBodyInvalid, side, message, at: planned.media.origin, expected: planned.media.name)
        }
    }

    /// Decoding and schema of a body sent as a documented media type.
    private mutating func checkBody(_ body: HTTPBody, contentType: String, planned: MediaPlan, side: ExchangeSide) {
        let media = planned.media, schema = planned.schema
        let bodyRule: RuleID = side == .request ? .requestBodyInvalid : .responseBodyInvalid
        if side == .response { result.mediaType = media.name }
        if let broken = media.unresolved {
            report(.specRefUnresolved, side, "the \(media.name) content of the \(side.rawValue) is \(broken), which resolves nowhere; the body cannot be checked", at: broken.pointer, expected: broken.reference)
            return
        }
        if let format = sequenceFormat(of: contentType, media: media) {
            checkSequence(body, format: format, contentType: contentType, media: media, side: side)
            return
        }
        var decoder = BodyDecoder(schemas: compiled, budget: budget)
        decoder.stylesApplyToMultipart = validator.document.version.isV31OrLater
        let decoded = decoder.decode(body, contentType: contentType, media: media, schema: schema)
        // The Encoding Object describes request bodies only.
        if case .multipart(_, let parts) = decoded, side == .request {
            checkPartHeaders(parts, encodings: media.encoding)
        }
        switch decoded {
        case .malformed(let message):
            report(bodyRule, side, message, at: media.origin, expected: media.name)
        case .notChecked(let reason):
            let message = schema == nil
                ? "\(side.rawValue) body not checked: \(media.name) documents no schema"
                : "\(side.rawValue) body not checked against its schema: \(reason)"
            report(.notValidated, side, message, at: media.origin)
        case .value(let tape):
            guard let schema else {
                report(.notValidated, side, "\(side.rawValue) body not checked: \(media.name) documents no schema", at: media.origin)
                return
            }
            let failures = compiled.validate(tape, against: schema, direction: side == .request ? .request : .response, budget: budget)
            report(failures, as: bodyRule, side, subject: "\(side.rawValue) body")
        case .multipart(let value, _):
            guard let schema else {
                report(.notValidated, side, "\(side.rawValue) body not checked: \(media.name) documents no schema", at: media.origin)
                return
            }
            let failures = self.failures(of: value, against: schema, direction: side == .request ? .request : .response)
            report(failures, as: bodyRule, side, subject: "\(side.rawValue) body")
        }
    }
}
