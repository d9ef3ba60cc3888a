import ConformValues
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

    @Test func headersTakeThreeShapes() throws {
        let object = try JSONReader.parse(Array(#"{"A": "1", "B": ["2", "3"], "C": 4, "D": true}"#.utf8))
        #expect(try ExchangeMapping.headers(object, at: .root).map { "\($0.name)=\($0.value)" } == [
            "A=1", "B=2", "B=3", "C=4", "D=true",
        ])
        let list = try JSONReader.parse(Array(#"[{"name": "A", "value": "1"}, ["B", "2"]]"#.utf8))
        #expect(try ExchangeMapping.headers(list, at: .root).map(\.name) == ["A", "B"])
        #expect(try ExchangeMapping.headers(nil, at: .root).isEmpty)
        #expect(throws: EntryProblem.self) { try ExchangeMapping.headers(.string("x"), at: .root) }
    }
}
