import Testing

@testable import ConformTraffic

@Suite struct TrafficFormatTests {
    @Test func extensionsDecideFirst() {
        #expect(TrafficFormat.detect(path: "a/b.HAR", prefix: Array("interactions:".utf8)) == .har)
        #expect(TrafficFormat.detect(path: "x.jsonl", prefix: []) == .jsonl)
        #expect(TrafficFormat.detect(path: "x.ndjson", prefix: []) == .jsonl)
        #expect(TrafficFormat.detect(path: "cassette.yaml", prefix: []) == .vcr)
        #expect(TrafficFormat.detect(path: "cassette.yml", prefix: []) == .vcr)
        #expect(TrafficFormat.detect(path: "x.json", prefix: []) == nil)
    }

    @Test(arguments: [
        ("\u{FEFF}\n  {\"log\": {\"entries\": []}}", TrafficFormat.har),
        ("{\n  \"consumer\": {\"name\": \"web\"},", .pact),
        ("{\"provider\": {}, \"consumer\": {}}", .pact),
        ("{\"interactions\": [{\"description\": \"d\", \"request\": {\"path\": \"/\"}}]}", .pact),
        ("{\"metadata\": {\"pactSpecification\": {\"version\": \"3.0.0\"}},\n \"interactions\": []}", .pact),
        ("{\"interactions\": [{\"request\": {\"uri\": \"http://a\"}}], \"version\": 1}", .vcr),
        ("{\"http_interactions\": []}", .vcr),
        ("{\"id\": \"1\", \"request\": {}, \"response\": {}}\n{\"id\": \"2\"", .jsonl),
        ("{\"request\": {\"method\": \"GET\", \"body\": \"cut here", .jsonl),
        ("command: 'st run'\nrecorded_with: 'Schemathesis'\nhttp_interactions:\n- id: '1'", .vcr),
        ("---\ninteractions:\n- request: {}", .vcr),
    ])
    func sniffsTheFirstBytes(_ text: String, _ format: TrafficFormat) {
        #expect(TrafficFormat.detect(path: "-", prefix: Array(text.utf8)) == format)
        #expect(TrafficFormat.detect(path: "recording.json", prefix: Array(text.utf8)) == format)
    }

    @Test(arguments: ["", "   ", "[1, 2]", "{\"openapi\": \"3.1.0\"}", "openapi: 3.1.0\npaths: {}", "{\"a\": 1}\n{\"b\": 2}"])
    func unknownContentIsNoFormat(_ text: String) {
        #expect(TrafficFormat.detect(path: "-", prefix: Array(text.utf8)) == nil)
    }
}
