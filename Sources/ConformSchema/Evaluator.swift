import ConformFindings
@_spi(Tape) import ConformValues
import Foundation

/// Walks a value and a compiled schema together. The value is read from a `JSONTape` (see there for why), and
/// is turned back into a `JSONValue` only to say what it was in a message.
///
/// In the fast mode (`collecting == false`) it stops at the first failure and builds no text. In the collecting
/// mode it evaluates everything and records a `SchemaFailure` for each problem, with the instance pointer kept
/// as a stack of tokens so that pointers are only built when something fails.
struct Evaluator {
    let schemas: CompiledSchemas
    let tape: JSONTapeView
    let direction: ValueDirection
    /// Fixed for an evaluator's life, but for the fast checks the collecting pass makes in place
    /// (`holdsWithNothingToCollect`).
    private(set) var collecting: Bool
    /// The ICU time this validation may still spend on `pattern`s, shared with whatever else the caller validates
    /// as one (see `PatternBudget`).
    let budget: PatternBudget
    /// What each ICU-matched pattern decided and left unchecked, shared by both passes and every probe.
    let patterns: PatternTally
    var failures: [SchemaFailure] = []
    /// Unresolved `$ref`s the evaluation reached (see `SchemaCompiler.unresolvedReferenceNode`), with the instance
    /// pointer in collecting mode. Kept apart from `failures`: a trial branch's failures are dropped, these never.
    var unresolved: [SchemaFailure] = []
    /// Instance path, maintained in collecting mode only, as tape positions: the text of a token is made only for
    /// a failure.
    var path: [PathStep] = []
    /// Schema resources entered, outermost first, for `$dynamicRef`.
    var scope: [Int32] = []
    var depth = 0
    /// Set by the fast pass when a discriminator names a branch that a valid value does not satisfy: the collecting
    /// pass must then run to word the warning, although the value is valid. A flag, so the fast pass collects
    /// nothing; it may be set by a trial branch that fails after all, which costs a collecting pass that finds
    /// nothing to say.
    var needsClaimReport = false
    /// The collecting pass's discriminator warnings (`SchemaFailure.discriminatorMismatch`), kept apart from
    /// `failures`: they never make the value invalid.
    var mismatches: [SchemaFailure] = []
    /// The schemas an inheritance discriminator names that are being checked, each with the value it is checked
    /// against: a parent reached again from inside its child for the same value is not checked against that child
    /// again, which would loop, and a child validated directly is not validated twice.
    var claimsInProgress: [(value: JSONTape.Index, schema: SchemaID)] = []
    /// The last value the collecting pass found invalid by a fast probe (`holdsWithNothingToCollect`), -1 for none.
    var probedInvalid: JSONTape.Index = -1
    /// Values as failures' texts show them, with the strings no text may show masked (see `SecretValues`). A
    /// constant, so the texts `fail` takes as autoclosures read it while the evaluator changes.
    let shown: ShownValues
    /// Strings the collecting passes met under `format: password` that `shown` does not mask; nil where nothing is
    /// worded (the fast pass) or nothing is masked (a description's examples), so that no evaluator allocates one
    /// for nothing.
    let secretsMet: SecretsMet?

    /// Schema nodes evaluated so far by this evaluator and the probes it absorbed.
    var steps = 0
    /// Verdicts and collected failures by schema and value, shared with the probes; made once `steps` passes
    /// `memoThreshold` (see `evaluate(_:_:_:)`).
    var memo: EvaluationMemo?
    /// This evaluator's own record of what the collecting pass has already evaluated (its failures are recorded
    /// once), made with `memo`.
    var collected: [UInt64: Bool] = [:]
    /// How many node evaluations a value may take before verdicts are remembered. Above what ordinary schemas and
    /// payloads take (a validation is tens to a few thousand steps), so they never pay for the memo; low enough
    /// that the collecting pass of a doubling schema has not multiplied its failures much before it starts.
    static let memoThreshold = 20_000

    init(
        schemas: CompiledSchemas, tape: JSONTapeView, direction: ValueDirection, collecting: Bool,
        budget: PatternBudget = PatternBudget(), patterns: PatternTally = PatternTally(), masked: Set<JSONTape.Index> = [],
        secretsMet: SecretsMet? = nil
    ) {
        shown = ShownValues(tape: tape, masked: masked)
        self.secretsMet = secretsMet
        self.schemas = schemas
        self.tape = tape
        self.direction = direction
        self.collecting = collecting
        self.budget = budget
        self.patterns = patterns
    }

