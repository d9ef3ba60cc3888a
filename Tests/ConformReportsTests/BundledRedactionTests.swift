import ConformFindings
import ConformTestSupport
import ConformTraffic
import Foundation
import Testing

import ConformCheckSupport
import OpenAPIConform

/// No credential from the traffic may appear in any output: Authorization and Cookie values, apiKey headers,
/// query keys and cookies of the description's security schemes.
@Suite struct BundledRedactionTests {
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
        let report = try await TrafficSupport.check(spec: TestPaths.bundledSpec(api), traffic: [traffic])
        let secrets = try Self.credentials(in: traffic)
        #expect(!secrets.isEmpty)
        for format in ReportFormat.allCases {
            let output = format.reporter().render(report)
            #expect(output.count > 500, "the \(format) report of \(api) is suspiciously short")
            for secret in secrets {
                #expect(!output.contains(secret), "a credential of \(api) appears in the \(format) report")
            }
        }
    }
}
