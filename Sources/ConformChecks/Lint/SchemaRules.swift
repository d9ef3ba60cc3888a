import ConformFindings
import ConformSchema
import ConformSpec

extension LintRule {
    /// Lint: problems the schema compiler met (invalid patterns, unknown formats, discriminator mappings, bad
    /// keyword values, `$ref`s inside schemas that lead nowhere and that the loader did not already report), and
    /// the constructs it reads leniently (`nullable` where 3.0.3's letter gives it no effect, another dialect's form
    /// of a keyword). Every command reports these, because each changes what values are checked against.
    package static let schemaCompilation = LintRule(.specSchemaInvalid) { context in
        context.schemas.diagnostics.map { diagnostic in
            let rule: RuleID = switch diagnostic.kind {
            case .patternInvalid: .specPatternInvalid
            case .unknownFormat: .specUnknownFormat
            case .discriminatorMapping: .specDiscriminatorMapping
            case .referenceUnresolved: .specRefUnresolved
            case .referenceMisplaced: .specRefMisplaced
            case .keywordInvalid: .specSchemaInvalid
            case .nullableWithoutType: .specNullableWithoutType
            case .schemaDialect: .specSchemaDialect
            }
            return Finding(rule: rule, severity: diagnostic.severity, message: diagnostic.message, specPointer: diagnostic.location)
        }
    }

    /// Lint: no `enum` lists a value twice (an error in OpenAPI 3.0, whose draft-4 schemas require unique values; a
    /// warning in 3.1). Lint only: a repeat changes nothing that is checked.
    package static let enumDuplicates = LintRule(.specSchemaInvalid) { context in
        context.schemas.compiled.enumDuplicates().map { diagnostic in
            Finding(rule: .specSchemaInvalid, severity: diagnostic.severity, message: diagnostic.message, specPointer: diagnostic.location)
        }
    }

    /// Lint: each branch a discriminator chooses among declares the discriminating property.
    package static let discriminatorProperty = LintRule(.specDiscriminatorMapping) { context in
        context.schemas.compiled.discriminatorBranchesWithoutTheProperty().map { diagnostic in
            Finding(rule: .specDiscriminatorMapping, severity: diagnostic.severity, message: diagnostic.message, specPointer: diagnostic.location)
        }
    }
}
