import ConformChecks
import ConformFindings
import ConformSpec
import ConformValues

/// `lint --format json`: the description's summary around its findings, each in the one finding shape
/// (`FindingJSON`).
package enum LintJSON {
    package static func render(_ contract: Contract, paths: PathDisplay = PathDisplay(base: nil)) -> String {
        let document = contract.document
        let findings = contract.findings
        let root = JSONValue.object(JSONObject([
            ("spec", .string(paths(contract.bundle.entryPath))),
            ("openapi", .string(document.version.text)),
            ("title", .string(document.title)),
            ("files", .integer(Int64(contract.bundle.documents.count))),
            ("servers", .array(document.servers.map { .string($0.url) })),
            ("operations", .array(document.operations.map { operation in
                .object(JSONObject([
                    ("method", .string(operation.method.name)),
                    ("path", .string(operation.path)),
                    ("operationId", operation.operationID.map(JSONValue.string) ?? .null),
                ]))
            })),
            ("schemas", .integer(Int64(document.components.schemas.count))),
            ("errors", .integer(Int64(findings.filter { $0.severity == .error }.count))),
            ("warnings", .integer(Int64(findings.filter { $0.severity == .warning }.count))),
            ("findings", .array(findings.map { FindingJSON.encode($0, locator: contract.bundle, paths: paths) })),
        ]))
        return JSONWriter.string(root, options: .pretty)
    }
}
