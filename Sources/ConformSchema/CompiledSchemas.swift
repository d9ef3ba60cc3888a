import ConformFindings
@_spi(Tape) import ConformValues

/// Which side of an exchange a value travels on: readOnly properties may not be sent in requests, writeOnly
/// properties may not appear in responses. OpenAPI 3.0 and 3.1 read these keywords the same way here.
package enum ValueDirection: Sendable, Hashable {
    case request
    case response
    /// Neither (a standalone payload or an example): readOnly/writeOnly are not enforced.
    case unspecified
}

/// The compiled schemas of one description: an immutable arena shared by every validation, safe to use from
/// many tasks at once.
package final class CompiledSchemas: Sendable {
    let nodes: [CompiledNode]
    let index: SchemaIndex
    let options: SchemaOptions
    let dynamicTargets: [Int32: [String: SchemaID]]
    /// Whether any `$dynamicAnchor` exists, so that evaluation must keep the dynamic scope.
    let keepsDynamicScope: Bool
    let shapes = ShapeCache()
    /// `nodes` for the evaluator's innermost step, which reads them without retaining them.
    let unretainedNodes: UnretainedNodes

    init(nodes: [CompiledNode], index: SchemaIndex, options: SchemaOptions, dynamicTargets: [Int32: [String: SchemaID]]) {
        self.nodes = nodes
        unretainedNodes = UnretainedNodes(nodes)
        self.index = index
        self.options = options
        self.dynamicTargets = dynamicTargets
        keepsDynamicScope = !dynamicTargets.isEmpty
    }

    deinit {
        unretainedNodes.deallocate()
    }

    package var count: Int { nodes.count }

    /// A fresh pattern-matching budget by these schemas' options, for a caller that validates several values as
    /// one (the parts of an exchange, the examples of a description) and passes it to each `validate`.
    package func patternBudget() -> PatternBudget {
        PatternBudget(total: options.patternBudget, deadline: options.patternDeadline)
    }

    /// Fast check: no messages are built, and evaluation stops at the first failure.
    package func isValid(_ value: JSONValue, against schema: SchemaID, direction: ValueDirection = .unspecified, budget: PatternBudget? = nil) -> Bool {
        let budget = budget ?? patternBudget()
        if let quick = JSONTape.withScalarView(of: value, { quickPass($0, 0, schema, direction, budget, PatternTally()) }) {
            return quick.valid
        }
        return isValid(JSONTape(value), against: schema, direction: direction, budget: budget)
    }

    /// `isValid` on a value already laid out as a tape, the form validation reads. A value whose check needed a
    /// `$ref` that leads nowhere is not valid; a `pattern` left undecided (see `PatternBudget`) does not count
    /// against the value.
    package func isValid(_ tape: JSONTape, against schema: SchemaID, direction: ValueDirection = .unspecified, budget: PatternBudget? = nil) -> Bool {
        let budget = budget ?? patternBudget()
        return tape.withView { quickPass($0, tape.root, schema, direction, budget, PatternTally()).valid }
    }

    /// The fast pass over a value: whether it holds (no `$ref` it needed leads nowhere), whether a discriminator
    /// claim needs wording, and the steps it took.
    private func quickPass(
        _ view: JSONTapeView, _ root: JSONTape.Index, _ schema: SchemaID, _ direction: ValueDirection, _ budget: PatternBudget, _ patterns: PatternTally
    ) -> (valid: Bool, claims: Bool, steps: Int) {
        var evaluator = Evaluator(schemas: self, tape: view, direction: direction, collecting: false, budget: budget, patterns: patterns)
        var annotations: Annotations?
        let valid = evaluator.evaluate(schema, root, &annotations) && evaluator.unresolved.isEmpty
        return (valid, evaluator.needsClaimReport, evaluator.steps)
    }

    /// Every failure of a value against a schema, empty when it is valid and no discriminator warns about it. Runs
    /// the fast check first, so valid values cost no more than `isValid`. `masksSecrets` (see `SecretValues`) is for
    /// values from traffic and payloads; a description's own examples are public and shown as written.
    package func validate(
        _ value: JSONValue, against schema: SchemaID, direction: ValueDirection = .unspecified, budget: PatternBudget? = nil,
        masksSecrets: Bool = true
    ) -> [SchemaFailure] {
        // A scalar that holds is answered from a view on the stack; one that fails is laid out and checked again,
        // for its failures, as rarely as values fail.
        let budget = budget ?? patternBudget()
        let patterns = PatternTally()
        if let quick = JSONTape.withScalarView(of: value, { quickPass($0, 0, schema, direction, budget, patterns) }), quick.valid, !quick.claims {
            return patterns.isEmpty ? [] : patterns.notes(self, budget: budget)
        }
        return validate(JSONTape(value), against: schema, direction: direction, budget: budget, masksSecrets: masksSecrets)
    }

    /// `validate` on a value already laid out as a tape. The `$ref`s that lead nowhere and that the check needed
    /// come first, as failures marked `unresolvedReference`; the discriminator warnings come next, marked
    /// `discriminatorMismatch`, and the patterns that left strings undecided last, one note each marked
    /// `notValidated` (neither kind is a failure: a value with only those is valid).
    ///
    /// The collecting pass runs when the fast pass finds the value invalid, or valid but with a discriminator claim
    /// to word (the fast pass only raises a flag for that, as it does for an unresolved `$ref`). Both passes share
    /// `budget` (a fresh one by the options when nil), whose remembered verdicts spare the second pass the ICU
    /// searches of the first.
    package func validate(
        _ tape: JSONTape, against schema: SchemaID, direction: ValueDirection = .unspecified, budget: PatternBudget? = nil,
        masksSecrets: Bool = true
    ) -> [SchemaFailure] {
        let budget = budget ?? patternBudget()
        let patterns = PatternTally()
        let quick = tape.withView { quickPass($0, tape.root, schema, direction, budget, patterns) }
        if quick.valid && !quick.claims { return patterns.isEmpty ? [] : patterns.notes(self, budget: budget) }
        let found = tape.withView { view in
            func collect(masking masked: Set<JSONTape.Index>, patterns: PatternTally) -> (failures: [SchemaFailure], unmasked: [JSONTape.Index]) {
                var evaluator = Evaluator(
                    schemas: self, tape: view, direction: direction, collecting: true, budget: budget, patterns: patterns, masked: masked,
                    secretsMet: masksSecrets ? SecretsMet() : nil)
                // A value that needed the memo in the fast pass needs it from the start here, before failures multiply.
                evaluator.steps = quick.steps
                var annotations: Annotations?
                _ = evaluator.evaluate(schema, tape.root, &annotations)
                return (evaluator.unresolved + Self.once(evaluator.failures) + Self.once(evaluator.mismatches), evaluator.secretsMet?.indices ?? [])
            }
            let masked = masksSecrets ? SecretValues.members(in: view, root: tape.root) : []
            let first = collect(masking: masked, patterns: patterns)
            guard masksSecrets, !first.unmasked.isEmpty else { return first.failures }
            // A `format: password` string the pass met after rendering what held it: worded again with it masked
            // (the first pass's tally already counts the undecided patterns).
            return collect(masking: masked.union(first.unmasked), patterns: PatternTally()).failures
        }
        return patterns.isEmpty ? found : found + patterns.notes(self, budget: budget)
    }

    /// The failures with repeats left out, in order. A schema reached for the same value along several routes
    /// (`allOf: [$ref: A, $ref: A]`, nested) fails the same way along each; the memo stops the multiplying only
    /// once a value has taken many steps. A few failures are the common case and cost no hashing.
    private static func once(_ failures: [SchemaFailure]) -> [SchemaFailure] {
        guard failures.count > 4 else { return failures }
        var seen: Set<SchemaFailure> = []
        return failures.filter { seen.insert($0).inserted }
    }

    /// Where a compiled schema was written.
    package func location(of schema: SchemaID) -> SpecPointer {
        let node = nodes[Int(schema)]
        return SpecPointer(file: index.document(node.location.document).file, pointer: node.location.pointer)
    }

    /// The schema's name for messages (`Pet` for `#/components/schemas/Pet`), if it has one.
    package func label(of schema: SchemaID) -> String? {
        var id = schema
        var hops = 0
        while hops < 32 {
            let node = nodes[Int(id)]
            if let label = node.label { return label }
            guard let next = node.ref else { return nil }
            id = next
            hops += 1
        }
        return nil
    }

    func keywordPointer(_ node: CompiledNode, _ keyword: String) -> SpecPointer {
        SpecPointer(file: index.document(node.location.document).file, pointer: node.location.pointer.appending(keyword))
    }
}

