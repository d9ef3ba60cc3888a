import ConformFindings
import ConformSchema
import ConformSpec
import ConformTraffic
import ConformValues

/// Checks exchanges against one description: routing, parameters, security, request body, status, response
/// headers and response body. Immutable and `Sendable`, so exchanges can be checked in parallel. Its findings
/// carry default severities; `Contract.validate` applies the config, baseline and redaction. A class: each
/// exchange's check holds it, and a reference is retained once where a copy would retain every field.
package final class ExchangeValidator: Sendable {
    let document: OpenAPIDocument
    let schemas: SpecSchemas
    /// Also the probe's: the path values a link's `$request.path.` names are those this router reads.
    package let router: OperationRouter
    let security: SecurityCheck
    /// Most findings one exchange reports (the `findings-per-exchange` limit); the rest are counted in one more.
    let maxFindings: Int
    /// Most bytes a body with a `Content-Encoding` may inflate to (the `body-bytes` limit).
    let maxBodyBytes: Int

    /// `servers` are URLs of servers the traffic may have been recorded against besides the description's
    /// (`--server`, the config's `servers:`).
    package init(
        document: OpenAPIDocument, schemas: SpecSchemas, servers: [String] = [], trailingSlashMatters: Bool = false,
        maxFindings: Int = LoadLimits.default.maxFindingsPerExchange, maxBodyBytes: Int = LoadLimits.default.maxBodyBytes
    ) {
        self.maxFindings = maxFindings
        self.maxBodyBytes = maxBodyBytes
        self.document = document
        self.schemas = schemas
        self.router = OperationRouter(document: document, schemas: schemas, extraServers: servers, trailingSlashMatters: trailingSlashMatters)
        self.security = SecurityCheck(schemes: document.components.securitySchemes)
    }

    package func validate(_ exchange: HTTPExchange) -> ExchangeResult {
        var check = ExchangeCheck(validator: self, exchange: exchange)
        check.run()
        check.countUnlisted()
        return (consume check).result
    }

    /// Checks the request of `exchange` alone, as a live server must before it has an answer; its response, if
    /// any, is not looked at. `completed(_:response:)` then checks the answer as `validate` would have.
    package func checkRequest(_ exchange: HTTPExchange) -> CheckedRequest {
        var check = ExchangeCheck(validator: self, exchange: HTTPExchange(request: exchange.request, response: nil, source: exchange.source, comment: exchange.comment))
        let route = check.runRequest()
        return CheckedRequest(route: route, check: check)
    }

    /// The whole exchange's result: the request's findings and those of `response`.
    package func completed(_ request: CheckedRequest, response: HTTPResponse) -> ExchangeResult {
        var check = request.check
        check.result.status = response.status
        if case .matched(let match) = request.route, match.operation.unresolved == nil {
            check.checkResponse(response, plan: match.plan)
        }
        check.countUnlisted()
        return (consume check).result
    }
}

/// A request checked before its response exists: where the router sent it and what its checks found so far.
package struct CheckedRequest: Sendable {
    /// The router's answer: the operation (with path values), or why there is none.
    package let route: OperationRouter.Outcome
    fileprivate let check: ExchangeCheck
    /// The request's findings, at their default severities.
    package var result: ExchangeResult { check.result }
}

/// The state of checking one exchange: the result being built and the helpers that add findings to it.
struct ExchangeCheck {
    let validator: ExchangeValidator
    let exchange: HTTPExchange
    var result: ExchangeResult
    /// Findings past `maxFindings` that were not listed, and the rule of the first of them.
    private var unlisted = 0
    private var firstUnlistedRule: RuleID?
    /// The ICU pattern-matching time of the whole exchange: parameters, headers and bodies share it, so that a
    /// long array of strings against a catastrophic pattern costs one budget, not one deadline per string.
    let budget: PatternBudget
    var compiled: CompiledSchemas { validator.schemas.compiled }

    init(validator: ExchangeValidator, exchange: HTTPExchange) {
        self.validator = validator
        self.exchange = exchange
        budget = validator.schemas.compiled.patternBudget()
        result = ExchangeResult(
            source: exchange.source, comment: exchange.comment, method: exchange.request.method.uppercased(),
            url: exchange.request.url, status: exchange.response?.status)
    }

    mutating func report(
        _ rule: RuleID, _ side: ExchangeSide, _ message: String, at pointer: SpecPointer? = nil,
        instance: JSONPointer? = nil, expected: String? = nil, actual: String? = nil, notes: [String] = []
    ) {
        guard result.findings.count < validator.maxFindings else {
            // A hostile body can fail a schema at every one of millions of values: past the limit the findings
            // are counted, not built, so the report stays the size of the limit.
            unlisted += 1
            if firstUnlistedRule == nil { firstUnlistedRule = rule }
            return
        }
        result.findings.append(Finding(
            rule: rule, message: message, operation: result.operation,
            exchange: exchange.source, side: side,
            instancePointer: instance, specPointer: pointer, expected: expected, actual: actual, notes: notes))
    }

    /// Adds the one finding that counts the findings not listed, when the limit held some back.
    mutating func countUnlisted() {
        guard unlisted > 0, let rule = firstUnlistedRule else { return }
        result.findings.append(Finding(
            rule: rule,
            message: "\(CountText.phrase(unlisted, "more finding")) of this exchange \(unlisted == 1 ? "is" : "are") not listed: only the first \(validator.maxFindings) are (the findings-per-exchange limit; --limit findings-per-exchange=…)",
            operation: result.operation, exchange: exchange.source))
        unlisted = 0
    }

