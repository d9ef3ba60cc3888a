import ConformFindings
import ConformTestSupport
import Foundation
import Testing

import ConformCheckSupport
import OpenAPIConform

@testable import ConformChecks
@testable import ConformTraffic

/// What `probe --record` and `proxy --record` write must validate to what the live run found: the exchanges of a
/// description's traffic, written as HAR or JSONL and validated as files, give the findings (rule, severity, side,
/// pointers) that validating the exchanges directly gives. With redaction on, the only difference allowed is the
/// `not-validated` note saying a value was hidden: a masked credential is a credential sent, never a missing or a
/// wrong one, and a masked parameter is not judged against its schema.
@Suite struct RecordedTrafficTests {
    struct Source: CustomTestStringConvertible, Sendable {
        var spec: String
        var traffic: String
        var testDescription: String { URL(fileURLWithPath: traffic).pathComponents.suffix(2).joined(separator: "/") }
    }

    static let sources: [Source] =
        ["asset", "cadana", "codat", "qonto"].map {
            Source(spec: TestPaths.bundledSpec($0), traffic: TestPaths.repositoryRoot + "/specs/\($0)/traffic.har")
        } + [
            Source(spec: ReportFixture.spec, traffic: ReportFixture.traffic),
            Source(spec: TrafficSupport.rulesSpec, traffic: TrafficSupport.rulesTraffic),
        ].filter { FileManager.default.fileExists(atPath: $0.traffic) }

    enum Format: String, CaseIterable, Sendable { case har, jsonl }

    /// A finding as a recording must keep it: everything but the message's wording and where the exchange came from.
    static func signature(_ finding: Finding) -> String {
        "\(finding.rule.name) \(finding.severity) \(finding.side.map { "\($0)" } ?? "-") "
            + "\(finding.instancePointer.map { "\($0)" } ?? "-") \(finding.specPointer.map { "\($0.pointer)" } ?? "-")"
    }

    static func isHiddenValueNote(_ finding: Finding) -> Bool {
        finding.rule == .notValidated && finding.message.contains("hides")
    }

    static func exchanges(of path: String) throws -> [HTTPExchange] {
        try TrafficReader.open(path: path).compactMap { if case .exchange(let exchange) = $0 { return exchange } else { return nil } }
    }

    static func write(_ exchanges: [HTTPExchange], as format: Format, redact redactor: Redactor?, in directory: URL) throws -> String {
        let path = directory.appendingPathComponent("recorded.\(format.rawValue)").path
        switch format {
        case .har:
            let file = try HARFileWriter(path: path, writer: HARWriter(creatorVersion: ToolInfo.version, redact: redactor))
            for (index, exchange) in exchanges.enumerated() {
                try file.append(RecordedExchange(exchange, startedAt: Date(timeIntervalSince1970: 1_800_000_000 + Double(index)), duration: 0.01))
            }
            try file.close()
        case .jsonl:
            let file = try JSONLFileWriter(path: path, writer: JSONLExchangeWriter(redact: redactor))
            for exchange in exchanges { try file.append(exchange) }
            try file.close()
        }
        return path
    }

