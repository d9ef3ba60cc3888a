import ConformFindings
import ConformValues

/// Text and JSON renderings of `payload` results.
public enum PayloadReport {
    /// `locator` resolves the schema side of findings (the description's bundle).
    public static func text(_ results: [PayloadResult], target: PayloadTarget, locator: any SpecLocating, colour: Bool) -> String {
        let text = FindingText(locator: locator, colour: colour)
        var lines: [String] = []
        for result in results {
            if let error = result.loadError {
                lines.append(error.description)
            } else if result.findings.isEmpty {
                lines.append("\(result.file): valid against \(target.description)")
            } else {
                for finding in result.findings {
                    lines.append(text.render(finding, sourceLine: result.sourceLine(of: finding)))
                }
            }
        }
        let invalid = results.filter { !$0.isValid && $0.loadError == nil }.count
        let unreadable = results.filter { $0.loadError != nil }.count
        var summary = "\(LintSummary.plural(results.count, "payload")): \(results.count - invalid - unreadable) valid, \(invalid) invalid"
        if unreadable > 0 { summary += ", \(unreadable) unreadable" }
        lines.append(summary)
        return lines.joined(separator: "\n")
    }

    public static func json(_ results: [PayloadResult], target: PayloadTarget) -> String {
        let files: [JSONValue] = results.map { result in
            var members: [(String, JSONValue)] = [("file", .string(result.file)), ("valid", .bool(result.isValid))]
            if let error = result.loadError {
                members.append(("error", .string(error.message)))
                members.append(("line", .integer(Int64(error.location.line))))
                members.append(("column", .integer(Int64(error.location.column))))
            }
            members.append(("findings", .array(result.findings.map { finding in
                var entry: [(String, JSONValue)] = [
                    ("rule", .string(finding.rule.name)),
                    ("severity", .string(finding.severity.rawValue)),
                    ("instancePointer", .string(finding.instancePointer?.description ?? "")),
                    ("message", .string(finding.message)),
                ]
                if let location = finding.sourceLocation {
                    entry.append(("line", .integer(Int64(location.line))))
                    entry.append(("column", .integer(Int64(location.column))))
                }
                if let schema = finding.specPointer { entry.append(("schemaPointer", .string(schema.description))) }
                if let expected = finding.expected { entry.append(("expected", .string(expected))) }
                if let actual = finding.actual { entry.append(("actual", .string(actual))) }
                return .object(JSONObject(entry))
            })))
            return .object(JSONObject(members))
        }
        return JSONWriter.string(.object(JSONObject([
            ("target", .string(target.description)),
            ("schema", .string(target.schema.description)),
            ("valid", .bool(results.allSatisfy(\.isValid))),
            ("files", .array(files)),
        ])), options: .pretty)
    }
}

extension PayloadResult {
    func sourceLine(of finding: Finding) -> String? {
        guard let location = finding.sourceLocation else { return nil }
        return source?.lineText(location.line)
    }
}

