import ConformFindings
import ConformValues

/// The conjunction of several schemas read as one: every node reached through `$ref`, `allOf` and the branches the
/// generator chose (`anyOf`, `oneOf`, a discriminator, `if`/`then`/`else`), with their simple keywords combined.
///
/// Why a merged view: a value built for one schema at a time would meet the other `allOf` parts only by chance. The
/// generator builds from the combined keywords and then lets the validator judge the value against every schema in
/// `ids`, so whatever the merge cannot express (`not`, `dependentSchemas`, overlapping `oneOf` branches) is caught
/// there and retried rather than returned wrong.
struct MergedSchema {
    /// The schemas the value must satisfy, as asked for (the roots of the merge).
    var ids: [SchemaID] = []
    var nodes: [CompiledNode] = []
    /// The JSON types every node allows (`.integer` stands for integers also under `number`); nil when no node says.
    var types: TypeSet?
    var typeNode: CompiledNode?
    var enumValues: [[JSONValue]] = []
    var enumNode: CompiledNode?
    var constValue: JSONValue?

    var lower: NumberLimit?
    var upper: NumberLimit?
    var multipleOf: [(bound: NumberBound, node: CompiledNode)] = []

    var minLength: Int?
    var maxLength: Int?
    var lengthNode: CompiledNode?
    var patterns: [CompiledPattern] = []
    var formats: [(name: String, check: FormatCheck)] = []

    /// Property names in the order they were written, and every schema each name must satisfy.
    var propertyOrder: [String] = []
    var properties: [String: [SchemaID]] = [:]
    var required: [String] = []
    var requiredNode: [String: CompiledNode] = [:]
    var additional: [SchemaID] = []
    /// Whether some node forbids members beyond its properties and patterns (`additionalProperties: false`,
    /// `unevaluatedProperties: false`).
    var closedNode: CompiledNode?
    var patternProperties: [(pattern: CompiledPattern, schema: SchemaID)] = []
    var propertyNames: [SchemaID] = []
    var minProperties: Int?
    var maxProperties: Int?
    var propertyCountNode: CompiledNode?
    var dependentRequired: [(property: String, required: [String])] = []
    var readOnly: Set<String> = []
    var writeOnly: Set<String> = []
    /// Members whose value is decided before building: the discriminator property set to the chosen branch's name.
    var fixed: [String: JSONValue] = [:]

    var prefixItems: [[SchemaID]] = []
    var items: [SchemaID] = []
    var contains: [SchemaID] = []
    var minContains: Int?
    var maxContains: Int?
    var minItems: Int?
    var maxItems: Int?
    var itemCountNode: CompiledNode?
    var uniqueItems: CompiledNode?

    /// How many choices the merge made: with none, an error cannot go away on a retry.
    var choices = 0

    /// One side of a numeric range: the tightest bound of that side, whether it is exclusive, and its keyword.
    struct NumberLimit {
        var value: Double
        var exclusive: Bool
        var node: CompiledNode
        var keyword: String
    }

    var checksObjects: Bool {
        !properties.isEmpty || !required.isEmpty || minProperties != nil || !patternProperties.isEmpty
            || !propertyNames.isEmpty || !fixed.isEmpty
    }

    var checksArrays: Bool {
        !prefixItems.isEmpty || !items.isEmpty || !contains.isEmpty || minItems != nil || maxItems != nil
    }

    var checksStrings: Bool {
        minLength != nil || maxLength != nil || !patterns.isEmpty
            || formats.contains { if case .number = $0.check { return false } else { return true } }
    }

    var checksNumbers: Bool {
        lower != nil || upper != nil || !multipleOf.isEmpty
            || formats.contains { if case .number = $0.check { return true } else { return false } }
    }

