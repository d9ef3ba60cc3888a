import ConformChecks
import ConformFindings
import ConformSchema
import ConformSpec
import ConformTraffic
import ConformValues

/// What the mock answers a request, decided by the same router and checks as `validate`:
/// - a path the description does not have: 404; a method its path item does not document: 405 with `Allow`;
/// - missing credentials: 401 with a `WWW-Authenticate` challenge per accepted scheme;
/// - any other finding at the failing severity: 400, its findings in an RFC 9457 problem;
/// - otherwise a documented response: the lowest 2xx unless `Prefer: code=` names another, in the media type
///   `Accept` prefers (406 when it accepts none), with the description's example or a generated body, and the
///   response headers the description requires.
/// The answer is then checked with the request as one exchange, so the mock's own answers are held to the
/// description too.
struct MockResponder: Sendable {
    let contract: Contract
    /// Seeds the generator; each request adds its own number, so a run is reproducible and answers still vary.
    let seed: UInt64
    var credentials = AcceptedCredentials()

    struct Answer: Sendable {
        var response: HTTPResponse
        /// The exchange's result: the request's findings and those of the answer.
        var result: ExchangeResult
    }

    /// A response and whether the description gave it. The mock's own problem answers (to a request it refuses, or
    /// when it cannot answer as documented) are not the API's responses: the exchange's result is then the
    /// request's findings alone, not also "status 400 is not documented".
    private struct Reply {
        var response: HTTPResponse
        var documented: Bool
    }

    func answer(_ request: HTTPRequest, number: Int) -> Answer {
        let source = ExchangeReference(source: .live("mock"), index: number)
        let live = contract.check(request, source: source)
        if let refused = refusal(request, live: live, number: number) { return refused }
        return finish(respond(to: request, live: live, number: number), live: live)
    }

    /// The answer to a request the mock would not answer as documented (an unknown path 404, an undocumented method
    /// 405, missing or refused credentials 401, findings 400 or 404), with the exchange's result; nil for a request
    /// it answers as the description says. `proxy --enforce` gates requests with it.
    func refusal(_ request: HTTPRequest, live: Contract.LiveRequest, number: Int) -> Answer? {
        refuse(request, live: live, number: number).map { finish($0, live: live) }
    }

    private func finish(_ reply: Reply, live: Contract.LiveRequest) -> Answer {
        guard reply.documented else {
            var result = live.result
            result.status = reply.response.status
            return Answer(response: reply.response, result: result)
        }
        return Answer(response: reply.response, result: contract.validate(live, response: reply.response))
    }

    private func refuse(_ request: HTTPRequest, live: Contract.LiveRequest, number: Int) -> Reply? {
        switch live.route {
        case .noPath, .unknownServer:
            let path = RequestURL(request.url).path
            return problem(404, "\(request.method) \(path): no path of the description matches")
        case .methodNotAllowed(let path, let allowed):
            var allow = allowed
            if allow.contains("GET"), !allow.contains("HEAD") { allow.append("HEAD") }
            var response = problem(405, "\(request.method) is not documented for \(path); documented: \(allowed.joined(separator: ", "))")
            response.response.headers.append(name: "Allow", value: allow.joined(separator: ", "))
            return response
        case .unresolvedPath:
            return nil
        case .matched(let match):
            guard match.operation.unresolved == nil else { return nil }
            return refuse(request, operation: match.operation, live: live, number: number)
        }
    }

    private func refuse(_ request: HTTPRequest, operation: ConformSpec.Operation, live: Contract.LiveRequest, number: Int) -> Reply? {
        let failing = live.result.findings.filter { $0.severity >= contract.failOn }
        if failing.contains(where: { $0.rule == .requestSecurityMissing }) {
            let missing = failing.filter { $0.rule == .requestSecurityMissing }
            var reply = refuse(
                401, "\(operation.key) needs credentials: " + (missing.first?.message ?? ""), findings: missing,
                operation: operation, request: request, number: number)
            let schemes = contract.document.components.securitySchemes
            for challenge in Challenge.challenges(for: contract.document.effectiveSecurity(of: operation), schemes: schemes) {
                reply.response.headers.append(name: "WWW-Authenticate", value: challenge)
            }
            return reply
        }
        let security = contract.document.effectiveSecurity(of: operation)
        if !credentials.accepts(request, requirements: security, schemes: contract.document.components.securitySchemes) {
            // Not a finding: the description cannot say which tokens are valid; the mock was told.
            var reply = refuse(
                401, "\(operation.key): the credentials sent are not among those the mock was given (--credential)", findings: [],
                operation: operation, request: request, number: number)
            for challenge in Challenge.challenges(for: security, schemes: contract.document.components.securitySchemes) {
                reply.response.headers.append(name: "WWW-Authenticate", value: challenge + ", error=\"invalid_token\"")
            }
            return reply
        }
        if !failing.isEmpty {
            let noun = failing.count == 1 ? "finding" : "findings"
            // A path whose parameters break their schemas names no resource (`/companies/null` where an id is a
            // UUID): 404, as APIs answer, unless the operation documents how it refuses bad input (400) and not 404
            // (tic-tac-toe's `/board/{row}/{column}` past its maximum: "the provided parameters are incorrect").
            // Anything else wrong is 400.
            var status = failing.allSatisfy { ParameterSubject.location(of: $0) == .path } ? 404 : 400
            if status == 404, documentedRefusal(404, operation) == nil, documentedRefusal(400, operation) != nil { status = 400 }
            return refuse(
                status, "the request to \(operation.key) breaks its description: \(failing.count) \(noun)", findings: failing,
                operation: operation, request: request, number: number)
        }
        return nil
    }

