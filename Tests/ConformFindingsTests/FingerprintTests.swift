import ConformValues
import Testing

@testable import ConformFindings

/// Fingerprints are written into users' baseline files, so they may never change: the hash fed part by part must
/// equal FNV-1a over the parts joined by U+001F, the definition baselines were written with.
@Suite struct FingerprintTests {
    /// The definition: the parts as text, joined, hashed at once.
    static func joinedFingerprint(_ finding: Finding) -> String {
        let instance = finding.instancePointer.map { pointer in
            pointer.tokens.map { JSONPointer.arrayIndex($0) == nil ? JSONPointer.escape($0) : "*" }.joined(separator: "/")
        }
        let parts = [
            finding.rule.name,
            finding.operation?.description ?? "",
            finding.side?.rawValue ?? "",
            instance ?? "",
            finding.specPointer.map { "\($0.file.split(separator: "/").last ?? "")#\($0.pointer)" } ?? "",
        ] + (finding.subject.map { [$0] } ?? [])
        return StableHash.hex(of: parts.joined(separator: "\u{1F}"))
    }

    static let findings: [Finding] = [
        Finding(rule: .responseBodyInvalid, message: "m", operation: OperationKey(method: "GET", path: "/items"), side: .response,
                instancePointer: JSONPointer(tokens: ["3", "id"]),
                specPointer: SpecPointer(file: "/home/ci/api.yaml", pointer: JSONPointer(tokens: ["paths", "/items", "get"]))),
        // Tokens with `~` and `/`, an index with a leading zero (a name, not an index), a number too large for Int.
        Finding(rule: .requestBodyInvalid, message: "m", operation: OperationKey(method: "POST", path: "/a/{id}"), side: .request,
                instancePointer: JSONPointer(tokens: ["a~b", "c/d", "01", "0", "99999999999999999999999", "é✓"]),
                specPointer: SpecPointer(file: "specs/x~y.yaml", pointer: JSONPointer(tokens: ["components", "schemas", "A/B~C"]))),
        // No operation: the subject (`actual`) is a part.
        Finding(rule: .requestUnknownServer, message: "m", side: .request, actual: "https://other.example"),
        // Nothing but the rule; a root instance pointer; a spec file without a folder.
        Finding(rule: .trafficUnreadable, message: "m"),
        Finding(rule: .responseStatusUndocumented, message: "m", operation: OperationKey(method: "DELETE", path: "/"), side: .response,
                instancePointer: .root, specPointer: SpecPointer(file: "api.json", pointer: .root)),
    ]

    @Test(arguments: findings)
    func fedPartByPartEqualsTheJoinedText(_ finding: Finding) {
        #expect(finding.fingerprint == Self.joinedFingerprint(finding))
        #expect(finding.fingerprint == StableHash.hex(finding.fingerprintValue))
    }

    /// An undocumented 422 and an undocumented 401 of one operation are two defects: a baseline of one must not hide
    /// the other, and a report must not count them as one.
    @Test func anUndocumentedStatusIsPartOfItsIdentity() {
        func undocumented(_ status: String) -> Finding {
            Finding(rule: .responseStatusUndocumented, message: "status \(status) is not documented", operation: OperationKey(method: "POST", path: "/api/projects"),
                    side: .response, specPointer: SpecPointer(file: "api.json", pointer: JSONPointer(tokens: ["paths", "/api/projects", "post", "responses"])),
                    actual: status)
        }
        #expect(undocumented("422").fingerprint != undocumented("401").fingerprint)
        #expect(undocumented("422").fingerprint == undocumented("422").fingerprint)
        #expect(undocumented("422").subject == "422")
    }

    @Test func aKnownFingerprintKeepsItsValue() {
        // FNV-1a of "response-body-invalid␟GET /items␟response␟*/id␟api.yaml#/paths/~1items/get", computed apart.
        #expect(Self.findings[0].fingerprint == "6d01510cf5404f53")
    }
}
