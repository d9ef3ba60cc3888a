@testable import ConformTraffic
import Testing

/// Header lookups as every check makes them: names without regard to case, duplicates kept in order.
@Suite struct HTTPHeadersTests {
    static let headers: HTTPHeaders = [
        "Content-Type": "application/json", "Set-Cookie": "a=1", "X-Request-Id": "r-1", "set-cookie": "b=2",
        "SET-COOKIE": "c=3",
    ]

    @Test(arguments: [
        ("Content-Type", "application/json"), ("content-type", "application/json"), ("CONTENT-TYPE", "application/json"),
        ("Set-Cookie", "a=1"), ("x-request-id", "r-1"), ("Accept", nil), ("", nil), ("Content-Typ", nil),
    ] as [(String, String?)])
    func theFirstValueOfAName(_ name: String, _ expected: String?) {
        #expect(Self.headers[name] == expected)
        #expect(Self.headers.contains(name) == (expected != nil))
    }

    @Test(arguments: [
        ("set-cookie", ["a=1", "b=2", "c=3"]), ("X-REQUEST-ID", ["r-1"]), ("Authorization", []),
    ] as [(String, [String])])
    func everyValueOfANameInOrder(_ name: String, _ expected: [String]) {
        #expect(Self.headers.values(for: name) == expected)
    }
}
