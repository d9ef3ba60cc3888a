import ConformFindings
import ConformSpec
import ConformTraffic

/// What checking one recorded exchange found.
public struct ExchangeResult: Sendable {
    public enum Verdict: String, Sendable { case pass, fail }

    public var source: ExchangeReference
    /// The recording's note on the exchange (HAR comment, JSONL id).
    public var comment: String?
    public var method: String
    /// The request URL (credentials masked). Kept only for exchanges with findings: a passing exchange is
    /// identified by its source, and dropping the URL keeps a long recording's report small.
    public var url: String?
    /// `METHOD /template` of the operation the request was routed to.
    public var operation: String?
    public var operationID: String?
    public var status: Int?
    /// The documented response the status matched (`200`, `4XX`, `default`) and the media type the body matched.
    public var responseKey: ResponseKey?
    public var mediaType: String?
    public var findings: [Finding]

    /// Fails when a finding is at error severity (after the config's severities and the baseline).
    public var verdict: Verdict {
        findings.contains { $0.severity == .error } ? .fail : .pass
    }
}
