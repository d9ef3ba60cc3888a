import ConformFindings
import ConformSpec

/// How a parameter finding names its parameter ("path parameter 'id'"), in one place: the checks write it at the
/// start of the message, and the mock reads it back to tell a malformed path (404: the URL names no resource) from
/// a malformed query or body (400).
package enum ParameterSubject {
    package static func text(_ location: ParameterLocation, _ name: String) -> String {
        "\(location.rawValue) parameter '\(name)'"
    }

    /// Where the parameter a `request-parameter-*` finding is about is sent; nil for other findings.
    package static func location(of finding: Finding) -> ParameterLocation? {
        guard finding.rule == .requestParameterInvalid || finding.rule == .requestParameterMissing else { return nil }
        return ParameterLocation.allCases.first { finding.message.hasPrefix("\($0.rawValue) parameter '") || finding.message.hasPrefix("required \($0.rawValue) parameter '") }
    }
}
