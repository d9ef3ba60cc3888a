import ConformFindings
import ConformSchema
import ConformSpec
import ConformTraffic
import ConformValues
import Foundation

/// A description loaded once with its config, ready to check exchanges and payloads against: every file its
/// `$ref`s reach, the model, the compiled schemas, and what loading them found.
///
/// `validate(_:)` is the one path every exchange takes, whichever command or test it comes from: the checks, then
/// the config's severities and ignores, the baseline, the verdict from the failing severity, and redaction. So a
/// finding can never differ between `validate`, a live command and an embedder's test suite.
public struct Contract: Sendable {
    public let document: OpenAPIDocument
    /// The description's files, for locating findings (`bundle.location(of:)`).
    public let bundle: SpecBundle
    public let config: ConformConfig
    /// The lowest severity that fails an exchange and the run (`--fail-on`); `error` unless set.
    public let failOn: Severity
    /// Known findings, by fingerprint, left out of `findings` and of every result (`--baseline`).
    public let baseline: Baseline?
    /// How many of the description's findings the baseline left out.
    public let baselinedFindings: Int
    /// The description's own findings, config applied, in reading order: what loading it, building its model and
    /// compiling its schemas found (an unresolved `$ref`, a field of the wrong type, an invalid pattern, a format
    /// the tool does not know), and, when it was loaded with `lint: true`, the lint rules' findings too.
    public package(set) var findings: [Finding]

    package let schemas: SpecSchemas
    package let validator: ExchangeValidator
    package let redactor: Redactor
    /// Each operation's operationId, for config ignores that name one.
    package let operationIDs: [OperationKey: String]

    /// Loads the description at `path` (YAML or JSON) and every file it references.
    ///
    /// - Parameters:
    ///   - config: The settings to apply; nil reads `openapi-conform.yaml` beside the description when there is
    ///     one (the CLI's default), and uses the built-in defaults otherwise.
    ///   - lint: Also run the lint rules (examples, defaults, operationIds, path parameters, security schemes)
    ///     and add their findings to `findings`.
    ///   - failOn: The severity at which an exchange fails.
    ///   - baseline: Findings to leave out of every result.
    /// - Throws: `LoadError`, located, when the entry file or the config cannot be read or the entry is not
    ///   OpenAPI 3.0 or 3.1. Every other problem of the description is a finding in `findings`.
    public init(
        path: String, config: ConformConfig? = nil, lint: Bool = false, failOn: Severity = .error, baseline: Baseline? = nil
    ) throws(LoadError) {
        let settings: ConformConfig
        if let config { settings = config } else { settings = try ConformConfig.resolve(explicit: nil, spec: path) }
        self.init(loaded: try SpecLoader.load(path: path, limits: settings.limits), config: settings, lint: lint, failOn: failOn, baseline: baseline)
    }

    /// A contract from a description already loaded.
    package init(loaded: LoadedSpec, config: ConformConfig, lint: Bool, failOn: Severity = .error, baseline: Baseline? = nil) {
        if lint { LintRule.prepare(for: loaded.version) }
        let (document, modelFindings) = ModelBuilder.build(loaded, followsMisplacedReferences: !config.strict.contains(.misplacedReferences))
        let schemas = SpecSchemas.compile(document, bundle: loaded.bundle, config: config)
        var context = LintContext(document: document, bundle: loaded.bundle, schemas: schemas)
        var findings = modelFindings + LintRule.schemaCompilation(context)
        if lint {
            for rule in LintRule.lintRules {
                context.reported = findings
                findings += rule(context)
            }
        }
        // The loader and the schema compiler can both meet one broken $ref, and the model meets a shared part (an
        // error response, a parameter file) once for each place that uses it: report each problem once.
        var unresolved: Set<SpecPointer> = []
        var seen: Set<Finding> = []
        findings = findings.filter { finding in
            if finding.rule == .specRefUnresolved, let pointer = finding.specPointer { return unresolved.insert(pointer).inserted }
            return seen.insert(finding).inserted
        }
        let operationIDs = Dictionary(
            document.operations.compactMap { operation in operation.operationID.map { (operation.key, $0) } },
            uniquingKeysWith: { first, _ in first })
        self.document = document
        self.bundle = loaded.bundle
        self.config = config
        self.failOn = failOn
        self.baseline = baseline
        self.schemas = schemas
        self.operationIDs = operationIDs
        findings = config.apply(to: findings, operationIDs: operationIDs)
        let known = baseline.map { baseline in findings.filter(baseline.contains).count } ?? 0
        if let baseline { findings.removeAll(where: baseline.contains) }
        self.baselinedFindings = known
        self.findings = findings.sorted(locatedBy: loaded.bundle)
        self.validator = ExchangeValidator(
            document: document, schemas: schemas, servers: config.servers, trailingSlashMatters: config.strict.contains(.trailingSlash),
            maxFindings: config.limits.maxFindingsPerExchange, maxBodyBytes: config.limits.maxBodyBytes)
        self.redactor = Self.redactor(for: document)
    }

