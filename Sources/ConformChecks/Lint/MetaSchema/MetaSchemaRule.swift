import ConformFindings
import ConformSchema
import ConformSpec
import ConformValues
import Dispatch

extension LintRule {
    /// Lint: the description against the JSON Schema that the OpenAPI Initiative publishes with its version
    /// (`MetaSchema`): every field of the wrong type, required field missing, field an object does not have, value
    /// an enum does not allow, and combination the specification forbids. The entry document is checked as written;
    /// parts in other files that the model reaches through a `$ref` are checked against the definition of what they
    /// stand for, and a `$ref` where OpenAPI allows none is followed (with a `spec-ref-misplaced` warning) and its
    /// target checked instead. What the loader, the model builder, the schema compiler or an earlier lint rule
    /// already reported about the same place is left out, so each problem is reported once.
    package static let metaSchema = LintRule(.specStructure) { context in
        var check = MetaSchemaCheck(context: context)
        check.run()
        return check.findings
    }
}

extension LintRule {
    /// Starts compiling what the lint rules of a description need (the meta-schema of its version) on another core,
    /// so that it overlaps building the model; the rule waits for it if it is not done. Compiled once per process.
    package static func prepare(for version: SpecVersion) {
        DispatchQueue.global(qos: .userInitiated).async { _ = MetaSchema.of(version) }
    }
}

/// One run of the meta-schema over a description.
///
/// The parts to check are found a round at a time: the entry document first, then the parts the model reached
/// through `$ref`s into other files and the targets of the misplaced `$ref`s the first round met, then the targets
/// of those the second met. Each round is checked on all cores (a description split into hundreds of files has
/// hundreds of parts); what the parts break is worded in order afterwards, so the findings do not depend on which
/// part finished first.
struct MetaSchemaCheck {
    let context: LintContext
    let schema: MetaSchema
    let evaluator: MetaSchemaEvaluator
    private let reported: ReportedPlaces
    private(set) var findings: [Finding] = []
    /// The parts checked or queued so far, by where they were written: each covers the parts written inside it.
    private var checked = PointerTree()
    /// Problems reported so far, by place: a part reached twice reports once.
    private var said: Set<SaidKey> = []
    /// The misplaced `$ref`s followed so far.
    private var followed: Set<SpecPointer> = []

    /// A part to check: where it was written, its value, the meta-schema node it must satisfy, and how to name it.
    struct Job: Sendable {
        var base: SpecPointer
        var value: JSONValue
        var node: SchemaID
        var place: Naming
    }

    /// How a job's part is named; worked out only for a part with something to say.
    enum Naming: Sendable {
        case place(MetaSchemaPlace)
        case part(ModelParts.Part)
        /// The target of a misplaced `$ref`: named as the place of the reference, under `place` at `site` in
        /// `value`, and for a reference standing for a map, as its member `member`.
        case reference(place: MetaSchemaPlace, site: JSONPointer, value: JSONValue, member: String?)

        var place: MetaSchemaPlace {
            switch self {
            case .place(let place): return place
            case .part(let part): return part.place
            case .reference(let place, let site, let value, let member):
                let named = place.descending(site.tokens, in: value)
                return member.map { named.child($0, value: nil) } ?? named
            }
        }
    }

    init(context: LintContext) {
        self.context = context
        schema = MetaSchema.of(context.document.version)
        evaluator = MetaSchemaEvaluator(schema: schema)
        reported = ReportedPlaces(context.reported)
    }

    mutating func run() {
        let bundle = context.bundle
        let entry = SpecPointer(file: bundle.entryPath, pointer: .root)
        var round = [Job(base: entry, value: bundle.entry.root, node: schema.root, place: .place(.document))]
        var first = true
        while !round.isEmpty {
            for job in round { checked.insert(job.base) }
            let evaluator = self.evaluator
            let results = round.parallelMap { job in evaluator.issues(of: job.value, against: job.node) }
            var next: [Job] = []
            for (job, issues) in zip(round, results) where !issues.isEmpty {
                next += report(issues, of: job)
            }
            if first {
                first = false
                for part in ModelParts.reachedThroughReferences(in: context.document) where !isChecked(part.origin) {
                    guard let node = schema.definition(part.kind), let value = bundle.value(at: part.origin) else { continue }
                    checked.insert(part.origin)
                    next.append(Job(base: part.origin, value: value, node: node, place: .part(part)))
                }
            }
            round = next
        }
    }

    /// Reports what one part breaks, and returns the targets of its misplaced `$ref`s to check next.
    private mutating func report(_ found: [MetaSchemaIssue], of job: Job) -> [Job] {
        let place = job.place.place
        let misplaced = MisplacedReference.sites(of: found, in: job.value, schema: schema)
        // Sites relative to the part (in no file), so that asking about each issue hashes no path.
        var sites = PointerTree()
        for reference in misplaced { sites.insert(SpecPointer(file: "", pointer: reference.site)) }
        for issue in found where !sites.covers(SpecPointer(file: "", pointer: issue.pointer)) {
            let absolute = SpecPointer(file: job.base.file, pointer: job.base.pointer.appending(issue.pointer))
            guard !issue.isInExtension(above: job.base.pointer.lastToken), !reported.cover(issue, at: absolute),
                said.insert(SaidKey(pointer: absolute, problem: issue.problem)).inserted
            else { continue }
            let subject = place.descending(issue.pointer.tokens, in: job.value)
            let object = place.descending(issue.object.tokens, in: job.value)
            let value = job.value.value(at: issue.pointer)
            let message = MetaSchemaWording.message(issue, subject: subject, object: object, value: value, schema: schema)
            findings.append(Finding(rule: .specStructure, message: message, operation: subject.operation, specPointer: absolute))
        }
        return misplaced.flatMap { follow($0, from: job) }
    }

