import ConformValues

/// Index of a compiled schema in `CompiledSchemas`. Recursion is expressed by indices, so the arena holds no
/// reference cycles.
package typealias SchemaID = Int32

/// JSON types as a bit set; `integer` is a subset of `number`, so a `number` type accepts integers.
package struct TypeSet: OptionSet, Sendable, Hashable {
    package let rawValue: UInt8
    package static let null = TypeSet(rawValue: 1)
    package static let boolean = TypeSet(rawValue: 2)
    package static let object = TypeSet(rawValue: 4)
    package static let array = TypeSet(rawValue: 8)
    package static let number = TypeSet(rawValue: 16)
    package static let string = TypeSet(rawValue: 32)
    package static let integer = TypeSet(rawValue: 64)

    package init(rawValue: UInt8) { self.rawValue = rawValue }

    /// How many types the set names.
    package var count: Int { rawValue.nonzeroBitCount }

    init?(name: String) {
        switch name {
        case "null": self = .null
        case "boolean": self = .boolean
        case "object": self = .object
        case "array": self = .array
        case "number": self = .number
        case "string": self = .string
        case "integer": self = .integer
        default: return nil
        }
    }

    /// Names in the order JSON Schema lists them, for messages.
    package var names: [String] {
        // Every type failure's message asks: no table of tuples is built and freed for it.
        var names: [String] = []
        if contains(.object) { names.append("object") }
        if contains(.array) { names.append("array") }
        if contains(.string) { names.append("string") }
        if contains(.number) { names.append("number") }
        if contains(.integer) { names.append("integer") }
        if contains(.boolean) { names.append("boolean") }
        if contains(.null) { names.append("null") }
        return names
    }
}

/// `$dynamicRef`: the statically resolved target, and the anchor name to look up in the dynamic scope when the
/// target itself carries a matching `$dynamicAnchor`.
struct DynamicReference: Sendable {
    var target: SchemaID
    var anchor: String?
}

/// OpenAPI's discriminator, resolved at compile time: property name, and the branch for each value.
struct CompiledDiscriminator: Sendable {
    var propertyName: String
    /// Mapping entries first, then implicit names.
    var branches: [DiscriminatorBranch]
    /// Whether the schema has `oneOf`/`anyOf` to choose from; otherwise the branches are the schemas that extend
    /// this one through `allOf` (OpenAPI's inheritance form).
    var choosesAmongAlternatives: Bool
    /// OpenAPI 3.2's `defaultMapping`: the schema a value is checked as when the property is missing or names no
    /// branch.
    var defaultBranch: DiscriminatorBranch? = nil
    /// Per `oneOf`/`anyOf` alternative, the values of the discriminating property it admits when its schema for the
    /// property is a `const` or an `enum` of strings (nil: any value, as far as the property says). An alternative
    /// that does not admit the value a message sends fails for it, so it need not be tried (set when compilation
    /// finishes; left empty when any `$ref` leads nowhere, since trying a branch may reach one).
    var admitted: [[String]?] = []

    func branch(for value: String) -> DiscriminatorBranch? {
        branches.first { $0.value == value }
    }

    /// Whether the alternative at `index` cannot hold for a value whose discriminating property is `text`.
    func excludes(_ index: Int, _ text: String) -> Bool {
        guard index < admitted.count, let values = admitted[index] else { return false }
        return !values.contains(text)
    }
}

/// One value a discriminator knows and the schema it names.
struct DiscriminatorBranch: Sendable {
    var value: String
    var schema: SchemaID
    /// The branch's name for messages (its `components/schemas` key).
    var name: String
    /// Its position among the `oneOf`/`anyOf` alternatives, when it is one of them (set when compilation finishes).
    var alternative: Int?
}

/// A numeric bound as written (for messages) and in the forms exact comparison needs: an integer bound is compared
/// with integer values in `Int64`, a big one (beyond `Int64` and `Double`) as a decimal, a decimal one as a double
/// (which orders doubles as their shortest literals do).
struct NumberBound: Sendable {
    var value: Double
    var text: String
    /// The bound, when written as an integer that fits `Int64`.
    var integer: Int64?
    /// The bound as a decimal literal: what `multipleOf` divides by, and what big numbers are compared with.
    var literal: DecimalLiteral
    /// Whether it was written beyond what `Int64` or `Double` holds, so only `literal` is exact.
    var isBig: Bool

    init?(_ written: JSONValue) {
        switch written {
        case .integer(let number):
            value = Double(number)
            integer = number
            literal = DecimalLiteral(number)
            isBig = false
        case .number(let number):
            value = number
            integer = nil
            literal = DecimalLiteral(number)
            isBig = false
        case .bigNumber(let text):
            guard let parsed = DecimalLiteral(text) else { return nil }
            value = Double(text) ?? (parsed.negative ? -.infinity : .infinity)
            integer = nil
            literal = parsed
            isBig = true
        default:
            return nil
        }
        text = SchemaCompiler.numberText(written)
    }
}

