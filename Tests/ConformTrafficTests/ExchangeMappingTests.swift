@_spi(Tape) import ConformValues
import Testing

@testable import ConformTraffic

@Suite struct ExchangeMappingTests {
    @Test func base64ToleratesLineBreaksAndMissingPadding() {
        #expect(ExchangeMapping.decodeBase64("AAEC/w==") == [0, 1, 2, 255])
        #expect(ExchangeMapping.decodeBase64("AAEC\r\n/w") == [0, 1, 2, 255])
        #expect(ExchangeMapping.decodeBase64("") == [])
        #expect(ExchangeMapping.decodeBase64("!!!") == nil)
    }

    @Test func formsAreSerializedAsBrowsersDo() {
        #expect(ExchangeMapping.formURLEncoded([("q", "a b&c=d/é"), ("x", "")]) == "q=a+b%26c%3Dd%2F%C3%A9&x=")
    }

    /// Header lists of every shape, read from a `JSONValue` (VCR, Pact) and in place from a tape (HAR, JSONL):
    /// the rules are one, so the two readings must agree.
    @Test(arguments: [
        (#"{"A": "1", "B": ["2", "3"], "C": 4, "D": true, "E": null, "F": {"x": 1}}"#, "A=1 B=2 B=3 C=4 D=true"),
        (#"[{"name": "A", "value": "1"}, ["B", "2"], {"name": "C"}, ["D", 1.5]]"#, "A=1 B=2 C= D=1.5"),
        ("null", ""),
        (#""x""#, "problem"),
        (#"[["A"]]"#, "problem"),
    ])
    func headersTakeThreeShapes(_ json: String, _ expected: String) throws {
        func read<Value: EntryValue>(_ value: Value) -> String {
            guard let headers = try? ExchangeMapping.headers(value, at: .root) else { return "problem" }
            return headers.map { "\($0.name)=\($0.value)" }.joined(separator: " ")
        }
        let bytes = Array(json.utf8)
        #expect(read(try JSONReader.parse(bytes)) == expected)
        let tape = try JSONTape.parse(bytes)
        #expect(tape.withView { read(TapeNode(view: $0, index: 0)) } == expected)
        #expect(try ExchangeMapping.headers(nil as JSONValue?, at: .root).isEmpty)
    }
}
