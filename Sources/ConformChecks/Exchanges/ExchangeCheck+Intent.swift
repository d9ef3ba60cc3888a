import ConformFindings
import ConformSpec
import ConformTraffic
import ConformValues

extension ExchangeCheck {
    /// What `probe` meant by the exchange changes what its findings say (`ExchangeIntent`), here, in the one place
    /// both `probe` and `validate` of a probe's recording go through:
    /// - a 5xx the probe did not ask for is `probe-server-error` (and that the description does not document it is
    ///   the same defect said again, so it is not said);
    /// - a request made invalid on purpose: its own findings are its point and are left out (not those that say it
    ///   reached no operation); a 2xx is `probe-accepted-invalid`; a 4xx the description does not document is the
    ///   description's gap, not the API's fault: a warning;
    /// - a valid request that passes every check of the request refused with a 4xx is `probe-rejected-valid`: the
    ///   API's own validation is stricter than its description (or the description lacks a constraint), and a client
    ///   written from the description sends such requests. Statuses that answer who is asking, what exists or how
    ///   busy the API is (`Self.notAboutTheRequestsForm`) are not that, nor is a refusal from an operation that
    ///   documents no way through (`Operation.documentsSuccess`, which lint reports).
    /// `responses` and `documentsSuccess` are worked out only for an exchange `probe` made with an intent, as most
    /// have none (the operation, a struct of many arrays, would be copied for every exchange otherwise).
    mutating func judgeIntent(at responsesPointer: @autoclosure () -> SpecPointer?, documentsSuccess: @autoclosure () -> Bool = false) {
        guard let intent = exchange.intent, let response = exchange.response else { return }
        let responses = responsesPointer()
        let status = response.status
        let name = result.operation?.description ?? "\(exchange.request.method) \(RequestURL(exchange.request.url).path)"
        var asked: Int?
        var summary: String?
        var edge: String?
        switch intent {
        case .valid, .atEdge:
            if case .atEdge(let text) = intent { edge = text }
            if (400..<500).contains(status), !Self.notAboutTheRequestsForm.contains(status), documentsSuccess(),
                !result.findings.contains(where: { $0.side == .request && $0.severity >= .error })
            {
                let allows = edge.map { "a request its description allows (\($0))" } ?? "a request its description allows"
                report(.probeRejectedValid, .response, "\(name) refused with \(status) \(allows)", at: responses,
                       expected: "2xx", actual: String(status), notes: [Self.rejectionNote(response)])
            }
        case .askedFor(let code): asked = code
        case .invalidOnPurpose(let text): summary = text
        }
        if status >= 500, status != asked {
            result.findings.removeAll { $0.rule == .responseStatusUndocumented }
            let to = summary.map { " to a request made invalid on purpose (\($0))" } ?? edge.map { " to a valid request (\($0))" } ?? ""
            report(.probeServerError, .response, "\(name) answered \(status)\(to)", at: responses, actual: String(status))
        }
        guard let summary else { return }
        // What the break tripped, not what says the request reached no operation of the description (a recording
        // read with other servers): without an operation, nothing about the break is judged.
        result.findings.removeAll { finding in
            (finding.side == .request && !Self.unmatched.contains(finding.rule)) || finding.rule == .requestUnknownMethod
        }
        if (200..<300).contains(status) {
            report(.probeAcceptedInvalid, .response, "\(name) accepted a request made invalid on purpose (\(summary)) with \(status)", at: responses, expected: "4xx", actual: String(status))
        }
        for index in result.findings.indices where result.findings[index].rule == .responseStatusUndocumented && (400..<500).contains(status) {
            result.findings[index].severity = .warning
            result.findings[index].notes.append(
                "The API refused a request made invalid on purpose (\(summary)), as it should; the description does not document that answer.")
        }
    }

    /// A 405 to a method the probe sent where the path documents others: RFC 9110 (§15.5.6) says its Allow header
    /// MUST list the methods the path takes, and a client reads it to learn them. Missing, or without a method the
    /// description documents for the path (Starlette answers with the methods of one route function only),
    /// it is `probe-allow-header`.
    mutating func judgeAllow(path: String, documented: [String]) {
        guard let response = exchange.response, response.status == 405 else { return }
        let listed = response.headers.values(for: "Allow").flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let pointer = validator.document.origin / "paths" / path
        guard !listed.isEmpty else {
            report(.probeAllowHeader, .response, "the 405 to \(exchange.request.method) \(path) has no Allow header; it must list the methods the path takes (documented: \(documented.joined(separator: ", ")))",
                   at: pointer, expected: documented.joined(separator: ", "))
            return
        }
        let missing = documented.filter { method in !listed.contains { $0.caseInsensitiveEquals(method) } }
        guard !missing.isEmpty else { return }
        report(.probeAllowHeader, .response, "the Allow header of the 405 to \(exchange.request.method) \(path) lists \(listed.joined(separator: ", ")) and leaves out \(missing.joined(separator: ", ")), which the description documents for the path",
               at: pointer, expected: documented.joined(separator: ", "), actual: listed.joined(separator: ", "))
    }

    /// The request findings that say an exchange reached no operation: kept for a request broken on purpose.
    static let unmatched: Set<RuleID> = [.requestUnknownServer, .requestUnknownPath, .specRefUnresolved]

    /// 4xx statuses that answer who is asking (401, 403), what exists (404, 409, 410, 412, 423) or how busy the API
    /// is (408, 429), not whether the request is well formed: a valid request may get them (schemathesis's
    /// positive-data check allows the same, with 412, 410, 408 and 423 added for state and load).
    static let notAboutTheRequestsForm: Set<Int> = [401, 403, 404, 408, 409, 410, 412, 423, 429]

    /// What the refusal means, with the start of the API's answer, which usually says which value it would not take.
    static func rejectionNote(_ response: HTTPResponse) -> String {
        var note = "Every parameter, credential and the body of the request pass the checks validate makes; the API's own validation is stricter than the description, or the description lacks a constraint the API enforces."
        if let said = replyExcerpt(response) { note += " The API answered: \(said)" }
        return note
    }

    /// The start of a response body that is text (JSON, a problem document, plain text, HTML), on one line and cut
    /// at 300 characters; nil for no body or a binary one.
    static func replyExcerpt(_ response: HTTPResponse) -> String? {
        let text: String
        switch response.body {
        case .none: return nil
        case .json, .recordedJSON: text = JSONWriter.string(response.body.jsonValue ?? .null)
        case .bytes(let bytes):
            // Cut where a character starts, so that a long body's excerpt is still UTF-8.
            var end = min(bytes.count, 2048)
            while end < bytes.count, end > 0, bytes[end] & 0xC0 == 0x80 { end -= 1 }
            guard end > 0, let decoded = String(validating: bytes[..<end], as: UTF8.self),
                !decoded.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\r" && $0 != "\t" })
            else { return nil }
            text = decoded
        }
        let line = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !line.isEmpty else { return nil }
        return line.count > 300 ? String(line.prefix(300)) + "…" : line
    }
}