extension CompiledSchemas {
    /// An example written on a schema itself (`example` in OpenAPI 3.0, each item of `examples` in 3.1).
    package struct SchemaExample: Sendable {
        package var schema: SchemaID
        package var pointer: SpecPointer
        package var value: JSONValue
    }

    /// Every example written on a compiled schema, in the order the schemas were compiled.
    package func schemaExamples() -> [SchemaExample] {
        var examples: [SchemaExample] = []
        // A 3.0 Reference Object's siblings are ignored, its `example` included.
        for (offset, node) in nodes.enumerated() where node.constant == nil && !(node.dialect.isDraft4Family && node.ref != nil) {
            guard case .object(let schema)? = index.value(at: node.location) else { continue }
            let file = index.document(node.location.document).file
            let id = SchemaID(offset)
            if node.dialect.understandsOpenAPIKeywords, let example = schema["example"] {
                examples.append(SchemaExample(schema: id, pointer: SpecPointer(file: file, pointer: node.location.pointer.appending("example")), value: example))
            }
            if !node.dialect.isDraft4Family, case .array(let items)? = schema["examples"] {
                for (position, item) in items.enumerated() {
                    examples.append(SchemaExample(schema: id, pointer: SpecPointer(file: file, pointer: node.location.pointer.appending("examples").appending(position)), value: item))
                }
            }
        }
        return examples
    }

