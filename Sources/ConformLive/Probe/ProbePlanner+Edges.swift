import ConformChecks
import ConformFindings
import ConformSchema
import ConformSpec
import ConformTraffic
import ConformValues

extension ProbePlanner {
    /// Valid requests made from `base`, a valid case the API accepted, each with one value moved to an edge of what
    /// the description allows (`ValueGenerator.edgeVariants`): in the body, each kind of edge once (the shortest
    /// string, the highest number, null where null is allowed, another value of an enum, …), then up to
    /// `maxExamples` more at other places, shallowest first; in each query and header parameter, its edges (`limit`
    /// at its maximum, each value of a `status` filter), then `maxExamples` more. An API must take each: one whose
    /// own validation is stricter than its description refuses it (`probe-rejected-valid`, the edge named), and one
    /// that fails on it answers 5xx. A request is sent only when `validate`, checking it as written at the URL it
    /// goes to, finds nothing wrong with it (form text may read otherwise; an empty parameter is never sent, since
    /// OpenAPI allows one only with `allowEmptyValue`).
    package func edgeCases(for operation: ConformSpec.Operation, base: ProbeCase) -> [ProbeCase] {
        guard isClean(base.request) else { return [] }
        return edgeBodies(operation, base: base) + edgeParameters(operation, base: base.request)
    }

    /// Whether `validate` finds no error in the request (before any config applies).
    private func isClean(_ request: HTTPRequest) -> Bool {
        !findings(of: request).contains { $0.side == .request && $0.severity >= .error }
    }

    /// Whether `value` holds against the schema written at `pointer` read by the letter as well: null beside an
    /// `allOf` where 3.0's `nullable` has no effect holds only by the lenient reading, and an API that refuses it
    /// (Connexion, by jsonschema) is right to.
    private func holdsByTheLetter(_ value: JSONValue, _ pointer: SpecPointer) -> Bool {
        guard let schema = letter.schema(at: pointer) else { return true }
        return letter.compiled.isValid(value, against: schema, direction: .request)
    }

    private func edgeBodies(_ operation: ConformSpec.Operation, base: ProbeCase) -> [ProbeCase] {
        guard let body = base.body, let media = bodyMedia(operation), let pointer = media.schema, let schema = contract.schemas.schema(at: pointer) else {
            return []
        }
        var generator = ValueGenerator(schemas: contract.schemas.compiled, seed: seed)
        var made: [(kind: EdgeVariant.Edge, depth: Int, probeCase: ProbeCase)] = []
        for variant in generator.edgeVariants(schema, direction: .request, from: body) where holdsByTheLetter(variant.value, pointer) {
            var request = base.request
            setBody(&request, variant.value, media: media)
            guard isClean(request) else { continue }
            let place = variant.instancePointer.isRoot ? "" : " at \(variant.instancePointer)"
            made.append((variant.edge, variant.instancePointer.tokens.count, ProbeCase(
                operation: operation.key, kind: .edge(variant.edge), request: request, summary: "edge of the body\(place): \(variant.summary)",
                body: variant.value, edgePlace: variant.instancePointer)))
        }
        return Self.spread(Self.byKindShallowestFirst(made), budget: maxExamples, seed: seed)
    }

    /// A body case at an edge sent again with its strings made anew but at the edge (the `offset`-th such): a
    /// create answered 409 met an item made from the same values (a unique email, dates a room is booked for),
    /// which the accepted body it was made from holds, and so tested nothing. Only strings change: the body keeps
    /// the shape the API accepted (a refusal is still the edge's, not a new body's). Nil when the new strings do
    /// not hold there.
    package func refreshed(_ edgeCase: ProbeCase, for operation: ConformSpec.Operation, offset: Int) -> ProbeCase? {
        guard case .edge = edgeCase.kind, let place = edgeCase.edgePlace, let body = edgeCase.body, let part = body.value(at: place),
            let media = bodyMedia(operation), let pointer = media.schema, let schema = contract.schemas.schema(at: pointer)
        else { return nil }
        var generator = ValueGenerator(schemas: contract.schemas.compiled, seed: Self.caseSeed(seed, 1 << 12 + UInt64(offset)))
        guard case .success(let fresh) = generator.fullValue(schema, direction: .request),
            let changed = ValueGenerator.replacing(Self.renewingStrings(of: body, from: fresh), at: place.tokens[...], with: part),
            changed != body,
            contract.schemas.compiled.isValid(changed, against: schema, direction: .request), holdsByTheLetter(changed, pointer)
        else { return nil }
        var request = edgeCase.request
        setBody(&request, changed, media: media)
        guard isClean(request) else { return nil }
        var again = edgeCase
        again.request = request
        again.body = changed
        again.summary = edgeCase.summary + " (sent again after a 409, its other strings made anew)"
        return again
    }

    /// `value` with each string that `fresh` has a string at the same place for replaced by that one; everything
    /// else as it was.
    static func renewingStrings(of value: JSONValue, from fresh: JSONValue) -> JSONValue {
        switch (value, fresh) {
        case (.string, .string): return fresh
        case (.object(var object), .object(let other)):
            for (name, member) in object.members { if let renewed = other[name] { object[name] = renewingStrings(of: member, from: renewed) } }
            return .object(object)
        case (.array(let items), .array(let others)):
            return .array(items.enumerated().map { index, item in index < others.count ? renewingStrings(of: item, from: others[index]) : item })
        default: return value
        }
    }

    /// The edges of each query and header parameter whose value is a scalar or a list of them, from the value the
    /// base sent (or, for a list or an optional parameter it left out, a generated one).
    private func edgeParameters(_ operation: ConformSpec.Operation, base: HTTPRequest) -> [ProbeCase] {
        let compiled = contract.schemas.compiled
        var byParameter: [[ProbeCase]] = []
        for parameter in operation.parameters where Self.isSettable(parameter) {
            guard let pointer = parameter.schema, let schema = contract.schemas.schema(at: pointer) else { continue }
            var generator = ValueGenerator(schemas: compiled, seed: seed)
            let sent = parameter.location == .query
                ? RequestURL(base.url).queryPairs.first { $0.name == parameter.name }?.value
                : base.headers[parameter.name]
            // The value sent, read as the validator reads a scalar's text; for a list (or where none was sent), one
            // generated.
            let read = sent.map { compiled.coerce($0, to: schema) }.flatMap { compiled.isValid($0, against: schema, direction: .request) ? $0 : nil }
            guard let value = read ?? (try? generator.valid(schema, direction: .request).get()), Self.isSendable(value, as: parameter) else { continue }
            var cases: [ProbeCase] = []
            for variant in generator.edgeVariants(schema, direction: .request, from: value)
            where Self.isSendable(variant.value, as: parameter) && holdsByTheLetter(variant.value, pointer) {
                guard !ParameterEncoder.text(variant.value).isEmpty else { continue }
                let request = Self.setting(parameter, to: variant.value, in: base)
                guard isClean(request) else { continue }
                cases.append(ProbeCase(
                    operation: operation.key, kind: .edge(variant.edge), request: request,
                    summary: "edge of \(parameter.location.rawValue) parameter '\(parameter.name)': \(variant.summary)"))
            }
            byParameter.append(cases)
        }
        return Self.spread(byParameter, budget: maxExamples, seed: seed)
    }
}