    /// The documented answer to a request the mock does not refuse.
    private func respond(to request: HTTPRequest, live: Contract.LiveRequest, number: Int) -> Reply {
        switch live.route {
        case .matched(let match):
            if let broken = match.operation.unresolved {
                return problem(500, "\(match.operation.key) is \(broken), which resolves nowhere")
            }
            return respond(to: request, operation: match.operation, number: number)
        case .unresolvedPath(let path, let broken):
            return problem(500, "the path item '\(path)' is \(broken), which resolves nowhere")
        case .noPath, .unknownServer, .methodNotAllowed:
            // `refusal` answered these.
            return problem(500, "the request was neither refused nor routed")
        }
    }

    private func respond(to request: HTTPRequest, operation: ConformSpec.Operation, number: Int) -> Reply {
        let prefer = PreferHeader(request.headers.values(for: "Prefer"))
        guard let documented = chooseResponse(operation, prefer: prefer) else {
            let keys = operation.responses.map(\.key.description).joined(separator: ", ")
            // An operation that documents no response (OpenAPI 3.1 allows it) constrains none: 204, which
            // claims nothing, recorded with the request's findings only.
            return prefer.code.map { problem(400, "Prefer: code=\($0) names no documented response of \(operation.key) (documented: \(keys.isEmpty ? "none" : keys))") }
                ?? Reply(response: HTTPResponse(status: 204), documented: false)
        }
        return respond(with: documented.response, status: documented.status, request: request, prefer: prefer, number: number)
    }

    /// The answer to a request the mock refuses (400 or 404 for its findings, 401 for credentials).
    ///
    /// Where the operation documents that refusal (the status itself, 422 for a 400, a `4XX` range or `default`),
    /// the answer is that documented response, so that a client's error handling sees the API's own error shape;
    /// its body is the problem below when the documented schema admits it, else the description's example or a
    /// generated one. Otherwise it is an `application/problem+json` problem (RFC 9457) listing the findings.
    /// Either way `Conform-Findings` carries the findings as a JSON array, as Prism's `sl-violations` does.
    private func refuse(
        _ status: Int, _ detail: String, findings: [Finding], operation: ConformSpec.Operation, request: HTTPRequest, number: Int
    ) -> Reply {
        let details = ProblemDetails(status: status, title: ProblemDetails.title(of: status), detail: detail, findings: findings)
        var reply = problemReply(details)
        if let documented = documentedRefusal(status, operation) {
            let answer = respond(
                with: documented.response, status: documented.status, request: request, prefer: PreferHeader(), number: number,
                candidate: details.json)
            if answer.documented { reply = answer }
        }
        reply.response.headers.append(name: "Conform-Findings", value: ProblemDetails.headerValue(findings))
        return reply
    }

    /// The documented response for a refusal with `status`, and the status to send: exact first, then 422 for a
    /// 400, then the `4XX` range and `default` (sent with `status`).
    private func documentedRefusal(_ status: Int, _ operation: ConformSpec.Operation) -> (response: Response, status: Int)? {
        let responses = operation.responses.filter { $0.unresolved == nil }
        for code in status == 400 ? [400, 422] : [status] {
            if let exact = responses.first(where: { $0.key == .status(code) }) { return (exact, code) }
        }
        if let range = responses.first(where: { $0.key == .range(status / 100) }) { return (range, status) }
        return responses.first { $0.key == .default }.map { ($0, status) }
    }

    /// The documented response to answer with and its status: `Prefer: code=` when documented (exactly, by range
    /// or by `default`), else the lowest documented 2xx, a `2XX` range as 200, `default` as 200, or the lowest
    /// informational or redirect status or range documented (an OAuth authorize endpoint's 302), or when only
    /// failures are documented (`Operation.documentsSuccess`), the lowest of them.
    private func chooseResponse(_ operation: ConformSpec.Operation, prefer: PreferHeader) -> (response: Response, status: Int)? {
        let responses = operation.responses.filter { $0.unresolved == nil }
        if let code = prefer.code {
            return ResponseMatcher.response(for: code, in: responses).map { ($0, code) }
        }
        let exact = responses.compactMap { response -> (Response, Int)? in
            if case .status(let code) = response.key { return (response, code) }
            return nil
        }
        // An operation that documents only failures (Petstore's `DELETE /pet/{petId}`: 400) is answered with the
        // lowest of them: any other answer would break the description the mock stands for, and lint's
        // `spec-operation-no-success` says what is missing.
        guard operation.documentsSuccess else { return exact.min { $0.1 < $1.1 } }
        if let success = exact.filter({ (200..<300).contains($0.1) }).min(by: { $0.1 < $1.1 }) { return success }
        if let range = responses.first(where: { $0.key == .range(2) }) { return (range, 200) }
        if let fallback = responses.first(where: { $0.key == .default }) { return (fallback, 200) }
        if let other = exact.filter({ $0.1 < 400 }).min(by: { $0.1 < $1.1 }) { return other }
        return responses.compactMap { response -> (Response, Int)? in
            if case .range(let first) = response.key, first < 4 { return (response, first * 100) }
            return nil
        }.min { $0.1 < $1.1 }
    }

