import ConformChecks
import ConformFindings
import ConformValues

/// Text, GitHub-annotation and JSON renderings of `payload` results: the description's own findings (an unresolved
/// `$ref` means a payload cannot be fully checked), then each file's. In text and annotations a finding repeated in
/// many items of a payload is shown once with its count; the JSON lists every one.
package enum PayloadReport {
    /// `quiet` leaves out the findings below the failing severity and the files that are valid.
    package static func text(_ results: [PayloadResult], validator: PayloadValidator, colour: Bool, quiet: Bool = false) -> String {
        let text = FindingText(locator: validator.bundle, colour: colour)
        let failOn = validator.contract.failOn
        let shown: (Finding) -> Bool = { finding in !quiet || finding.severity >= failOn }
        var lines: [String] = FindingGroup.sameMessage(validator.contract.findings.filter(shown)).map { text.render($0) }
        for result in results {
            if let error = result.loadError {
                lines.append(FindingText.render(error))
            } else if result.findings.isEmpty {
                if !quiet { lines.append("\(result.file): valid against \(validator.target.description)") }
            } else {
                for group in FindingGroup.sameFinding(result.findings.filter(shown)) {
                    lines.append(text.render(group, sourceLine: result.sourceLine(of:)))
                }
            }
        }
        lines.append(summary(results, validator: validator))
        return lines.joined(separator: "\n")
    }

    /// `2 payloads: 1 valid, 1 invalid · description: 1 error, 0 warnings`.
    package static func summary(_ results: [PayloadResult], validator: PayloadValidator) -> String {
        let invalid = results.filter { !$0.isValid && $0.loadError == nil }.count
        let unreadable = results.filter { $0.loadError != nil }.count
        var summary = "\(CountText.phrase(results.count, "payload")): \(results.count - invalid - unreadable) valid, \(invalid) invalid"
        if unreadable > 0 { summary += ", \(unreadable) unreadable" }
        if !validator.contract.findings.isEmpty { summary += " · description: " + LintSummary.tally(validator.contract.findings) }
        return summary
    }

    /// `--format github`: an annotation per finding, located in the payload file (or the description), an
    /// unreadable file as an error annotation, then the summary line. Paths are shown relative to `paths`, as
    /// GitHub maps them onto the checkout.
    package static func github(_ results: [PayloadResult], validator: PayloadValidator, quiet: Bool, paths: PathDisplay) -> String {
        let failOn = validator.contract.failOn
        let shown: (Finding) -> Bool = { finding in !quiet || finding.severity >= failOn }
        let text = FindingText(locator: validator.bundle, colour: false, paths: paths)
        func located(_ location: SourceLocation?) -> SourceLocation? {
            location.map { SourceLocation(file: paths($0.file), line: $0.line, column: $0.column) }
        }
        func annotations(_ group: FindingGroup) -> [GitHubAnnotation] {
            (group.isRepeated ? [group.first] : group.examples).map { finding in
                var lines = [finding.message + (group.isRepeated ? " (\(group.countText))" : "")] + finding.notes
                if group.isRepeated { lines.append(text.examples(of: group)) }
                return GitHubAnnotation(
                    level: GitHubAnnotation.level(finding.severity, threshold: failOn), location: located(text.location(of: finding)),
                    title: finding.rule.name, message: lines.joined(separator: "\n"))
            }
        }
        var commands = FindingGroup.sameMessage(validator.contract.findings.filter(shown)).flatMap(annotations)
        for result in results {
            if let error = result.loadError {
                commands.append(GitHubAnnotation(level: .error, location: located(error.location), title: "payload unreadable", message: error.message))
            } else {
                commands += FindingGroup.sameFinding(result.findings.filter(shown)).flatMap(annotations)
            }
        }
        return (commands.map(\.command) + [summary(results, validator: validator)]).joined(separator: "\n")
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
