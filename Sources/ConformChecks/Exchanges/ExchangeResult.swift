import ConformFindings
import ConformSpec
import ConformTraffic

/// What checking one exchange found, with the config's severities and ignores, the baseline and redaction already
/// applied: the same value whether the exchange came from a recording, a live source or a test.
public struct ExchangeResult: Sendable {
    /// Whether the exchange fails the run: one of its findings is at or above the failing severity (`--fail-on`).
    public enum Verdict: String, Sendable { case pass, fail }

    public package(set) var source: ExchangeReference
    /// The recording's note on the exchange (HAR comment, JSONL id).
    public package(set) var comment: String?
    public package(set) var method: String
    /// The request URL (credentials masked). Kept only for exchanges with findings: a passing exchange is
    /// identified by its source, and dropping the URL keeps a long recording's report small.
    public package(set) var url: String?
    /// The operation the request was routed to.
    public package(set) var operation: OperationKey?
    public package(set) var operationID: String?
    public package(set) var status: Int?
    /// The documented response the status matched (`200`, `4XX`, `default`) and the media type the body matched.
    public package(set) var responseKey: ResponseKey?
    public package(set) var mediaType: String?
    public package(set) var findings: [Finding]
    /// Decided from the findings and the failing severity when the result is finished; every report and the exit
    /// code read this one value.
    public package(set) var verdict: Verdict = .pass
    // Kept in 32 bits beside the verdict: a long run holds hundreds of thousands of results.
    private var storedBaselined: UInt32 = 0

    /// Findings left out because the baseline lists them.
    public package(set) var baselined: Int {
        get { Int(storedBaselined) }
        set { storedBaselined = UInt32(clamping: newValue) }
    }

    package init(source: ExchangeReference, comment: String?, method: String, url: String?, status: Int?) {
        self.source = source
        self.comment = comment
        self.method = method
        self.url = url
        self.status = status
        self.findings = []
    }

    /// The verdict is `pass`: nothing at the failing severity (findings below it may remain).
    public var passed: Bool { verdict == .pass }
}

extension ExchangeResult: CustomStringConvertible {
    /// `fail: POST /pets → 201` and one line per finding: for logs and test failure messages.
    public var description: String {
        var text = "\(verdict.rawValue): \(method) \(url ?? operation?.path ?? "")" + (status.map { " → \($0)" } ?? "")
        for finding in findings { text += "\n  " + finding.description }
        return text
    }
}
