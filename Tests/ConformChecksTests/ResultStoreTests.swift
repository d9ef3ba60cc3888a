import ConformFindings
import ConformSpec
import ConformTestSupport
import Testing

import ConformCheckSupport
import OpenAPIConform

@testable import ConformChecks

/// A report keeps passing results without findings as small records and the others whole; reading them back must
/// give every field as it was added, in order, whatever kind each was kept as.
@Suite struct ResultStoreTests {
    static func result(
        _ index: Int, file: String = "a.har", line: Int? = nil, comment: String? = nil, method: String = "GET", url: String? = nil,
        status: Int? = 200, operation: OperationKey? = OperationKey(method: "GET", path: "/pets"), operationID: String? = "listPets",
        responseKey: ResponseKey? = .status(200), mediaType: String? = "application/json", findings: [Finding] = [],
        verdict: ExchangeResult.Verdict = .pass, baselined: Int = 0
    ) -> ExchangeResult {
        var result = ExchangeResult(
            source: ExchangeReference(file: file, index: index, line: line), comment: comment, method: method, url: url, status: status)
        result.operation = operation
        result.operationID = operationID
        result.responseKey = responseKey
        result.mediaType = mediaType
        result.findings = findings
        result.verdict = verdict
        result.baselined = baselined
        return result
    }

    /// Every field, as text: `ExchangeResult` is not `Equatable`.
    static func fields(_ result: ExchangeResult) -> String {
        [
            "\(result.source) line \(result.source.line.map(String.init) ?? "-")", result.comment ?? "-", result.method, result.url ?? "-",
            result.status.map(String.init) ?? "-", result.operation?.description ?? "-", result.operationID ?? "-",
            result.responseKey?.description ?? "-", result.mediaType ?? "-", result.verdict.rawValue, "\(result.baselined)",
            result.findings.map(\.description).joined(separator: "; "),
        ].joined(separator: " | ")
    }

    @Test func everyResultReadsBackAsItWasAdded() throws {
        let warning = Finding(rule: .specUnknownFormat, severity: .warning, message: "format 'x' is not known")
        let error = Finding(rule: .responseBodyInvalid, message: "response body /id: expected an integer")
        let added = [
            Self.result(0, line: 3, comment: "order-17"),
            Self.result(1, file: "b.jsonl", comment: nil, method: "POST", status: nil, operation: nil, operationID: nil, responseKey: nil, mediaType: nil),
            Self.result(2, comment: "a comment long enough to be stored apart from the record", status: 404, responseKey: .status(404)),
            Self.result(3, url: "https://api.example.com/pets", findings: [warning]),
            Self.result(4, url: "https://api.example.com/pets?x=1", findings: [error], verdict: .fail),
            Self.result(5, baselined: 2),
            Self.result(6, file: "a.har", line: 90, comment: "order-18", status: 201, operation: OperationKey(method: "POST", path: "/pets"),
                        operationID: "createPet", responseKey: .status(201), mediaType: "application/json"),
            Self.result(7, method: "GET", status: 200, responseKey: .range(2), mediaType: "text/csv"),
        ]
        var report = ConformanceReport(name: "pets", contract: try Contract(path: ReportFixture.spec))
        for result in added { report.add(result) }
        #expect(report.results.map(Self.fields) == added.map(Self.fields))
        #expect(report.results.withFindingsCount == 2)
        #expect(report.results.failedCount == 1)
        var withFindings: [Int] = []
        report.results.forEachFindings { index, source, findings in
            #expect(report.results[index].source == source && report.results[index].findings.count == findings.count)
            withFindings.append(source.index)
        }
        #expect(withFindings == [3, 4])
        let byOperation = report.resultsByOperation.map { "\($0.operation?.description ?? "none"): \($0.results.map(\.source.index))" }
        #expect(byOperation.contains("GET /pets: [0, 2, 3, 4, 5, 7]"))
        #expect(byOperation.contains("POST /pets: [6]"))
        #expect(byOperation.contains("none: [1]"))
    }

