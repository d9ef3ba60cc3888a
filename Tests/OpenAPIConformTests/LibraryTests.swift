import ConformCheckSupport
import ConformTestSupport
import Foundation
import OpenAPIConform
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The library as an embedder uses it: one contract, exchanges one at a time (built in code or from Foundation's
/// URL types), reports that grow, and the same findings as the command line.
@Suite struct LibraryTests {
    static let qonto = TestPaths.bundledSpec("qonto")
    static let date = Date(timeIntervalSince1970: 1_795_000_000)
    static let paths = PathDisplay(base: TestPaths.repositoryRoot)

    static func connectionRequest(description: String) throws -> URLRequest {
        var request = URLRequest(url: try #require(URL(string: "https://thirdparty.qonto.com/v2/payment_links/connections")))
        request.httpMethod = "post"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer test-token", forHTTPHeaderField: "Authorization")
        request.httpBody = Data("""
            {"partner_callback_url": "https://partner.example/cb", "user_bank_account_id": "46e9e0d2-f1af-4d2e-a6be-a536a604b89e",
             "user_phone_number": "+33612345678", "user_website_url": "https://bikes.example", "business_description": "\(description)"}
            """.utf8)
        return request
    }

    static func createdResponse(_ request: URLRequest) throws -> (HTTPURLResponse, Data) {
        let url = try #require(request.url)
        let response = try #require(HTTPURLResponse(
            url: url, statusCode: 201, httpVersion: "HTTP/1.1",
            headerFields: ["Content-Type": "application/json; charset=utf-8", "X-Request-Id": "r-1"]))
        let body = Data(#"{"connection_location": "https://connect.example/x", "status": "enabled", "bank_account_id": "46e9e0d2-f1af-4d2e-a6be-a536a604b89e"}"#.utf8)
        return (response, body)
    }

    @Test func foundationRequestsAndResponsesAreExchanges() throws {
        let request = try Self.connectionRequest(description: String(repeating: "Bikes, sold and repaired. ", count: 4))
        let (response, body) = try Self.createdResponse(request)
        let exchange = HTTPExchange(request, response, body: body)
        #expect(exchange.request.method == "POST")
        #expect(exchange.request.url == "https://thirdparty.qonto.com/v2/payment_links/connections")
        #expect(exchange.request.headers.fields.map(\.name) == ["Authorization", "Content-Type"])
        #expect(exchange.response?.status == 201)
        #expect(exchange.response?.headers["content-type"] == "application/json; charset=utf-8")
        #expect(exchange.response?.body == .bytes([UInt8](body)))
        let contract = try Contract(path: Self.qonto)
        let result = contract.validate(request, response, body: body)
        #expect(result.passed, "\(result)")
        #expect(result.responseKey == .status(201))
        #expect(result.mediaType == "application/json")
    }

    @Test func aRequestBodyStreamIsRead() throws {
        var request = try Self.connectionRequest(description: "short")
        let body = try #require(request.httpBody)
        request.httpBody = nil
        request.httpBodyStream = InputStream(data: body)
        #expect(HTTPRequest(request).body == .bytes([UInt8](body)))
    }

    @Test func findingsOfAnInvalidExchangeSayWhatAndWhere() throws {
        let request = try Self.connectionRequest(description: "We sell bikes.")
        let (response, body) = try Self.createdResponse(request)
        let result = try Contract(path: Self.qonto).validate(request, response, body: body)
        #expect(!result.passed)
        #expect(result.findings.map(\.rule) == [.requestBodyInvalid])
        #expect("\(result)".hasPrefix("fail: POST https://thirdparty.qonto.com/v2/payment_links/connections → 201\n  error[request-body-invalid] POST /v2/payment_links/connections: request body /business_description: 14 characters, at least 80 required"))
        // The token is a credential: it never appears in what the result holds.
        #expect(!"\(result)".contains("test-token"))
    }

    /// What every format writes for a report, to compare two reports byte for byte.
    static func rendered(_ report: ConformanceReport) -> [String] {
        ReportFormat.allCases.map { $0.reporter().render(report) }
    }

    @Test func aReportGrowsOneExchangeAtATimeAsAWholeRunWould() async throws {
        let traffic = TestPaths.repositoryRoot + "/specs/qonto/traffic.har"
        let contract = try Contract(path: Self.qonto, lint: true)
        var whole = await contract.validate(traffic: [.file(traffic)], name: "qonto")
        whole.generatedAt = Self.date
        whole.paths = Self.paths
        var grown = ConformanceReport(name: "qonto", contract: contract, sources: [.file(traffic)], generatedAt: Self.date, paths: Self.paths)
        var counts: [Int] = []
        for case .exchange(let exchange) in try TrafficReader.open(path: traffic) {
            grown.add(contract.validate(exchange))
            counts.append(grown.exchangeCount)
        }
        #expect(counts == Array(1...14))
        #expect(grown.failedCount == whole.failedCount)
        #expect(grown.coverage.seenCount == whole.coverage.seenCount)
        #expect(Self.rendered(grown) == Self.rendered(whole))
    }

    @Test func theLibraryGivesTheCommandLinesFindings() async throws {
        var run = ConformanceRun(name: "rules", specPath: TrafficSupport.rulesSpec, lint: false)
        run.failOn = .warning
        let pipeline = try await run.report([.file(TrafficSupport.rulesTraffic)], paths: Self.paths, at: Self.date)
        let contract = try Contract(path: TrafficSupport.rulesSpec, failOn: .warning)
        var library = await contract.validate(traffic: [.file(TrafficSupport.rulesTraffic)], name: "rules")
        library.generatedAt = Self.date
        library.paths = Self.paths
        #expect(JSONReporter().render(library) == JSONReporter().render(pipeline))
        #expect(library.results.contains { !$0.passed && $0.findings.allSatisfy { $0.severity == .warning } })
    }

    @Test func aLiveExchangeHasNoFileAndNamesNoArtifact() throws {
        let contract = try Contract(path: Self.qonto)
        var report = ConformanceReport(name: "qonto", contract: contract, sources: [.live("mock")], generatedAt: Self.date, paths: Self.paths)
        let request = try Self.connectionRequest(description: "too short")
        let (response, body) = try Self.createdResponse(request)
        let result = contract.validate(HTTPExchange(request, response, body: body, source: ExchangeReference(source: .live("mock"), index: 3)))
        report.add(result)
        #expect(result.source.file == nil)
        #expect(report.failedCount == 1)

        let sarif = SARIFReporter().render(report)
        #expect(sarif.contains("\"uri\": \"specs/qonto/openapi.yaml\""))
        #expect(!sarif.contains("\"uri\": \"mock\""), "a live source is not an artifact")
        #expect(sarif.contains("exchange 3 of mock: POST https://thirdparty.qonto.com/v2/payment_links/connections → 201"))

        let json = JSONReporter().render(report)
        #expect(json.contains("\"live\": \"mock\""))
        #expect(try ReportSchema.failures(of: json).isEmpty)
        #expect(TextReporter().render(report).contains("mock#3  POST https://thirdparty.qonto.com/v2/payment_links/connections → 201"))
    }
}
