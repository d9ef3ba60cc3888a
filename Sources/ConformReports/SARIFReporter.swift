import ConformChecks
import ConformFindings
import ConformValues

/// SARIF 2.1.0 for code-scanning views (GitHub, GitLab, IDEs): every rule of the catalogue with its help text, each
/// finding a result located in the description file by line and column (`columnKind` unicodeCodePoints, as libyaml
/// counts), with a stable fingerprint and the recorded exchange as a related location. Files are named relative to
/// the working directory under `%SRCROOT%` (`SARIFArtifact`); the snippet is the line cut to a window around the
/// column (`Snippet`). Every occurrence of a repeated finding is its own result.
public struct SARIFReporter: Reporter {
    static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    static let fingerprintKey = "openapiConform/v1"

    public init() {}

    /// Streams the log: results are written one at a time, so a long run's findings are never one value tree.
    public func write<Output: TextOutputStream>(_ report: ConformanceReport, to output: inout Output) {
        let ruleIndex = Dictionary(RuleID.catalogue.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        let files = SARIFArtifact(root: report.paths.base)
        var artifacts: [JSONValue] = [artifact(report.specPath, roles: ["analysisTarget"], files: files)]
        // A live source has no file: it is named in each result's related location, never as an artifact.
        artifacts += report.sources.compactMap(\.file).map { artifact(report.paths($0), roles: ["analysisTarget"], files: files) }
        let coverage = report.coverage
        var json = JSONStreamWriter(into: output, options: .pretty)
        json.beginObject()
        json.member("$schema", .string(Self.schemaURI))
        json.member("version", .string("2.1.0"))
        json.beginArray(member: "runs")
        json.beginObject()
        json.member("tool", .object(JSONObject([("driver", .object(JSONObject([
            ("name", .string(ToolInfo.name)),
            ("version", .string(ToolInfo.version)),
            ("semanticVersion", .string(ToolInfo.version)),
            ("rules", .array(RuleID.catalogue.map(rule))),
        ])))])))
        json.member("automationDetails", .object(JSONObject([("id", .string("\(ToolInfo.name)/\(report.name)/"))])))
        json.member("invocations", .array([.object(JSONObject([
            ("executionSuccessful", .bool(report.unreadable.isEmpty)),
            ("endTimeUtc", .string(ReportDate.iso8601(report.generatedAt))),
        ]))]))
        if let bases = files.originalURIBaseIDs { json.member("originalUriBaseIds", bases) }
        json.member("artifacts", .array(artifacts))
        json.member("columnKind", .string("unicodeCodePoints"))
        json.beginArray(member: "results")
        for finding in report.descriptionFindings {
            json.element(result(finding, report: report, files: files, ruleIndex: ruleIndex[finding.rule.name], exchange: nil))
        }
        let results = report.results
        results.forEachFindings { index, _, findings in
            let exchange = results[index]
            let keys = results.findingKeys(at: index)
            for (position, finding) in findings.enumerated() {
                json.element(result(
                    finding, report: report, files: files, ruleIndex: ruleIndex[finding.rule.name], exchange: exchange,
                    fingerprint: keys?[position].fingerprint))
            }
        }
        for finding in report.unreadable {
            json.element(result(finding, report: report, files: files, ruleIndex: ruleIndex[finding.rule.name], exchange: nil))
        }
        json.end()
        json.member("properties", .object(JSONObject([
            ("coverage", .object(JSONObject([
                ("documentedResponses", .integer(Int64(coverage.documentedCount))),
                ("seenResponses", .integer(Int64(coverage.seenCount))),
                ("percent", .number((coverage.percent * 10).rounded() / 10)),
            ]))),
            ("exchanges", .integer(Int64(report.exchangeCount))),
            ("failedExchanges", .integer(Int64(report.failedCount))),
        ])))
        json.end()
        json.end()
        json.end()
        output = json.output
        output.write("\n")
    }

    private func rule(_ rule: RuleID) -> JSONValue {
        .object(JSONObject([
            ("id", .string(rule.name)),
            ("shortDescription", .object(JSONObject([("text", .string(rule.summary))]))),
            ("help", .object(JSONObject([
                ("text", .string("\(rule.summary) Default severity: \(rule.defaultSeverity). See \(rule.documentationAnchor).")),
                ("markdown", .string("\(rule.summary)\n\nDefault severity: **\(rule.defaultSeverity)**. Severity and ignores per operation are set in `openapi-conform.yaml`; see `\(rule.documentationAnchor)`.")),
            ]))),
            ("defaultConfiguration", .object(JSONObject([("level", .string(Self.level(rule.defaultSeverity)))]))),
        ]))
    }

    /// `fingerprint` is the finding's `fingerprintValue` when the report kept it with the result.
    private func result(
        _ finding: Finding, report: ConformanceReport, files: SARIFArtifact, ruleIndex: Int?, exchange: ExchangeResult?,
        fingerprint: UInt64? = nil
    ) -> JSONValue {
        var members: [(String, JSONValue)] = [("ruleId", .string(finding.rule.name))]
        if let ruleIndex { members.append(("ruleIndex", .integer(Int64(ruleIndex)))) }
        members.append(("level", .string(Self.level(finding, threshold: report.threshold))))
        var message = finding.message
        if !finding.notes.isEmpty { message += "\n" + finding.notes.joined(separator: "\n") }
        members.append(("message", .object(JSONObject([("text", .string(message))]))))
        if let location = report.location(of: finding) {
            var region: [(String, JSONValue)] = [("startLine", .integer(Int64(location.line))), ("startColumn", .integer(Int64(location.column)))]
            if let line = report.sourceLine(of: finding) {
                let window = Snippet.window(line: line, column: location.column).text
                region.append(("snippet", .object(JSONObject([("text", .string(window))]))))
            }
            var physical: [(String, JSONValue)] = [("artifactLocation", files.location(location.file))]
            physical.append(("region", .object(JSONObject(region))))
            var location: [(String, JSONValue)] = [("physicalLocation", .object(JSONObject(physical)))]
            if let operation = finding.operation {
                location.append(("logicalLocations", .array([.object(JSONObject([("name", .string(operation.description)), ("kind", .string("function"))]))])))
            }
            members.append(("locations", .array([.object(JSONObject(location))])))
        }
        if let reference = finding.exchange, finding.sourceLocation == nil {
            var related: [(String, JSONValue)] = [("id", .integer(1))]
            var text: String
            if let file = reference.file {
                var physical: [(String, JSONValue)] = [("artifactLocation", files.location(report.paths(file)))]
                if let line = reference.line {
                    physical.append(("region", .object(JSONObject([("startLine", .integer(Int64(line)))]))))
                }
                related.append(("physicalLocation", .object(JSONObject(physical))))
                text = "entry \(reference.index) of \(report.paths(file))"
            } else {
                text = "exchange \(reference.index) of \(reference.source)"
            }
            if let exchange { text += ": " + TextReporter.label(of: exchange) }
            related.append(("message", .object(JSONObject([("text", .string(text))]))))
            members.append(("relatedLocations", .array([.object(JSONObject(related))])))
        }
        let fingerprint = StableHash.hex(fingerprint ?? finding.fingerprintValue)
        members.append(("fingerprints", .object(JSONObject([(Self.fingerprintKey, .string(fingerprint))]))))
        members.append(("partialFingerprints", .object(JSONObject([(Self.fingerprintKey, .string(fingerprint))]))))
        var properties: [(String, JSONValue)] = [("severity", .string(finding.severity.rawValue))]
        if let operation = finding.operation { properties.append(("operation", .string(operation.description))) }
        if let side = finding.side { properties.append(("side", .string(side.rawValue))) }
        if let pointer = finding.instancePointer { properties.append(("instancePointer", .string(pointer.description))) }
        if let pointer = finding.specPointer { properties.append(("specPointer", .string(pointer.pointer.description))) }
        if let expected = finding.expected { properties.append(("expected", .string(expected))) }
        if let actual = finding.actual { properties.append(("actual", .string(actual))) }
        members.append(("properties", .object(JSONObject(properties))))
        return .object(JSONObject(members))
    }

    private func artifact(_ path: String, roles: [String], files: SARIFArtifact) -> JSONValue {
        .object(JSONObject([
            ("location", files.location(path)),
            ("roles", .array(roles.map(JSONValue.string))),
        ]))
    }

    /// A result's level: `error` for a finding that fails the run (at or above `--fail-on`), so that code-scanning
    /// gates fail on exactly what the exit code fails on; below it, the finding's own severity. The severity
    /// itself is in the result's properties.
    static func level(_ finding: Finding, threshold: Severity) -> String {
        finding.severity >= threshold ? "error" : level(finding.severity)
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .note: return "note"
        }
    }
}