    /// Checks one exchange: routing, parameters, security, request body, status, response headers and body.
    /// The result has the config, the baseline and the failing severity applied, and credentials masked in every
    /// text it holds.
    public func validate(_ exchange: HTTPExchange) -> ExchangeResult {
        var result = validator.validate(exchange)
        finish(&result, exchange: exchange)
        return result
    }

    /// A request checked before it has an answer, as a live server (the mock) must: where it routes, and its
    /// findings with the config, baseline, verdict and redaction applied. `validate(_:response:)` then gives the
    /// whole exchange's result, the one `validate(_:)` would give for the same request and response.
    package struct LiveRequest: Sendable {
        package let request: HTTPRequest
        package let source: ExchangeReference
        package let checked: CheckedRequest
        /// The request's findings, finished as an exchange's are.
        package let result: ExchangeResult
        package var route: OperationRouter.Outcome { checked.route }
    }

    package func check(_ request: HTTPRequest, source: ExchangeReference) -> LiveRequest {
        let exchange = HTTPExchange(request: request, response: nil, source: source)
        let checked = validator.checkRequest(exchange)
        var result = checked.result
        finish(&result, exchange: exchange)
        return LiveRequest(request: request, source: source, checked: checked, result: result)
    }

    /// The result of a checked request and the response it got: its findings are those of `validate(_:)`.
    package func validate(_ live: LiveRequest, response: HTTPResponse) -> ExchangeResult {
        let exchange = HTTPExchange(request: live.request, response: response, source: live.source)
        var result = validator.completed(live.checked, response: response)
        finish(&result, exchange: exchange)
        return result
    }

    /// An exchange `probe` made: `validate`'s result, with its raw findings changed by `adjusting` (the request's
    /// own findings left out when the probe broke the request on purpose, the probe's findings added) before config,
    /// baseline, verdict and redaction apply as to any exchange.
    package func validate(_ exchange: HTTPExchange, adjusting: (inout [Finding]) -> Void) -> ExchangeResult {
        var result = validator.validate(exchange)
        adjusting(&result.findings)
        finish(&result, exchange: exchange)
        return result
    }

    /// Config, baseline, verdict and redaction, applied to the raw result of the checks in place: a result taken
    /// and returned by value gets copied whole on the way out (every string retained and released again).
    private func finish(_ result: inout ExchangeResult, exchange: HTTPExchange) {
        var findings = config.apply(to: result.findings, operationIDs: operationIDs)
        result.findings = []
        if let baseline {
            let before = findings.count
            findings.removeAll { baseline.contains($0) }
            result.baselined = before - findings.count
        }
        result.verdict = findings.contains { $0.severity >= failOn } ? .fail : .pass
        guard !findings.isEmpty else {
            // A passing exchange is identified by its source and comment; its URL is not kept.
            result.url = nil
            result.comment = result.comment.map { redactor.scrub($0, of: exchange) }
            return
        }
        let secrets = redactor.secrets(of: exchange)
        result.url = result.url.map { redactor.scrub(redactor.redact(url: $0), secrets: secrets) }
        result.comment = result.comment.map { redactor.scrub($0, secrets: secrets) }
        // In place: a copy of a finding retains each of its strings.
        for index in findings.indices {
            findings[index].message = redactor.scrub(findings[index].message, secrets: secrets)
            findings[index].expected = findings[index].expected.map { redactor.scrub($0, secrets: secrets) }
            findings[index].actual = findings[index].actual.map { redactor.scrub($0, secrets: secrets) }
            if !findings[index].notes.isEmpty { findings[index].notes = findings[index].notes.map { redactor.scrub($0, secrets: secrets) } }
        }
        result.findings = findings
    }

    /// The redactor for traffic checked against a description: its apiKey names are credentials too.
    private static func redactor(for document: OpenAPIDocument) -> Redactor {
        var headers: [String] = []
        var query: [String] = []
        var cookies: [String] = []
        for scheme in document.components.securitySchemes.values {
            guard case .apiKey(let name, let location) = scheme.kind else { continue }
            switch location {
            case .header: headers.append(name)
            case .query: query.append(name)
            case .cookie: cookies.append(name)
            case .path, .querystring: break
            }
        }
        return Redactor(headerNames: headers, queryNames: query, cookieNames: cookies)
    }
}
