import ConformChecks
import ConformFindings
import ConformSchema
import ConformSpec
import ConformTraffic
import ConformValues
import Foundation

/// `probe`: sends each selected operation its cases (`ProbePlanner`) against a running API and checks every
/// exchange with the code `validate` uses. Each exchange carries what the probe meant by it (`ExchangeIntent`), so
/// those checks also judge what only a probe knows (a request made invalid on purpose must be refused, a 5xx is a
/// server error: ExchangeCheck+Intent), the same way for a recording of the probe read by `validate`. An API that
/// cannot be reached is `probe-unreachable`.
///
/// Operations run in an order that lets state build up (creates, then reads, then updates, then deletes), and ids
/// returned by creates fill the path parameters of the operations on what they created. The cases of one
/// operation run concurrently (the client bounds how many); results join the report in plan order, so a report
/// does not depend on timing.
package final class Prober: Sendable {
    package struct Options: Sendable {
        package var baseURL: URL
        package var operationIDs: Set<String> = []
        package var tags: Set<String> = []
        package var methods: Set<String> = []
        package var maxExamples = 5
        package var seed: UInt64 = 1
        /// Values by security scheme name (`--auth SCHEME=VALUE`).
        package var credentials: [String: String] = [:]
        /// Sent with every request, replacing a field of the same name (`--header`).
        package var headers: [(name: String, value: String)] = []
        /// Also ask for every documented response with `Prefer: code=` (`--prefer-each-response`): against a mock,
        /// every response is then exercised.
        package var preferEachResponse = false

        package init(baseURL: URL) {
            self.baseURL = baseURL
        }
    }

    /// One exchange the probe made, as sent and received, for `--record`.
    package struct Sent: Sendable {
        package var exchange: HTTPExchange
        package var startedAt: Date
        package var duration: Duration
    }

    package struct Outcome: Sendable {
        package var report: ConformanceReport
        /// The API could not be reached at all (every request failed to connect): exit 2.
        package var unreachable: Bool
        /// Cases that could not be made (a schema the generator cannot satisfy), and operations nothing invalid was
        /// sent to because the API accepted none of their valid requests, by operation.
        package var problems: [String]
        /// Every operation that needs credentials answered each of its valid requests with 401: the credentials
        /// given (or made up, when none were) are not the API's, and the run tested nothing behind them.
        package var credentialsRefused = false
        /// What was sent, by what the probe meant by it.
        package var sent = SentTally()
    }

    /// How many requests the probe sent of each intent: a run says what it tried, not only what it found.
    package struct SentTally: Sendable, Equatable {
        /// Valid requests: examples, generated ones and those at an edge.
        package var valid = 0
        /// Of the valid ones, those with a value at an edge.
        package var atEdge = 0
        /// Requests made invalid on purpose (undocumented methods included).
        package var brokenOnPurpose = 0
        /// Requests asking for one documented response (`--prefer-each-response`).
        package var askedFor = 0

        mutating func count(_ kind: ProbeCase.Kind) {
            switch kind {
            case .example, .generated: valid += 1
            case .edge: valid += 1; atEdge += 1
            case .negative: brokenOnPurpose += 1
            case .preferred: askedFor += 1
            }
        }

        /// "48 requests: 20 valid (6 at an edge), 25 broken on purpose, 3 asking for a documented response".
        package var description: String {
            var parts = ["\(valid) valid" + (atEdge > 0 ? " (\(atEdge) at an edge)" : "")]
            parts.append("\(brokenOnPurpose) broken on purpose")
            if askedFor > 0 { parts.append("\(askedFor) asking for a documented response") }
            return CountText.phrase(valid + brokenOnPurpose + askedFor, "request") + ": " + parts.joined(separator: ", ")
        }
    }

    let contract: Contract
    let options: Options
    let client: LiveClient

    package init(contract: Contract, options: Options, client: LiveClient) {
        self.contract = contract
        self.options = options
        self.client = client
    }

    /// The operations the filters select, in the order the probe runs them.
    package func selectedOperations() -> [ConformSpec.Operation] {
        let selected = contract.document.operations.filter { operation in
            (options.operationIDs.isEmpty || operation.operationID.map(options.operationIDs.contains) == true)
                && (options.tags.isEmpty || !options.tags.isDisjoint(with: operation.tags))
                && (options.methods.isEmpty || options.methods.contains(operation.method.name.uppercased()))
        }
        let ranked = selected.enumerated().sorted { left, right in
            let (a, b) = (Self.rank(left.element), Self.rank(right.element))
            if a != b { return a < b }
            // Deletes of nested items before those of the items they are under (which may take them along).
            if a == Self.rank(forMethod: "DELETE") {
                let (depth, otherDepth) = (Self.depth(left.element.path), Self.depth(right.element.path))
                if depth != otherDepth { return depth > otherDepth }
            }
            return left.offset < right.offset
        }.map(\.element)
        return Self.listsBeforeTheirItems(ranked)
    }

    /// The operations with each read of a list (`GET /orders`) moved just before the first read of one of its
    /// items (`GET /orders/{order}`) when the description has it later: the list may give an id to read. Nothing
    /// else moves, so links from one read to the next keep their order.
    static func listsBeforeTheirItems(_ operations: [ConformSpec.Operation]) -> [ConformSpec.Operation] {
        func isRead(_ operation: ConformSpec.Operation) -> Bool { operation.method.name.uppercased() == "GET" }
        var placed = Set<Int>()
        var ordered: [ConformSpec.Operation] = []
        for (index, operation) in operations.enumerated() where !placed.contains(index) {
            if isRead(operation), let brace = operation.path.range(of: "/{", options: .backwards) {
                let collection = String(operation.path[..<brace.lowerBound])
                if let list = operations.indices.first(where: {
                    $0 > index && !placed.contains($0) && isRead(operations[$0]) && ProbeState.collection(operations[$0].path) == collection
                }) {
                    placed.insert(list)
                    ordered.append(operations[list])
                }
            }
            placed.insert(index)
            ordered.append(operation)
        }
        return ordered
    }

    /// Why the probe would send nothing, worded for the command line; empty when it has operations to probe. A
    /// selector that matches no operation is a typo to say, not a run to pass: with nothing sent, every check of
    /// a CI job would pass forever.
    package func selectionProblems() -> [String] {
        let operations = contract.document.operations
        guard !operations.isEmpty else {
            let hooks = contract.document.webhooks.count
            return ["the description has no operations to probe" + (hooks == 0 ? "" : " (its \(hooks) webhook\(hooks == 1 ? " is a request the API sends, not one it answers" : "s are requests the API sends, not ones it answers"))")]
        }
        var problems: [String] = []
        func unmatched(_ option: String, _ values: Set<String>, among known: [String], what: String) {
            for value in values.sorted() where !known.contains(value) {
                let hint = EditDistance.suggestion(for: value, among: known).map { "; did you mean '\($0)'?" } ?? ""
                // A large description has hundreds of operationIds: the first few show what they look like.
                let shown = known.count <= 8 ? known.map { "'\($0)'" } : known.prefix(7).map { "'\($0)'" } + ["\(known.count - 7) more"]
                let list = known.isEmpty ? "none" : ListText.joined(shown, "and")
                problems.append("\(option) '\(value)' names no operation\(hint) (\(what): \(list))")
            }
        }
        /// Each name once, in the description's order.
        func once(_ names: [String]) -> [String] {
            var seen = Set<String>()
            return names.filter { seen.insert($0).inserted }
        }
        unmatched("--operation", options.operationIDs, among: operations.compactMap(\.operationID), what: "operationIds")
        unmatched("--tag", options.tags, among: once(operations.flatMap(\.tags)), what: "tags of operations")
        unmatched("--method", options.methods, among: once(operations.map { $0.method.name.uppercased() }), what: "methods")
        if problems.isEmpty && selectedOperations().isEmpty {
            problems.append("--operation, --tag and --method each match an operation, but no operation matches them all")
        }
        return problems
    }

    /// Creates first, then reads, then updates, then deletes, so that later operations find what earlier ones made.
    private static func rank(_ operation: ConformSpec.Operation) -> Int {
        rank(forMethod: operation.method.name.uppercased())
    }

    private static func rank(forMethod method: String) -> Int {
        switch method {
        case "POST": 0
        case "GET", "HEAD", "OPTIONS": 1
        case "PUT", "PATCH": 2
        case "DELETE": 3
        default: 1
        }
    }

    /// How many segments a path has.
    private static func depth(_ path: String) -> Int {
        path.split(separator: "/").count
    }

    /// Runs every case; `onSent` sees each exchange as it completes (for `--record`), `onProgress` the count done
    /// of the total planned so far.
    package func run(
        name: String, onSent: (@Sendable (Sent) -> Void)? = nil, onProgress: (@Sendable (Int, Int) -> Void)? = nil
    ) async -> Outcome {
        var report = ConformanceReport(name: name, contract: contract, sources: [.live("probe")])
        var problems: [String] = []
        var state = ProbeState()
        let planner = ProbePlanner(
            contract: contract, base: "", baseURL: options.baseURL, credentials: options.credentials, maxExamples: options.maxExamples, seed: options.seed)
        var number = 0
        var reached = false
        var unreachable = 0
        var done = 0
        // Operations that need credentials whose valid requests got an answer, and those where every one was 401.
        var credentialsAsked = 0
        var credentialsRefused = 0
        var sent = SentTally()
        let methodCases = (options.operationIDs.isEmpty && options.tags.isEmpty && options.methods.isEmpty ? planner.undocumentedMethods() : [])
            .map(withHeaders)
        var planned = methodCases.count
        /// Adds an exchange's result to the report, in plan order, and counts whether the API answered.
        func take(_ probeCase: ProbeCase, _ outcome: Result<LiveResponse, LiveClientError>) {
            switch outcome {
            case .success: reached = true
            case .failure(.unreachable): unreachable += 1
            case .failure: break
            }
            report.add(check(probeCase, outcome, number: number, onSent: onSent))
            sent.count(probeCase.kind)
            number += 1
            done += 1
            onProgress?(done, planned)
        }
        for operation in selectedOperations() {
            let known = usable(state.values(for: operation), operation)
            let others = state.otherValues(for: operation).map { usable($0, operation) }
            var (cases, caseProblems) = planner.cases(for: operation, knownValues: known, otherKnownValues: others)
            if options.preferEachResponse { cases += planner.preferredCases(for: operation, knownValues: known) }
            // The --header fields go into the request checked and recorded too, not only the one sent.
            cases = cases.map(withHeaders)
            problems += caseProblems.map { "\(operation.key): \($0)" }
            planned += cases.count
            // Updates and deletes of one item in turn: sent at once, which answer saw which state would vary.
            let oneAtATime = Self.rank(operation) >= Self.rank(forMethod: "PUT")
            let outcomes = await send(cases, oneAtATime: oneAtATime)
            var base: ProbeCase?
            var acceptedAny = false
            var refusals: [Int] = []
            for (probeCase, outcome) in zip(cases, outcomes) {
                take(probeCase, outcome)
                guard case .success(let reply) = outcome else { continue }
                let request = resolved(probeCase.request)
                state.learn(
                    from: operation, request: request, requestPath: pathValues(of: request, to: operation),
                    response: reply.response, document: contract.document)
                if case .preferred = probeCase.kind { continue }
                guard (200..<300).contains(reply.response.status) else {
                    refusals.append(reply.response.status)
                    continue
                }
                acceptedAny = true
                // The accepted case with the fullest body: each member it has can be broken.
                if probeCase.canBeBroken, base == nil || ProbePlanner.size(probeCase.body) > ProbePlanner.size(base?.body) { base = probeCase }
            }
            if planner.requiresCredentials(operation), acceptedAny || !refusals.isEmpty {
                credentialsAsked += 1
                if !acceptedAny && refusals.allSatisfy({ $0 == 401 }) { credentialsRefused += 1 }
            }
            guard let base else {
                if acceptedAny {
                    problems.append("\(operation.key): nothing was sent at an edge or invalid on purpose: the API accepted only requests that carried optional parameters, and those are not broken (an idempotency key copied into a broken request would make it a replay)")
                } else if !refusals.isEmpty {
                    problems.append("\(operation.key): nothing was sent at an edge or invalid on purpose: the API accepted none of its valid requests (\(Self.statusList(refusals))), so refusing an invalid one would prove nothing")
                }
                continue
            }
            // Valid requests with a value at an edge, then those broken on purpose; answers to neither are learned
            // from (an id returned for a value at an edge, or for a broken request, is no item to build on).
            let edges = planner.edgeCases(for: operation, base: base).map(withHeaders)
            planned += edges.count
            var conflicts: [ProbeCase] = []
            for (probeCase, outcome) in zip(edges, await send(edges, oneAtATime: oneAtATime)) {
                take(probeCase, outcome)
                if case .success(let reply) = outcome, reply.response.status == 409, Self.rank(operation) == 0 { conflicts.append(probeCase) }
            }
            let again = conflicts.enumerated().compactMap { planner.refreshed($1, for: operation, offset: $0) }.map(withHeaders)
            planned += again.count
            for (probeCase, outcome) in zip(again, await send(again, oneAtATime: oneAtATime)) { take(probeCase, outcome) }
            let negatives = planner.negativeCases(for: operation, base: base, knownValues: known).map(withHeaders)
            planned += negatives.count
            for (probeCase, outcome) in zip(negatives, await send(negatives, oneAtATime: oneAtATime)) { take(probeCase, outcome) }
        }
        for (probeCase, outcome) in zip(methodCases, await send(methodCases)) { take(probeCase, outcome) }
        return Outcome(
            report: report, unreachable: !reached && unreachable > 0, problems: problems,
            credentialsRefused: credentialsAsked > 0 && credentialsRefused == credentialsAsked, sent: sent)
    }

    /// Statuses as a list, each once with its count: "401 ×8, 422".
    static func statusList(_ statuses: [Int]) -> String {
        var counts: [Int: Int] = [:]
        for status in statuses { counts[status, default: 0] += 1 }
        return counts.keys.sorted().map { counts[$0]! > 1 ? "\($0) ×\(counts[$0]!)" : "\($0)" }.joined(separator: ", ")
    }

    private func resolved(_ request: HTTPRequest) -> HTTPRequest {
        WireRequest.resolved(request, against: options.baseURL)
    }

    /// The path parameter values of a request (URL resolved) sent to `operation`, read by the router that checks
    /// it (server base path, templates like `/reports/{id}.{format}`); none when it routes the request elsewhere.
    private func pathValues(of request: HTTPRequest, to operation: ConformSpec.Operation) -> [String: String] {
        guard case .matched(let match) = contract.validator.router.route(method: request.method, url: request.url),
            match.operation.key == operation.key
        else { return [:] }
        return match.pathValues.dictionary
    }

    /// Learned values that the parameters' schemas accept (a value in another shape would make a valid request
    /// invalid), read as the validator reads the parameter's text: a number, boolean or null where the schema
    /// wants one.
    private func usable(_ values: [String: String], _ operation: ConformSpec.Operation) -> [String: String] {
        let compiled = contract.schemas.compiled
        return values.filter { name, value in
            guard let parameter = operation.parameters.first(where: { $0.name == name }),
                let schema = parameter.schema.flatMap(contract.schemas.schema(at:))
            else { return false }
            return compiled.isValid(compiled.coerce(value, to: schema), against: schema, direction: .request)
        }
    }

    /// The case with the --header fields, replacing fields of the same names. A request sent without credentials
    /// on purpose does not get the fields that carry them (Authorization, Cookie, an API key's header).
    private func withHeaders(_ probeCase: ProbeCase) -> ProbeCase {
        guard !options.headers.isEmpty else { return probeCase }
        var added = options.headers
        if probeCase.kind == .negative(.credentialsMissing) {
            var credentialFields: Set<String> = ["authorization", "cookie", "proxy-authorization"]
            for scheme in contract.document.components.securitySchemes.values {
                if case .apiKey(let name, .header) = scheme.kind { credentialFields.insert(name.lowercased()) }
            }
            added.removeAll { credentialFields.contains($0.name.lowercased()) }
        }
        var changed = probeCase
        let names = Set(added.map { $0.name.lowercased() })
        changed.request.headers = HTTPHeaders(probeCase.request.headers.fields.filter { !names.contains($0.name.lowercased()) } + added)
        return changed
    }

    /// Sends the cases concurrently (the client bounds how many are in flight), or `oneAtATime`; outcomes in case
    /// order.
    private func send(_ cases: [ProbeCase], oneAtATime: Bool = false) async -> [Result<LiveResponse, LiveClientError>] {
        let client = self.client
        let baseURL = options.baseURL
        if oneAtATime {
            var outcomes: [Result<LiveResponse, LiveClientError>] = []
            for probeCase in cases { outcomes.append(await client.send(probeCase.request, to: baseURL)) }
            return outcomes
        }
        return await withTaskGroup(of: (Int, Result<LiveResponse, LiveClientError>).self) { group in
            for (index, probeCase) in cases.enumerated() {
                group.addTask { (index, await client.send(probeCase.request, to: baseURL)) }
            }
            var outcomes = [Result<LiveResponse, LiveClientError>?](repeating: nil, count: cases.count)
            for await (index, outcome) in group { outcomes[index] = outcome }
            return outcomes.map { $0 ?? .failure(.failed(url: "", reason: "not sent", attempts: 0)) }
        }
    }

    /// The exchange's result: `validate`'s checks, with the probe's own findings.
    private func check(
        _ probeCase: ProbeCase, _ outcome: Result<LiveResponse, LiveClientError>, number: Int, onSent: (@Sendable (Sent) -> Void)?
    ) -> ExchangeResult {
        let source = ExchangeReference(source: .live("probe"), index: number)
        let request = resolved(probeCase.request)
        let comment = probeCase.summary
        switch outcome {
        case .failure(let error):
            var exchange = HTTPExchange(request: request, response: nil, source: source, comment: comment)
            exchange.intent = probeCase.intent
            let finding = Finding(
                rule: .probeUnreachable, message: "\(request.method) \(RequestURL(request.url).path): \(error)", operation: probeCase.operation,
                exchange: source, side: .response)
            return contract.validate(exchange) { findings in
                // Nothing came back: nothing of the response to check; a negative request's own findings are its point.
                findings.removeAll { $0.side == .response || probeCase.isNegative }
                findings.append(finding)
            }
        case .success(let reply):
            var exchange = HTTPExchange(request: request, response: reply.response, source: source, comment: comment)
            exchange.intent = probeCase.intent
            onSent?(Sent(exchange: exchange, startedAt: reply.startedAt, duration: reply.duration))
            // The same checks as `validate` of the recording, the intent included (ExchangeCheck+Intent).
            return contract.validate(exchange)
        }
    }
}
