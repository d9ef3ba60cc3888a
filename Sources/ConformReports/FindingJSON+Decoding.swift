import ConformChecks
import ConformFindings
import ConformSpec
import ConformValues

/// Reading back what `FindingJSON` and `JSONReporter` write, for `merge`: a finding, an exchange's result, an
/// exchange reference. Paths come back as the reports show them; `files` turns a shown path back into the
/// description's file (so its locations and source lines are found again) or a traffic path.
package struct ReportDecoder {
    /// The files of the description, by how the report shows them.
    let descriptionFiles: [String: String]
    let paths: PathDisplay

    package init(bundle: SpecBundle, paths: PathDisplay) {
        var files: [String: String] = [:]
        for file in bundle.filePaths { files[paths(file)] = file }
        self.descriptionFiles = files
        self.paths = paths
    }

    /// What does not read as the report's shape, and where.
    package struct Problem: Error {
        package var message: String
    }

    package func source(_ value: JSONValue?) throws(Problem) -> TrafficSource {
        if let file = value?["file"]?.stringValue { return .file(file) }
        if let live = value?["live"]?.stringValue { return .live(live) }
        throw Problem(message: "a traffic source needs 'file' or 'live'")
    }

    package func reference(_ value: JSONValue?) throws(Problem) -> ExchangeReference {
        guard let index = value?["index"]?.intValue else { throw Problem(message: "an exchange reference needs an 'index'") }
        return ExchangeReference(source: try source(value), index: index, line: value?["line"]?.intValue)
    }

    package func finding(_ value: JSONValue) throws(Problem) -> Finding {
        guard let name = value["rule"]?.stringValue, let rule = RuleID.named(name) else {
            throw Problem(message: "a finding needs a known 'rule', found \(value["rule"].map { "\($0)" } ?? "none")")
        }
        guard let severityText = value["severity"]?.stringValue, let severity = Severity(rawValue: severityText),
            let message = value["message"]?.stringValue
        else { throw Problem(message: "a finding needs 'severity' and 'message' (a report written with full detail)") }
        var finding = Finding(rule: rule, severity: severity, message: message)
        if let operation = value["operation"]?.stringValue {
            guard let key = OperationKey(parsing: operation) else { throw Problem(message: "'\(operation)' is no operation") }
            finding.operation = key
        }
        finding.side = value["side"]?.stringValue.flatMap(ExchangeSide.init(rawValue:))
        if let exchange = value["exchange"] { finding.exchange = try reference(exchange) }
        if let pointer = value["instancePointer"]?.stringValue { finding.instancePointer = try? JSONPointer(parsing: pointer) }
        if let location = value["location"], let file = location["file"]?.stringValue, let line = location["line"]?.intValue,
            let column = location["column"]?.intValue
        {
            finding.sourceLocation = SourceLocation(file: descriptionFiles[file] ?? file, line: line, column: column)
        }
        if let spec = value["spec"], let file = spec["file"]?.stringValue, let pointer = spec["pointer"]?.stringValue {
            guard let parsed = try? JSONPointer(parsing: pointer) else { throw Problem(message: "'\(pointer)' is no JSON pointer") }
            finding.specPointer = SpecPointer(file: descriptionFiles[file] ?? file, pointer: parsed)
        }
        finding.expected = value["expected"]?.stringValue
        finding.actual = value["actual"]?.stringValue
        finding.notes = value["notes"]?.arrayValue?.compactMap(\.stringValue) ?? []
        return finding
    }

    /// One entry of a report's `exchanges`.
    package func result(_ value: JSONValue) throws(Problem) -> ExchangeResult {
        guard let method = value["request"]?["method"]?.stringValue else { throw Problem(message: "an exchange needs 'request.method'") }
        var result = ExchangeResult(
            source: try reference(value["source"]), comment: value["comment"]?.stringValue, method: method,
            url: value["request"]?["url"]?.stringValue, status: value["status"]?.intValue)
        result.operation = value["operation"]?.stringValue.flatMap(OperationKey.init(parsing:))
        result.operationID = value["operationId"]?.stringValue
        result.responseKey = value["response"]?.stringValue.flatMap(ResponseKey.init)
        result.mediaType = value["mediaType"]?.stringValue
        guard let verdict = value["verdict"]?.stringValue.flatMap(ExchangeResult.Verdict.init(rawValue:)) else {
            throw Problem(message: "an exchange needs a 'verdict' of pass or fail")
        }
        result.verdict = verdict
        var findings: [Finding] = []
        for finding in value["findings"]?.arrayValue ?? [] { findings.append(try self.finding(finding)) }
        result.findings = findings
        return result
    }
}
