import ConformFindings
import ConformTestSupport
import ConformValues
import Foundation
import Testing

@testable import ConformTraffic

@Suite struct TrafficReaderTests {
    @Test func opensByExtensionOrBySniffing() throws {
        #expect(try TrafficReader.open(path: TrafficTest.fixture("variants.har")).format == .har)
        #expect(try TrafficReader.open(path: TrafficTest.fixture("exchanges.jsonl")).format == .jsonl)
        #expect(try TrafficReader.open(path: TrafficTest.fixture("schemathesis.yaml")).format == .vcr)
        #expect(try TrafficReader.open(path: TrafficTest.fixture("pact-v3.json")).format == .pact)

        // A HAR under a name that says nothing is sniffed from its first bytes.
        let directory = try TrafficTest.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let renamed = directory.appendingPathComponent("capture.txt").path
        try FileManager.default.copyItem(atPath: TrafficTest.fixture("bom.har"), toPath: renamed)
        let reader = try TrafficReader.open(path: renamed)
        #expect(reader.format == .har && reader.path == renamed)
        #expect(TrafficTest.exchanges(Array(reader)).map(\.source.file) == [renamed])
    }

    @Test func readsStandardInput() throws {
        let bytes = Array(try String(contentsOfFile: TrafficTest.fixture("exchanges.jsonl"), encoding: .utf8).utf8)
        let reader = try TrafficReader.open(bytes: bytes, name: "-")
        #expect(reader.format == .jsonl)
        let results = Array(reader)
        #expect(results.count == 7)
        #expect(TrafficTest.exchanges(results).first?.source == ExchangeReference(file: "-", index: 0, line: 1))
        #expect(Array(reader).isEmpty, "a reader is single-pass")
    }

    @Test func unreadableFilesAreThrownErrors() throws {
        let missing = TrafficTest.fixture("missing.har")
        let notFound = LoadError(
            .io, "cannot read file: No such file or directory", at: SourceLocation(file: missing, line: 1, column: 1))
        #expect(throws: notFound) { try TrafficReader.open(path: missing) }
        #expect(
            throws: LoadError(
                .syntax,
                "cannot tell the recording's format: expected a HAR file, JSONL exchanges, a VCR cassette or a Pact file "
                    + "(name it .har, .jsonl, .yaml or .json)",
                at: SourceLocation(file: "-", line: 1, column: 1))
        ) { try TrafficReader.open(bytes: Array("hello".utf8), name: "-") }
        #expect(throws: LoadError.self) { try TrafficReader.open(path: TrafficTest.fixture("missing.yaml")) }
    }

    @Test func anExplicitFormatOverridesDetection() throws {
        let results = Array(try TrafficReader.open(path: TrafficTest.fixture("bom.har"), format: .jsonl))
        // Read as JSONL, a pretty-printed HAR is a series of broken lines, each located.
        #expect(TrafficTest.errors(results).first?.error.location.line == 1)
        #expect(TrafficTest.exchanges(results).isEmpty)
    }
}
