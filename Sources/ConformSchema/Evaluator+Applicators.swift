import ConformFindings
@_spi(Tape) import ConformValues

extension Evaluator {
    mutating func evaluateApplicators(_ node: CompiledNode, _ value: JSONTape.Index, _ annotations: inout Annotations?) -> Bool {
        let tape = self.tape
        let shown = self.shown
        var valid = true
        for schema in node.allOf {
            valid = evaluate(schema, value, &annotations) && valid
            if !valid && !collecting { return false }
        }
        if node.discriminates, tape.kind(value) == .object, let discriminator = node.discriminator {
            valid = evaluateDiscriminated(node, discriminator, value, &annotations) && valid
        } else {
            if !node.anyOf.isEmpty {
                valid = evaluateAlternatives(node, "anyOf", node.anyOf, value, &annotations) && valid
            }
            if !node.oneOf.isEmpty {
                valid = evaluateAlternatives(node, "oneOf", node.oneOf, value, &annotations) && valid
            }
        }
        if !valid && !collecting { return false }
        if let not = node.not {
            var probe = subEvaluator(collecting: false)
            var none: Annotations?
            let matched = probe.evaluate(not, value, &none)
            absorb(probe)
            if matched {
                let label = schemas.label(of: not).map { " (\($0))" } ?? ""
                fail(node, "not", "must not match the schema under 'not'\(label)", actual: shown.rendered(value))
                valid = false
                if !collecting { return false }
            }
        }
        if let condition = node.ifSchema {
            var probe = subEvaluator(collecting: false)
            var conditionAnnotations: Annotations? = annotations != nil ? Annotations() : nil
            let holds = probe.evaluate(condition, value, &conditionAnnotations)
            absorb(probe)
            if holds {
                if let conditionAnnotations { annotations?.merge(conditionAnnotations) }
                if let then = node.thenSchema { valid = evaluate(then, value, &annotations) && valid }
            } else if let otherwise = node.elseSchema {
                valid = evaluate(otherwise, value, &annotations) && valid
            }
        }
        return valid
    }

    /// An evaluator for a trial branch: same value path and dynamic scope, its own failures.
    func subEvaluator(collecting: Bool) -> Evaluator {
        var probe = Evaluator(
            schemas: schemas, tape: tape, direction: direction, collecting: collecting, budget: budget, patterns: patterns,
            masked: shown.masked, secretsMet: secretsMet)
        probe.path = path
        probe.scope = scope
        probe.depth = depth
        probe.claimsInProgress = claimsInProgress
        probe.steps = steps
        probe.memo = memo
        return probe
    }

    /// Readies a probe that served one trial for the next, as `subEvaluator` would have made it.
    private mutating func restart(like parent: Evaluator) {
        failures.removeAll(keepingCapacity: true)
        unresolved.removeAll(keepingCapacity: true)
        mismatches.removeAll(keepingCapacity: true)
        if !collected.isEmpty { collected = [:] }
        needsClaimReport = false
        steps = parent.steps
        memo = parent.memo
    }

    /// The result of trying one alternative of `anyOf`/`oneOf`.
    struct Trial {
        var index: Int
        var valid: Bool
        var annotations: Annotations?
    }

    private mutating func evaluateAlternatives(_ node: CompiledNode, _ keyword: String, _ branches: [SchemaID], _ value: JSONTape.Index, _ annotations: inout Annotations?) -> Bool {
        if !collecting && annotations == nil {
            // The fast pass only counts: anyOf is settled by its first match, oneOf by its second.
            var passing = 0
            for branch in branches {
                var none: Annotations?
                if evaluate(branch, value, &none) {
                    passing += 1
                    if keyword == "anyOf" || passing > 1 { break }
                }
            }
            return keyword == "anyOf" ? passing >= 1 : passing == 1
        }
        let trials = tryAlternatives(branches, value, &annotations)
        let passing = trials.filter(\.valid).count
        if keyword == "anyOf" ? passing >= 1 : passing == 1 { return true }
        guard collecting else { return false }
        reportAlternatives(node, keyword, branches, trials, value)
        return false
    }

