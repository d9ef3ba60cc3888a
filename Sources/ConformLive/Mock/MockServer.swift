import ConformChecks
import ConformHTTP
import ConformTraffic
import ConformValues
import Foundation

/// `openapi-conform mock`: the description served over HTTP by `MockResponder`, each exchange added to a report
/// as it happens (written at shutdown with `--report`).
///
/// It stands in for the description's servers whatever Host a client sends: a request's path is read below the
/// servers' base paths, and an absolute-form request target is read for its path only.
package final class MockServer: Sendable {
    private let responder: MockResponder
    private let server: HTTPServer
    private let recorder: LiveRecorder

    /// - Parameters:
    ///   - name: The API's name in the report.
    ///   - seed: Seeds generated bodies; the same seed and requests give the same answers.
    ///   - credentials: The credential values accepted; empty accepts any credential in the right place.
    ///   - onExchange: Called with each exchange's result as it is answered (the CLI prints request findings).
    ///   - crossOrigin: Whether pages of other origins may call it (`CrossOrigin`); on unless `--no-cors`.
    package init(
        contract: Contract, name: String, configuration: HTTPServerConfiguration, seed: UInt64 = 1, credentials: [String] = [],
        crossOrigin: Bool = true, onExchange: (@Sendable (ExchangeResult) -> Void)? = nil
    ) {
        let responder = MockResponder(contract: contract, seed: seed, credentials: AcceptedCredentials(credentials))
        let recorder = LiveRecorder(report: ConformanceReport(name: name, contract: contract, sources: [.live("mock")]))
        self.responder = responder
        self.recorder = recorder
        server = HTTPServer(configuration: configuration) { incoming in
            let request = Self.request(incoming)
            if crossOrigin, request.isCORSPreflight, !Self.documentsOptions(request, contract) {
                return CrossOrigin.preflightAnswer(incoming)
            }
            let number = recorder.nextNumber()
            let answer = responder.answer(request, number: number)
            recorder.add(answer.result)
            onExchange?(answer.result)
            let response = Self.response(answer.response)
            return crossOrigin ? CrossOrigin.allowingOrigin(of: incoming, response) : response
        }
    }

    /// Whether the description has an OPTIONS operation for the request's path, which then answers it.
    private static func documentsOptions(_ request: HTTPRequest, _ contract: Contract) -> Bool {
        if case .matched = contract.validator.router.route(method: "OPTIONS", url: request.url) { return true }
        return false
    }

    /// Binds and starts serving; the port it listens on.
    package func start() throws -> UInt16 {
        try server.start()
    }

    /// Stops accepting, answers what is in flight, and returns.
    package func stop() {
        server.stop()
    }

    /// The report of every exchange answered so far.
    package var report: ConformanceReport { recorder.snapshot() }

    /// The server's request as a recorded exchange's: the path and query of the target, headers and body as sent.
    static func request(_ request: HTTPServerRequest) -> HTTPRequest {
        var target = request.target
        if let scheme = target.range(of: "://"), let slash = target[scheme.upperBound...].firstIndex(where: { $0 == "/" || $0 == "?" }) {
            target = String(target[slash...])
            if target.hasPrefix("?") { target = "/" + target }
        } else if target.contains("://") {
            target = "/"
        }
        return HTTPRequest(
            method: request.method, url: target, headers: HTTPHeaders(request.headers),
            body: request.body.isEmpty ? .none : .bytes(request.body))
    }

    static func response(_ response: HTTPResponse) -> HTTPServerResponse {
        HTTPServerResponse(status: response.status, headers: response.headers.fields, body: response.body.wireBytes)
    }
}
