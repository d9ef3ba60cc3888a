import ConformFindings
@_spi(Tape) import ConformValues

/// OpenAPI's discriminator. OpenAPI 3.0.4 and 3.1.1 say it must not change the validation outcome, and that
/// validating a parent does not search for its children: so the verdict is JSON Schema's (`oneOf`/`anyOf` as written,
/// the parent's own schema), and the discriminator adds what it can say on top:
///
/// - a valid value whose discriminating property names a branch it does not satisfy (another alternative matched,
///   or a child extending the parent through `allOf` is broken) gets that branch's failures as warnings, marked
///   `discriminatorMismatch`; so does a valid value that lacks the property or names no branch;
/// - an invalid value is explained against the branch it names, which says more than the best match would.
///
/// The fast pass only raises `needsClaimReport` for the first case, so a value that needs no warning is checked as
/// cheaply as without a discriminator.
extension Evaluator {
    /// What a value's discriminating property says.
    enum Claim {
        case missing
        /// The property is there but selects no branch (not a string, or a value the discriminator does not know).
        case unmapped(selector: JSONTape.Index)
        case branch(DiscriminatorBranch, text: String)
        /// OpenAPI 3.2: the property is missing or selects nothing, and `defaultMapping` names the schema instead;
        /// `why` completes "chosen by defaultMapping, as …".
        case defaulted(DiscriminatorBranch, why: String)

        var branch: DiscriminatorBranch? {
            switch self {
            case .branch(let branch, _), .defaulted(let branch, _): return branch
            default: return nil
            }
        }
    }

    func claim(of discriminator: CompiledDiscriminator, in value: JSONTape.Index) -> Claim {
        let property = discriminator.propertyName
        guard let selector = tape.member(named: property, in: value) else {
            return discriminator.defaultBranch.map { .defaulted($0, why: "'\(property)' is missing") } ?? .missing
        }
        let text = tape.kind(selector) == .string ? tape.string(selector) : nil
        guard let text, let branch = discriminator.branch(for: text) else {
            return discriminator.defaultBranch.map { .defaulted($0, why: "'\(property)' is \(shown.rendered(selector)), which no mapping names") }
                ?? .unmapped(selector: selector)
        }
        return .branch(branch, text: text)
    }

    // MARK: oneOf and anyOf

    mutating func evaluateDiscriminated(_ node: CompiledNode, _ discriminator: CompiledDiscriminator, _ value: JSONTape.Index, _ annotations: inout Annotations?) -> Bool {
        let keyword = node.oneOf.isEmpty ? "anyOf" : "oneOf"
        let branches = node.oneOf.isEmpty ? node.anyOf : node.oneOf
        let claim = claim(of: discriminator, in: value)
        let named = claim.branch?.alternative
        // An alternative whose schema for the property admits other values than the one sent fails: not tried.
        let sent: String? = if case .branch(_, let text) = claim { text } else { nil }
        let excluded = { (index: Int) in sent.map { discriminator.excludes(index, $0) } ?? false }
        if !collecting && annotations == nil {
            // The named alternative first: it is the one that most likely matches, and settles anyOf at once.
            var passing = 0
            var namedPassed = false
            if let named, !excluded(named) {
                var none: Annotations?
                if evaluate(branches[named], value, &none) {
                    if keyword == "anyOf" { return true }
                    passing = 1
                    namedPassed = true
                }
            }
            for (index, branch) in branches.enumerated() where index != named && !excluded(index) {
                var none: Annotations?
                if evaluate(branch, value, &none) {
                    passing += 1
                    if keyword == "anyOf" || passing > 1 { break }
                }
            }
            let valid = keyword == "anyOf" ? passing >= 1 : passing == 1
            if valid && !namedPassed && !holdsOutsideAlternatives(claim, value) { needsClaimReport = true }
            return valid
        }

        let trials = tryAlternatives(branches, value, &annotations, excluding: excluded)
        let passing = trials.filter(\.valid)
        if keyword == "anyOf" ? !passing.isEmpty : passing.count == 1 {
            let namedPassed = named.map { trials[$0].valid } ?? false
            if !namedPassed && !holdsOutsideAlternatives(claim, value) {
                if collecting {
                    let satisfied = passing.map { name(of: branches[$0.index], at: $0.index) }
                    reportMismatch(node, discriminator, claim, value, satisfied: "\(ListText.joined(satisfied, "and")) of \(keyword)")
                } else {
                    needsClaimReport = true
                }
            }
            return true
        }
        guard collecting else { return false }
        reportAgainstClaim(node, discriminator, claim, keyword, branches, trials, value)
        return false
    }

    /// Whether a claim names a schema outside the alternatives (a mapping may) that the value satisfies; a claim of
    /// one of the alternatives has its answer in the alternatives' verdicts.
    private mutating func holdsOutsideAlternatives(_ claim: Claim, _ value: JSONTape.Index) -> Bool {
        guard let branch = claim.branch, branch.alternative == nil else { return false }
        var probe = subEvaluator(collecting: false)
        var none: Annotations?
        return probe.evaluate(branch.schema, value, &none)
    }