    /// Adds one node's own keywords (not its subschemas' in-place applicators, which the merge walks).
    mutating func absorb(_ node: CompiledNode, writtenOrder: [String]) {
        nodes.append(node)
        if let nodeTypes = node.types {
            var allowed = nodeTypes
            if allowed.contains(.number) { allowed.insert(.integer) }
            if node.acceptsNull { allowed.insert(.null) }
            types = types.map { $0.intersection(allowed) } ?? allowed
            typeNode = typeNode ?? node
        }
        if let values = node.enumValues {
            enumValues.append(values)
            enumNode = enumNode ?? node
        }
        if let constant = node.constValue, constValue == nil { constValue = constant }
        absorbNumbers(node)
        if let minimum = node.minLength { minLength = max(minLength ?? 0, minimum); lengthNode = node }
        if let maximum = node.maxLength { maxLength = min(maxLength ?? .max, maximum); lengthNode = node }
        if let pattern = node.pattern { patterns.append(pattern) }
        if let format = node.format, let check = node.formatCheck {
            if case .unknown = check {} else { formats.append((format, check)) }
        }
        absorbObject(node, writtenOrder: writtenOrder)
        absorbArray(node)
    }

    private mutating func absorbNumbers(_ node: CompiledNode) {
        func tighten(_ limit: inout NumberLimit?, _ bound: NumberBound?, exclusive: Bool, keyword: String, lower: Bool) {
            guard let bound else { return }
            let candidate = NumberLimit(value: bound.value, exclusive: exclusive, node: node, keyword: keyword)
            guard let current = limit else {
                limit = candidate
                return
            }
            let tighter = lower
                ? (bound.value > current.value || (bound.value == current.value && exclusive))
                : (bound.value < current.value || (bound.value == current.value && exclusive))
            if tighter { limit = candidate }
        }
        tighten(&lower, node.minimum, exclusive: false, keyword: "minimum", lower: true)
        tighten(&lower, node.exclusiveMinimum, exclusive: true, keyword: "exclusiveMinimum", lower: true)
        tighten(&upper, node.maximum, exclusive: false, keyword: "maximum", lower: false)
        tighten(&upper, node.exclusiveMaximum, exclusive: true, keyword: "exclusiveMaximum", lower: false)
        if let step = node.multipleOf, step.value > 0 { multipleOf.append((step, node)) }
    }

    private mutating func absorbObject(_ node: CompiledNode, writtenOrder: [String]) {
        for name in writtenOrder + node.properties.keys.sorted() {
            guard let schema = node.properties[name] else { continue }
            if properties[name] == nil { propertyOrder.append(name) }
            if properties[name]?.contains(schema) != true { properties[name, default: []].append(schema) }
        }
        for name in node.required where requiredNode[name] == nil {
            required.append(name)
            requiredNode[name] = node
        }
        if let schema = node.additionalProperties { additional.append(schema) }
        patternProperties += node.patternProperties
        if let names = node.propertyNames { propertyNames.append(names) }
        if let minimum = node.minProperties { minProperties = max(minProperties ?? 0, minimum); propertyCountNode = node }
        if let maximum = node.maxProperties { maxProperties = min(maxProperties ?? .max, maximum); propertyCountNode = node }
        dependentRequired += node.dependentRequired
        readOnly.formUnion(node.readOnlyProperties)
        writeOnly.formUnion(node.writeOnlyProperties)
    }

    private mutating func absorbArray(_ node: CompiledNode) {
        for (index, schema) in node.prefixItems.enumerated() {
            while prefixItems.count <= index { prefixItems.append([]) }
            prefixItems[index].append(schema)
        }
        // Items beyond a node's prefix; a longer prefix of another node takes those positions first, and the
        // validator settles the overlap.
        if let schema = node.items { items.append(schema) }
        if let schema = node.contains {
            contains.append(schema)
            if let minimum = node.minContains { minContains = max(minContains ?? 0, minimum) }
            if let maximum = node.maxContains { maxContains = min(maxContains ?? .max, maximum) }
        }
        if let minimum = node.minItems { minItems = max(minItems ?? 0, minimum); itemCountNode = node }
        if let maximum = node.maxItems { maxItems = min(maxItems ?? .max, maximum); itemCountNode = node }
        if node.uniqueItems { uniqueItems = node }
    }
}
