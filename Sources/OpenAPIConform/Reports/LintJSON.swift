import ConformFindings
import ConformSpec
import ConformValues

/// `lint --format json`: the summary and each finding with its rule, severity and resolved location.
public enum LintJSON {
    public static func render(_ report: LintReport) -> String {
        let document = report.document
        let findings: [JSONValue] = report.findings.map { finding in
            var members: [(String, JSONValue)] = [
                ("rule", .string(finding.rule.name)),
                ("severity", .string(finding.severity.rawValue)),
                ("message", .string(finding.message)),
            ]
            if let operation = finding.operation { members.append(("operation", .string(operation))) }
            if let location = finding.sourceLocation ?? finding.specPointer.flatMap(report.bundle.location(of:)) {
                members.append(("location", .object(JSONObject([
                    ("file", .string(location.file)),
                    ("line", .integer(Int64(location.line))),
                    ("column", .integer(Int64(location.column))),
                ]))))
            }
            if let pointer = finding.specPointer {
                members.append(("specPointer", .string(pointer.pointer.description)))
            }
            members.append(("fingerprint", .string(finding.fingerprint)))
            return .object(JSONObject(members))
        }
        let root = JSONValue.object(JSONObject([
            ("spec", .string(report.bundle.entryPath)),
            ("openapi", .string(document.version.text)),
            ("title", .string(document.title)),
            ("files", .integer(Int64(report.bundle.documents.count))),
            ("servers", .array(document.servers.map { .string($0.url) })),
            ("operations", .array(document.operations.map { operation in
                .object(JSONObject([
                    ("method", .string(operation.method.name)),
                    ("path", .string(operation.path)),
                    ("operationId", operation.operationID.map(JSONValue.string) ?? .null),
                ]))
            })),
            ("schemas", .integer(Int64(document.components.schemas.count))),
            ("errors", .integer(Int64(report.errorCount))),
            ("warnings", .integer(Int64(report.warningCount))),
            ("findings", .array(findings)),
        ]))
        return JSONWriter.string(root, options: .pretty)
    }
}
