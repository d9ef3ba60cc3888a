import ConformChecks
import ConformFindings
import ConformValues
import Foundation

/// Writes the baseline file `validate --update-baseline` creates and `Baseline.load` reads: each finding at
/// warning severity or above, once, as its identity (`FindingJSON.Detail.identity`), sorted for stable diffs.
///
/// ```json
/// {"version": 1, "findings": [{"rule": "response-body-invalid", "operation": "GET /pets", "side": "response", …}]}
/// ```
public enum BaselineFile {
    public static func render(_ findings: [Finding], locator: any SpecLocating, paths: PathDisplay = PathDisplay(base: nil)) -> String {
        var seen: Set<String> = []
        let entries: [JSONValue] = findings.filter { $0.severity >= .warning }
            .sorted { ($0.rule.name, $0.operation?.description ?? "", $0.fingerprint) < ($1.rule.name, $1.operation?.description ?? "", $1.fingerprint) }
            .compactMap { finding in
                guard seen.insert(finding.fingerprint).inserted else { return nil }
                return FindingJSON.encode(finding, locator: locator, paths: paths, detail: .identity)
            }
        return JSONWriter.string(.object(JSONObject([("version", .integer(1)), ("findings", .array(entries))])), options: .pretty) + "\n"
    }

    public static func write(_ findings: [Finding], locator: any SpecLocating, to path: String, paths: PathDisplay = PathDisplay(base: nil)) throws {
        try ReportFile.write(to: path) { $0.write(render(findings, locator: locator, paths: paths)) }
    }
}
