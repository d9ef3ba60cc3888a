@_spi(Tape) import ConformValues

/// A compiled schema as validation reads it: an immutable class, so that evaluating a schema takes a reference
/// instead of copying (and retaining) every field of the node it was built from.
final class CompiledNode: Sendable {
    /// The node's own index in `CompiledSchemas.nodes`.
    let id: SchemaID
    let location: SchemaLocation
    let resource: Int32
    let dialect: SchemaDialect
    let constant: Bool?
    /// The text of a `$ref` that leads nowhere, on the node standing in for its target (see
    /// `SchemaCompiler.unresolvedReferenceNode`).
    let unresolvedReference: String?
    let label: String?
    let types: TypeSet?
    let enumValues: [JSONValue]?
    /// The strings of `enum`, looked up by a string value's bytes; the other values of `enum`.
    let enumStrings: PropertyTable
    let enumOthers: [JSONValue]
    let constValue: JSONValue?
    /// A null value passes this node at once (`nullable: true`, see `SchemaCompiler.compileNullable`).
    let acceptsNull: Bool
    let minimum: NumberBound?
    let maximum: NumberBound?
    let exclusiveMinimum: NumberBound?
    let exclusiveMaximum: NumberBound?
    let multipleOf: NumberBound?
    let minLength: Int?
    let maxLength: Int?
    let pattern: CompiledPattern?
    let format: String?
    /// `format: password` (OpenAPI: "a hint to UIs to obscure input"): a string the node is evaluated against is
    /// never shown in a failure's text.
    let marksSecret: Bool
    /// nil when the format is unknown (values pass) or absent.
    let formatCheck: FormatCheck?
    /// What a string's JSON text holds (`SchemaNode.contentSchema`): for the generator, not asserted.
    let contentSchema: SchemaID?
    /// `properties` and `required` names, looked up by an instance key's bytes (see `PropertyTable`).
    let propertyTable: PropertyTable
    let prefixItems: [SchemaID]
    let items: SchemaID?
    let contains: SchemaID?
    let minContains: Int?
    let maxContains: Int?
    let minItems: Int?
    let maxItems: Int?
    let uniqueItems: Bool
    let unevaluatedItems: SchemaID?
    let properties: [String: SchemaID]
    let patternProperties: [(pattern: CompiledPattern, schema: SchemaID)]
    let additionalProperties: SchemaID?
    let required: [String]
    let minProperties: Int?
    let maxProperties: Int?
    let propertyNames: SchemaID?
    let dependentRequired: [(property: String, required: [String])]
    let dependentSchemas: [(property: String, schema: SchemaID)]
    let unevaluatedProperties: SchemaID?
    let allOf: [SchemaID]
    let anyOf: [SchemaID]
    let oneOf: [SchemaID]
    let not: SchemaID?
    let ifSchema: SchemaID?
    let thenSchema: SchemaID?
    let elseSchema: SchemaID?
    let ref: SchemaID?
    let dynamicRef: DynamicReference?
    let discriminator: CompiledDiscriminator?
    let readOnlyProperties: Set<String>
    let writeOnlyProperties: Set<String>
    /// Whether any keyword `evaluateAssertions` checks is present; most property schemas have a few, many
    /// wrapper schemas none. Evaluation skips whole groups on these flags.
    let hasAssertions: Bool
    /// Whether any in-place applicator is present (allOf, anyOf, oneOf, not, if, a discriminator).
    let hasApplicators: Bool
    /// Whether the node is a bare `$ref` (nothing else to check here), so evaluation can go straight to the target.
    let isBareReference: Bool
    /// Whether the node only asserts things of the value itself (type, enum, bounds, lengths, pattern, format): no
    /// references, no subschemas, no annotations. Such a node needs none of evaluation's bookkeeping.
    let isLeaf: Bool
    /// Whether any of minLength, maxLength or pattern is present.
    let checksStrings: Bool
    /// Whether a discriminator chooses among `oneOf`/`anyOf` (tested before the discriminator itself is copied).
    let discriminates: Bool
    /// Whether a discriminator on this schema names the schemas that extend it through `allOf`, so that a valid
    /// value claiming one of them is checked against it too.
    let claimsChildren: Bool
    /// Whether an inheritance discriminator names this schema, so evaluation records that it is being checked.
    let isClaimable: Bool
    /// Whether `dependentRequired` or `dependentSchemas` is present.
    let hasDependencies: Bool
    /// Whether members are looked at one by one (properties, required, readOnly/writeOnly names,
    /// patternProperties, additionalProperties or propertyNames).
    let checksMembers: Bool
    /// Whether a member's schemas come from `properties` and `additionalProperties` alone (no propertyNames, no
    /// patternProperties).
    let hasPlainMembers: Bool
    /// Whether `type` is the node's only assertion (and the node a leaf): then one mask test settles most values.
    let assertsOnlyType: Bool
    /// One bit per `JSONTape.Kind` that `type` accepts outright; a non-integer kind under `integer` alone is not
    /// in it and needs the closer look of `Evaluator.matches`.
    let acceptedKinds: UInt16