    @Test(arguments: sources, [false, true])
    func aWrittenRecordingValidatesToTheFindingsOfItsExchanges(_ source: Source, _ redacts: Bool) async throws {
        let contract = try Contract(path: source.spec, config: nil)
        let exchanges = try Self.exchanges(of: source.traffic)
        #expect(exchanges.count >= 5)
        let direct = exchanges.map { contract.validate($0).findings.map(Self.signature) }
        let directory = try FileManager.default.url(
            for: .itemReplacementDirectory, in: .userDomainMask, appropriateFor: URL(fileURLWithPath: NSTemporaryDirectory()), create: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for format in Format.allCases {
            let path = try Self.write(exchanges, as: format, redact: redacts ? contract.redactor : nil, in: directory)
            let report = try await TrafficSupport.check(spec: source.spec, traffic: [path])
            #expect(report.unreadable.isEmpty, "\(format): \(report.unreadable.map(\.message))")
            let results = Array(report.results)
            try #require(results.count == exchanges.count, "\(format)")
            for (index, result) in results.enumerated() {
                #expect(result.source.index == index)
                let kept = result.findings.filter { !(redacts && Self.isHiddenValueNote($0)) }
                #expect(kept.map(Self.signature) == direct[index], "\(format) #\(index) \(exchanges[index].comment ?? "")")
            }
            if redacts {
                let recorded = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
                let secrets = Set(exchanges.flatMap { contract.redactor.secrets(of: $0) })
                for secret in secrets { #expect(!recorded.contains(secret), "\(format) keeps a secret in clear") }
            }
        }
    }

    // MARK: Masked credentials and parameters

    struct CredentialCase: CustomTestStringConvertible, Sendable {
        var sentence: String
        var url: String
        var headers: [String] = []
        /// Whether the request meets its security requirements as sent (and so, masked, as hidden credentials).
        var met: Bool
        var testDescription: String { sentence }
    }

    static let credentialCases: [CredentialCase] = [
        CredentialCase(sentence: "a bearer token", url: "/inherited", headers: ["Authorization: Bearer abc.def.ghi"], met: true),
        CredentialCase(sentence: "basic credentials", url: "/basic", headers: ["Authorization: Basic dXNlcjpwYXNz"], met: true),
        CredentialCase(sentence: "an API key header", url: "/header-key", headers: ["X-API-Key: k-123456"], met: true),
        CredentialCase(sentence: "an API key in the query", url: "/query-key?api_key=k-123456", met: true),
        CredentialCase(sentence: "an API key cookie among others", url: "/cookie-key", headers: ["Cookie: theme=dark; session=s-123456"], met: true),
        CredentialCase(sentence: "an OAuth token", url: "/oauth", headers: ["Authorization: Bearer tok-123456"], met: true),
        CredentialCase(sentence: "a key and a bearer token together", url: "/key-and-bearer-or-basic",
                       headers: ["X-API-Key: k-123456", "Authorization: Bearer tok-123456"], met: true),
        CredentialCase(sentence: "the wrong scheme stays wrong", url: "/inherited", headers: ["Authorization: Basic dXNlcjpwYXNz"], met: false),
        CredentialCase(sentence: "a scheme without a token stays empty", url: "/inherited", headers: ["Authorization: Bearer"], met: false),
        CredentialCase(sentence: "an empty API key stays empty", url: "/query-key?api_key=", met: false),
        CredentialCase(sentence: "no credentials stay missing", url: "/inherited", met: false),
    ]

    /// The writers' mask reads as schemathesis' `[Filtered]` does: a credential the recorder hid.
    @Test func theMaskIsAPlaceholderAsSchemathesisFilteredIs() {
        #expect(SecurityCheck.isPlaceholder(Redactor.mask))
        #expect(SecurityCheck.isPlaceholder("[Filtered]"))
    }

    /// A recording made with redaction shows the credentials as sent but hidden: never `request-security-missing`
    /// for a request that carried them, and the same finding as before for one that did not.
    @Test(arguments: credentialCases, Format.allCases)
    func aMaskedCredentialIsSentButHidden(_ testCase: CredentialCase, _ format: Format) async throws {
        let spec = TestPaths.fixture("ConformChecksTests", "units/security.yaml")
        let contract = try Contract(path: spec, config: nil)
        var headers = HTTPHeaders()
        for line in testCase.headers {
            let colon = try #require(line.firstIndex(of: ":"))
            headers.append(name: String(line[..<colon]), value: String(line[line.index(after: colon)...].dropFirst()))
        }
        let exchange = HTTPExchange(
            request: HTTPRequest(method: "GET", url: testCase.url, headers: headers), response: HTTPResponse(status: 200))
        let directory = try FileManager.default.url(
            for: .itemReplacementDirectory, in: .userDomainMask, appropriateFor: URL(fileURLWithPath: NSTemporaryDirectory()), create: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try Self.write([exchange], as: format, redact: contract.redactor, in: directory)
        let report = try await TrafficSupport.check(spec: spec, traffic: [path])
        let findings = try #require(Array(report.results).first).findings
        let rules = findings.map(\.rule)
        #expect(rules.contains(.requestSecurityMissing) == !testCase.met, "\(findings.map(\.message))")
        #expect(findings.contains(where: Self.isHiddenValueNote) == testCase.met)
        #expect(contract.validate(exchange).findings.map(\.rule).contains(.requestSecurityMissing) == !testCase.met)
    }

    static let maskedParameterSpec = """
        openapi: 3.0.3
        info: {title: masked parameters, version: "1"}
        paths:
          /items:
            get:
              parameters:
                - {name: token, in: query, required: true, schema: {type: string, pattern: "^[a-f0-9]{8}$"}}
                - {name: X-API-Key, in: header, required: true, schema: {type: string, format: uuid}}
                - {name: session, in: cookie, required: true, schema: {type: integer}}
                - {name: limit, in: query, schema: {type: integer}}
              responses: {"200": {description: ok}}
        """

    /// A parameter whose value a redacting recorder masked is noted as hidden, not judged against its schema; the
    /// parameters left alone are still checked.
    @Test(arguments: Format.allCases)
    func aMaskedParameterIsNotedNotJudged(_ format: Format) async throws {
        let directory = try FileManager.default.url(
            for: .itemReplacementDirectory, in: .userDomainMask, appropriateFor: URL(fileURLWithPath: NSTemporaryDirectory()), create: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = directory.appendingPathComponent("openapi.yaml").path
        try Self.maskedParameterSpec.write(toFile: spec, atomically: true, encoding: .utf8)
        let contract = try Contract(path: spec, config: nil)
        let exchange = HTTPExchange(
            request: HTTPRequest(
                method: "GET", url: "/items?token=0badc0de&limit=five",
                headers: HTTPHeaders([("X-API-Key", "6f1e8c52-1c1a-4c3e-9d7a-3b1f2e4d5c6b"), ("Cookie", "session=42")])),
            response: HTTPResponse(status: 200))
        let direct = contract.validate(exchange).findings
        #expect(direct.map(\.rule) == [.requestParameterInvalid], "\(direct.map(\.message))")
        let path = try Self.write([exchange], as: format, redact: contract.redactor, in: directory)
        let findings = try #require(Array(try await TrafficSupport.check(spec: spec, traffic: [path]).results).first).findings
        #expect(findings.filter { $0.rule == .requestParameterInvalid }.map(\.message) == direct.map(\.message))
        #expect(findings.filter(Self.isHiddenValueNote).count == 3, "\(findings.map(\.message))")
    }
}
