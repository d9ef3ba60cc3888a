import ConformFindings
import ConformValues

/// A checked-in list of known findings, by fingerprint, so that CI fails only on new ones.
///
/// ```json
/// {"version": 1, "findings": [{"fingerprint": "…", "rule": "response-body-invalid", "operation": "GET /pets", …}]}
/// ```
/// Only the fingerprint matters; the other fields (a finding's identity in the report's finding shape, see
/// `BaselineFile`) make the file readable in review.
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
}