    /// Every `default` written on a compiled schema. `default: null` is left out: authors write it to mean "no
    /// default", and openapi-spec-validator skips it too.
    package func schemaDefaults() -> [SchemaExample] {
        nodes.enumerated().compactMap { offset, node in
            guard node.constant == nil, !(node.dialect.isDraft4Family && node.ref != nil),
                case .object(let schema)? = index.value(at: node.location), let value = schema["default"], value != .null
            else { return nil }
            let file = index.document(node.location.document).file
            return SchemaExample(schema: SchemaID(offset), pointer: SpecPointer(file: file, pointer: node.location.pointer.appending("default")), value: value)
        }
    }
}

/// The compiled nodes as references that are not counted, kept alive by `CompiledSchemas.nodes` for as long as the
/// schemas are. A node read out of an array is retained, and released after; with every core validating against
/// the same nodes, those counts are writes to memory all cores share, and contended. An evaluation reads a node
/// from here for the length of a call that holds the schemas.
struct UnretainedNodes: @unchecked Sendable {
    private let base: UnsafeMutablePointer<Unmanaged<CompiledNode>>

    init(_ nodes: [CompiledNode]) {
        base = .allocate(capacity: max(1, nodes.count))
        for (index, node) in nodes.enumerated() { (base + index).initialize(to: .passUnretained(node)) }
    }

    func deallocate() {
        base.deallocate()
    }

    /// `body` with the node, not retained for the call: the caller holds the schemas.
    @inline(__always)
    func withNode<Result>(_ id: SchemaID, _ body: (CompiledNode) -> Result) -> Result {
        base[Int(id)]._withUnsafeGuaranteedRef(body)
    }
}
