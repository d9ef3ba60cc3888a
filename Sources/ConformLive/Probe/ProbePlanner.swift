import ConformChecks
import ConformFindings
import ConformSchema
import ConformSpec
import ConformTraffic
import ConformValues
import Foundation

/// The requests `probe` sends to one operation: the documented examples first, then generated values (the first
/// with every optional member its body can have), then, once the API has accepted one of those, requests made from
/// it that are each invalid in one way (`negativeCases`), which the API must refuse. Deterministic for a seed.
package struct ProbePlanner {
    let contract: Contract
    var synthesizer: RequestSynthesizer
    /// Generated requests per operation (after the examples).
    let maxExamples: Int
    let seed: UInt64
    /// Where the API runs (`--base-url`): a request is checked, to confirm a break, at the URL it is sent to, which
    /// routes through the base path as the exchange's own check will (a server `/v1` reads `/v1/customers`).
    let baseURL: URL?
    /// The description's schemas by the letter (`SpecSchemas.letter`): a value at an edge is sent only where it
    /// holds by the letter too.
    let letter: SpecSchemas

    package init(contract: Contract, base: String, baseURL: URL? = nil, credentials: [String: String], maxExamples: Int, seed: UInt64) {
        self.contract = contract
        synthesizer = RequestSynthesizer(contract: contract, base: base, credentials: credentials)
        self.baseURL = baseURL
        letter = SpecSchemas.letter(of: contract.document, bundle: contract.bundle, config: contract.config)
        self.maxExamples = maxExamples
        self.seed = seed
    }

    /// The valid cases for `operation`, and the reasons some could not be made (a schema the generator cannot
    /// satisfy). `knownValues` fill parameters (ids earlier answers returned, values links give) instead of
    /// generated values. `otherKnownValues` are further sets the generated requests take in turn after the first
    /// (other items): the k-th generated request uses `[knownValues] + otherKnownValues` at k modulo their
    /// count.
    package func cases(
        for operation: ConformSpec.Operation, knownValues: [String: String] = [:], otherKnownValues: [[String: String]] = []
    ) -> (cases: [ProbeCase], problems: [String]) {
        var planner = self
        planner.synthesizer.knownValues = knownValues
        return planner.plan(operation, knownValueSets: [knownValues] + otherKnownValues)
    }

    private func plan(_ operation: ConformSpec.Operation, knownValueSets: [[String: String]]) -> (cases: [ProbeCase], problems: [String]) {
        var cases: [ProbeCase] = []
        var problems: [String] = []
        let key = operation.key
        // Examples: each documented request body example, with generated parameters. An example its own schema
        // refuses (lint's spec-example-invalid) would make a valid request invalid: it is left out, and said.
        if let media = bodyMedia(operation) {
            let schema = media.schema.flatMap(contract.schemas.schema(at:))
            for (name, value) in examples(of: media) {
                if let schema, !contract.schemas.compiled.isValid(value, against: schema, direction: .request) {
                    problems.append("request body example '\(name)' does not match its schema, so it is not sent (see lint)")
                    continue
                }
                guard case .success(var request) = synthesizer.request(for: operation, seed: seed) else { break }
                setBody(&request, value, media: media)
                cases.append(ProbeCase(operation: key, kind: .example(name), request: request, summary: "example '\(name)'", body: value, canBeBroken: true))
            }
        }
        for offset in 0..<UInt64(max(0, maxExamples)) {
            let caseSeed = Self.caseSeed(seed, offset)
            var generator = RequestSynthesizer(
                contract: contract, base: synthesizer.base, optionalParameters: offset % 2 == 1, credentials: synthesizer.credentials)
            generator.knownValues = knownValueSets[Int(offset) % knownValueSets.count]
            // The first carries every optional member its body can have: the body the requests broken on purpose
            // are made from, when the API accepts it, so that optional members are broken too.
            switch generator.generated(for: operation, seed: caseSeed, fullBody: offset == 0) {
            case .success(let made):
                let summary = "generated (seed \(caseSeed))" + (offset == 0 && made.body != nil ? ", every optional member" : "")
                let breakable = offset % 2 == 0 && (made.body != nil || bodyMedia(operation)?.schema == nil)
                cases.append(ProbeCase(
                    operation: key, kind: .generated(seed: caseSeed), request: made.request, summary: summary, body: made.body, canBeBroken: breakable))
            case .failure(let problem):
                problems.append(problem.description)
            }
            if problems.count > 0 { break }
        }
        // The smallest body: only the members objects require (`{}` for an update of optional members, which
        // some frameworks refuse), when the first generated body had more.
        let first = cases.first { probeCase in
            if case .generated = probeCase.kind { return true }
            return false
        }
        if let full = first?.body, case .success(let lean) = synthesizer.generated(for: operation, seed: seed, leanBody: true),
            let body = lean.body, Self.size(body) < Self.size(full)
        {
            cases.append(ProbeCase(operation: key, kind: .generated(seed: seed), request: lean.request, summary: "generated (seed \(seed)), required members only", body: body))
        }
        // An item that does not exist: the last path parameter an earlier answer filled, made up instead. A valid
        // request, whose answer (a 404, usually) must be documented like any other.
        let known = knownValueSets[0]
        if let last = PathTemplate.variableNames(in: operation.path).last(where: { known[$0] != nil }) {
            var generator = synthesizer
            generator.knownValues = known.filter { $0.key != last }
            let madeUp = Self.caseSeed(seed, UInt64(max(0, maxExamples)))
            if let beyond = beyondAnyItem(last, of: operation, seed: madeUp) { generator.knownValues[last] = beyond }
            if case .success(let request) = generator.request(for: operation, seed: madeUp) {
                cases.append(ProbeCase(operation: key, kind: .generated(seed: madeUp), request: request, summary: "an item that does not exist ('\(last)' made up)"))
            }
        }
        // A request body is optional unless `required` says otherwise (sanic-ext and quart-schema never write it): a
        // valid request may leave it out.
        if let body = operation.requestBody, body.unresolved == nil, !body.required, bodyMedia(operation) != nil,
            case .success(var request) = synthesizer.request(for: operation, seed: seed)
        {
            request.body = .none
            request.headers = HTTPHeaders(request.headers.fields.filter { !$0.name.caseInsensitiveEquals("content-type") })
            cases.append(ProbeCase(operation: key, kind: .generated(seed: seed), request: request, summary: "without its optional body"))
        }
        return (cases, problems)
    }

    /// For a numeric path parameter, the highest value its schema allows (2⁵³ − 1 where it sets no maximum), as
    /// text: ids an API numbers in sequence are drawn from where the generator draws its numbers, so a made-up one
    /// may name an item the probe itself created. Nil for other schemas, whose generated values do not collide so.
    private func beyondAnyItem(_ name: String, of operation: ConformSpec.Operation, seed: UInt64) -> String? {
        guard let parameter = operation.parameters.first(where: { $0.location == .path && $0.name == name }),
            let schema = parameter.schema.flatMap(contract.schemas.schema(at:))
        else { return nil }
        var generator = ValueGenerator(schemas: contract.schemas.compiled, seed: seed)
        guard case .success(let value) = generator.valid(schema, direction: .request), value.doubleValue != nil,
            let highest = generator.edgeVariants(schema, direction: .request, from: value).first(where: { $0.edge == .highest && $0.instancePointer.isRoot })
        else { return nil }
        return ParameterEncoder.text(highest.value)
    }

    /// The requests made invalid on purpose for `operation`, each from `base`, a valid case the API accepted (a
    /// refusal of a request made from one it refuses anyway would prove nothing): a body that breaks one keyword
    /// (each kind of keyword once, then up to `maxExamples` more at other places), each query and header parameter
    /// off its schema (then up to `maxExamples` more ways), a required parameter left out, no credentials.
    package func negativeCases(for operation: ConformSpec.Operation, base: ProbeCase, knownValues: [String: String] = [:]) -> [ProbeCase] {
        var planner = self
        planner.synthesizer.knownValues = knownValues
        // A break is confirmed by what `validate` finds in the request made of it, beside what it finds in the base.
        let validFindings = findings(of: base.request)
        var cases = negativeBodies(operation, valid: base.request, body: base.body, validFindings: validFindings)
        cases += negativeParameters(operation, valid: base.request, validFindings: validFindings)
        if requiresCredentials(operation), case .success(let bare) = planner.synthesizer.request(for: operation, seed: seed, withCredentials: false) {
            cases.append(ProbeCase(operation: operation.key, kind: .negative(.credentialsMissing), request: bare, summary: "sent without credentials"))
        }
        return cases
    }

    /// How many places a body has that can be broken: its members, and of a list its first item only (the
    /// generator breaks only that one), so that more items do not outweigh more members.
    static func size(_ value: JSONValue?) -> Int {
        switch value {
        case nil: 0
        case .object(let object)?: 1 + object.values.reduce(0) { $0 + size($1) }
        case .array(let items)?: 1 + size(items.first)
        default: 1
        }
    }

    /// The first case of each group, then up to `budget` more taken from the groups in turn (the second of each,
    /// then the third, …), starting further along that list for each seed, so that seeds break other places.
    static func spread(_ groups: [[ProbeCase]], budget: Int, seed: UInt64) -> [ProbeCase] {
        let firsts = groups.compactMap(\.first)
        var rest: [ProbeCase] = []
        let rounds = groups.map(\.count).max() ?? 0
        for round in 1..<max(1, rounds) {
            for group in groups where round < group.count { rest.append(group[round]) }
        }
        guard !rest.isEmpty, budget > 0 else { return firsts }
        let start = Int(((seed &- 1) % UInt64(rest.count)) &* UInt64(budget) % UInt64(rest.count))
        return firsts + Array((rest[start...] + rest[..<start]).prefix(budget))
    }

    /// The generator's seed for the `offset`-th generated request of `--seed seed`. Seed 1's are 1, 2, 3, …; each
    /// other seed starts 2²⁰ further on, so that `--seed 2` explores requests `--seed 1` did not make rather than
    /// repeating all but one of them.
    static func caseSeed(_ seed: UInt64, _ offset: UInt64) -> UInt64 {
        (seed &- 1) &<< 20 &+ 1 &+ offset
    }

    /// One valid request per documented response and media type of `operation`, asking for it with `Prefer:
    /// code=` and `Accept` (a `4XX` range as its x00, `default` as 599, a status nothing documents).
    package func preferredCases(for operation: ConformSpec.Operation, knownValues: [String: String] = [:]) -> [ProbeCase] {
        var planner = self
        planner.synthesizer.knownValues = knownValues
        guard case .success(let valid) = planner.synthesizer.request(for: operation, seed: seed) else { return [] }
        var cases: [ProbeCase] = []
        for response in operation.responses where response.unresolved == nil {
            let status: Int
            switch response.key {
            case .status(let code): status = code
            case .range(let digit): status = digit * 100
            case .default: status = 599
            }
            let types = response.content.isEmpty ? [nil] : response.content.map(\.name)
            for type in types {
                var request = valid
                var fields = valid.headers.fields.filter { !["prefer", "accept"].contains($0.name.lowercased()) }
                fields.append(("Prefer", "code=\(status)"))
                if let type { fields.append(("Accept", type)) }
                request.headers = HTTPHeaders(fields)
                cases.append(ProbeCase(
                    operation: operation.key, kind: .preferred(status: status), request: request,
                    summary: "asked for \(response.key)" + (type.map { " \($0)" } ?? "")))
            }
        }
        return cases
    }

    /// For each path with operations, one request with a method it does not document (405 expected, or another 4xx).
    package func undocumentedMethods() -> [ProbeCase] {
        var cases: [ProbeCase] = []
        var seen: Set<String> = []
        for operation in contract.document.operations where seen.insert(operation.path).inserted {
            let documented = Set(contract.document.operations.filter { $0.path == operation.path }.map { $0.method.name.uppercased() })
            guard let method = ["PATCH", "PUT", "DELETE", "POST", "GET"].first(where: { !documented.contains($0) }),
                case .success(var request) = synthesizer.request(for: operation, seed: seed)
            else { continue }
            request.method = method
            cases.append(ProbeCase(operation: nil, kind: .negative(.methodUndocumented), request: request, summary: "\(method) \(operation.path) is not documented"))
        }
        return cases
    }

    // MARK: Negative requests

    /// Requests whose body breaks one keyword of its schema (the generator's variants of the accepted body,
    /// confirmed to fail on exactly that keyword): each kind of keyword once, then others at further places, the
    /// shallowest first. A readOnly property in the body is none of them: OpenAPI says a client SHOULD NOT send one
    /// and JSON Schema that a server may ignore it (Connexion does), so taking it is no defect. A form or multipart
    /// body carries text, read back by the schema: a number where a string belongs arrives as the string `5`, which
    /// holds. A variant is sent in one only when the body as written, checked as `validate` checks it, still fails
    /// at that place, and is named by what `validate` finds there (the text `7` where an e-mail address belongs
    /// fails its format, not its type).
    private func negativeBodies(_ operation: ConformSpec.Operation, valid: HTTPRequest, body: JSONValue?, validFindings: [Finding]) -> [ProbeCase] {
        guard let body, let media = bodyMedia(operation), let schema = media.schema.flatMap(contract.schemas.schema(at:)) else { return [] }
        let essence = MediaTypeName.essence(media.name)
        let json = MediaTypeName.isJSON(media.name)
        guard json || essence == "application/x-www-form-urlencoded" || essence == "multipart/form-data" else { return [] }
        // A failure of a variant's body is the variant's only when the valid body as written has none.
        guard json || !validFindings.contains(where: { $0.rule == .requestBodyInvalid }) else { return [] }
        var generator = ValueGenerator(schemas: contract.schemas.compiled, seed: seed)
        var made: [(kind: String, depth: Int, probeCase: ProbeCase)] = []
        for variant in generator.invalidVariants(schema, direction: .request, from: body) where variant.keyword != "properties" {
            var request = valid
            setBody(&request, variant.value, media: media)
            let place = variant.instancePointer.isRoot ? "" : " at \(variant.instancePointer)"
            var summary = "body: \(variant.summary)\(place)"
            if !json {
                // What is wrong with the body as sent, in `validate`'s words (text may break another keyword).
                guard variant.value.objectValue != nil,
                    let failure = Self.telling(findings(of: request).filter { $0.rule == .requestBodyInvalid && $0.instancePointer == variant.instancePointer })
                else { continue }
                summary = failure.message.hasPrefix("request body") ? String(failure.message.dropFirst("request ".count)) : "body: " + failure.message
            }
            made.append((variant.keyword, variant.instancePointer.tokens.count, ProbeCase(
                operation: operation.key, kind: .negative(.bodyInvalid), request: request, summary: summary)))
        }
        return Self.spread(Self.byKindShallowestFirst(made), budget: maxExamples, seed: seed)
    }

    /// Cases grouped by kind (kinds in the order first met), each group's shallow places first, for `spread`: a
    /// top-level field is more often checked by code of its own than an item's member.
    static func byKindShallowestFirst<Kind: Hashable>(_ cases: [(kind: Kind, depth: Int, probeCase: ProbeCase)]) -> [[ProbeCase]] {
        var groups: [Kind: [(depth: Int, probeCase: ProbeCase)]] = [:]
        var kinds: [Kind] = []
        for made in cases {
            if groups[made.kind] == nil { kinds.append(made.kind) }
            groups[made.kind, default: []].append((made.depth, made.probeCase))
        }
        return kinds.map { kind in
            (groups[kind] ?? []).enumerated().sorted { ($0.element.depth, $0.offset) < ($1.element.depth, $1.offset) }.map(\.element.probeCase)
        }
    }

    /// The finding that says what is wrong with a value: past the failure of `anyOf`/`oneOf` ("matches none of the
    /// alternatives; the best match fails as shown"), the best alternative's own.
    static func telling(_ findings: [Finding]) -> Finding? {
        findings.first { !["anyOf", "oneOf"].contains($0.specPointer?.pointer.lastToken ?? "") } ?? findings.first
    }

    /// The findings `validate` has for `request`, before any config applies.
    func findings(of request: HTTPRequest) -> [Finding] {
        let sent = baseURL.map { WireRequest.resolved(request, against: $0) } ?? request
        return contract.check(sent, source: ExchangeReference(source: .live("probe"), index: 0)).checked.result.findings
    }

    /// A required query or header parameter left out, and each query or header parameter with a scalar schema off
    /// its schema.
    private func negativeParameters(_ operation: ConformSpec.Operation, valid: HTTPRequest, validFindings: [Finding]) -> [ProbeCase] {
        var cases: [ProbeCase] = []
        let url = RequestURL(valid.url)
        // Leaving out a header parameter OpenAPI ignores (Authorization, …) breaks nothing.
        if let missing = operation.parameters.first(where: {
            $0.required && ($0.location == .query || ($0.location == .header && !$0.isIgnoredHeader))
        }) {
            var request = valid
            if missing.location == .query {
                request.url = Self.replacingQuery(of: valid.url, with: url.rawQueryPairs.filter { $0.name != missing.name })
            } else {
                request.headers = HTTPHeaders(valid.headers.fields.filter { $0.name.lowercased() != missing.name.lowercased() })
            }
            cases.append(ProbeCase(
                operation: operation.key, kind: .negative(.parameterMissing), request: request,
                summary: "required \(missing.location.rawValue) parameter '\(missing.name)' left out"))
        }
        if let negative = negativeQuerystring(operation, valid: valid) { cases.append(negative) }
        // A parameter finding of a changed request is the change's only when the valid request has none.
        let validParametersHold = !validFindings.contains { $0.rule == .requestParameterInvalid }
        var byParameter: [[ProbeCase]] = []
        for parameter in operation.parameters where validParametersHold && Self.isSettable(parameter) {
            guard let schema = parameter.schema.flatMap(contract.schemas.schema(at:)) else { continue }
            var generator = ValueGenerator(schemas: contract.schemas.compiled, seed: seed)
            // A scalar off its schema (a word for an integer, a value outside the enum, a number above the
            // maximum), sent as a client would write it; a list's items too (`?status=paid&status=x`), written by
            // the parameter's style.
            let variants = generator.invalidVariants(schema, direction: .request).filter { Self.isSendable($0.value, as: parameter) }
            let confirmed = confirmedBreaks(variants, of: operation) { Self.setting(parameter, to: $0.value, in: valid) }
            byParameter.append(confirmed)
        }
        if validParametersHold { byParameter += negativePathParameters(operation, valid: valid) }
        // Each parameter once, then other ways of breaking them, in turn.
        cases += Self.spread(byParameter, budget: maxExamples, seed: seed)
        return cases
    }

    /// The requests `request` makes of a parameter's variants (nil where one cannot be written) that `validate`
    /// confirms: kept when it finds the parameter invalid as sent (the valid request has no parameter finding, so
    /// one now is about this parameter; a number where a string belongs is the text `5`, which holds), named by what
    /// it finds, once per place in the description a break fails (a type break written as text may fail a format).
    /// The type last: as text, `7` where a date-time belongs breaks the format, as the format's own break does, but
    /// lax readers take it (pydantic reads a number as a Unix time).
    private func confirmedBreaks(
        _ variants: [InvalidVariant], of operation: ConformSpec.Operation, _ request: (InvalidVariant) -> HTTPRequest?
    ) -> [ProbeCase] {
        var broken: Set<String> = []
        var confirmed: [ProbeCase] = []
        for variant in variants.filter({ $0.keyword != "type" }) + variants.filter({ $0.keyword == "type" }) {
            guard let request = request(variant),
                let failure = Self.telling(findings(of: request).filter { $0.rule == .requestParameterInvalid }),
                broken.insert(failure.specPointer?.description ?? failure.message).inserted
            else { continue }
            confirmed.append(ProbeCase(operation: operation.key, kind: .negative(.parameterInvalid), request: request, summary: failure.message))
        }
        return confirmed
    }

    /// Each path parameter (of the plain style) off its schema, in the URL of the accepted request, the other
    /// segments as they were: an id that is no id (`wrong type` where an integer belongs, `not a valid value` for a
    /// uuid, one off its pattern) must be refused, a 404 as well as a 400, not answered 2xx, nor 500 by a lookup that
    /// fails on it. Kept as `confirmedBreaks` keeps a query parameter's.
    private func negativePathParameters(_ operation: ConformSpec.Operation, valid: HTTPRequest) -> [[ProbeCase]] {
        let sent = baseURL.map { WireRequest.resolved(valid, against: $0) } ?? valid
        guard !operation.path.contains("#"),
            case .matched(let match) = contract.validator.router.route(method: sent.method, url: sent.url), match.operation.key == operation.key
        else { return [] }
        let values = match.pathValues.dictionary.mapValues { PercentDecoding.decode(Substring($0)) }
        let query = valid.url.firstIndex(of: "?").map { String(valid.url[$0...]) } ?? ""
        let compiled = contract.schemas.compiled
        var groups: [[ProbeCase]] = []
        for parameter in operation.parameters where parameter.location == .path && parameter.content.isEmpty && parameter.style == .simple {
            guard let schema = parameter.schema.flatMap(contract.schemas.schema(at:)), let current = values[parameter.name] else { continue }
            var generator = ValueGenerator(schemas: compiled, seed: seed)
            let variants = generator.invalidVariants(schema, direction: .request, from: compiled.coerce(current, to: schema))
                .filter { $0.instancePointer.isRoot && Self.isScalar($0.value) }
            let confirmed = confirmedBreaks(variants, of: operation) { variant -> HTTPRequest? in
                let text = ParameterEncoder.text(variant.value)
                guard !text.isEmpty else { return nil }
                var path = operation.path
                for (name, value) in values {
                    path = path.replacingOccurrences(of: "{\(name)}", with: ParameterEncoder.encode(name == parameter.name ? text : value, reserved: false))
                }
                var request = valid
                request.url = path + query
                return request
            }
            groups.append(confirmed)
        }
        return groups
    }

    /// Whether the probe changes a parameter's value: a query or header parameter with a schema (not a header
    /// OpenAPI ignores, such as Authorization).
    static func isSettable(_ parameter: Parameter) -> Bool {
        parameter.content.isEmpty && (parameter.location == .query || (parameter.location == .header && !parameter.isIgnoredHeader))
    }

    /// Whether the probe can send a value as a query or header parameter: a scalar, or a list of scalars in a style
    /// that writes one (form, simple, space- or pipe-delimited). An empty list writes nothing.
    static func isSendable(_ value: JSONValue, as parameter: Parameter) -> Bool {
        if isScalar(value) { return true }
        guard case .array(let items) = value, !items.isEmpty, items.allSatisfy(isScalar) else { return false }
        return [.form, .simple, .spaceDelimited, .pipeDelimited].contains(parameter.style)
    }

    /// `request` with a query or header parameter's value replaced by `value`, a list written by the parameter's
    /// style (`status=a&status=b` exploded, `status=a,b` not).
    static func setting(_ parameter: Parameter, to value: JSONValue, in request: HTTPRequest) -> HTTPRequest {
        guard case .array = value else { return setting(parameter, to: ParameterEncoder.text(value), in: request) }
        var changed = request
        if parameter.location == .query {
            var pairs = RequestURL(request.url).rawQueryPairs.filter { $0.name != parameter.name }
            for item in ParameterEncoder.query(parameter.name, value, style: parameter.style, explode: parameter.explode, allowReserved: parameter.allowReserved) {
                guard let equals = item.firstIndex(of: "=") else { continue }
                pairs.append(QueryPair(name: parameter.name, rawValue: item[item.index(after: equals)...]))
            }
            changed.url = replacingQuery(of: request.url, with: pairs)
        } else {
            changed.headers = HTTPHeaders(request.headers.fields.filter { !$0.name.caseInsensitiveEquals(parameter.name) }
                + [(parameter.name, ParameterEncoder.header(value, explode: parameter.explode))])
        }
        return changed
    }

    /// `request` with a query or header parameter's value replaced by `text` (added where it had none).
    static func setting(_ parameter: Parameter, to text: String, in request: HTTPRequest) -> HTTPRequest {
        var changed = request
        if parameter.location == .query {
            var pairs = RequestURL(request.url).rawQueryPairs.filter { $0.name != parameter.name }
            pairs.append(QueryPair(name: parameter.name, rawValue: Substring(ParameterEncoder.encode(text, reserved: false))))
            changed.url = replacingQuery(of: request.url, with: pairs)
        } else {
            changed.headers = HTTPHeaders(request.headers.fields.filter { !$0.name.caseInsensitiveEquals(parameter.name) } + [(parameter.name, text)])
        }
        return changed
    }

    /// OpenAPI 3.2's querystring parameter: the whole query string made from a value off its schema. For a form,
    /// a break in a top-level member that a form can carry: not one of `type`, since form text is read by the
    /// schema (a lone `tags=x` is a one-item list, `5` a number), so a wrong type may not survive the trip.
    private func negativeQuerystring(_ operation: ConformSpec.Operation, valid: HTTPRequest) -> ProbeCase? {
        guard let parameter = operation.parameters.first(where: { $0.location == .querystring }), let media = parameter.content.first,
            let schema = media.schema.flatMap(contract.schemas.schema(at:))
        else { return nil }
        let form = MediaTypeName.essence(media.name) == "application/x-www-form-urlencoded"
        var generator = ValueGenerator(schemas: contract.schemas.compiled, seed: seed)
        guard let variant = generator.invalidVariants(schema, direction: .request).first(where: { variant in
            !form || (variant.keyword != "type" && variant.value.objectValue != nil && variant.instancePointer.tokens.count <= 1
                && variant.value.objectValue!.values.allSatisfy { Self.isScalar($0) || ($0.arrayValue?.allSatisfy(Self.isScalar) ?? false) })
        }) else { return nil }
        let encoded = String(decoding: BodyEncoder.encode(variant.value, as: media, schemas: contract.schemas).bytes, as: UTF8.self)
        let query = form ? encoded : ParameterEncoder.encode(encoded, reserved: false)
        // Credentials an apiKey scheme puts in the query stay, so the request is refused for its query string alone.
        let keys = Set(contract.document.components.securitySchemes.values.compactMap { scheme -> String? in
            if case .apiKey(let name, .query) = scheme.kind { return name }
            return nil
        })
        let kept = RequestURL(valid.url).rawQueryPairs.filter { keys.contains($0.name) }.map { "\($0.name)=\($0.rawValue)" }
        let pieces = (query.isEmpty ? [] : [query]) + kept
        var request = valid
        let base = valid.url.firstIndex(of: "?").map { String(valid.url[..<$0]) } ?? valid.url
        request.url = pieces.isEmpty ? base : base + "?" + pieces.joined(separator: "&")
        let place = variant.instancePointer.isRoot ? "" : " at \(variant.instancePointer)"
        return ProbeCase(
            operation: operation.key, kind: .negative(.parameterInvalid), request: request,
            summary: "querystring parameter '\(parameter.name)': \(variant.summary)\(place)")
    }

    /// Whether every security requirement of `operation` names a scheme (none is `{}`).
    package func requiresCredentials(_ operation: ConformSpec.Operation) -> Bool {
        let requirements = contract.document.effectiveSecurity(of: operation)
        return !requirements.isEmpty && !requirements.contains { $0.schemes.isEmpty }
    }

    // MARK: Bodies

    func bodyMedia(_ operation: ConformSpec.Operation) -> MediaType? {
        guard let body = operation.requestBody, body.unresolved == nil else { return nil }
        return RequestSynthesizer.preferredMedia(body.content)
    }

    /// The documented examples of a request body, named (`example` for the single one).
    private func examples(of media: MediaType) -> [(String, JSONValue)] {
        var found: [(String, JSONValue)] = []
        if let pointer = media.example, case .success(let target) = contract.bundle.follow(pointer) { found.append(("example", target.value)) }
        for example in media.examples {
            guard let pointer = example.value, case .success(let target) = contract.bundle.follow(pointer) else { continue }
            found.append((example.name, target.value))
        }
        return found
    }

    func setBody(_ request: inout HTTPRequest, _ value: JSONValue, media: MediaType) {
        let encoded = BodyEncoder.encode(value, as: media, schemas: contract.schemas)
        request.headers = HTTPHeaders(request.headers.fields.filter { $0.name.lowercased() != "content-type" } + [("Content-Type", encoded.contentType)])
        request.body = .bytes(encoded.bytes)
    }

    // MARK: URLs

    static func isScalar(_ value: JSONValue) -> Bool {
        switch value {
        case .string, .integer, .number, .bool, .bigNumber: return true
        default: return false
        }
    }

    /// The URL with its query made of `pairs` (names encoded again, values as they were sent).
    private static func replacingQuery(of url: String, with pairs: [QueryPair]) -> String {
        let path = url.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? url
        return pairs.isEmpty ? path : path + "?" + pairs.map { "\(ParameterEncoder.encode($0.name, reserved: false))=\($0.rawValue)" }.joined(separator: "&")
    }
}
