import ConformFindings
import ConformSchema
import ConformSpec

extension LintRule {
    /// Lint: problems the schema compiler met (invalid patterns, unknown formats, discriminator mappings, bad
    /// keyword values, `$ref`s inside schemas that lead nowhere and that the loader did not already report).
    package static let schemaCompilation = LintRule(.specSchemaInvalid) { context in
        context.schemas.diagnostics.map { diagnostic in
            let rule: RuleID = switch diagnostic.kind {
            case .patternInvalid: .specPatternInvalid
            case .unknownFormat: .specUnknownFormat
            case .discriminatorMapping: .specDiscriminatorMapping
            case .referenceUnresolved: .specRefUnresolved
            case .referenceMisplaced: .specRefMisplaced
            case .keywordInvalid: .specSchemaInvalid
            }
            return Finding(rule: rule, severity: diagnostic.severity, message: diagnostic.message, specPointer: diagnostic.location)
        }
    }

    /// Lint: each branch a discriminator chooses among declares the discriminating property.
    package static let discriminatorProperty = LintRule(.specDiscriminatorMapping) { context in
        context.schemas.compiled.discriminatorBranchesWithoutTheProperty().map { diagnostic in
            Finding(rule: .specDiscriminatorMapping, severity: diagnostic.severity, message: diagnostic.message, specPointer: diagnostic.location)
        }
    }
}