/// One compiled schema: every keyword it has, in a form that validation reads without further lookups.
struct SchemaNode: Sendable {
    var location: SchemaLocation
    var resource: Int32
    var dialect: SchemaDialect
    /// Boolean schemas (and `{"not": {}}`-free shortcuts): `true` accepts everything, `false` nothing.
    var constant: Bool?
    /// For the node that stands in for a `$ref` leading nowhere (`constant` is false): the reference's text.
    var unresolvedReference: String?
    /// Name for messages: the `components/schemas` or `$defs` key a reference reached it by, or its `title`.
    var label: String?

    var types: TypeSet?
    var enumValues: [JSONValue]?
    var constValue: JSONValue?
    /// `nullable: true` read as "null is allowed": a null value passes this schema whatever else it says.
    var acceptsNull = false

    var minimum: NumberBound?
    var maximum: NumberBound?
    var exclusiveMinimum: NumberBound?
    var exclusiveMaximum: NumberBound?
    var multipleOf: NumberBound?

    var minLength: Int?
    var maxLength: Int?
    var pattern: CompiledPattern?
    var format: String?
    /// The format's check, resolved when the schema is compiled.
    var formatCheck: FormatCheck?

    var prefixItems: [SchemaID] = []
    var items: SchemaID?
    var contains: SchemaID?
    var minContains: Int?
    var maxContains: Int?
    var minItems: Int?
    var maxItems: Int?
    var uniqueItems = false
    var unevaluatedItems: SchemaID?

    var properties: [String: SchemaID] = [:]
    var patternProperties: [(pattern: CompiledPattern, schema: SchemaID)] = []
    var additionalProperties: SchemaID?
    var required: [String] = []
    var minProperties: Int?
    var maxProperties: Int?
    var propertyNames: SchemaID?
    var dependentRequired: [(property: String, required: [String])] = []
    var dependentSchemas: [(property: String, schema: SchemaID)] = []
    var unevaluatedProperties: SchemaID?

    var allOf: [SchemaID] = []
    var anyOf: [SchemaID] = []
    var oneOf: [SchemaID] = []
    var not: SchemaID?
    var ifSchema: SchemaID?
    var thenSchema: SchemaID?
    var elseSchema: SchemaID?
    var ref: SchemaID?
    var dynamicRef: DynamicReference?
    var discriminator: CompiledDiscriminator?

    /// `contentSchema` beside a JSON `contentMediaType` (2019-09 on, OpenAPI 3.1): what the string's JSON text holds.
    /// An annotation, never asserted; the generator writes strings from it (pydantic's `Json[...]` fields).
    var contentSchema: SchemaID?

    var readOnly = false
    var writeOnly = false
    /// Properties whose schemas are readOnly / writeOnly, found after compilation (through `$ref`s and `allOf`).
    var readOnlyProperties: Set<String> = []
    var writeOnlyProperties: Set<String> = []

    /// Whether `unevaluatedProperties`/`unevaluatedItems` appear here, so evaluation must collect annotations.
    var tracksAnnotations: Bool { unevaluatedItems != nil || unevaluatedProperties != nil }

    /// Whether any keyword that asserts something of the value itself is present.
    var hasAssertions: Bool {
        types != nil || enumValues != nil || constValue != nil || minimum != nil || maximum != nil
            || exclusiveMinimum != nil || exclusiveMaximum != nil || multipleOf != nil || minLength != nil
            || maxLength != nil || pattern != nil || formatCheck != nil
    }

    /// Whether any in-place applicator is present (allOf, anyOf, oneOf, not, if, a discriminator).
    var hasApplicators: Bool {
        !allOf.isEmpty || !anyOf.isEmpty || !oneOf.isEmpty || not != nil || ifSchema != nil || discriminator != nil
    }

    var checksObjects: Bool {
        !properties.isEmpty || !patternProperties.isEmpty || additionalProperties != nil || !required.isEmpty
            || minProperties != nil || maxProperties != nil || propertyNames != nil || !dependentRequired.isEmpty
            || !dependentSchemas.isEmpty || unevaluatedProperties != nil || !readOnlyProperties.isEmpty
            || !writeOnlyProperties.isEmpty
    }

    var checksArrays: Bool {
        !prefixItems.isEmpty || items != nil || contains != nil || minItems != nil || maxItems != nil || uniqueItems
            || unevaluatedItems != nil
    }

    /// Whether the node is a `$ref` and nothing else, so evaluation can go straight to the target.
    var isBareReference: Bool {
        ref != nil && dynamicRef == nil && !hasAssertions && !hasApplicators && !checksObjects && !checksArrays
            && constant == nil && !acceptsNull
    }

    init(location: SchemaLocation, resource: Int32, dialect: SchemaDialect) {
        self.location = location
        self.resource = resource
        self.dialect = dialect
    }
}

/// A `pattern` compiled once, with its source for messages.
struct CompiledPattern: Sendable {
    var source: String
    var regex: ECMARegex
    /// Whether the source begins and ends with `/` (`PatternSlashes`), worked out once for the failure message.
    var isSlashed: Bool

    init(source: String, regex: ECMARegex) {
        self.source = source
        self.regex = regex
        self.isSlashed = PatternSlashes.isSlashed(source)
    }
}