    /// One finding per schema failure of a value (`subject` names it: "request body", "query parameter 'limit'"),
    /// under `rule`; a failure that met a `$ref` leading nowhere is `spec-ref-unresolved` instead, so the exchange
    /// fails whatever the value; a discriminator's warning about a valid value is `discriminator-mismatch`, whose
    /// default severity (a warning) leaves the verdict to the value's real failures.
    /// `item` is the index of a sequence item the value is (`subject` then names it, "response body line 4"): the
    /// finding's pointer starts with it, as the body is an array of its items. A pattern that left strings
    /// undecided is a `not-validated` note.
    /// The failures of one value of the exchange, against the exchange's pattern budget.
    func failures(of value: JSONValue, against schema: SchemaID, direction: ValueDirection) -> [SchemaFailure] {
        compiled.validate(value, against: schema, direction: direction, budget: budget)
    }

    mutating func report(_ failures: [SchemaFailure], as rule: RuleID, _ side: ExchangeSide, subject: String, item: Int? = nil) {
        for failure in failures {
            let place = failure.instancePointer.isRoot ? "" : " \(failure.instancePointer)"
            let found: RuleID = failure.unresolvedReference ? .specRefUnresolved : failure.discriminatorMismatch ? .discriminatorMismatch
                : failure.notValidated ? .notValidated : rule
            let instance = item.map { JSONPointer(tokens: [String($0)] + failure.instancePointer.tokens) } ?? failure.instancePointer
            report(found, side, "\(subject)\(place): \(failure.message)", at: failure.schemaPointer,
                   instance: instance, expected: failure.expected, actual: failure.actual, notes: failure.notes)
        }
    }

    mutating func run() {
        guard case .matched(let match) = runRequest(), match.operation.unresolved == nil else {
            judgeIntent(at: nil)
            return
        }
        if let response = exchange.response {
            checkResponse(response, plan: match.plan)
        } else {
            report(.notValidated, .response, "no response was recorded for this request (a HAR status of 0: it failed, was blocked or was cancelled), so there is no response to check", at: match.operation.origin / "responses")
        }
        judgeIntent(at: match.operation.origin / "responses", documentsSuccess: match.operation.documentsSuccess)
    }

    /// Routes the request and checks it; the router's outcome says whether there is an operation whose responses
    /// can be checked next.
    mutating func runRequest() -> OperationRouter.Outcome {
        let request = exchange.request
        if let scheme = RequestURL.nonHTTPScheme(of: request.url) {
            report(.notValidated, .request, "a \(scheme): URL is no request to an HTTP server (a browser's inline data, a blob or an extension's file, a WebSocket), so it is not checked", at: validator.document.origin / "paths")
            return .noPath(tried: [])
        }
        let url = RequestURL(request.url)
        let outcome = validator.router.route(method: request.method, url: url)
        if request.isCORSPreflight {
            if case .matched = outcome {} else {
                // Browser captures and proxied front ends hold one before many cross-origin requests; the request it
                // asks about is checked on its own.
                report(.notValidated, .request, "a CORS preflight (OPTIONS with Origin and Access-Control-Request-Method), the browser's question before a cross-origin request; the description documents no OPTIONS for it, so it is not checked", at: validator.document.origin / "paths")
                return outcome
            }
        }
        switch outcome {
        case .unknownServer(let origin, let tried):
            // The message names the server, not the path, so that every request to it reads alike and is grouped.
            let base = tried.first.map { RequestURL($0).path }.flatMap { $0 == "/" ? nil : $0 } ?? ""
            report(.requestUnknownServer, .request,
                   "requests to \(origin) match none of the description's servers (\(tried.joined(separator: ", "))); to check them, run with --server \(origin)\(base)",
                   at: validator.document.origin / "servers", expected: tried.joined(separator: ", "), actual: origin)
        case .noPath(let tried):
            report(.requestUnknownPath, .request, "\(result.method) \(url.path): no path of the description matches (servers tried: \(tried.joined(separator: ", ")))", at: validator.document.origin / "paths", actual: url.path)
        case .methodNotAllowed(let path, let allowed):
            // Methods of additional operations match case-sensitively: `purge` is not `PURGE`, and saying only "PURGE
            // is not documented" beside "documented: PURGE" would puzzle.
            let sent = request.method
            let message = allowed.contains(sent.uppercased()) && !allowed.contains(sent)
                ? "'\(sent)' is not documented for \(path): methods are case-sensitive, and the description documents \(allowed.joined(separator: ", "))"
                : "\(result.method) is not documented for \(path); documented: \(allowed.joined(separator: ", "))"
            report(.requestUnknownMethod, .request, message, at: validator.document.origin / "paths" / path, expected: allowed.joined(separator: ", "), actual: result.method)
            if case .invalidOnPurpose? = exchange.intent { judgeAllow(path: path, documented: allowed) }
        case .unresolvedPath(let path, let broken):
            report(.specRefUnresolved, .request, "\(result.method) \(url.path): the path item '\(path)' is \(broken), which resolves nowhere; the exchange cannot be checked", at: broken.pointer, expected: broken.reference)
        case .matched(let match):
            result.operation = match.operation.key
            result.operationID = match.operation.operationID
            if let broken = match.operation.unresolved {
                report(.specRefUnresolved, .request, "\(match.operation.key) is \(broken), which resolves nowhere; the exchange cannot be checked", at: broken.pointer, expected: broken.reference)
                return outcome
            }
            checkRequest(match, url: url)
        }
        return outcome
    }
}
