import ConformFindings
import ConformSchema
import ConformSpec
import ConformValues

/// What `lint` learns about a description: the model, its files, and every finding, sorted.
public struct LintReport: Sendable {
    public var document: OpenAPIDocument
    public var bundle: SpecBundle
    public var schemas: SpecSchemas
    public var findings: [Finding]

    public var errorCount: Int { findings.filter { $0.severity == .error }.count }
    public var warningCount: Int { findings.filter { $0.severity == .warning }.count }
}

/// Loads a description, builds its model and runs the lint rules.
public struct SpecLinter: Sendable {
    public var rules: [LintRule]

    public static let defaultRules: [LintRule] = [
        .pathParameterUndeclared, .pathParameterUnused, .operationIDDuplicate, .operationNoResponses,
        .securitySchemeUndefined, .schemaCompilation, .exampleInvalid, .defaultInvalid,
    ]

    /// Custom formats and severity overrides.
    public var config: ConformConfig

    public init(rules: [LintRule] = SpecLinter.defaultRules, config: ConformConfig = ConformConfig()) {
        self.rules = rules
        self.config = config
    }

    /// Lints the description at `path`. Throws only when the entry document itself cannot be read or is not
    /// OpenAPI 3.0/3.1; every other problem is a finding.
    public func lint(path: String, limits: LoadLimits = .default) throws(LoadError) -> LintReport {
        lint(try SpecLoader.load(path: path, limits: limits))
    }

    public func lint(_ loaded: LoadedSpec) -> LintReport {
        let (document, buildFindings) = ModelBuilder.build(loaded)
        let schemas = SpecSchemas.compile(document, bundle: loaded.bundle, formats: config.formatRegistry)
        let context = LintContext(document: document, bundle: loaded.bundle, schemas: schemas)
        var findings = buildFindings
        for rule in rules {
            findings += rule(context)
        }
        // The loader and the schema compiler can both meet one broken $ref; report it once.
        var seen: Set<String> = []
        findings = findings.filter { finding in
            guard finding.rule == .specRefUnresolved, let pointer = finding.specPointer else { return true }
            return seen.insert(pointer.description).inserted
        }
        findings = config.apply(to: findings)
        return LintReport(document: document, bundle: loaded.bundle, schemas: schemas, findings: findings.sorted(locatedBy: loaded.bundle))
    }
}
