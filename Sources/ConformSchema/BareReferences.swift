/// Points every subschema reference past schemas that are nothing but a `$ref`, so that validation goes straight
/// to the schema that checks something: `items: {$ref: Error}` costs one evaluation per item instead of two.
///
/// A bare `$ref` adds no failures and no annotations of its own, so skipping it changes no verdict and no message
/// (names for messages are the target's). It does enter its schema resource, which matters only to
/// `$dynamicRef`; with dynamic anchors anywhere in the set the nodes are left as they are. A chain of bare
/// references that loops is left too, so that evaluation still reports it.
enum BareReferences {
    static func collapse(_ nodes: inout [SchemaNode]) {
        let bare = nodes.map(\.isBareReference)
        guard bare.contains(true) else { return }
        func target(_ id: SchemaID) -> SchemaID {
            var current = id
            var hops = 0
            while bare[Int(current)], let next = nodes[Int(current)].ref {
                current = next
                hops += 1
                if hops > nodes.count { return id }
            }
            return current
        }
        func target(_ id: SchemaID?) -> SchemaID? { id.map(target) }
        for index in nodes.indices {
            var node = nodes[index]
            node.prefixItems = node.prefixItems.map(target)
            node.items = target(node.items)
            node.contains = target(node.contains)
            node.unevaluatedItems = target(node.unevaluatedItems)
            node.properties = node.properties.mapValues(target)
            node.patternProperties = node.patternProperties.map { ($0.pattern, target($0.schema)) }
            node.additionalProperties = target(node.additionalProperties)
            node.propertyNames = target(node.propertyNames)
            node.dependentSchemas = node.dependentSchemas.map { ($0.property, target($0.schema)) }
            node.unevaluatedProperties = target(node.unevaluatedProperties)
            node.allOf = node.allOf.map(target)
            node.anyOf = node.anyOf.map(target)
            node.oneOf = node.oneOf.map(target)
            node.not = target(node.not)
            node.ifSchema = target(node.ifSchema)
            node.thenSchema = target(node.thenSchema)
            node.elseSchema = target(node.elseSchema)
            node.ref = target(node.ref)
            if var discriminator = node.discriminator {
                for branch in discriminator.branches.indices {
                    discriminator.branches[branch].schema = target(discriminator.branches[branch].schema)
                }
                node.discriminator = discriminator
            }
            nodes[index] = node
        }
    }
}