    /// Searches the string (or member name) at `value` for `regex`, written under `keyword` of `node`: true or false
    /// when decided, nil when ICU's search timed out or the budget was spent (the tally then says so once).
    func search(_ regex: ECMARegex, in value: JSONTape.Index, of node: CompiledNode, _ keyword: String) -> Bool? {
        let text = tape.bytes(value)
        guard regex.needsICU else { return regex.firstMatch(utf8: text) == .matched }
        let verdict = budget.search(regex, utf8: text)
        patterns.record(verdict, at: PatternTally.Site(node: node.id, keyword: keyword, source: regex.source), value: value)
        switch verdict {
        case .matched: return true
        case .notMatched: return false
        case .timedOut, .budgetSpent: return nil
        }
    }

    /// One step of the instance path: an object member (by its key's tape entry) or an array item.
    enum PathStep {
        case member(key: JSONTape.Index)
        case item(Int)
    }

    /// Records a failure in collecting mode. The texts are autoclosures: the fast pass never builds them.
    mutating func fail(
        _ node: CompiledNode, _ keyword: String, _ message: @autoclosure () -> String,
        expected: @autoclosure () -> String? = nil, actual: @autoclosure () -> String? = nil, at token: String? = nil
    ) {
        guard collecting else { return }
        failures.append(failure(node, keyword, message(), expected: expected(), actual: actual(), at: token))
    }

    /// A failure at the current instance path, for `fail` and for warnings that are not failures.
    func failure(_ node: CompiledNode, _ keyword: String, _ message: String, expected: String? = nil, actual: String? = nil, at token: String? = nil) -> SchemaFailure {
        var pointer = path.map { step in
            switch step {
            case .member(let key): return tape.string(key)
            case .item(let index): return String(index)
            }
        }
        if let token { pointer.append(token) }
        return SchemaFailure(
            instancePointer: JSONPointer(tokens: pointer),
            schemaPointer: schemas.keywordPointer(node, keyword),
            keyword: keyword, message: message, expected: expected, actual: actual)
    }

    /// Records that the value's check needed a `$ref` that leads nowhere.
    mutating func reachedUnresolved(_ node: CompiledNode, _ reference: String) {
        let pointer = collecting ? JSONPointer(tokens: path.map { step in
            switch step {
            case .member(let key): return tape.string(key)
            case .item(let index): return String(index)
            }
        }) : .root
        let failure = SchemaFailure(
            instancePointer: pointer,
            schemaPointer: SpecPointer(file: schemas.index.document(node.location.document).file, pointer: node.location.pointer),
            keyword: "$ref", message: "cannot be checked: the schema here is '$ref: \(reference)', which resolves nowhere",
            expected: reference, unresolvedReference: true)
        if !unresolved.contains(failure) { unresolved.append(failure) }
    }

    /// Keeps the unresolved references a trial branch reached, and counts its steps and shares its memo.
    mutating func absorb(_ probe: Evaluator) {
        for failure in probe.unresolved where !unresolved.contains(failure) { unresolved.append(failure) }
        steps = max(steps, probe.steps)
        if memo == nil { memo = probe.memo }
    }

    /// Evaluates one schema against one value. `annotations` is non-nil when an enclosing schema needs to know
    /// which properties and items were evaluated (`unevaluated*`).
    @inline(__always)
    mutating func evaluate(_ id: SchemaID, _ value: JSONTape.Index, _ annotations: inout Annotations?) -> Bool {
        schemas.unretainedNodes.withNode(id) { node in
            if node.isLeaf {
                if node.assertsOnlyType && !collecting { return typeMatches(node, value) }
                return !node.hasAssertions || evaluateAssertions(node, value)
            }
            return evaluate(node, value, &annotations)
        }
    }