    /// A `$ref` where OpenAPI allows no Reference Object: said once (unless the model builder said it), and its
    /// target to be checked against what the reference stands for.
    private mutating func follow(_ reference: MisplacedReference, from job: Job) -> [Job] {
        let site = SpecPointer(file: job.base.file, pointer: job.base.pointer.appending(reference.site))
        guard followed.insert(site).inserted, let node = reference.node.isRoot ? schema.root : schema.nodes[reference.node]
        else { return [] }
        let place = job.place.place
        func naming(_ member: String? = nil) -> Naming {
            .reference(place: place, site: reference.site, value: job.value, member: member)
        }
        if !reported.mentions(site / "$ref") {
            let named = naming().place
            let version = context.document.version.text
            findings.append(Finding(
                rule: .specRefMisplaced,
                message: "\(named.text) cannot be a Reference Object in OpenAPI \(version); the '$ref' is followed anyway",
                operation: named.operation,
                specPointer: site / "$ref"))
        }
        // A reference that leads nowhere was reported by the loader; one the strict reading leaves out stays out.
        guard !reported.leavesOut(site / "$ref"), case .success(let target) = context.bundle.follow(site) else { return [] }
        var jobs: [Job] = []
        if reference.standsForMembers {
            for (key, member) in target.value.objectValue?.members ?? JSONObject().members where !key.hasPrefix("x-") {
                let part = target.pointer / key
                guard !isChecked(part) else { continue }
                checked.insert(part)
                jobs.append(Job(base: part, value: member, node: node, place: naming(key)))
            }
        } else if !isChecked(target.pointer) {
            checked.insert(target.pointer)
            jobs.append(Job(base: target.pointer, value: target.value, node: node, place: naming()))
        }
        return jobs
    }

    /// Whether a part was checked already, as written inside a part checked: everything in the entry document but
    /// what extensions hold, and everything inside the parts checked since.
    private func isChecked(_ pointer: SpecPointer) -> Bool {
        if pointer.file == context.bundle.entryPath, !pointer.pointer.tokens.contains(where: { $0.hasPrefix("x-") }) { return true }
        return checked.covers(pointer)
    }

    private struct SaidKey: Hashable {
        var pointer: SpecPointer
        var problem: MetaSchemaIssue.Problem
    }
}

/// The places earlier findings are about, to tell whether an issue restates one.
private struct ReportedPlaces {
    /// Where each finding points.
    private var places = PointerTree()
    /// The objects that stand for a misplaced `$ref`'s target.
    private var misplaced = PointerTree()
    /// The misplaced `$ref`s the model builder left out, under `strict: [misplaced-ref]` (an error, where it
    /// otherwise warns and follows them).
    private var leftOut: Set<SpecPointer> = []

    init(_ findings: [Finding]) {
        for finding in findings {
            guard let pointer = finding.specPointer else { continue }
            places.insert(pointer)
            if finding.rule == .specRefMisplaced, pointer.pointer.lastToken == "$ref", let holder = pointer.pointer.parent {
                misplaced.insert(SpecPointer(file: pointer.file, pointer: holder))
                if finding.severity == .error { leftOut.insert(pointer) }
            }
        }
    }

    func mentions(_ pointer: SpecPointer) -> Bool {
        places.contains(pointer)
    }

    /// Whether the model builder left the `$ref` at `pointer` unfollowed, as the strict reading asks.
    func leavesOut(_ pointer: SpecPointer) -> Bool {
        leftOut.contains(pointer)
    }

    /// Whether an earlier finding already says what `issue` (at `pointer`) says.
    ///
    /// - A finding at the issue's place says it, and for a field or a value so does one inside it (a `$ref` inside
    ///   a value of the wrong type, a parameter inside a list of duplicates).
    /// - A finding about the object holding a value says it too (`path parameter 'id' must have 'required: true'`
    ///   for `required: false`; `documents no responses` for `responses: {}`), except at the root, where a finding
    ///   about one field (`no 'info'`) says nothing of another.
    /// - Nothing inside an object that stands for a misplaced `$ref` is the object's own: its target is checked.
    func cover(_ issue: MetaSchemaIssue, at pointer: SpecPointer) -> Bool {
        if misplaced.covers(pointer) { return true }
        switch issue.problem {
        case .missing, .needsOneOf, .exclusive:
            return places.contains(pointer)
        default:
            if places.reaches(pointer) { return true }
            guard issue.isAboutValue, let holder = pointer.pointer.parent, !holder.isRoot else { return false }
            return places.contains(SpecPointer(file: pointer.file, pointer: holder))
        }
    }
}
