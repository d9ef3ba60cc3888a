import ConformFindings
import ConformValues

/// Builds values from compiled schemas: valid ones for mocks and examples, and invalid variants that break exactly
/// one keyword for negative tests.
///
/// Deterministic: every choice comes from a `SeededRandom` seeded by the caller, and nothing iterates a dictionary
/// or set in hash order. Honest: a value is returned only after `CompiledSchemas.isValid` accepted it in the
/// direction asked for; otherwise the answer is a `GenerationError` that says where the schema is. Bounded: nesting
/// stops at `maxDepth` (then only what is required is built), hard-stops a few levels later, and every call has a
/// budget of steps, so a hostile schema costs bounded time.
package struct ValueGenerator {
    let schemas: CompiledSchemas
    let maxDepth: Int
    var random: SeededRandom
    var direction: ValueDirection = .unspecified
    package internal(set) var statistics = GenerationStatistics()
    /// How many optional members objects get (see `OptionalMembers`).
    var optionalMembers = OptionalMembers.some
    /// Steps left for the current call (`build` and pattern attempts spend them).
    var budget = 0
    /// Memoised `escapeCost` per schema.
    var escapeCosts: [SchemaID: Int] = [:]
    /// Character pools per Unicode property name (`\p{L}`), found once.
    var propertyPools: [String: [Unicode.Scalar]] = [:]

    /// Steps one call to `valid` may take.
    static let stepBudget = 20_000
    /// Levels past `maxDepth` the generator may go while only required members are built.
    static let depthSlack = 6
    /// Attempts at one level before giving up on a conjunction.
    static let attempts = 5

    package init(schemas: CompiledSchemas, seed: UInt64, maxDepth: Int = 6) {
        self.schemas = schemas
        self.random = SeededRandom(seed: seed)
        self.maxDepth = max(0, maxDepth)
    }

    /// How many of an object's optional members are built (within the depth bound; beyond it only as many as
    /// minProperties needs, and so for `none`).
    enum OptionalMembers {
        /// About 60% of them.
        case some
        /// Every one above the depth (others about 60%): `fullValue`, so that optional members near the root have a
        /// value to break, without building every optional member all the way down.
        case all(aboveDepth: Int)
        /// None: `leanValue`.
        case none

        /// Whether an optional member of an object at `depth` is built; `random` is drawn from only where chance
        /// decides.
        func wanted(at depth: Int, _ random: inout SeededRandom) -> Bool {
            switch self {
            case .some: random.chance(0.6)
            case .all(let limit): depth < limit || random.chance(0.6)
            case .none: false
            }
        }

        /// Whether a value at `depth` is built with every optional member.
        func fills(_ depth: Int) -> Bool {
            if case .all(let limit) = self { depth < limit } else { false }
        }
    }

    /// A valid value with every optional member it can have in its top two levels (else any valid value): the
    /// value `invalidVariants` changes, so that optional members are broken too.
    package mutating func fullValue(_ schema: SchemaID, direction: ValueDirection) -> Result<JSONValue, GenerationError> {
        valid(schema, direction: direction, optionalMembers: .all(aboveDepth: 2))
    }

    /// A valid value with only the members objects require (else any valid value): the smallest body an API must
    /// take, such as `{}` for an update whose members are all optional, which some refuse.
    package mutating func leanValue(_ schema: SchemaID, direction: ValueDirection) -> Result<JSONValue, GenerationError> {
        valid(schema, direction: direction, optionalMembers: .none)
    }

    /// `valid` with `members` optional members, else (when no such value can be built) with some.
    private mutating func valid(_ schema: SchemaID, direction: ValueDirection, optionalMembers members: OptionalMembers) -> Result<JSONValue, GenerationError> {
        optionalMembers = members
        let made = valid(schema, direction: direction)
        optionalMembers = .some
        return made.flatMapError { _ in valid(schema, direction: direction) }
    }

    /// A value that satisfies the schema in the given direction (readOnly members left out of requests,
    /// writeOnly ones out of responses), or why there is none.
    package mutating func valid(_ schema: SchemaID, direction: ValueDirection) -> Result<JSONValue, GenerationError> {
        guard schema >= 0, Int(schema) < schemas.count else {
            return .failure(GenerationError(.unresolvedReference, "schema #\(schema) does not exist", at: nil))
        }
        use(direction)
        budget = Self.stepBudget
        do {
            let value = try build([schema], depth: 0, at: .root)
            guard schemas.isValid(value, against: schema, direction: direction) else {
                return .failure(GenerationError(.exhausted, "the value built does not validate", at: schemas.location(of: schema)))
            }
            return .success(value)
        } catch {
            return .failure(error)
        }
    }

    /// Values are built and judged in `direction` from now on (the costs memoised for another are dropped).
    mutating func use(_ direction: ValueDirection) {
        if direction != self.direction { escapeCosts = [:] }
        self.direction = direction
    }

    // MARK: Building

    /// A value for the conjunction of `ids`, checked against each of them. Choices that do not work out are made
    /// again a few times; an error that no choice could avoid is thrown at once.
    mutating func build(_ ids: [SchemaID], depth: Int, at pointer: JSONPointer) throws(GenerationError) -> JSONValue {
        guard depth <= maxDepth + Self.depthSlack else {
            throw GenerationError(
                .tooDeep, "the schema requires nesting deeper than \(maxDepth + Self.depthSlack) levels",
                at: ids.first.map(schemas.location(of:)), instancePointer: pointer)
        }
        var firstError: GenerationError?
        let rotation = random.next()
        for attempt in 0..<Self.attempts {
            try spend(at: ids.first, pointer)
            if attempt > 0 { statistics.retries += 1 }
            var merged: MergedSchema
            do {
                merged = try merge(ids, attempt: attempt, rotation: rotation, depth: depth, at: pointer)
            } catch {
                firstError = firstError ?? error
                if error.kind != .exhausted && error.kind != .tooDeep { throw error }
                continue
            }
            do {
                let value = try produce(merged, depth: depth, at: pointer)
                statistics.values += 1
                if ids.allSatisfy({ schemas.isValid(value, against: $0, direction: direction) }) { return value }
                if let repaired = disambiguate(value, merged), ids.allSatisfy({ schemas.isValid(repaired, against: $0, direction: direction) }) {
                    return repaired
                }
            } catch {
                if merged.choices == 0 && error.kind != .exhausted { throw error }
                if error.kind == .unresolvedReference { throw error }
                firstError = firstError ?? error
            }
        }
        if let firstError { throw firstError }
        throw GenerationError(
            .exhausted, "no value found within \(Self.attempts) attempts",
            at: ids.first.map(schemas.location(of:)), instancePointer: pointer)
    }

    mutating func spend(at schema: SchemaID?, _ pointer: JSONPointer) throws(GenerationError) {
        budget -= 1
        guard budget >= 0 else {
            throw GenerationError(
                .exhausted, "gave up after \(Self.stepBudget) steps", at: schema.map(schemas.location(of:)), instancePointer: pointer)
        }
    }

    /// A value of the merged keywords, before the validator's check.
    mutating func produce(_ merged: MergedSchema, depth: Int, at pointer: JSONPointer) throws(GenerationError) -> JSONValue {
        if let constant = merged.constValue { return constant }
        if !merged.enumValues.isEmpty { return try pickEnum(merged, at: pointer) }
        switch try chooseType(merged, at: pointer) {
        case .null: return .null
        case .boolean: return .bool(random.chance(0.5))
        case .object: return try buildObject(merged, depth: depth, at: pointer)
        case .array: return try buildArray(merged, depth: depth, at: pointer)
        case .integer: return try buildNumber(merged, integer: true, at: pointer)
        case .number: return try buildNumber(merged, integer: false, at: pointer)
        default:
            // A string whose content is JSON of a schema (`contentMediaType: application/json` with `contentSchema`,
            // pydantic's `Json[...]`): the JSON text of a value of it, which is what servers parse there.
            if merged.patterns.isEmpty, let content = merged.nodes.first(where: { $0.contentSchema != nil })?.contentSchema,
                case .success(let value) = Result(catching: { () throws(GenerationError) in try build([content], depth: depth + 1, at: pointer) })
            {
                return .string(JSONWriter.string(value))
            }
            return try buildString(merged, at: pointer)
        }
    }

    /// An `enum` value every schema accepts: the lists intersected, then each candidate checked.
    private mutating func pickEnum(_ merged: MergedSchema, at pointer: JSONPointer) throws(GenerationError) -> JSONValue {
        var candidates = merged.enumValues[0]
        for other in merged.enumValues.dropFirst() {
            candidates = candidates.filter { value in other.contains { JSONEquality.equal($0, value) } }
        }
        for value in random.shuffled(candidates).prefix(32)
        where merged.ids.allSatisfy({ schemas.isValid(value, against: $0, direction: direction) }) {
            return value
        }
        let location = merged.enumNode.map { schemas.keywordPointer($0, "enum") }
        throw GenerationError(
            merged.choices == 0 && candidates.count <= 32 ? .unsatisfiable : .exhausted,
            "no value of enum satisfies the rest of the schema", at: location, instancePointer: pointer)
    }

    /// The JSON type to build: one the keywords point at if the types allow it, else one of the allowed types
    /// (null seldom, when another is allowed too).
    private mutating func chooseType(_ merged: MergedSchema, at pointer: JSONPointer) throws(GenerationError) -> TypeSet {
        let order: [TypeSet] = [.object, .array, .string, .integer, .number, .boolean, .null]
        let allowed = merged.types.map { types in order.filter { types.contains($0) } } ?? order
        guard !allowed.isEmpty else {
            throw GenerationError(
                .unsatisfiable, "the types of the schemas combined leave no type",
                at: merged.typeNode.map { schemas.keywordPointer($0, "type") }, instancePointer: pointer)
        }
        let implied: [TypeSet] = [
            merged.checksObjects ? .object : nil, merged.checksArrays ? .array : nil,
            merged.checksStrings ? .string : nil, merged.checksNumbers ? .integer : nil,
            merged.checksNumbers ? .number : nil,
        ].compactMap { $0 }
        if let type = implied.first(where: allowed.contains) {
            if type == .integer, allowed.contains(.number), random.chance(0.5) { return .number }
            return type
        }
        if merged.types == nil { return .string }
        let nonNull = allowed.filter { $0 != .null }
        if nonNull.isEmpty || random.chance(0.1) && allowed.contains(.null) { return .null }
        return random.pick(nonNull) ?? .string
    }
}