    /// `evaluate` for a node with more to it than assertions on the value itself.
    ///
    /// The same schema can be reached for the same value along many routes: branches of `anyOf`, `oneOf` and
    /// `allOf` that lead to one `$ref`, nested, double the work at each level (25 levels: 33 million evaluations,
    /// and in the collecting pass as many copies of each failure). A verdict depends only on the schema and the
    /// value, except where annotations, a `$dynamicRef`'s scope or an inheritance claim in progress come in; outside
    /// those, once a value has taken `memoThreshold` steps, each (schema, value) is evaluated once: the fast pass
    /// reuses the verdict, the collecting pass records the failures once. The work is then linear in schema × value.
    mutating func evaluate(_ node: CompiledNode, _ value: JSONTape.Index, _ annotations: inout Annotations?) -> Bool {
        if collecting, annotations == nil, !path.isEmpty, value != probedInvalid, holdsWithNothingToCollect(node, value) { return true }
        steps &+= 1
        guard steps > Self.memoThreshold, annotations == nil, claimsInProgress.isEmpty, !schemas.keepsDynamicScope else {
            return evaluateNode(node, value, &annotations)
        }
        let memo = self.memo ?? EvaluationMemo()
        self.memo = memo
        let key = UInt64(UInt32(bitPattern: node.id)) << 32 | UInt64(UInt32(truncatingIfNeeded: value))
        var none: Annotations?
        guard collecting else {
            if let known = memo.verdicts[key] { return known }
            let valid = evaluateNode(node, value, &none)
            memo.verdicts[key] = valid
            return valid
        }
        // Already recorded by this evaluator: once is enough. Recorded by another (a trial of another branch):
        // the same failures, at the same instance path, are this evaluator's too.
        if let known = collected[key] { return known }
        if let earlier = memo.collections[key] {
            failures += earlier.failures
            mismatches += earlier.mismatches
            collected[key] = earlier.valid
            return earlier.valid
        }
        let failuresBefore = failures.count
        let mismatchesBefore = mismatches.count
        let valid = evaluateNode(node, value, &none)
        collected[key] = valid
        memo.collections[key] = EvaluationMemo.Collection(
            valid: valid, failures: Array(failures[min(failuresBefore, failures.count)...]),
            mismatches: Array(mismatches[min(mismatchesBefore, mismatches.count)...]))
        return valid
    }

    /// In the collecting pass, whether the fast pass finds a value below the root valid with nothing to word: no
    /// discriminator claim, no `$ref` that leads nowhere. The collecting pass would then record nothing for it, and
    /// in an invalid value most members hold, each checked this way at the cost of the fast pass (which also
    /// settles `anyOf` by counting). A value found otherwise is not tried again for the schemas nested on it.
    ///
    /// The fast pass runs on this evaluator, switched out of collecting for it (a probe evaluator of its own would be
    /// made and torn down for every member); what it may leave, the claim flag and unresolved references (pointed at
    /// the root, as the fast pass points them), is put back as it was.
    private mutating func holdsWithNothingToCollect(_ node: CompiledNode, _ value: JSONTape.Index) -> Bool {
        let claimBefore = needsClaimReport
        let unresolvedBefore = unresolved
        needsClaimReport = false
        unresolved = []
        collecting = false
        var none: Annotations?
        let valid = evaluate(node, value, &none)
        collecting = true
        let holds = valid && !needsClaimReport && unresolved.isEmpty
        needsClaimReport = claimBefore
        unresolved = unresolvedBefore
        if !holds { probedInvalid = value }
        return holds
    }

    private mutating func evaluateNode(_ node: CompiledNode, _ value: JSONTape.Index, _ annotations: inout Annotations?) -> Bool {
        let tape = self.tape
        let shown = self.shown
        if node.acceptsNull && tape.kind(value) == .null { return true }
        if let constant = node.constant {
            if let reference = node.unresolvedReference {
                reachedUnresolved(node, reference)
            } else if !constant {
                fail(node, "", "no value is allowed here (the schema is false)", actual: shown.rendered(value))
            }
            return constant
        }
        depth += 1
        defer { depth -= 1 }
        guard depth <= schemas.options.maxDepth else {
            let limit = schemas.options.maxDepth
            fail(node, "$ref", "schema evaluation nests deeper than the schema-depth limit of \(limit) levels (--limit schema-depth=…): a recursive schema on data nested as deep, or references that never consume the value")
            return false
        }
        // The dynamic scope matters only to `$dynamicRef`; without one, keeping it would cost an allocation.
        let entersResource = schemas.keepsDynamicScope && node.resource >= 0 && scope.last != node.resource
        if entersResource { scope.append(node.resource) }
        defer { if entersResource { scope.removeLast() } }

        if node.isBareReference, let ref = node.ref {
            // Nothing to check here but the target: no annotations of its own, no failures of its own.
            return evaluate(ref, value, &annotations)
        }
        if node.isClaimable { claimsInProgress.append((value, node.id)) }
        defer { if node.isClaimable { claimsInProgress.removeLast() } }

        var local: Annotations? = node.tracksAnnotations ? Annotations() : (annotations != nil ? Annotations() : nil)
        var valid = true

        if let ref = node.ref {
            valid = evaluate(ref, value, &local) && valid
            if !valid && !collecting { return false }
            // Draft 4 and OpenAPI 3.0 ignore a $ref's siblings; the compiler left them out of the node.
        }
        if let dynamic = node.dynamicRef {
            valid = evaluate(resolveDynamic(dynamic), value, &local) && valid
            if !valid && !collecting { return false }
        }
        if node.hasAssertions {
            valid = evaluateAssertions(node, value) && valid
            if !valid && !collecting { return false }
        }

        switch tape.kind(value) {
        case .object:
            valid = evaluateObject(node, value, &local) && valid
        case .array:
            valid = evaluateArray(node, value, &local) && valid
        default:
            break
        }
        if !valid && !collecting { return false }

        if node.hasApplicators {
            valid = evaluateApplicators(node, value, &local) && valid
            if !valid && !collecting { return false }
        }
        if valid && node.claimsChildren { checkInheritedClaim(node, value) }

        if node.tracksAnnotations, var collected = local {
            valid = evaluateUnevaluated(node, value, &collected) && valid
            local = collected
        }
        if valid, annotations != nil, let local { annotations!.merge(local) }
        return valid
    }

