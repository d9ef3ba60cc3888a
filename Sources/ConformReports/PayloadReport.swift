import ConformChecks
import ConformFindings
import ConformValues

/// Text and JSON renderings of `payload` results: the description's own findings (an unresolved `$ref` means a
/// payload cannot be fully checked), then each file's.
package enum PayloadReport {
    package static func text(_ results: [PayloadResult], validator: PayloadValidator, colour: Bool) -> String {
        let text = FindingText(locator: validator.bundle, colour: colour)
        var lines: [String] = validator.contract.findings.map { text.render($0) }
        for result in results {
            if let error = result.loadError {
                lines.append(error.description)
            } else if result.findings.isEmpty {
                lines.append("\(result.file): valid against \(validator.target.description)")
            } else {
                for finding in result.findings {
                    lines.append(text.render(finding, sourceLine: result.sourceLine(of: finding)))
                }
            }
        }
        let invalid = results.filter { !$0.isValid && $0.loadError == nil }.count
        let unreadable = results.filter { $0.loadError != nil }.count
        var summary = "\(CountText.phrase(results.count, "payload")): \(results.count - invalid - unreadable) valid, \(invalid) invalid"
        if unreadable > 0 { summary += ", \(unreadable) unreadable" }
        if !validator.contract.findings.isEmpty { summary += " · description: " + LintSummary.tally(validator.contract.findings) }
        lines.append(summary)
        return lines.joined(separator: "\n")
    }

    /// `{target, schema, valid, description: [finding], files: [{file, valid, error?, findings: [finding]}]}`, each
    /// finding in the one shape every command writes.
    package static func json(_ results: [PayloadResult], validator: PayloadValidator) -> String {
        let locator = validator.bundle
        let files: [JSONValue] = results.map { result in
            var members: [(String, JSONValue)] = [("file", .string(result.file)), ("valid", .bool(result.isValid))]
            if let error = result.loadError {
                members.append(("error", .object(JSONObject([
                    ("message", .string(error.message)),
                    ("location", FindingJSON.fileLocation(error.location, paths: PathDisplay(base: nil))),
                ]))))
            }
            members.append(("findings", .array(result.findings.map { FindingJSON.encode($0, locator: locator) })))
            return .object(JSONObject(members))
        }
        let contract = validator.contract
        let valid = results.allSatisfy(\.isValid) && !contract.findings.contains { $0.severity >= contract.failOn }
        return JSONWriter.string(.object(JSONObject([
            ("target", .string(validator.target.description)),
            ("schema", .string(validator.target.schema.description)),
            ("valid", .bool(valid)),
            ("description", .array(contract.findings.map { FindingJSON.encode($0, locator: locator) })),
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
