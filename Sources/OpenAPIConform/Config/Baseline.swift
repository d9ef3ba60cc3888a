import ConformFindings
import ConformValues
import Foundation

/// A checked-in list of known findings, by fingerprint, so that CI fails only on new ones.
///
/// ```json
/// {"version": 1, "findings": [{"fingerprint": "…", "rule": "response-body-invalid", "operation": "GET /pets", …}]}
/// ```
/// Only the fingerprint matters; the other fields make the file readable in review.
public struct Baseline: Sendable {
    public private(set) var fingerprints: Set<String>

    public init(fingerprints: Set<String> = []) {
        self.fingerprints = fingerprints
    }

    public func contains(_ finding: Finding) -> Bool {
        fingerprints.contains(finding.fingerprint)
    }

    public static func load(path: String) throws(LoadError) -> Baseline {
        let document = try DocumentReader.read(path: path)
        guard case .array(let entries)? = document.root["findings"] else {
            let location = SourceLocation(file: path, line: 1, column: 1)
            throw LoadError(.syntax, "a baseline file is an object with a 'findings' array", at: location).withSourceLine(from: document.file)
        }
        return Baseline(fingerprints: Set(entries.compactMap { $0["fingerprint"]?.stringValue }))
    }

    /// The baseline file for a set of findings: errors and warnings, each once, sorted for stable diffs.
    public static func render(_ findings: [Finding]) -> String {
        var seen: Set<String> = []
        let entries: [JSONValue] = findings.filter { $0.severity >= .warning }
            .sorted { ($0.rule.name, $0.operation ?? "", $0.fingerprint) < ($1.rule.name, $1.operation ?? "", $1.fingerprint) }
            .compactMap { finding in
                guard seen.insert(finding.fingerprint).inserted else { return nil }
                var members: [(String, JSONValue)] = [
                    ("fingerprint", .string(finding.fingerprint)),
                    ("rule", .string(finding.rule.name)),
                ]
                if let operation = finding.operation { members.append(("operation", .string(operation))) }
                if let side = finding.side { members.append(("side", .string(side.rawValue))) }
                if let pointer = finding.specPointer { members.append(("spec", .string(pointer.description))) }
                return .object(JSONObject(members))
            }
        return JSONWriter.string(.object(JSONObject([("version", .integer(1)), ("findings", .array(entries))])), options: .pretty) + "\n"
    }

    public static func write(_ findings: [Finding], to path: String) throws {
        try Data(render(findings).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
