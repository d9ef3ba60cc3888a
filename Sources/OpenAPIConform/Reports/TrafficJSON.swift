import ConformFindings
import ConformValues

/// `validate --format json`: every exchange, passing ones included, so other tools can join the output to
/// their own records by `source.file` and `source.index`.
public enum TrafficJSON {
    public static let version = 1

    public static func render(_ report: TrafficReport, description: Description) -> String {
        let locator = description.bundle
        let exchanges: [JSONValue] = report.results.map { result in
            var members: [(String, JSONValue)] = [
                ("source", .object(JSONObject([("file", .string(result.source.file)), ("index", .integer(Int64(result.source.index)))]))),
            ]
            if let comment = result.comment { members.append(("comment", .string(comment))) }
            var request: [(String, JSONValue)] = [("method", .string(result.method))]
            if let url = result.url { request.append(("url", .string(url))) }
            members.append(("request", .object(JSONObject(request))))
            members.append(("status", result.status.map { .integer(Int64($0)) } ?? .null))
            members.append(("operation", result.operation.map(JSONValue.string) ?? .null))
            members.append(("operationId", result.operationID.map(JSONValue.string) ?? .null))
            members.append(("verdict", .string(result.verdict.rawValue)))
            members.append(("findings", .array(result.findings.map { FindingJSON.encode($0, locator: locator) })))
            return .object(JSONObject(members))
        }
        let findings = report.findings
        let summary = JSONObject([
            ("exchanges", .integer(Int64(report.results.count))),
            ("passed", .integer(Int64(report.results.count - report.failedCount))),
            ("failed", .integer(Int64(report.failedCount))),
            ("errors", .integer(Int64(findings.filter { $0.severity == .error }.count))),
            ("warnings", .integer(Int64(findings.filter { $0.severity == .warning }.count))),
            ("notes", .integer(Int64(findings.filter { $0.severity == .note }.count))),
            ("unreadable", .integer(Int64(report.unreadable.count))),
            ("baselined", .integer(Int64(report.baselined))),
        ])
        return JSONWriter.string(.object(JSONObject([
            ("version", .integer(Int64(version))),
            ("spec", .string(description.bundle.entryPath)),
            ("summary", .object(summary)),
            ("exchanges", .array(exchanges)),
            ("unreadable", .array(report.unreadable.map { FindingJSON.encode($0, locator: locator) })),
        ])), options: .pretty)
    }
}
