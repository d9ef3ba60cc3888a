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

    /// Exchanges rendered together on one core; a report with no more than this is written on the calling thread.
    var exchangesPerSlice = 512

    public init() {}

    /// Streams the document: the exchanges, which can number hundreds of thousands, one at a time.
    public func write<Output: TextOutputStream>(_ report: ConformanceReport, to output: inout Output) {
        let document = report.contract.document
        let locator = report.contract.bundle
        let paths = report.paths
        let finding: @Sendable (Finding) -> JSONValue = { FindingJSON.encode($0, locator: locator, paths: paths) }
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
        writeExchanges(report, into: &json, locator: locator)
        json.end()
        json.member("unreadable", .array(report.unreadable.map(finding)))
        json.member("skipped", .array(report.skipped.map { .object(JSONObject([("host", .string($0.host)), ("exchanges", .integer(Int64($0.exchanges)))])) }))
        json.end()
        output = json.output
        output.write("\n")
    }

    /// Exchanges rendered per slice on all cores, each slice into its own bytes, written in order: the output is
    /// the same as one thread writing them one by one. A few slices per core at a time, so memory stays bounded.
    private func writeExchanges<Output: TextOutputStream>(
        _ report: ConformanceReport, into json: inout JSONStreamWriter<Output>, locator: any SpecLocating
    ) {
        let results = report.results
        let paths = report.paths
        let sliceSize = max(1, exchangesPerSlice)
        guard results.count > sliceSize else {
            for index in results.indices {
                write(results[index], keys: results.findingKeys(at: index), into: &json, paths: paths, locator: locator)
            }
            return
        }
        let sliceCount = (results.count + sliceSize - 1) / sliceSize
        let window = max(1, ProcessInfo.processInfo.activeProcessorCount) * 4
        // Each slice of a window renders into a buffer of the window before, emptied.
        var buffers = [[UInt8]](repeating: [], count: window)
        var first = 0
        while first < sliceCount {
            let count = min(window, sliceCount - first)
            let (base, position, hasEntries) = (first, json.position, json.hasEntries)
            var parts = buffers.withUnsafeMutableBufferPointer { buffers in concurrentMap(count) { offset in
                let slice = base + offset
                var buffer: [UInt8] = []
                swap(&buffer, &buffers[offset])
                var fragment = JSONStreamWriter(
                    into: ByteOutput(reusing: buffer, capacity: 1 << 16), continuing: position,
                    entriesBefore: hasEntries || offset > 0)
                var shapes: [Int: PassingShapeJSON] = [:]
                for index in (slice * sliceSize)..<min(results.count, (slice + 1) * sliceSize) {
                    if let record = results.passingRecord(at: index) {
                        writePassing(record, of: results, at: index, into: &fragment, paths: paths, locator: locator, shapes: &shapes)
                    } else {
                        write(results[index], keys: results.findingKeys(at: index), into: &fragment, paths: paths, locator: locator)
                    }
                }
                return fragment.output.bytes
            } }
            for offset in parts.indices {
                json.append(entries: parts[offset])
                swap(&parts[offset], &buffers[offset])
            }
            first += count
        }
    }

    /// One exchange, its findings included, streamed member by member: a report lists every exchange, and a value
    /// tree for each was most of the time the JSON format took beyond the text one.
    private func write<Output: TextOutputStream>(
        _ result: ExchangeResult, keys: FindingKeys?, into json: inout JSONStreamWriter<Output>, paths: PathDisplay,
        locator: any SpecLocating
    ) {
        json.beginObject()
        json.object("source") { FindingJSON.reference(result.source, paths: paths, into: &$0) }
        if let comment = result.comment { json.member("comment", string: comment) }
        writeRequest(result, into: &json)
        json.member("status", integer: result.status)
        writeOutcome(result, keys: keys, into: &json, paths: paths, locator: locator)
        json.end()
    }

    /// A passing exchange kept as a record: its own members written, and the members its shape shares with the
    /// other passing exchanges of the slice (request, operation, response, verdict, no findings) rendered once per
    /// slice and copied: most exchanges of a report pass, and those of one operation mostly share a shape.
    private func writePassing<Output: TextOutputStream>(
        _ record: (shape: Int, source: ExchangeReference, comment: String?, status: Int?), of results: ExchangeResults, at index: Int,
        into json: inout JSONStreamWriter<Output>, paths: PathDisplay, locator: any SpecLocating, shapes: inout [Int: PassingShapeJSON]
    ) {
        json.beginObject()
        json.object("source") { FindingJSON.reference(record.source, paths: paths, into: &$0) }
        if let comment = record.comment { json.member("comment", string: comment) }
        let shape: PassingShapeJSON
        if let rendered = shapes[record.shape] {
            shape = rendered
        } else {
            shape = PassingShapeJSON(results[index], at: json.position, reporter: self, paths: paths, locator: locator)
            shapes[record.shape] = shape
        }
        json.append(rendered: shape.request)
        json.member("status", integer: record.status)
        json.append(rendered: shape.outcome)
        json.end()
    }

    /// The `request` member of an exchange.
    fileprivate func writeRequest<Output: TextOutputStream>(_ result: ExchangeResult, into json: inout JSONStreamWriter<Output>) {
        json.beginObject(member: "request")
        json.member("method", string: result.method)
        if let url = result.url { json.member("url", string: url) }
        json.end()
    }

    /// The members of an exchange after its status: operation, response, verdict and findings (with the fingerprints
    /// in `keys`, when the report kept them).
    fileprivate func writeOutcome<Output: TextOutputStream>(
        _ result: ExchangeResult, keys: FindingKeys? = nil, into json: inout JSONStreamWriter<Output>, paths: PathDisplay,
        locator: any SpecLocating
    ) {
        json.member("operation", string: result.operation?.description)
        json.member("operationId", string: result.operationID)
        json.member("response", string: result.responseKey?.description)
        json.member("mediaType", string: result.mediaType)
        json.member("verdict", string: result.verdict.rawValue)
        json.beginArray(member: "findings")
        for position in result.findings.indices {
            json.beginObject()
            FindingJSON.write(
                result.findings[position], locator: locator, paths: paths, fingerprint: keys?[position].fingerprint, into: &json)
            json.end()
        }
        json.end()
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

/// What the passing exchanges of one shape write alike, rendered as members of an exchange object at `position`
/// (after its source): the request, and everything after the status.
private struct PassingShapeJSON {
    let request: [UInt8]
    let outcome: [UInt8]

    init(_ result: ExchangeResult, at position: JSONStreamPosition, reporter: JSONReporter, paths: PathDisplay, locator: any SpecLocating) {
        var request = JSONStreamWriter(into: ByteOutput(capacity: 128), continuing: position, entriesBefore: true)
        reporter.writeRequest(result, into: &request)
        self.request = request.output.bytes
        var outcome = JSONStreamWriter(into: ByteOutput(capacity: 256), continuing: position, entriesBefore: true)
        reporter.writeOutcome(result, into: &outcome, paths: paths, locator: locator)
        self.outcome = outcome.output.bytes
    }
}
