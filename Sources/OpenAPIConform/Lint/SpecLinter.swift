import ConformFindings
import ConformSpec
import ConformValues

/// What `lint` learns about a description: the model, its files, and every finding, sorted.
public struct LintReport: Sendable {
    public var document: OpenAPIDocument
    public var bundle: SpecBundle
    public var findings: [Finding]

    public var errorCount: Int { findings.filter { $0.severity == .error }.count }
    public var warningCount: Int { findings.filter { $0.severity == .warning }.count }
}

/// Loads a description, builds its model and runs the lint rules.
public struct SpecLinter: Sendable {
    public var rules: [LintRule]

    public static let defaultRules: [LintRule] = [
        .pathParameterUndeclared, .pathParameterUnused, .operationIDDuplicate, .operationNoResponses,
        .securitySchemeUndefined,
    ]

    public init(rules: [LintRule] = SpecLinter.defaultRules) {
        self.rules = rules
    }

    /// Lints the description at `path`. Throws only when the entry document itself cannot be read or is not
    /// OpenAPI 3.0/3.1; every other problem is a finding.
    public func lint(path: String, limits: LoadLimits = .default) throws(LoadError) -> LintReport {
        lint(try SpecLoader.load(path: path, limits: limits))
    }

    public func lint(_ loaded: LoadedSpec) -> LintReport {
        let (document, buildFindings) = ModelBuilder.build(loaded)
        var findings = buildFindings
        for rule in rules {
            findings += rule(document)
        }
        return LintReport(document: document, bundle: loaded.bundle, findings: findings.sorted(locatedBy: loaded.bundle))
    }
}