    /// The schema a `$dynamicRef` lands on: the outermost resource in the dynamic scope that declares the same
    /// `$dynamicAnchor`, else its static target.
    func resolveDynamic(_ reference: DynamicReference) -> SchemaID {
        guard let anchor = reference.anchor else { return reference.target }
        for resource in scope {
            if let target = schemas.dynamicTargets[resource]?[anchor] { return target }
        }
        return reference.target
    }

    // MARK: Assertions on any value

    mutating func evaluateAssertions(_ node: CompiledNode, _ value: JSONTape.Index) -> Bool {
        let tape = self.tape
        let shown = self.shown
        var valid = true
        if collecting, node.marksSecret, tape.kind(value) == .string, !shown.masked.contains(value) { secretsMet?.add(value) }
        if let types = node.types, node.acceptedKinds & 1 << UInt16(tape.kind(value).rawValue) == 0,
            !matches(types, value, dialect: node.dialect)
        {
            let expected = { () -> String in
                let names = types.names
                return names.isEmpty ? "no type" : ListText.joined(names, "or")
            }
            fail(node, "type", "expected \(expected()), found \(ValueText.describe(shown.value(value)))", expected: expected(), actual: tape.value(at: value).typeName)
            valid = false
            if !collecting { return false }
        }
        if let values = node.enumValues, !enumContains(node, value) {
            let allowed = { values.prefix(10).map(ValueText.render).joined(separator: ", ") + (values.count > 10 ? ", …" : "") }
            fail(node, "enum", "\(shown.rendered(value)) is not one of the allowed values: \(allowed())", expected: allowed(), actual: shown.rendered(value))
            valid = false
            if !collecting { return false }
        }
        if let constant = node.constValue, !JSONEquality.equal(tape, value, constant) {
            fail(node, "const", "must be exactly \(ValueText.render(constant)), found \(shown.rendered(value))", expected: ValueText.render(constant), actual: shown.rendered(value))
            valid = false
            if !collecting { return false }
        }
        switch tape.kind(value) {
        case .integer, .number, .bigNumber:
            valid = evaluateNumber(node, value) && valid
        case .string where node.checksStrings:
            valid = evaluateString(node, value) && valid
        default:
            break
        }
        if let check = node.formatCheck, schemas.options.formatAssertion {
            // The common case first: a built-in string format on a string, valid.
            if case .string(let format) = check, tape.kind(value) == .string {
                if let reason = format.problem(tape.bytes(value)) {
                    valid = evaluateFormat(node, .invalid(reason: reason), value) && valid
                }
                return valid
            }
            let verdict: FormatVerdict
            switch tape.kind(value) {
            case .string:
                if case .pattern(let regex, let name) = check {
                    // A custom format's pattern searches against the budget as `pattern` does.
                    verdict = switch search(regex, in: value, of: node, "format") {
                    case false: .invalid(reason: "does not match the pattern '\(regex.source)' of custom format '\(name)'")
                    case true, nil: .valid
                    }
                } else {
                    verdict = check.verdict(string: tape.bytes(value))
                }
            case .integer, .number, .bigNumber: verdict = check.verdict(number: tape.value(at: value))
            default: verdict = .notApplicable
            }
            valid = evaluateFormat(node, verdict, value) && valid
        }
        return valid
    }

