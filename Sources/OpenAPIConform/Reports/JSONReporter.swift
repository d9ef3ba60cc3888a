import ConformFindings
import ConformValues
import Foundation

/// The machine-readable report. Its shape is documented by `Schema/report-v2.schema.json` beside this file (JSON
/// Schema 2020-12), and `version` changes whenever that shape does. Every exchange is listed, passing ones included, so
/// other tools can join the output to their own records by `source.file` and `source.index`.
public struct JSONReporter: Reporter {
    /// Version of the report's shape; `Schema/report-v2.schema.json` describes this version.
    public static let version = 2

    public init() {}

    /// Streams the document: the exchanges, which can number hundreds of thousands, one at a time.
    public func write<Output: TextOutputStream>(_ report: ConformanceReport, to output: inout Output) {
        let document = report.description.document
        let locator = report.description.bundle
        let traffic = report.traffic
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
        json.member("traffic", .array(report.trafficFiles.map { .string(report.paths($0)) }))
        json.member("conformant", .bool(report.conformant))
        json.member("failOn", .string(report.threshold.rawValue))
        json.member("summary", .object(JSONObject([
            ("exchanges", .integer(Int64(traffic.exchangeCount))),
            ("passed", .integer(Int64(traffic.exchangeCount - traffic.failedCount))),
            ("failed", .integer(Int64(traffic.failedCount))),
            ("errors", .integer(Int64(report.count(.error)))),
            ("warnings", .integer(Int64(report.count(.warning)))),
            ("notes", .integer(Int64(report.count(.note)))),
            ("unreadable", .integer(Int64(traffic.unreadable.count))),
            ("baselined", .integer(Int64(traffic.baselined))),
        ])))
        json.member("coverage", encode(report.coverage, minimum: report.minimumCoverage))
        json.member("lint", .array(report.lintFindings.map { FindingJSON.encode($0, locator: locator, paths: report.paths) }))
        json.beginArray(member: "exchanges")
        for result in traffic.results { json.element(encode(result, report: report, locator: locator)) }
        json.end()
        json.member("unreadable", .array(traffic.unreadable.map { FindingJSON.encode($0, locator: locator, paths: report.paths) }))
        json.end()
        output = json.output
        output.write("\n")
    }

    private func encode(_ result: ExchangeResult, report: ConformanceReport, locator: any SpecLocating) -> JSONValue {
        var source: [(String, JSONValue)] = [("file", .string(report.paths(result.source.file))), ("index", .integer(Int64(result.source.index)))]
        if let line = result.source.line { source.append(("line", .integer(Int64(line)))) }
        var members: [(String, JSONValue)] = [("source", .object(JSONObject(source)))]
        if let comment = result.comment { members.append(("comment", .string(comment))) }
        var request: [(String, JSONValue)] = [("method", .string(result.method))]
        if let url = result.url { request.append(("url", .string(url))) }
        members.append(("request", .object(JSONObject(request))))
        members.append(("status", result.status.map { .integer(Int64($0)) } ?? .null))
        members.append(("operation", result.operation.map(JSONValue.string) ?? .null))
        members.append(("operationId", result.operationID.map(JSONValue.string) ?? .null))
        members.append(("response", result.responseKey.map { .string($0.description) } ?? .null))
        members.append(("mediaType", result.mediaType.map(JSONValue.string) ?? .null))
        members.append(("verdict", .string(result.verdict.rawValue)))
        members.append(("findings", .array(result.findings.map { FindingJSON.encode($0, locator: locator, paths: report.paths) })))
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
                ("operation", .string(row.operation)),
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
                    ("operation", note.operation.map(JSONValue.string) ?? .null),
                    ("message", .string(note.message)),
                    ("exchanges", .integer(Int64(note.count))),
                ]))
            })),
        ]))
    }
}

/// Timestamps in reports: UTC, to the second.
public enum ReportDate {
    /// The time a report says it was made: `SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds
    /// convention) when it is set, so that the same run gives byte-identical reports; otherwise the clock.
    public static func now(environment: [String: String] = ProcessInfo.processInfo.environment) -> Date {
        if let text = environment["SOURCE_DATE_EPOCH"], let seconds = Int64(text), seconds >= 0 {
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        }
        return Date()
    }

    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
