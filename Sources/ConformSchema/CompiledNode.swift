import ConformValues

/// A compiled schema as validation reads it: an immutable class, so that evaluating a schema takes a reference
/// instead of copying (and retaining) every field of the node it was built from.
final class CompiledNode: Sendable {
    let location: SchemaLocation
    let resource: Int32
    let dialect: SchemaDialect
    let constant: Bool?
    let label: String?
    let types: TypeSet?
    let enumValues: [JSONValue]?
    let constValue: JSONValue?
    let minimum: NumberBound?
    let maximum: NumberBound?
    let exclusiveMinimum: NumberBound?
    let exclusiveMaximum: NumberBound?
    let multipleOf: NumberBound?
    let minLength: Int?
    let maxLength: Int?
    let pattern: CompiledPattern?
    let format: String?
    let formatCheck: (@Sendable (JSONValue) -> FormatVerdict)?
    /// Properties as a list, searched linearly when short (cheaper than hashing the key for the few properties
    /// most schemas have); the dictionary serves longer lists.
    let propertyList: [(name: String, schema: SchemaID)]
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

    init(_ node: SchemaNode) {
        location = node.location
        resource = node.resource
        dialect = node.dialect
        constant = node.constant
        label = node.label
        types = node.types
        enumValues = node.enumValues
        constValue = node.constValue
        minimum = node.minimum
        maximum = node.maximum
        exclusiveMinimum = node.exclusiveMinimum
        exclusiveMaximum = node.exclusiveMaximum
        multipleOf = node.multipleOf
        minLength = node.minLength
        maxLength = node.maxLength
        pattern = node.pattern
        format = node.format
        formatCheck = node.formatCheck
        propertyList = node.properties.map { ($0.key, $0.value) }
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
    }

    /// The schema of a property, if the schema names it.
    @inline(__always)
    func property(_ name: String) -> SchemaID? {
        if propertyList.count > 8 { return properties[name] }
        for entry in propertyList where entry.name == name { return entry.schema }
        return nil
    }

    /// Whether `unevaluatedProperties`/`unevaluatedItems` appear here, so evaluation must collect annotations.
    var tracksAnnotations: Bool { unevaluatedItems != nil || unevaluatedProperties != nil }
}
