import ConformFindings
import ConformTestSupport
import Foundation
import Testing

import ConformCheckSupport
import OpenAPIConform

@testable import ConformChecks

/// specs/<api>/traffic.har: every entry passes, except those whose comment starts "WRONG:", which fail with
/// exactly the rule the comment names.
@Suite struct BundledTrafficTests {
    @Test(arguments: ["asset", "cadana", "codat", "qonto"])
    func wrongEntriesFailWithTheirRuleAndTheRestPass(_ api: String) async throws {
        let report = try await TrafficSupport.check(
            spec: TestPaths.bundledSpec(api), traffic: [TestPaths.repositoryRoot + "/specs/\(api)/traffic.har"])
        #expect(report.unreadable.isEmpty)
        #expect(report.results.count >= 12)
        var wrong = 0
        for result in report.results {
            let comment = result.comment ?? ""
            let errors = Set(result.findings.filter { $0.severity == .error }.map(\.rule.name))
            if comment.hasPrefix("WRONG") {
                wrong += 1
                let named = RuleID.catalogue.map(\.name).filter { comment.contains($0) }
                #expect(errors == Set(named), "#\(result.source.index) \(comment): \(errors)")
            } else {
                #expect(errors.isEmpty, "#\(result.source.index) \(comment): \(result.findings.map(\.message))")
            }
        }
        #expect(wrong >= 3)
    }
}
