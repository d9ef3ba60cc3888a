import ConformFindings
import ConformValues

/// One finding as a JSON object, with its spec location resolved; shared by every JSON output.
enum FindingJSON {
    static func encode(_ finding: Finding, locator: any SpecLocating, paths: PathDisplay = PathDisplay(base: nil)) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("rule", .string(finding.rule.name)),
            ("severity", .string(finding.severity.rawValue)),
        ]
        if let side = finding.side { members.append(("side", .string(side.rawValue))) }
        members.append(("message", .string(finding.message)))
        if let operation = finding.operation { members.append(("operation", .string(operation))) }
        if let pointer = finding.instancePointer { members.append(("instancePointer", .string(pointer.description))) }
        if let location = finding.sourceLocation ?? finding.specPointer.flatMap(locator.location(of:)) {
            var spec: [(String, JSONValue)] = [
                ("file", .string(paths(location.file))),
                ("line", .integer(Int64(location.line))),
                ("column", .integer(Int64(location.column))),
            ]
            if let pointer = finding.specPointer { spec.append(("pointer", .string(pointer.pointer.description))) }
            members.append((finding.sourceLocation != nil ? "location" : "spec", .object(JSONObject(spec))))
        }
        if let expected = finding.expected { members.append(("expected", .string(expected))) }
        if let actual = finding.actual { members.append(("actual", .string(actual))) }
        if !finding.notes.isEmpty { members.append(("notes", .array(finding.notes.map(JSONValue.string)))) }
        members.append(("fingerprint", .string(finding.fingerprint)))
        return .object(JSONObject(members))
    }
}
