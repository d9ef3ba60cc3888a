import ConformFindings
import ConformSpec

extension LintRule {
    /// Lint: every `{name}` of a path template is declared as an `in: path` parameter of each operation.
    package static let pathParameterUndeclared = LintRule(.specPathParameterUndeclared, model: { document in
        var findings: [Finding] = []
        for item in document.paths {
            let names = PathTemplate.variableNames(in: item.template)
            // Parameters behind a `$ref` that leads nowhere are unknown; that reference is reported already.
            for operation in item.operations where operation.unresolved == nil && operation.unresolvedParameters.isEmpty {
                let declared = Set(operation.parameters.filter { $0.location == .path }.map(\.name))
                for name in names where !declared.contains(name) {
                    findings.append(Finding(
                        rule: .specPathParameterUndeclared,
                        message: "\(operation.key): the path has '{\(name)}', but the operation declares no path parameter '\(name)'",
                        operation: operation.key,
                        specPointer: operation.origin))
                }
            }
        }
        return findings
    })

    /// Lint: every `in: path` parameter names a `{name}` of its path template.
    package static let pathParameterUnused = LintRule(.specPathParameterUnused, model: { document in
        var findings: [Finding] = []
        var reported: Set<SpecPointer> = []
        for item in document.paths {
            let names = Set(PathTemplate.variableNames(in: item.template))
            for operation in item.operations {
                for parameter in operation.parameters where parameter.location == .path && !names.contains(parameter.name) {
                    // A path-level parameter is shared by every operation; report it once.
                    guard reported.insert(parameter.origin).inserted else { continue }
                    findings.append(Finding(
                        rule: .specPathParameterUnused,
                        message: "path parameter '\(parameter.name)' does not appear in the path '\(item.template)'",
                        operation: operation.key,
                        specPointer: parameter.origin))
                }
            }
        }
        return findings
    })
}
