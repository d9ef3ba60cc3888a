import Testing

@testable import ConformValues

/// The credential names a redactor asks about for every header and query parameter: found whatever the case,
/// whole names only, whether asked with a string, a small string or part of a longer text.
@Suite struct CaseInsensitiveNamesTests {
    static let names = CaseInsensitiveNames(["Authorization", "x-api-key", "cookie", "set-cookie", "api_key", "X-Amz-Security-Token"])

    @Test(arguments: [
        ("authorization", true), ("AUTHORIZATION", true), ("Authorization", true), ("X-API-Key", true), ("Cookie", true),
        ("x-amz-security-token", true), ("set-COOKIE", true), ("api_key", true),
        // Same length or first letter as a name, but none of them.
        ("Accept", false), ("Server", false), ("User-Agent", false), ("Content-Type", false), ("x-api-kez", false),
        ("cookies", false), ("authorizatio", false), ("", false), ("Host", false), ("x-amz-security-tokens", false),
        ("Authoriz\u{E9}ti", false),
    ])
    func findsWholeNamesWithoutRegardToCase(_ name: String, _ expected: Bool) {
        #expect(Self.names.contains(name) == expected)
        let text = "?" + name + "=1"
        let part = text[text.utf8.index(after: text.startIndex)..<text.utf8.index(text.startIndex, offsetBy: 1 + name.utf8.count)]
        #expect(part.utf8.elementsEqual(name.utf8))
        #expect(Self.names.contains(part) == expected)
    }

    @Test func anEmptyNameIsFoundOnlyWhenItIsOneOfThem() {
        #expect(!Self.names.contains(""))
        #expect(CaseInsensitiveNames(["", "key"]).contains(""))
    }
}
