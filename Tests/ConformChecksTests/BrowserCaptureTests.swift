import ConformCheckSupport
import ConformTestSupport
import OpenAPIConform
import Testing

/// A browser's capture of a session with an API (`Fixtures/captures/browser.har`, in the shape Chrome exports):
/// what it leaves out or hides is said in a note, never taken for a defect of the API, and never passed in silence.
@Suite struct BrowserCaptureTests {
    static let spec = TestPaths.fixture("ConformChecksTests", "captures/notes.yaml")
    static let capture = TestPaths.fixture("ConformChecksTests", "captures/browser.har")

    struct Case: CustomTestStringConvertible, Sendable {
        /// The entry's HAR comment.
        var entry: String
        var rules: [RuleID]
        var side: ExchangeSide?
        var passes: Bool
        var testDescription: String { entry }
    }

    static let cases: [Case] = [
        Case(entry: "notes listed", rules: [], side: nil, passes: true),
        Case(entry: "a conditional request answered 304, the cached body kept by the browser", rules: [.notValidated], side: .response, passes: true),
        Case(entry: "a request blocked by the browser: no response", rules: [.notValidated], side: .response, passes: true),
        Case(entry: "a response whose body the export did not keep", rules: [.notValidated], side: .response, passes: true),
        Case(entry: "a CORS preflight before the create, which the description does not document", rules: [.notValidated], side: .request, passes: true),
        Case(entry: "a request whose body the export did not keep", rules: [.notValidated], side: .request, passes: true),
        Case(entry: "credentials filtered by the recorder", rules: [.notValidated], side: .request, passes: true),
        Case(entry: "credentials emptied by a sanitized export", rules: [.notValidated], side: .request, passes: true),
        Case(entry: "HEAD answered like GET", rules: [], side: nil, passes: true),
        Case(entry: "the page's script, from another host", rules: [.requestUnknownServer], side: .request, passes: false),
        Case(entry: "an analytics beacon, from another host", rules: [.requestUnknownServer], side: .request, passes: false),
    ]

    @Test(arguments: cases)
    func eachEntryGetsTheVerdictItsCaptureSupports(_ expected: Case) async throws {
        let report = try await TrafficSupport.check(spec: Self.spec, traffic: [Self.capture])
        let result = try #require(report.results.first { $0.comment == expected.entry })
        #expect(result.findings.map(\.rule) == expected.rules, "\(result)")
        #expect(result.passed == expected.passes, "\(result)")
        if let side = expected.side { #expect(result.findings.allSatisfy { $0.side == side }, "\(result)") }
    }

    @Test func requestsToAnotherHostNameTheServerAndHowToAddIt() async throws {
        let report = try await TrafficSupport.check(spec: Self.spec, traffic: [Self.capture])
        let messages = report.results.flatMap(\.findings).filter { $0.rule == .requestUnknownServer }.map(\.message)
        #expect(messages == [
            "requests to https://cdn.example.net match none of the description's servers (https://notes.example.com/api); to check them, run with --server https://cdn.example.net/api",
            "requests to https://stats.example.net match none of the description's servers (https://notes.example.com/api); to check them, run with --server https://stats.example.net/api",
        ])
    }

    @Test func aHEADRequestCountsForTheGETResponseItMatches() async throws {
        let report = try await TrafficSupport.check(spec: Self.spec, traffic: [Self.capture])
        let head = try #require(report.results.first { $0.method == "HEAD" })
        #expect(head.operation?.description == "GET /notes")
        #expect(head.responseKey == .status(200))
        let cell = try #require(report.coverage.rows.first { $0.operation.description == "GET /notes" }?.cells.first { $0.key == .status(200) })
        #expect(cell.tally.exchanges == 4, "three GETs whose 200 body was checked or noted, and the HEAD")
    }

    @Test func aServerGivenForTheRunIsOneTheTrafficMayUse() async throws {
        var config = ConformConfig()
        config.servers = ["https://cdn.example.net/api"]
        let contract = try Contract(path: Self.spec, config: config)
        var exchange = HTTPExchange(
            request: HTTPRequest(method: "GET", url: "https://cdn.example.net/api/notes/n_1", headers: ["Authorization": "Bearer t0k3n-1234"]),
            response: HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: .json(["id": "n_1", "text": "hi", "createdAt": "2026-11-30T08:01:02Z"])))
        #expect(contract.validate(exchange).passed, "\(contract.validate(exchange))")
        exchange.request.url = "https://cdn.example.net/other/notes/n_1"
        #expect(contract.validate(exchange).findings.map(\.rule) == [.requestUnknownPath], "the server's base path applies")
    }

    /// A capture also holds what no server answered: inline data, blobs, extensions' files. Noted, not taken for
    /// requests to an unknown server.
    @Test(arguments: ["data:image/png;base64,iVBORw0KGgo=", "blob:https://notes.example.com/3f1c2a", "chrome-extension://abcdef/content.js"])
    func anEntryNoServerAnsweredIsNoted(_ url: String) throws {
        let contract = try Contract(path: Self.spec)
        let result = contract.validate(HTTPExchange(request: HTTPRequest(method: "GET", url: url), response: HTTPResponse(status: 200)))
        #expect(result.passed)
        #expect(result.findings.map(\.rule) == [.notValidated], "\(result.findings.map(\.message))")
    }
}