    /// - Parameter candidate: A body to send if the media type's schema accepts it (a refusal's problem).
    private func respond(
        with documented: Response, status: Int, request: HTTPRequest, prefer: PreferHeader, number: Int, candidate: JSONValue? = nil
    ) -> Reply {
        var headers = HTTPHeaders()
        let content = MockContent(contract: contract)
        var body: [UInt8] = []
        if !documented.content.isEmpty, status != 204, status != 304 {
            guard let (index, contentType) = AcceptNegotiation.choose(documented.content.map(\.name), accept: request.headers["Accept"]) else {
                let types = documented.content.map(\.name).joined(separator: ", ")
                return problem(406, "Accept: \(request.headers["Accept"] ?? "") accepts none of the documented media types: \(types)")
            }
            let media = documented.content[index]
            if media.schema == nil, let itemSchema = media.itemSchema.flatMap(contract.schemas.schema(at:)),
                let format = SequenceFormat(mediaType: contentType)
            {
                // OpenAPI 3.2: only the items are described, so the answer is a few of them in the media type's format.
                switch MockStream(contract: contract).body(for: media, format: format, contentType: contentType, itemSchema: itemSchema, seed: seed &+ UInt64(number)) {
                case .success(let stream):
                    body = stream.bytes
                    headers.append(name: "Content-Type", value: Self.withCharset(stream.contentType))
                case .failure(let failure):
                    return problem(500, "no \(media.name) items can be made for the \(documented.key) response: \(failure.reason)")
                }
            } else {
                switch content.value(for: media, prefer: prefer, seed: seed &+ UInt64(number), candidate: MediaTypeName.isJSON(contentType) ? candidate : nil) {
                case .success(.array(let items)?) where contract.document.version.isV32OrLater && SequenceFormat(mediaType: contentType) != nil:
                    // OpenAPI 3.2 reads a sequential body as the array of its items, so the array is sent as items.
                    let stream = MockStream.write(items, media: media, format: SequenceFormat(mediaType: contentType)!, contentType: contentType)
                    body = stream.bytes
                    headers.append(name: "Content-Type", value: Self.withCharset(stream.contentType))
                case .success(let value):
                    body = MockContent.encode(value, as: contentType)
                    headers.append(name: "Content-Type", value: Self.withCharset(contentType))
                case .failure(.unknownExample(let name, let known)):
                    return problem(400, "Prefer: example=\(name) names no example of \(media.name) in the \(documented.key) response (examples: \(known.isEmpty ? "none" : known.joined(separator: ", ")))")
                case .failure(.cannotGenerate(let reason)):
                    return problem(500, "no \(media.name) body can be made for the \(documented.key) response: \(reason)")
                }
            }
        }
        for header in documented.headers where header.required && header.unresolved == nil && !header.name.caseInsensitiveEquals("Content-Type") {
            guard let text = headerValue(header, number: number) else { continue }
            headers.append(name: header.name, value: text)
        }
        return Reply(response: HTTPResponse(status: status, headers: headers, body: body.isEmpty ? .none : .bytes(body)), documented: true)
    }

    /// A value for a required response header: generated from its schema (or its `content` entry's).
    private func headerValue(_ header: Header, number: Int) -> String? {
        let pointer = header.schema ?? header.content.first?.schema
        guard let schema = pointer.flatMap(contract.schemas.schema(at:)) else { return "mock" }
        var generator = ValueGenerator(schemas: contract.schemas.compiled, seed: seed &+ UInt64(number))
        guard case .success(let value) = generator.valid(schema, direction: .response) else { return nil }
        if let media = header.content.first { return String(decoding: MockContent.encode(value, as: media.name), as: UTF8.self) }
        return ParameterEncoder.header(value, explode: header.explode)
    }

    /// Text types say their charset: the mock's bytes are UTF-8.
    private static func withCharset(_ contentType: String) -> String {
        let essence = MediaTypeName.essence(contentType)
        guard essence.hasPrefix("text/"), MediaTypeName.parameter("charset", in: contentType) == nil else { return contentType }
        return contentType + "; charset=utf-8"
    }

    private func problem(_ status: Int, _ detail: String) -> Reply {
        problemReply(ProblemDetails(status: status, title: ProblemDetails.title(of: status), detail: detail))
    }

    private func problemReply(_ problem: ProblemDetails) -> Reply {
        Reply(
            response: HTTPResponse(status: problem.status, headers: ["Content-Type": ProblemDetails.contentType], body: .bytes(problem.body)),
            documented: false)
    }
}
