import ConformFindings
import ConformValues

/// Options that change what validation asserts.
package struct SchemaOptions: Sendable {
    /// Whether `format` is an assertion (OpenAPI tools treat it so) or only an annotation (JSON Schema 2020-12's
    /// default, used by the JSON-Schema-Test-Suite's required tests).
    package var formatAssertion: Bool
    package var formats: FormatRegistry
    /// How long one ICU `pattern` search may run before it is abandoned; the value is then reported not checked.
    package var patternDeadline: Duration
    /// How much ICU search time one validation (a value, or an exchange or a lint run that shares one
    /// `PatternBudget`) may spend in all; see `PatternBudget`.
    package var patternBudget: Duration
    /// `nullable: true` as the letter has it: in OpenAPI 3.0 it adds null to the `type` beside it and does nothing
    /// else (3.0.3's wording), in 3.1 it is no keyword at all. Otherwise (the default) it allows null wherever it
    /// stands, as nearly every description that writes it means (see `SchemaCompiler.compileNullable`).
    package var strictNullable: Bool
    /// A `{$ref: …}` object where OpenAPI wants a string (a discriminator mapping value) is followed with a
    /// warning; when false (`strict: [misplaced-ref]`), it is an error and not followed.
    package var followsMisplacedReferences: Bool
    /// A `pattern` written between slashes that no string could match as written (`/^[0-9]+$/`) is read as the
    /// expression between them, with a warning; when false (`strict: [pattern-slashes]`), as written, with an error.
    /// See `PatternSlashes`.
    package var readsSlashedPatterns: Bool
    /// Longest `pattern` compiled, in Unicode scalars (the `pattern-length` limit); a longer one is reported and
    /// values are not checked against it. Translating and compiling a pattern costs with its length, and a
    /// hostile description can write megabytes of one.
    package var maxPatternLength: Int
    /// Deepest nesting of schema evaluations (the `schema-depth` limit): a recursive schema on recursive data, or a
    /// `$ref` loop that never consumes the value, stops here with a failure.
    package var maxDepth: Int

    package init(
        formatAssertion: Bool = true, formats: FormatRegistry = FormatRegistry(), patternDeadline: Duration = .milliseconds(250),
        patternBudget: Duration = .seconds(1), strictNullable: Bool = false, followsMisplacedReferences: Bool = true,
        readsSlashedPatterns: Bool = true,
        maxPatternLength: Int = LoadLimits.default.maxPatternLength, maxDepth: Int = LoadLimits.default.maxSchemaDepth
    ) {
        self.maxPatternLength = maxPatternLength
        self.maxDepth = maxDepth
        self.formatAssertion = formatAssertion
        self.formats = formats
        self.patternDeadline = patternDeadline
        self.patternBudget = patternBudget
        self.strictNullable = strictNullable
        self.followsMisplacedReferences = followsMisplacedReferences
        self.readsSlashedPatterns = readsSlashedPatterns
    }
}