    /// An invalid value, explained by what its discriminating property says: the branch it names, checked alone,
    /// and every failure noting it; or the property missing or naming nothing.
    private mutating func reportAgainstClaim(
        _ node: CompiledNode, _ discriminator: CompiledDiscriminator, _ claim: Claim, _ keyword: String,
        _ branches: [SchemaID], _ trials: [Trial], _ value: JSONTape.Index
    ) {
        let shown = self.shown
        let property = discriminator.propertyName
        let known = discriminator.branches.map { "'\($0.value)'" }
        switch claim {
        case .missing:
            fail(node, "discriminator", "discriminator property '\(property)' is missing; it must be one of \(ListText.joined(known, "and"))", expected: property)
        case .unmapped(let selector):
            fail(node, "discriminator", "discriminator '\(property)' is \(shown.rendered(selector)), which selects no schema; expected one of \(ListText.joined(known, "and"))",
                 expected: known.joined(separator: ", "), actual: shown.rendered(selector), at: property)
        case .branch(let branch, let text):
            var witness = subEvaluator(collecting: true)
            var none: Annotations?
            let holds = witness.evaluate(branch.schema, value, &none)
            absorb(witness)
            guard !holds, !witness.failures.isEmpty else {
                // The named branch holds, so the oneOf fails because another matches too: say that, and how to
                // tell the alternatives apart, since the discriminator does not.
                let before = failures.count
                reportAlternatives(node, keyword, branches, trials, value)
                if failures.count > before {
                    failures[before].notes.append(
                        "\(property) = '\(text)' names \(branch.name), but a discriminator does not choose among alternatives that "
                            + "overlap; to make them exclusive, constrain \(property) in each (in \(branch.name): enum: ['\(text)'])")
                }
                return
            }
            for var failure in witness.failures {
                failure.notes.append("checked as \(branch.name), chosen by \(property) = '\(text)'")
                failures.append(failure)
            }
        case .defaulted(let branch, let why):
            var witness = subEvaluator(collecting: true)
            var none: Annotations?
            let holds = witness.evaluate(branch.schema, value, &none)
            absorb(witness)
            guard !holds, !witness.failures.isEmpty else {
                reportAlternatives(node, keyword, branches, trials, value)
                return
            }
            for var failure in witness.failures {
                failure.notes.append("checked as \(branch.name), the discriminator's defaultMapping, as \(why)")
                failures.append(failure)
            }
        }
    }

    // MARK: Inheritance

    /// A discriminator on a schema that others extend through `allOf` (Pet, with Cat as `allOf: [Pet, …]`): a value
    /// valid as the parent whose property names a child is checked against that child too, and warned about if it
    /// does not satisfy it.
    mutating func checkInheritedClaim(_ node: CompiledNode, _ value: JSONTape.Index) {
        guard tape.kind(value) == .object, let discriminator = node.discriminator else { return }
        let claim = claim(of: discriminator, in: value)
        guard let branch = claim.branch, !claimsInProgress.contains(where: { $0.value == value && $0.schema == branch.schema }) else { return }
        var probe = subEvaluator(collecting: false)
        probe.claimsInProgress.append((value, branch.schema))
        var none: Annotations?
        guard !probe.evaluate(branch.schema, value, &none) else { return }
        guard collecting else {
            needsClaimReport = true
            return
        }
        let parent = schemas.label(of: node.id).map { "'\($0)'" } ?? "the schema here"
        reportMismatch(node, discriminator, claim, value, satisfied: parent)
    }

    // MARK: Warnings

    /// The failures of a value against the branch its claim names, each with `note`.
    private func branchFailures(_ branch: DiscriminatorBranch, _ value: JSONTape.Index, note: String) -> [SchemaFailure] {
        var witness = subEvaluator(collecting: true)
        witness.claimsInProgress.append((value, branch.schema))
        var none: Annotations?
        _ = witness.evaluate(branch.schema, value, &none)
        return witness.failures.map { failure in
            var warning = failure
            warning.notes.append(note)
            return warning
        }
    }

    /// The warnings for a valid value whose discriminator claim does not hold: the named branch's failures, or the
    /// property's absence, each noting what the value satisfies instead.
    private mutating func reportMismatch(_ node: CompiledNode, _ discriminator: CompiledDiscriminator, _ claim: Claim, _ value: JSONTape.Index, satisfied: String) {
        let property = discriminator.propertyName
        let verdict = "the value satisfies \(satisfied), so it passes: a discriminator does not change the verdict"
        let known = discriminator.branches.map { "'\($0.value)'" }
        var warnings: [SchemaFailure]
        switch claim {
        case .missing:
            var warning = failure(node, "discriminator", "discriminator property '\(property)' is missing; it should be one of \(ListText.joined(known, "and"))", expected: property)
            warning.notes.append(verdict)
            warnings = [warning]
        case .unmapped(let selector):
            var warning = failure(
                node, "discriminator", "discriminator '\(property)' is \(shown.rendered(selector)), which selects no schema; expected one of \(ListText.joined(known, "and"))",
                expected: known.joined(separator: ", "), actual: shown.rendered(selector), at: property)
            warning.notes.append(verdict)
            warnings = [warning]
        case .branch(let branch, let text):
            warnings = branchFailures(branch, value, note: "\(property) = '\(text)' names \(branch.name), which the value does not satisfy; \(verdict)")
        case .defaulted(let branch, let why):
            warnings = branchFailures(branch, value, note: "\(why), so defaultMapping names \(branch.name), which the value does not satisfy; \(verdict)")
        }
        for var warning in warnings {
            warning.discriminatorMismatch = true
            mismatches.append(warning)
        }
    }
}