    func enumContains(_ node: CompiledNode, _ value: JSONTape.Index) -> Bool {
        if tape.kind(value) == .string { return node.enumStrings.entry(for: tape.bytes(value)) != nil }
        return node.enumOthers.contains { JSONEquality.equal(tape, value, $0) }
    }

    /// The verdict of a schema that asserts only a type (`assertsOnlyType`): nothing to record, even in the
    /// collecting pass, when it holds.
    @inline(__always)
    func typeMatches(_ node: CompiledNode, _ value: JSONTape.Index) -> Bool {
        node.acceptedKinds & 1 << UInt16(tape.kind(value).rawValue) != 0 || matches(node.types!, value, dialect: node.dialect)
    }

    @inline(__always)
    func matches(_ types: TypeSet, _ value: JSONTape.Index, dialect: SchemaDialect) -> Bool {
        switch tape.kind(value) {
        case .null: return types.contains(.null)
        case .false, .true: return types.contains(.boolean)
        case .string: return types.contains(.string)
        case .array: return types.contains(.array)
        case .object: return types.contains(.object)
        case .integer: return types.contains(.number) || types.contains(.integer)
        case .number:
            if types.contains(.number) { return true }
            let number = tape.double(value)
            // 1.0 is an integer from draft 6 on; draft 4 and OpenAPI 3.0 keep it a number.
            return types.contains(.integer) && !dialect.isDraft4Family && number.isFinite && number.rounded(.towardZero) == number
        case .bigNumber:
            if types.contains(.number) { return true }
            return types.contains(.integer) && DecimalLiteral(tape.string(value))?.isIntegral == true
        }
    }

    mutating func evaluateString(_ node: CompiledNode, _ value: JSONTape.Index) -> Bool {
        let tape = self.tape
        let shown = self.shown
        var valid = true
        let text = tape.bytes(value)
        if node.minLength != nil || node.maxLength != nil {
            let length = Self.scalarCount(text)
            if let minimum = node.minLength, length < minimum {
                fail(node, "minLength", "\(Self.characters(length)), at least \(minimum) required", expected: ">= \(minimum) characters", actual: "\(length) characters")
                valid = false
            }
            if let maximum = node.maxLength, length > maximum {
                fail(node, "maxLength", "\(Self.characters(length)), at most \(maximum) allowed", expected: "<= \(maximum) characters", actual: "\(length) characters")
                valid = false
            }
        }
        // Undecided (nil) is neither a pass nor a failure: `PatternTally` reports it once for the pattern.
        if let pattern = node.pattern, search(pattern.regex, in: value, of: node, "pattern") == false {
            // A pattern between slashes reads as a regular-expression literal, and the reader may expect the value
            // to match what is between them: say why it does not.
            let slashes = pattern.isSlashed ? " (whose first and last '/' are characters to match: a JSON Schema pattern has no delimiters)" : ""
            fail(node, "pattern", "\(shown.rendered(value)) does not match the pattern \(pattern.source)\(slashes)", expected: pattern.source, actual: shown.rendered(value))
            valid = false
        }
        return valid
    }

    /// Length as JSON Schema counts it, in code points: the UTF-8 bytes that start a scalar. Much cheaper than
    /// walking `unicodeScalars`, which showed up as a fifth of validating a string-heavy schema.
    static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }

    static func characters(_ count: Int) -> String {
        CountText.phrase(count, "character")
    }

    mutating func evaluateFormat(_ node: CompiledNode, _ verdict: FormatVerdict, _ value: JSONTape.Index) -> Bool {
        let shown = self.shown
        switch verdict {
        case .valid, .notApplicable, .unknownFormat:
            return true
        case .invalid(let reason):
            let format = node.format ?? ""
            // Some reasons already say what the value is not ("not a valid IPv4 address: …").
            let message = reason.hasPrefix("not a valid")
                ? "\(shown.rendered(value)) is \(reason)"
                : "\(shown.rendered(value)) is not a valid \(format): \(reason)"
            fail(node, "format", message, expected: format, actual: shown.rendered(value))
            return false
        }
    }
}

/// Verdicts by (schema, value), and in the collecting pass what each recorded, shared by an evaluator and its
/// probes (see `Evaluator.evaluate`).
final class EvaluationMemo {
    struct Collection {
        var valid: Bool
        var failures: [SchemaFailure]
        var mismatches: [SchemaFailure]
    }

    var verdicts: [UInt64: Bool] = [:]
    var collections: [UInt64: Collection] = [:]
}
