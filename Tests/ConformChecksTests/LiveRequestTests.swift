import ConformCheckSupport
import ConformTestSupport
import ConformTraffic
import OpenAPIConform
import Testing

@testable import ConformChecks

/// A live server checks a request before it answers, then the exchange once it has; the two steps must give what
/// `validate` gives for the recorded exchange, finding for finding, or the mock and `validate` would disagree.
@Suite struct LiveRequestTests {
    static let recordings: [(spec: String, traffic: String)] = [
        ("ConformChecksTests/Fixtures/rules/openapi.yaml", "ConformChecksTests/Fixtures/rules/rules.jsonl"),
        ("ConformChecksTests/Fixtures/captures/notes.yaml", "ConformChecksTests/Fixtures/captures/browser.har"),
        ("../specs/qonto/openapi.yaml", "../specs/qonto/traffic.har"),
        ("../specs/codat/openapi.yaml", "../specs/codat/traffic.har"),
    ]

    @Test(arguments: recordings.indices)
    func checkingTheRequestFirstGivesWhatValidateGives(_ index: Int) throws {
        let (spec, traffic) = Self.recordings[index]
        let contract = try Contract(path: TestPaths.repositoryRoot + "/Tests/" + spec)
        var compared = 0
        for item in try TrafficReader.open(path: TestPaths.repositoryRoot + "/Tests/" + traffic) {
            guard case .exchange(let exchange) = item, let response = exchange.response else { continue }
            let whole = contract.validate(HTTPExchange(request: exchange.request, response: response, source: exchange.source))
            let live = contract.check(exchange.request, source: exchange.source)
            let stepwise = contract.validate(live, response: response)
            #expect(stepwise.findings.map(\.description) == whole.findings.map(\.description), "\(exchange.source)")
            #expect(stepwise.verdict == whole.verdict)
            #expect(live.result.findings.allSatisfy { $0.side != .response })
            #expect(live.result.findings.map(\.description) == whole.findings.filter { $0.side != .response }.map(\.description))
            compared += 1
        }
        #expect(compared > 5)
    }
}
