import ConformFindings
import ConformSpec

extension LintRule {
    /// Lint: no two operations share an `operationId`.
    package static let operationIDDuplicate = LintRule(.specOperationIDDuplicate, model: { document in
        var first: [String: Operation] = [:]
        var findings: [Finding] = []
        for operation in document.allOperations {
            guard let id = operation.operationID else { continue }
            if let earlier = first[id] {
                findings.append(Finding(
                    rule: .specOperationIDDuplicate,
                    message: "operationId '\(id)' of \(operation.key) is already used by \(earlier.key)",
                    operation: operation.key,
                    specPointer: operation.origin / "operationId"))
            } else {
                first[id] = operation
            }
        }
        return findings
    })

    /// Lint: each operation documents at least one response, or no response can ever be checked.
    /// OpenAPI 3.0 requires `responses`, so there it is an error; 3.1 made it optional, so there it is a warning.
    package static let operationNoResponses = LintRule(.specOperationNoResponses, model: { document in
        let severity: Severity = document.version.isV31OrLater ? .warning : .error
        let requirement = document.version.isV31OrLater
            ? "OpenAPI 3.1 allows this, but no response to it can be checked"
            : "OpenAPI 3.0 requires at least one"
        return document.allOperations.filter { $0.responses.isEmpty && $0.unresolved == nil }.map { operation in
            Finding(
                rule: .specOperationNoResponses,
                severity: severity,
                message: "\(operation.key) documents no responses (\(requirement))",
                operation: operation.key,
                specPointer: operation.origin)
        }
    })

    /// Swagger's Petstore documents `DELETE /pet/{petId}` by its 400 alone, and descriptions derived from it keep
    /// the gap: every successful call is then `response-status-undocumented`, and the mock can only answer it with
    /// one of its failures. A warning: the description is valid, but incomplete where it matters most.
    package static let operationNoSuccess = LintRule(.specOperationNoSuccess, model: { document in
        document.allOperations.filter { !$0.responses.isEmpty && !$0.documentsSuccess && $0.unresolved == nil }.map { operation in
            let documented = operation.responses.map(\.key.description).joined(separator: ", ")
            return Finding(
                rule: .specOperationNoSuccess,
                message: "\(operation.key) documents only failures (\(documented)): a successful answer to it is undocumented; add its 2xx response",
                operation: operation.key,
                specPointer: operation.origin / "responses")
        }
    })

    /// Lint: each scheme a security requirement names is defined in `components.securitySchemes`.
    package static let securitySchemeUndefined = LintRule(.specSecuritySchemeUndefined, model: { document in
        var requirements = document.security ?? []
        for operation in document.allOperations {
            requirements += operation.security ?? []
        }
        var findings: [Finding] = []
        for requirement in requirements {
            for (name, _) in requirement.schemes where document.components.securitySchemes[name] == nil {
                let defined = document.components.securitySchemes.keys.sorted()
                let hint = defined.isEmpty
                    ? "no security schemes are defined"
                    : "defined: " + defined.map { "'\($0)'" }.joined(separator: ", ")
                findings.append(Finding(
                    rule: .specSecuritySchemeUndefined,
                    message: "security requirement names '\(name)', which components.securitySchemes does not define (\(hint))",
                    specPointer: requirement.origin / name))
            }
        }
        return findings
    })
}
