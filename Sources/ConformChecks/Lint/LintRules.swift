import ConformFindings

extension LintRule {
    /// The rules `Contract(lint: true)` adds (and so `lint` and `run`) to the findings every command reports, which
    /// are those of loading the description, building its model and compiling its schemas (`schemaCompilation`).
    package static let lintRules: [LintRule] = [
        .pathParameterUndeclared, .pathParameterUnused, .operationIDDuplicate, .operationNoResponses, .operationNoSuccess,
        .securitySchemeUndefined, .tagParent, .discriminatorProperty, .enumDuplicates, .exampleInvalid, .defaultInvalid,
        .metaSchema,
    ]
}
