import ConformFindings
import ConformTestSupport
import ConformTraffic
import Foundation
import Testing

@testable import OpenAPIConform

/// No credential from the traffic may appear in any output: Authorization and Cookie values, apiKey headers,
/// query keys and cookies of the description's security schemes.
@Suite struct RedactionTests {
    /// Every credential value the traffic carries, collected independently of the redactor under test.
    static func credentials(in traffic: String) throws -> Set<String> {
        var values: Set<String> = []
        for case .exchange(let exchange) in try TrafficReader.open(path: traffic) {
            for (name, value) in exchange.request.headers where ["authorization", "cookie", "x-api-key", "x-qonto-staging-token"].contains(name.lowercased()) {
                values.insert(value)
                if let token = value.split(separator: " ", maxSplits: 1).last, token.count >= 8 { values.insert(String(token)) }
            }
        }
        return values
    }

    @Test(arguments: ["asset", "cadana", "codat", "qonto"])
    func noCredentialAppearsInAnyFormat(_ api: String) async throws {
        let traffic = TestPaths.repositoryRoot + "/specs/\(api)/traffic.har"
        let (description, report) = try await TrafficSupport.check(spec: TestPaths.bundledSpec(api), traffic: [traffic])
        let secrets = try Self.credentials(in: traffic)
        #expect(!secrets.isEmpty)
        let conformance = ConformanceReport(name: api, description: description, traffic: report, trafficFiles: [traffic])
        for format in ReportFormat.allCases {
            let output = format.reporter().render(conformance)
            #expect(output.count > 500, "the \(format) report of \(api) is suspiciously short")
            for secret in secrets {
                #expect(!output.contains(secret), "a credential of \(api) appears in the \(format) report")
            }
        }
    }

    @Test func credentialsInQueriesAndMessagesAreMasked() throws {
        let redactor = Redactor(queryNames: ["api_token"], cookieNames: ["session"])
        let exchange = HTTPExchange(
            request: HTTPRequest(
                method: "GET", url: "https://api.example.com/items?api_token=s3cr3t-token&limit=5",
                headers: HTTPHeaders([("Authorization", "Bearer eyJhbGciOi.secret.part"), ("Cookie", "session=abcdef123456; theme=dark")])),
            response: nil, source: ExchangeReference(file: "t.har", index: 0))
        let secrets = redactor.secrets(of: exchange)
        #expect(redactor.redact(url: exchange.request.url) == "https://api.example.com/items?api_token=[REDACTED]&limit=5")
        #expect(redactor.scrub("token eyJhbGciOi.secret.part was rejected", secrets: secrets) == "token [REDACTED] was rejected")
        #expect(redactor.scrub("session abcdef123456 expired", secrets: secrets) == "session [REDACTED] expired")
        #expect(redactor.scrub("value s3cr3t-token", secrets: secrets) == "value [REDACTED]")
    }
}