    init(_ node: SchemaNode, id: SchemaID, claimable: Bool) {
        self.id = id
        isClaimable = claimable
        location = node.location
        resource = node.resource
        dialect = node.dialect
        constant = node.constant
        unresolvedReference = node.unresolvedReference
        label = node.label
        types = node.types
        enumValues = node.enumValues
        enumStrings = PropertyTable(names: node.enumValues?.compactMap(\.stringValue) ?? [])
        enumOthers = node.enumValues?.filter { $0.stringValue == nil } ?? []
        constValue = node.constValue
        acceptsNull = node.acceptsNull
        minimum = node.minimum
        maximum = node.maximum
        exclusiveMinimum = node.exclusiveMinimum
        exclusiveMaximum = node.exclusiveMaximum
        multipleOf = node.multipleOf
        minLength = node.minLength
        maxLength = node.maxLength
        pattern = node.pattern
        format = node.format
        marksSecret = node.format == "password"
        formatCheck = node.formatCheck
        contentSchema = node.contentSchema
        propertyTable = PropertyTable(
            properties: node.properties, required: node.required,
            readOnly: node.readOnlyProperties, writeOnly: node.writeOnlyProperties)
        prefixItems = node.prefixItems
        items = node.items
        contains = node.contains
        minContains = node.minContains
        maxContains = node.maxContains
        minItems = node.minItems
        maxItems = node.maxItems
        uniqueItems = node.uniqueItems
        unevaluatedItems = node.unevaluatedItems
        properties = node.properties
        patternProperties = node.patternProperties
        additionalProperties = node.additionalProperties
        required = node.required
        minProperties = node.minProperties
        maxProperties = node.maxProperties
        propertyNames = node.propertyNames
        dependentRequired = node.dependentRequired
        dependentSchemas = node.dependentSchemas
        unevaluatedProperties = node.unevaluatedProperties
        allOf = node.allOf
        anyOf = node.anyOf
        oneOf = node.oneOf
        not = node.not
        ifSchema = node.ifSchema
        thenSchema = node.thenSchema
        elseSchema = node.elseSchema
        ref = node.ref
        dynamicRef = node.dynamicRef
        discriminator = node.discriminator
        readOnlyProperties = node.readOnlyProperties
        writeOnlyProperties = node.writeOnlyProperties
        hasAssertions = node.hasAssertions
        hasApplicators = node.hasApplicators
        isBareReference = node.isBareReference
        // A leaf's `type` and `enum` already list null when it accepts null; only `const` would still refuse it.
        isLeaf = node.ref == nil && node.dynamicRef == nil && !hasApplicators && !node.checksObjects
            && !node.checksArrays && node.constant == nil && !(node.acceptsNull && node.constValue != nil)
        discriminates = node.discriminator?.choosesAmongAlternatives == true
        claimsChildren = node.discriminator.map { !$0.choosesAmongAlternatives && !$0.branches.isEmpty } ?? false
        hasDependencies = !node.dependentRequired.isEmpty || !node.dependentSchemas.isEmpty
        checksMembers = !propertyTable.isEmpty || !node.patternProperties.isEmpty || node.additionalProperties != nil
            || node.propertyNames != nil
        hasPlainMembers = node.propertyNames == nil && node.patternProperties.isEmpty
        checksStrings = node.minLength != nil || node.maxLength != nil || node.pattern != nil
        assertsOnlyType = isLeaf && node.types != nil && node.enumValues == nil && node.constValue == nil
            && node.minimum == nil && node.maximum == nil && node.exclusiveMinimum == nil && node.exclusiveMaximum == nil
            && node.multipleOf == nil && !checksStrings && node.formatCheck == nil
        acceptedKinds = Self.acceptedKinds(node.types ?? [])
    }

    private static func acceptedKinds(_ types: TypeSet) -> UInt16 {
        var kinds: [JSONTape.Kind] = []
        if types.contains(.null) { kinds.append(.null) }
        if types.contains(.boolean) { kinds += [.false, .true] }
        if types.contains(.string) { kinds.append(.string) }
        if types.contains(.array) { kinds.append(.array) }
        if types.contains(.object) { kinds.append(.object) }
        if types.contains(.number) { kinds += [.integer, .number, .bigNumber] }
        if types.contains(.integer) { kinds.append(.integer) }
        return kinds.reduce(0) { $0 | 1 << UInt16($1.rawValue) }
    }

    /// Whether `unevaluatedProperties`/`unevaluatedItems` appear here, so evaluation must collect annotations.
    var tracksAnnotations: Bool { unevaluatedItems != nil || unevaluatedProperties != nil }
}
