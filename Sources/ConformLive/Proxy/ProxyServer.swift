import ConformChecks
import ConformFindings
import ConformHTTP
import ConformTraffic
import ConformValues
import Foundation

/// `openapi-conform proxy`: a reverse proxy in front of an API that checks every exchange as it passes, with the
/// checks `validate` uses. Each request is forwarded to the upstream (its target below the upstream's base path,
/// hop-by-hop fields removed, `Via` added), the answer is passed back with its status, fields and body as the
/// upstream sent them, and the exchange joins the report and the recording. With `enforce`, a request the
/// description refuses is answered as the mock answers it (400 problem, 401, 404, 405) and never forwarded.
///
/// The server's loops are not held while the upstream answers: the handler takes a reply and the upstream call
/// runs on a worker queue.
package final class ProxyServer: Sendable {
    package struct Options: Sendable {
        package var upstream: HTTPUpstream
        package var enforce = false
        package var timeout: Duration = .seconds(30)

        package init(upstream: HTTPUpstream) {
            self.upstream = upstream
        }
    }

    private let server: HTTPServer
    private let recorder: LiveRecorder

    /// - Parameters:
    ///   - onExchange: Each exchange's result as it is answered (the CLI prints its findings).
    ///   - onRecord: Each exchange as it passed, for `--record` (credentials are masked by the writer).
    package init(
        contract: Contract, name: String, options: Options, configuration: HTTPServerConfiguration,
        onExchange: (@Sendable (ExchangeResult) -> Void)? = nil, onRecord: (@Sendable (RecordedExchange) -> Void)? = nil
    ) {
        let recorder = LiveRecorder(report: ConformanceReport(name: name, contract: contract, sources: [.live("proxy")]))
        self.recorder = recorder
        let gate = MockResponder(contract: contract, seed: 1)
        let pool = HTTPClientConnectionPool(upstream: options.upstream)
        let queue = DispatchQueue(label: "openapi-conform.proxy", attributes: .concurrent)
        server = HTTPServer(configuration: configuration, respond: { incoming, reply in
            let number = recorder.nextNumber()
            let source = ExchangeReference(source: .live("proxy"), index: number)
            // Checked by its path below the description's base paths, as the mock reads it; recorded with the
            // upstream's address, where it went.
            let request = MockServer.request(incoming)
            let target = request.url
            let live = contract.check(request, source: source)
            // A preflight goes to the API, whose CORS answer the page needs, even when the description does not know it.
            if options.enforce, !request.isCORSPreflight, let refused = gate.refusal(request, live: live, number: number) {
                recorder.add(refused.result)
                onExchange?(refused.result)
                reply.send(MockServer.response(refused.response))
                return
            }
            queue.async {
                let startedAt = Date()
                let clock = ContinuousClock.now
                var headers = AcceptedCodings.checkable(HopByHop.removed(from: incoming.headers).filter { $0.name.lowercased() != "host" })
                headers.append((name: "Via", value: "\(incoming.version.dropFirst(5)) openapi-conform"))
                let outcome = pool.send(
                    method: incoming.method, target: target, headers: headers, body: incoming.body,
                    timeout: options.timeout)
                switch outcome {
                case .success(let upstream):
                    let fields = HopByHop.removed(from: upstream.headers)
                    let response = HTTPResponse(status: upstream.status, headers: HTTPHeaders(fields), body: upstream.body.isEmpty ? .none : .bytes(upstream.body))
                    let result = contract.validate(live, response: response)
                    recorder.add(result)
                    onExchange?(result)
                    var sent = request
                    sent.url = "http://\(options.upstream.authority)\(options.upstream.target(for: target))"
                    onRecord?(RecordedExchange(
                        HTTPExchange(request: sent, response: response, source: source), startedAt: startedAt,
                        duration: Self.seconds(ContinuousClock.now - clock)))
                    var answer = HTTPServerResponse(
                        status: upstream.status, headers: fields + [(name: "Via", value: "1.1 openapi-conform")], body: upstream.body)
                    // A HEAD answer announces the length of the body it does not carry.
                    if incoming.method == "HEAD" { answer.headLength = upstream.header("Content-Length").flatMap { Int($0) } }
                    reply.send(answer)
                case .failure(let error):
                    // No answer from the upstream: the gateway's own (RFC 9110 §15.6.3, §15.6.5); the request's
                    // findings still count.
                    let status: Int
                    if case .timeout = error { status = 504 } else { status = 502 }
                    var result = live.result
                    result.status = status
                    recorder.add(result)
                    onExchange?(result)
                    reply.send(HTTPServerResponse(
                        status: status, headers: [(name: "Content-Type", value: "text/plain; charset=utf-8")],
                        body: Array("openapi-conform proxy: \(error)\n".utf8)))
                }
            }
        })
    }

    package func start() throws -> UInt16 {
        try server.start()
    }

    /// Stops accepting, lets exchanges in flight finish, and returns.
    package func stop() {
        server.stop()
    }

    package var report: ConformanceReport { recorder.snapshot() }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