/// Compiles schemas once into a `CompiledSchemas` arena. Documents are added first (so every identifier is
/// known), then schemas are compiled by location; references are followed through a work list rather than by
/// recursion, so recursive and deeply nested schemas compile in bounded stack.
package struct SchemaCompiler {
    var index = SchemaIndex()
    var nodes: [SchemaNode] = []
    var memo: [SchemaLocation: SchemaID] = [:]
    var pending: [SchemaID] = []
    package private(set) var diagnostics: [SchemaDiagnostic] = []
    private(set) var options: SchemaOptions
    /// `$dynamicAnchor` targets by resource and anchor name, filled as `$dynamicRef`s are compiled.
    var dynamicTargets: [Int32: [String: SchemaID]] = [:]
    private var reportedDiagnostics: Set<SchemaDiagnostic> = []
    /// Patterns compiled so far, by source: descriptions repeat patterns (a slug, an id), and compiling one (ICU and
    /// the linear matcher's automaton) costs far more than a lookup. A compiled `ECMARegex` is immutable and shared.
    var compiledPatterns: [String: Result<ECMARegex, ECMARegexError>] = [:]

    package init(options: SchemaOptions = SchemaOptions()) {
        self.options = options
    }

    /// Switches `format` between assertion and annotation for schemas compiled from now on.
    package mutating func setFormatAssertion(_ assert: Bool) {
        options.formatAssertion = assert
    }

    /// Adds a document that is a schema; returns its document number.
    @discardableResult
    package mutating func addSchemaDocument(_ root: JSONValue, uri: String, file: String, dialect: SchemaDialect) -> Int {
        index.addSchemaDocument(root, uri: uri, file: file, dialect: dialect)
    }

    /// Adds a document with schemas at the given places (an OpenAPI description).
    @discardableResult
    package mutating func addDocument(_ root: JSONValue, uri: String, file: String, dialect: SchemaDialect, schemaRoots: [JSONPointer]) -> Int {
        index.addDocument(root, uri: uri, file: file, dialect: dialect, schemaRoots: schemaRoots)
    }

    /// Compiles the schema at a pointer of an added document (and everything it reaches).
    package mutating func compile(document: Int, pointer: JSONPointer) -> SchemaID {
        let id = schemaID(for: SchemaLocation(document: document, pointer: pointer))
        drain()
        return id
    }

    /// Compiles the schema a URI names (`http://…/schema.json#/$defs/x`); nil when nothing is there.
    package mutating func compile(uri: String) -> SchemaID? {
        guard case .found(let location) = index.locate(uri) else { return nil }
        let id = schemaID(for: location)
        drain()
        return id
    }

    package func finish() -> CompiledSchemas {
        var finished = nodes
        ReadWriteOnly.annotate(&finished)
        if dynamicTargets.isEmpty { BareReferences.collapse(&finished) }
        let claimable = DiscriminatorBranches.place(&finished)
        let compiled = finished.enumerated().map { offset, node in
            CompiledNode(node, id: SchemaID(offset), claimable: claimable.contains(SchemaID(offset)))
        }
        return CompiledSchemas(nodes: compiled, index: index, options: options, dynamicTargets: dynamicTargets)
    }

    /// The node a `$ref` that leads nowhere points to instead: it accepts no value, and evaluation records that it
    /// was reached, so a value whose check needed it is never reported valid (the reference itself is diagnosed
    /// where it is written). Its location is the `$ref` member, so failures point at the reference.
    mutating func unresolvedReferenceNode(_ reference: String, in holder: SchemaNode) -> SchemaID {
        let site = SchemaLocation(document: holder.location.document, pointer: holder.location.pointer.appending("$ref"))
        if let known = memo[site] { return known }
        var node = SchemaNode(location: site, resource: holder.resource, dialect: holder.dialect)
        node.constant = false
        node.unresolvedReference = reference
        nodes.append(node)
        let id = SchemaID(nodes.count - 1)
        memo[site] = id
        return id
    }

    // MARK: Work list

    /// The id of the schema at a location, allocating and queueing it on first sight.
    mutating func schemaID(for location: SchemaLocation) -> SchemaID {
        if let known = memo[location] { return known }
        let resource = index.enclosingResource(of: location)
        let node = SchemaNode(
            location: location,
            resource: Int32(index.resourceIndex(of: resource.uri) ?? -1),
            dialect: resource.dialect)
        nodes.append(node)
        let id = SchemaID(nodes.count - 1)
        memo[location] = id
        pending.append(id)
        return id
    }

    private mutating func drain() {
        while let id = pending.popLast() {
            compileKeywords(of: id)
        }
    }

    /// The base URI for references written in the schema at a location.
    func baseURI(of location: SchemaLocation) -> String {
        index.enclosingResource(of: location).uri
    }

    func specPointer(_ location: SchemaLocation, _ keyword: String? = nil) -> SpecPointer {
        let pointer = keyword.map { location.pointer.appending($0) } ?? location.pointer
        return SpecPointer(file: index.document(location.document).file, pointer: pointer)
    }

    mutating func diagnose(_ kind: SchemaDiagnostic.Kind, _ message: String, at location: SchemaLocation, keyword: String? = nil, severity: Severity = .error) {
        let diagnostic = SchemaDiagnostic(kind, message, at: specPointer(location, keyword), severity: severity)
        if reportedDiagnostics.insert(diagnostic).inserted { diagnostics.append(diagnostic) }
    }

    /// Resolves a `$ref`-style reference written at `location`; diagnoses and returns nil when it leads nowhere.
    mutating func resolveReference(_ reference: String, at location: SchemaLocation, keyword: String) -> SchemaLocation? {
        let absolute = URIReference.resolve(reference, against: baseURI(of: location))
        switch index.locate(absolute) {
        case .found(let target):
            return target
        case .unknownResource(let uri):
            diagnose(.referenceUnresolved, "'\(keyword): \(reference)' names '\(uri)', which is not loaded (remote references are not fetched)", at: location, keyword: keyword)
        case .noValue(let uri):
            diagnose(.referenceUnresolved, "'\(keyword): \(reference)' points at '\(uri)', where there is no value", at: location, keyword: keyword)
        case .unknownAnchor(let uri):
            diagnose(.referenceUnresolved, "'\(keyword): \(reference)' names the anchor '\(uri)', which no schema defines", at: location, keyword: keyword)
        }
        return nil
    }
}
