import ConformTestSupport
import Testing

import ConformCheckSupport
import OpenAPIConform

@testable import ConformChecks

/// The coverage matrix: documented (operation, response, media type) triples and what the traffic did to each.
@Suite struct CoverageTests {
    @Test func countsEveryDocumentedTripleAndWhatReachedIt() async throws {
        let coverage = try await ReportFixture.report().coverage
        #expect(coverage.rows.map(\.operation.description) == ["GET /pets", "POST /pets", "GET /pets/{petId}", "DELETE /pets/{petId}"])
        // GET /pets: 200 json, 200 csv, default json; POST: 201, 422; GET one: 200, 404; DELETE: 204.
        #expect(coverage.documentedCount == 8)
        #expect(coverage.columns.map(\.description) == ["200", "201", "204", "404", "422", "default"])

        let list = try #require(coverage.rows.first)
        #expect(list.cells.map { "\($0.key) \($0.mediaType ?? "-") \($0.tally.state.rawValue) \($0.tally.exchanges)" } == [
            "200 application/json failed 2",
            "200 text/csv exercised 1",
            "default application/json passed 1",
        ])
        #expect(list.tally.exchanges == 4)
        #expect(list.tally.notValidated == 1)
    }

    @Test func responsesOutsideTheMatrixAreKeptOnTheirRow() async throws {
        let coverage = try await ReportFixture.report().coverage
        let getPet = try #require(coverage.rows.first { $0.operation.description == "GET /pets/{petId}" })
        #expect(getPet.undocumented.map(\.label) == ["418"])
        #expect(getPet.undocumented.first?.tally.failed == 1)
        #expect(coverage.unrouted.exchanges == 1)
        #expect(coverage.unrouted.failed == 1)
    }

    @Test func neverSeenAndNotValidatedAreListed() async throws {
        let coverage = try await ReportFixture.report().coverage
        #expect(coverage.neverSeen.map { "\($0.operation) \($0.cell.key)" } == ["DELETE /pets/{petId} 204"])
        #expect(coverage.seenCount == 7)
        #expect(abs(coverage.percent - 87.5) < 0.001)
        #expect(coverage.operationsSeen == 3)
        #expect(coverage.notValidated.count == 1)
        #expect(coverage.notValidated.first?.operation?.description == "GET /pets")
        #expect(coverage.notValidated.first?.message.contains("text/csv") == true)
    }

    @Test func theMinimumCoverageGateFailsTheRun() async throws {
        let under = try await ReportFixture.report(minimumCoverage: 90)
        #expect(under.belowMinimumCoverage)
        let met = try await ReportFixture.report(minimumCoverage: 87.5)
        #expect(!met.belowMinimumCoverage)
    }

    @Test func aDescriptionWithoutTrafficIsFullyUnseen() async throws {
        let contract = try Contract(path: ReportFixture.spec, config: ConformConfig())
        let coverage = Coverage(document: contract.document)
        #expect(coverage.seenCount == 0)
        #expect(coverage.percent == 0)
        #expect(coverage.rows.allSatisfy { $0.cells.allSatisfy { $0.tally.state == .neverSeen } })
    }

    /// A bodiless 204 (no Content-Type) answering a response documented with content (`*/*`, as sanic-ext writes
    /// every response) is that response, seen: counted on its cell, not listed as undocumented.
    @Test func aBodilessResponseCountsOnItsDocumentedResponse() throws {
        let contract = try Contract(path: TestPaths.fixture("ConformLiveTests", "customers-forms.yaml"))
        let request = HTTPRequest(
            method: "DELETE", url: "https://api.customers.example.com/v1/customers/cus_Nv0aB1", headers: HTTPHeaders([("X-API-Key", "key_live_4eC39H")]))
        let result = contract.validate(HTTPExchange(request: request, response: HTTPResponse(status: 204)))
        #expect(result.findings.isEmpty, "\(result.findings.map(\.description))")
        #expect(result.mediaType == "*/*")
        let coverage = Coverage(document: contract.document, results: [result])
        let row = try #require(coverage.rows.first { $0.operation.description == "DELETE /v1/customers/{customer}" })
        #expect(row.undocumented.isEmpty, "\(row.undocumented.map(\.label))")
        #expect(row.cells.first { $0.key.description == "204" }?.tally.exchanges == 1)
    }
}
