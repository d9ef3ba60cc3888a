import ConformChecks
import ConformFindings
import ConformValues

/// A finding as JSON: the one shape every command writes (`lint`, `validate`, `payload`, `run` and the baseline
/// file), described by `$defs/finding` of `Schema/report-v3.schema.json`. Commands wrap findings in their own
/// envelopes; the finding itself is always written here.
package enum FindingJSON {
    /// How much of a finding to write.
    package enum Detail {
        /// Everything: the message, locations resolved to file, line and column, values, notes.
        case full
        /// What identifies the finding across runs, without values or line numbers (`$defs/findingIdentity`): the
        /// baseline file keeps this, so it does not change when payload values or the description's layout do.
        case identity
    }

    package static func encode(
        _ finding: Finding, locator: any SpecLocating, paths: PathDisplay = PathDisplay(base: nil), detail: Detail = .full
    ) -> JSONValue {
        var members: [(String, JSONValue)] = [("rule", .string(finding.rule.name))]
        if detail == .full {
            members.append(("severity", .string(finding.severity.rawValue)))
            members.append(("message", .string(finding.message)))
        }
        if let operation = finding.operation { members.append(("operation", .string(operation.description))) }
        if let side = finding.side { members.append(("side", .string(side.rawValue))) }
        if detail == .full {
            if let exchange = finding.exchange { members.append(("exchange", reference(exchange, paths: paths))) }
            if let pointer = finding.instancePointer { members.append(("instancePointer", .string(pointer.description))) }
            if let location = finding.sourceLocation { members.append(("location", fileLocation(location, paths: paths))) }
        }
        if let pointer = finding.specPointer {
            var spec: [(String, JSONValue)] = [("file", .string(paths(pointer.file))), ("pointer", .string(pointer.pointer.description))]
            if detail == .full, let location = locator.location(of: pointer) {
                spec.append(("line", .integer(Int64(location.line))))
                spec.append(("column", .integer(Int64(location.column))))
            }
            members.append(("spec", .object(JSONObject(spec))))
        }
        if detail == .full {
            if let expected = finding.expected { members.append(("expected", .string(expected))) }
            if let actual = finding.actual { members.append(("actual", .string(actual))) }
        } else if let subject = finding.subject {
            members.append(("actual", .string(subject)))
        }
        if detail == .full {
            if !finding.notes.isEmpty { members.append(("notes", .array(finding.notes.map(JSONValue.string)))) }
        }
        members.append(("fingerprint", .string(finding.fingerprint)))
        return .object(JSONObject(members))
    }

    /// `{"file": "traffic.har", "index": 3, "line": 120}` or `{"live": "mock", "index": 3}`
    /// (`$defs/exchangeReference`).
    package static func reference(_ reference: ExchangeReference, paths: PathDisplay) -> JSONValue {
        var members = source(reference.source, paths: paths)
        members.append(("index", .integer(Int64(reference.index))))
        if let line = reference.line { members.append(("line", .integer(Int64(line)))) }
        return .object(JSONObject(members))
    }

    /// `{"file": "traffic.har"}` or `{"live": "mock"}` (`$defs/trafficSource`).
    package static func source(_ source: TrafficSource, paths: PathDisplay) -> [(String, JSONValue)] {
        switch source {
        case .file(let path): return [("file", .string(paths(path)))]
        case .live(let name): return [("live", .string(name))]
        }
    }

    /// `{"file": …, "line": …, "column": …}` (`$defs/fileLocation`).
    package static func fileLocation(_ location: SourceLocation, paths: PathDisplay) -> JSONValue {
        .object(JSONObject([
            ("file", .string(paths(location.file))),
            ("line", .integer(Int64(location.line))),
            ("column", .integer(Int64(location.column))),
        ]))
    }
}
