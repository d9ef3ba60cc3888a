import ConformFindings
import ConformTestSupport
import Foundation
import Testing

@testable import ConformValues
import ConformCheckSupport
import OpenAPIConform

@testable import ConformChecks

/// ../shared/corpus/traffic: 600 exchanges per API, in HAR and JSONL, each labelled by an independent generator
/// with the expected verdict and the side a defect is on. At least 99% must agree; each disagreement is listed
/// here with its reason.
@Suite struct LabelledTrafficTests {
    struct Part: CustomTestStringConvertible, Sendable {
        var api: String
        var format: String
        var testDescription: String { "\(api).\(format)" }
    }

    static let parts = ["asset", "cadana", "codat", "qonto"].flatMap { api in ["har", "jsonl"].map { Part(api: api, format: $0) } }

    /// Exchange ids where openapi-conform's verdict differs from the label, with the reason. None today.
    static let allowedDisagreements: [String: String] = [:]

    struct Label {
        var id: String
        var verdict: String
        var side: String?
        var defect: String
    }

    static func labels(_ api: String, corpus: String) throws -> [Label] {
        let text = try String(contentsOfFile: "\(corpus)/traffic/\(api).labels.jsonl", encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let value = try JSONReader.parse(Array(line.utf8))
            return Label(
                id: value["id"]?.stringValue ?? "", verdict: value["verdict"]?.stringValue ?? "",
                side: value["side"]?.stringValue, defect: value["defect"]?.stringValue ?? "")
        }
    }

    @Test(.enabled(if: TestPaths.corpus != nil, Comment(rawValue: TestPaths.corpusMissingReason)), arguments: parts)
    func verdictsAgreeWithTheLabels(_ part: Part) async throws {
        let corpus = try #require(TestPaths.corpus)
        let report = try await TrafficSupport.check(
            spec: "\(corpus)/traffic/\(part.api).openapi.yaml", traffic: ["\(corpus)/traffic/\(part.api).\(part.format)"],
            config: ConformConfig())
        let labels = try Self.labels(part.api, corpus: corpus)
        #expect(report.results.count == labels.count)
        #expect(report.unreadable.isEmpty)
        var agreements = 0
        var unexpected: [String] = []
        for (result, label) in zip(report.results, labels) {
            let errors = result.findings.filter { $0.severity == .error }
            // README of the corpus: Asset's custom format is unknown by default, so that exchange is valid then.
            let expected = label.defect == "response-custom-format" ? "valid" : label.verdict
            var agrees = (errors.isEmpty ? "valid" : "invalid") == expected
            if agrees, expected == "invalid", let side = label.side {
                agrees = errors.contains { $0.side?.rawValue == side }
                    && !(side == "response" && errors.contains { $0.side == .request })
            }
            if agrees {
                agreements += 1
            } else if Self.allowedDisagreements[label.id] == nil {
                unexpected.append("\(label.id) (\(label.defect), expected \(expected)): \(errors.map(\.message))")
            }
        }
        let rate = Double(agreements) / Double(labels.count)
        print("labelled traffic \(part.testDescription): \(agreements)/\(labels.count) agree (\(String(format: "%.2f", rate * 100))%)")
        #expect(rate >= 0.99)
        #expect(unexpected.isEmpty, "disagreements not listed: \(unexpected)")
    }

    @Test(.enabled(if: TestPaths.corpus != nil, Comment(rawValue: TestPaths.corpusMissingReason)))
    func aConfiguredCustomFormatMakesTheStrictCaseInvalid() async throws {
        let corpus = try #require(TestPaths.corpus)
        var config = ConformConfig()
        config.formats["biz_string"] = "^biz_[A-Za-z0-9]{22}$"
        let report = try await TrafficSupport.check(
            spec: "\(corpus)/traffic/asset.openapi.yaml", traffic: ["\(corpus)/traffic/asset.jsonl"], config: config)
        let labels = try Self.labels("asset", corpus: corpus)
        let strict = zip(report.results, labels).filter { $0.1.defect == "response-custom-format" }
        #expect(!strict.isEmpty)
        for (result, _) in strict {
            #expect(result.verdict == .fail)
            #expect(result.findings.allSatisfy { $0.side == .response })
        }
    }
}
