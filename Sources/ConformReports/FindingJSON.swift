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
        var members = JSONMemberList()
        write(finding, locator: locator, paths: paths, detail: detail, into: &members)
        return .object(JSONObject(members.members))
    }

    /// The finding's members, into a value tree (`encode`) or straight into a report being streamed: the shape is
    /// written here once for both.
    /// `fingerprint` is the finding's `fingerprintValue` when the caller has it already (a report's results keep it).
    package static func write<Members: JSONMembers>(
        _ finding: Finding, locator: any SpecLocating, paths: PathDisplay, detail: Detail = .full, fingerprint: UInt64? = nil,
        into members: inout Members
    ) {
        members.member("rule", string: finding.rule.name)
        if detail == .full {
            members.member("severity", string: finding.severity.rawValue)
            members.member("message", string: finding.message)
        }
        if let operation = finding.operation { members.member("operation", string: operation.description) }
        if let side = finding.side { members.member("side", string: side.rawValue) }
        if detail == .full {
            if let exchange = finding.exchange { members.object("exchange") { reference(exchange, paths: paths, into: &$0) } }
            if let pointer = finding.instancePointer { members.member("instancePointer", pointer: pointer) }
            if let location = finding.sourceLocation { members.object("location") { fileLocation(location, paths: paths, into: &$0) } }
        }
        if let pointer = finding.specPointer {
            members.object("spec") { spec in
                spec.member("file", text: paths.shown(pointer.file))
                spec.member("pointer", pointer: pointer.pointer)
                if detail == .full, let location = locator.location(of: pointer) {
                    spec.member("line", integer: location.line)
                    spec.member("column", integer: location.column)
                }
            }
        }
        if detail == .full {
            if let expected = finding.expected { members.member("expected", string: expected) }
            if let actual = finding.actual { members.member("actual", string: actual) }
        } else if let subject = finding.subject {
            members.member("actual", string: subject)
        }
        if detail == .full, !finding.notes.isEmpty { members.member("notes", strings: finding.notes) }
        members.member("fingerprint", hex: fingerprint ?? finding.fingerprintValue)
    }

    /// `{"file": "traffic.har", "index": 3, "line": 120}` or `{"live": "mock", "index": 3}`
    /// (`$defs/exchangeReference`).
    package static func reference(_ reference: ExchangeReference, paths: PathDisplay) -> JSONValue {
        var members = JSONMemberList()
        self.reference(reference, paths: paths, into: &members)
        return .object(JSONObject(members.members))
    }

    package static func reference<Members: JSONMembers>(_ reference: ExchangeReference, paths: PathDisplay, into members: inout Members) {
        source(reference.source, paths: paths, into: &members)
        members.member("index", integer: reference.index)
        if let line = reference.line { members.member("line", integer: line) }
    }

    /// `{"file": "traffic.har"}` or `{"live": "mock"}` (`$defs/trafficSource`).
    package static func source(_ source: TrafficSource, paths: PathDisplay) -> [(String, JSONValue)] {
        var members = JSONMemberList()
        self.source(source, paths: paths, into: &members)
        return members.members
    }

    package static func source<Members: JSONMembers>(_ source: TrafficSource, paths: PathDisplay, into members: inout Members) {
        switch source {
        case .file(let path): members.member("file", text: paths.shown(path))
        case .live(let name): members.member("live", string: name)
        }
    }

    /// `{"file": …, "line": …, "column": …}` (`$defs/fileLocation`).
    package static func fileLocation(_ location: SourceLocation, paths: PathDisplay) -> JSONValue {
        var members = JSONMemberList()
        fileLocation(location, paths: paths, into: &members)
        return .object(JSONObject(members.members))
    }

    package static func fileLocation<Members: JSONMembers>(_ location: SourceLocation, paths: PathDisplay, into members: inout Members) {
        members.member("file", text: paths.shown(location.file))
        members.member("line", integer: location.line)
        members.member("column", integer: location.column)
    }
}