    /// Each finding's key (fingerprint and severity) is kept as its result is added, in the findings' order, and
    /// read back for the results that have findings, across the store's chunks; the exchange the findings are
    /// about is given unless one of them names another.
    @Test func findingKeysReadBackInOrder() throws {
        let other = ExchangeReference(file: "b.har", index: 9)
        func findings(_ index: Int) -> [Finding] {
            (0..<(index % 4)).map { item in
                Finding(
                    rule: item == 2 ? .responseBodyInvalid : .requestParameterInvalid, severity: item == 1 ? .warning : .error,
                    message: "finding \(item) of \(index)", exchange: index == 7 && item == 1 ? other : nil,
                    instancePointer: JSONPointer(tokens: ["items", String(index), "id\(item)"]))
            }
        }
        // 3,000 results, three in four with findings (1, 2 or 3): more keys than one chunk holds, some results'
        // keys across the border.
        let added = (0..<3_000).map { index in
            Self.result(index, url: index % 4 == 0 ? nil : "https://api.example.com/pets", findings: findings(index),
                        verdict: index % 4 == 0 ? .pass : .fail)
        }
        var report = ConformanceReport(name: "pets", contract: try Contract(path: ReportFixture.spec))
        for result in added { report.add(result) }
        var seen: [Int] = []
        report.results.forEachFindingKeys { index, exchange, keys in
            seen.append(index)
            #expect(keys.indices.map { keys[$0] } == added[index].findings.map { FindingKey($0) })
            #expect(exchange == (index == 7 ? nil : added[index].source))
            #expect(report.results.findingKeys(at: index).map { key in key.indices.map { key[$0] } } == keys.indices.map { keys[$0] })
        }
        #expect(seen == added.indices.filter { $0 % 4 != 0 })
        #expect(report.results.findingKeys(at: 0) == nil, "a passing record keeps no keys")
    }

    /// Findings that repeat values keep one stored copy of each: a finding repeating the first of its fingerprint,
    /// one differing from it in some values, and one of another fingerprint all read back as added, their equal
    /// strings in the same storage.
    @Test func repeatedValuesShareOneStoredCopy() throws {
        // Built at run time, long enough not to fit in a small string: each its own storage until shared.
        func text(_ words: String...) -> String { words.joined(separator: " ") + String(repeating: ".", count: 20) }
        func finding(_ pointer: String, actual: String) -> Finding {
            Finding(
                rule: .responseBodyInvalid, message: text("response body", pointer, "expected an integer"),
                operation: OperationKey(method: "GET", path: "/pets"), side: .response,
                instancePointer: JSONPointer(tokens: ["items", "0", pointer]), expected: text("integer"), actual: actual)
        }
        let added = [
            finding("id", actual: text("the string", "one")),
            finding("id", actual: text("the string", "two")),
            finding("id", actual: text("the string", "two")),
            finding("age", actual: text("the string", "one")),
        ].enumerated().map { Self.result($0.offset, url: "https://api.example.com/pets", findings: [$0.element], verdict: .fail) }
        var report = ConformanceReport(name: "pets", contract: try Contract(path: ReportFixture.spec))
        for result in added { report.add(result) }
        #expect(report.results.map(Self.fields) == added.map(Self.fields))
        let kept = (0..<4).map { report.results[$0].findings[0] }
        func storage(_ text: String?) -> UnsafePointer<UInt8>? { text?.utf8.withContiguousStorageIfAvailable { $0.baseAddress } ?? nil }
        #expect(Set(kept.map { storage($0.expected) }).count == 1)
        #expect(Set(kept[0...2].map { storage($0.message) }).count == 1)
        #expect(storage(kept[1].actual) == storage(kept[2].actual))
        #expect(storage(kept[3].actual) == storage(kept[0].actual))
        #expect(storage(kept[0].actual) != storage(kept[1].actual))
    }
}