    /// Tries every alternative on a probe (failures dropped, unresolved references kept) and merges the
    /// annotations of those that pass. The discriminator warnings of a passing alternative are the value's: the
    /// collecting pass gathers them, the fast pass passes the flag on.
    /// `excluding` names alternatives known to fail (a discriminator's, see `CompiledDiscriminator.admitted`),
    /// recorded as failed without being tried.
    mutating func tryAlternatives(
        _ branches: [SchemaID], _ value: JSONTape.Index, _ annotations: inout Annotations?, excluding excluded: (Int) -> Bool = { _ in false }
    ) -> [Trial] {
        var trials: [Trial] = []
        trials.reserveCapacity(branches.count)
        // One probe serves every trial (a copy of the evaluator's state for each would be most of a small
        // branch's cost), made at the first that needs one: a branch that asserts only a type (`type: 'null'` of
        // a nullable property's anyOf) is answered without. What a trial leaves in the probe is reset before the
        // next, and its value path and scope are as they were whenever a trial returns.
        var probe: Evaluator?
        for (index, branch) in branches.enumerated() {
            var branchAnnotations: Annotations? = annotations != nil ? Annotations() : nil
            if excluded(index) {
                trials.append(Trial(index: index, valid: false, annotations: branchAnnotations))
                continue
            }
            let node = schemas.nodes[Int(branch)]
            if node.assertsOnlyType {
                trials.append(Trial(index: index, valid: typeMatches(node, value), annotations: branchAnnotations))
                continue
            }
            if probe == nil { probe = subEvaluator(collecting: false) } else { probe!.restart(like: self) }
            let valid = probe!.evaluate(branch, value, &branchAnnotations)
            absorb(probe!)
            trials.append(Trial(index: index, valid: valid, annotations: branchAnnotations))
            guard valid, probe!.needsClaimReport else { continue }
            if collecting {
                var witness = subEvaluator(collecting: true)
                var none: Annotations?
                _ = witness.evaluate(branch, value, &none)
                mismatches += witness.mismatches
            } else {
                needsClaimReport = true
            }
        }
        for trial in trials where trial.valid {
            if let collected = trial.annotations { annotations?.merge(collected) }
        }
        return trials
    }

    /// Why no alternative, or more than one of a `oneOf`, matched: the names of those that match, or the closest
    /// alternative's failures, found by collecting each one's.
    mutating func reportAlternatives(_ node: CompiledNode, _ keyword: String, _ branches: [SchemaID], _ trials: [Trial], _ value: JSONTape.Index) {
        let shown = self.shown
        let passing = trials.filter(\.valid)
        if passing.count > 1 {
            let names = passing.map { name(of: branches[$0.index], at: $0.index) }
            fail(node, keyword, "matches more than one alternative of \(keyword): \(ListText.joined(names, "and")); exactly one must match", actual: "\(passing.count) matches")
            return
        }
        var best: (trial: Int, failures: [SchemaFailure])?
        for (index, branch) in branches.enumerated() {
            var probe = subEvaluator(collecting: true)
            var none: Annotations?
            _ = probe.evaluate(branch, value, &none)
            absorb(probe)
            if let current = best, !Self.isCloser(probe.failures, than: current.failures) { continue }
            best = (index, probe.failures)
        }
        let names = branches.enumerated().map { name(of: $0.element, at: $0.offset) }
        guard let best else { return }
        let bestName = names[best.trial]
        fail(node, keyword, "matches none of the \(branches.count) alternatives of \(keyword) (\(ListText.joined(names, "and"))); the best match is \(bestName), which fails as shown", actual: shown.rendered(value))
        for var failure in best.failures {
            failure.notes.append("within \(bestName), the best-matching alternative of \(keyword)")
            failures.append(failure)
        }
    }

    /// The alternative whose failures reach deepest into the value, and among those the one with fewest, is the
    /// one the author most likely meant.
    private static func isCloser(_ candidate: [SchemaFailure], than current: [SchemaFailure]) -> Bool {
        // Closures, not key paths: a key path of three steps is projected at run time, with a metadata lookup.
        let candidateDepth = candidate.reduce(0) { max($0, $1.instancePointer.tokens.count) }
        let currentDepth = current.reduce(0) { max($0, $1.instancePointer.tokens.count) }
        if candidateDepth != currentDepth { return candidateDepth > currentDepth }
        return candidate.count < current.count
    }

    func name(of branch: SchemaID, at index: Int) -> String {
        schemas.label(of: branch).map { "'\($0)'" } ?? "#\(index + 1)"
    }
}
