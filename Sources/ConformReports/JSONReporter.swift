import ConformChecks
import ConformFindings
import ConformValues
import Foundation

/// The machine-readable report. Its shape is documented by `Schema/report-v3.schema.json` beside this file (JSON
/// Schema 2020-12), and `version` changes whenever that shape does. Every exchange is listed, passing ones included, so
/// other tools can join the output to their own records by `source.file` (or `source.live`) and `source.index`.
public struct JSONReporter: Reporter {
    /// Version of the report's shape; `Schema/report-v3.schema.json` describes this version.
    public static let version = 3

    public init() {}

    /// Streams the document: the exchanges, which can number hundreds of thousands, one at a time.
    public func write<Output: TextOutputStream>(_ report: ConformanceReport, to output: inout Output) {
        let document = report.contract.document
        let locator = report.contract.bundle
        func finding(_ finding: Finding) -> JSONValue { FindingJSON.encode(finding, locator: locator, paths: report.paths) }
        var json = JSONStreamWriter(into: output, options: .pretty)
        json.beginObject()
        json.member("version", .integer(Int64(Self.version)))
        json.member("tool", .object(JSONObject([("name", .string(ToolInfo.name)), ("version", .string(ToolInfo.version))])))
        json.member("generatedAt", .string(ReportDate.iso8601(report.generatedAt)))
        json.member("api", .string(report.name))
        json.member("spec", .object(JSONObject([
            ("path", .string(report.specPath)),
            ("openapi", .string(document.version.text)),
            ("title", .string(document.title)),
            ("version", .string(document.apiVersion)),
        ])))
        json.member("traffic", .array(report.sources.map { .object(JSONObject(FindingJSON.source($0, paths: report.paths))) }))
        json.member("conformant", .bool(report.conformant))
        json.member("failOn", .string(report.threshold.rawValue))
        let summary: [(String, JSONValue)] = [
            ("exchanges", .integer(Int64(report.exchangeCount))),
            ("passed", .integer(Int64(report.passedCount))),
            ("failed", .integer(Int64(report.failedCount))),
            ("errors", .integer(Int64(report.count(.error)))),
            ("warnings", .integer(Int64(report.count(.warning)))),
            ("notes", .integer(Int64(report.count(.note)))),
            ("unreadable", .integer(Int64(report.unreadable.count))),
            ("baselined", .integer(Int64(report.baselined))),
            ("skipped", .integer(Int64(report.skippedCount))),
        ]
        json.member("summary", .object(JSONObject(summary)))
        json.member("coverage", encode(report.coverage, minimum: report.minimumCoverage))
        json.member("description", .array(report.descriptionFindings.map(finding)))
        json.beginArray(member: "exchanges")
        for result in report.results { json.element(encode(result, paths: report.paths, finding: finding)) }
        json.end()
        json.member("unreadable", .array(report.unreadable.map(finding)))
        json.member("skipped", .array(report.skipped.map { .object(JSONObject([("host", .string($0.host)), ("exchanges", .integer(Int64($0.exchanges)))])) }))
        json.end()
        output = json.output
        output.write("\n")
    }

    private func encode(_ result: ExchangeResult, paths: PathDisplay, finding: (Finding) -> JSONValue) -> JSONValue {
        var members: [(String, JSONValue)] = [("source", FindingJSON.reference(result.source, paths: paths))]
        if let comment = result.comment { members.append(("comment", .string(comment))) }
        var request: [(String, JSONValue)] = [("method", .string(result.method))]
        if let url = result.url { request.append(("url", .string(url))) }
        members.append(("request", .object(JSONObject(request))))
        members.append(("status", result.status.map { .integer(Int64($0)) } ?? .null))
        members.append(("operation", result.operation.map { .string($0.description) } ?? .null))
        members.append(("operationId", result.operationID.map(JSONValue.string) ?? .null))
        members.append(("response", result.responseKey.map { .string($0.description) } ?? .null))
        members.append(("mediaType", result.mediaType.map(JSONValue.string) ?? .null))
        members.append(("verdict", .string(result.verdict.rawValue)))
        members.append(("findings", .array(result.findings.map(finding))))
        return .object(JSONObject(members))
    }

    private func encode(_ coverage: Coverage, minimum: Double?) -> JSONValue {
        func tally(_ tally: Coverage.Tally) -> [(String, JSONValue)] {
            [
                ("exchanges", .integer(Int64(tally.exchanges))),
                ("passed", .integer(Int64(tally.passed))),
                ("failed", .integer(Int64(tally.failed))),
                ("notValidated", .integer(Int64(tally.notValidated))),
            ]
        }
        let rows: [JSONValue] = coverage.rows.map { row in
            let responses: [JSONValue] = row.cells.map { cell in
                let members: [(String, JSONValue)] = [
                    ("status", .string(cell.key.description)),
                    ("mediaType", cell.mediaType.map(JSONValue.string) ?? .null),
                    ("state", .string(cell.tally.state.rawValue)),
                ]
                return .object(JSONObject(members + tally(cell.tally)))
            }
            let undocumented: [JSONValue] = row.undocumented.map { entry in
                .object(JSONObject([("response", .string(entry.label))] + tally(entry.tally)))
            }
            var members: [(String, JSONValue)] = [
                ("operation", .string(row.operation.description)),
                ("operationId", row.operationID.map(JSONValue.string) ?? .null),
            ]
            members += tally(row.tally)
            members.append(("responses", .array(responses)))
            members.append(("undocumented", .array(undocumented)))
            return .object(JSONObject(members))
        }
        return .object(JSONObject([
            ("documented", .integer(Int64(coverage.documentedCount))),
            ("seen", .integer(Int64(coverage.seenCount))),
            ("percent", .number((coverage.percent * 10).rounded() / 10)),
            ("minimum", minimum.map(JSONValue.number) ?? .null),
            ("operations", .integer(Int64(coverage.rows.count))),
            ("operationsSeen", .integer(Int64(coverage.operationsSeen))),
            ("rows", .array(rows)),
            ("unrouted", .object(JSONObject(tally(coverage.unrouted)))),
            ("notValidated", .array(coverage.notValidated.map { note in
                .object(JSONObject([
                    ("operation", note.operation.map { .string($0.description) } ?? .null),
                    ("message", .string(note.message)),
                    ("exchanges", .integer(Int64(note.count))),
                ]))
            })),
        ]))
    }
}
