import ConformFindings
import ConformSpec
import ConformTraffic

extension ExchangeCheck {
    /// What `probe` meant by the exchange changes what its findings say (`ExchangeIntent`), here, in the one place
    /// both `probe` and `validate` of a probe's recording go through:
    /// - a 5xx the probe did not ask for is `probe-server-error` (and that the description does not document it is
    ///   the same defect said again, so it is not said);
    /// - a request made invalid on purpose: its own findings are its point and are left out; a 2xx is
    ///   `probe-accepted-invalid`; a 4xx the description does not document is the description's gap, not the API's
    ///   fault: a warning.
    /// `responses` is made only for an exchange `probe` made with an intent, as most have none.
    mutating func judgeIntent(at responsesPointer: @autoclosure () -> SpecPointer?) {
        guard let intent = exchange.intent, let response = exchange.response else { return }
        let responses = responsesPointer()
        let status = response.status
        let name = result.operation?.description ?? "\(exchange.request.method) \(RequestURL(exchange.request.url).path)"
        var asked: Int?
        var summary: String?
        switch intent {
        case .valid: break
        case .askedFor(let code): asked = code
        case .invalidOnPurpose(let text): summary = text
        }
        if status >= 500, status != asked {
            result.findings.removeAll { $0.rule == .responseStatusUndocumented }
            report(.probeServerError, .response, "\(name) answered \(status)" + (summary.map { " to a request made invalid on purpose (\($0))" } ?? ""), at: responses, actual: String(status))
        }
        guard let summary else { return }
        result.findings.removeAll { $0.side == .request || $0.rule == .requestUnknownMethod }
        if (200..<300).contains(status) {
            report(.probeAcceptedInvalid, .response, "\(name) accepted a request made invalid on purpose (\(summary)) with \(status)", at: responses, expected: "4xx", actual: String(status))
        }
        for index in result.findings.indices where result.findings[index].rule == .responseStatusUndocumented && (400..<500).contains(status) {
            result.findings[index].severity = .warning
            result.findings[index].notes.append(
                "The API refused a request made invalid on purpose (\(summary)), as it should; the description does not document that answer.")
        }
    }
}
