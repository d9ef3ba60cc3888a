import ConformFindings
import ConformSchema
import ConformSpec
import ConformTraffic
import ConformValues

extension ExchangeCheck {
    mutating func checkResponse(_ response: HTTPResponse, plan: OperationPlan) {
        let operation = plan.operation
        if response.status == 304, !Self.documentsNotModified(operation) {
            // 304 answers a conditional request: the client's copy is still good, and a browser's capture holds the
            // cached body it reused. A description that does not document 304 says nothing about it.
            report(.notValidated, .response, "304 Not Modified is not documented for \(operation.key); the client's cached copy was reused, so there is nothing to check", at: operation.origin / "responses")
            return
        }
        if operation.responses.isEmpty {
            // No responses at all (OpenAPI 3.1 allows leaving them out; lint reports it for 3.0): the description
            // says nothing about the answer, so no status of it is "undocumented".
            report(.notValidated, .response, "\(operation.key) documents no responses, so its response is not checked", at: operation.origin)
            return
        }
        guard let planned = plan.response(for: response.status) else {
            let keys = operation.responses.map { $0.key.description }.joined(separator: ", ")
            report(.responseStatusUndocumented, .response, "status \(response.status) is not documented for \(operation.key); documented: \(keys.isEmpty ? "none" : keys)",
                   at: operation.origin / "responses", expected: keys, actual: String(response.status))
            return
        }
        let documented = planned.response
        result.responseKey = documented.key
        if let broken = documented.unresolved {
            report(.specRefUnresolved, .response, "the \(documented.key) response of \(operation.key) is \(broken), which resolves nowhere; the response cannot be checked", at: broken.pointer, expected: broken.reference)
            return
        }
        checkHeaders(response.headers, documented: planned)
        guard response.bodyCaptured else {
            placeWithoutBody(response, content: planned.content)
            report(.notValidated, .response, "the recording did not keep the response body, so its media type and schema are not checked", at: documented.origin)
            return
        }
        // A 304's body, when a capture has one, is the cached representation, not part of this response.
        if response.status == 304 { return }
        if documented.content.isEmpty {
            if !response.body.isEmpty {
                report(.responseBodyUnexpected, .response, "the \(documented.key) response documents no content, but this one has a \(response.body.byteCount)-byte body", at: documented.origin)
            }
            return
        }
        guard !response.body.isEmpty else {
            // HEAD responses and 204/304 carry no body by definition.
            placeWithoutBody(response, content: planned.content)
            if exchange.request.method.uppercased() != "HEAD" && response.status != 204 && response.status != 304 {
                report(.responseBodyMissing, .response, "the \(documented.key) response documents content (\(planned.content.documented)), but this one has no body", at: documented.origin / "content")
            }
            return
        }
        checkBody(response.body, headers: response.headers, content: planned.content, origin: documented.origin, side: .response)
    }

    /// Counts a response whose body is absent or was not kept under the documented media type its Content-Type
    /// names, as a body would have been, so coverage shows it where it belongs. One without a Content-Type (a 204,
    /// an answer to HEAD) counts under the response's first media type: it is the documented response, seen, and
    /// counted nowhere it would be listed as undocumented (sanic-ext documents every bodiless response with
    /// `*/*` content).
    private mutating func placeWithoutBody(_ response: HTTPResponse, content: ContentPlan) {
        guard let contentType = response.headers["Content-Type"] else {
            result.mediaType = content.media.first?.media.name
            return
        }
        guard let index = content.index(of: contentType) else { return }
        result.mediaType = content.media[index].media.name
    }

    /// Whether an operation documents 304 itself (or 3XX), rather than only through `default`.
    private static func documentsNotModified(_ operation: Operation) -> Bool {
        operation.responses.contains { $0.key == .status(304) || $0.key == .range(3) }
    }

    private mutating func checkHeaders(_ headers: HTTPHeaders, documented: ResponsePlan) {
        for (header, schema) in zip(documented.response.headers, documented.headerSchemas) where !header.name.caseInsensitiveEquals("content-type") {
            if let broken = header.unresolved {
                report(.specRefUnresolved, .response, "response header '\(header.name)' is \(broken), which resolves nowhere; it cannot be checked", at: broken.pointer, expected: broken.reference)
                continue
            }
            guard let text = headers[header.name] else {
                if header.required {
                    report(.responseHeaderInvalid, .response, "required response header '\(header.name)' is missing", at: header.origin, expected: header.name)
                }
                continue
            }
            guard let schema else { continue }
            let shape = compiled.shape(of: schema)
            let value: JSONValue = shape.isArray
                ? .array(text.split(separator: ",").map { compiled.coerce($0.trimmingCharacters(in: .whitespaces), to: shape.items) })
                : compiled.coerce(text, to: schema)
            report(failures(of: value, against: schema, direction: .response), as: .responseHeaderInvalid, .response, subject: "response header '\(header.name)'")
        }
    }
}
