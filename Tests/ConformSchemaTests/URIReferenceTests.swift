import Testing
@testable import ConformSchema

@Suite struct URIReferenceTests {
    /// RFC 3986 §5.4.1, the normal examples, against the base `http://a/b/c/d;p?q`.
    static let normalExamples: [(String, String)] = [
        ("g:h", "g:h"), ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"), ("g/", "http://a/b/c/g/"),
        ("/g", "http://a/g"), ("//g", "http://g"), ("?y", "http://a/b/c/d;p?y"), ("g?y", "http://a/b/c/g?y"),
        ("#s", "http://a/b/c/d;p?q#s"), ("g#s", "http://a/b/c/g#s"), ("g?y#s", "http://a/b/c/g?y#s"),
        (";x", "http://a/b/c/;x"), ("g;x", "http://a/b/c/g;x"), ("g;x?y#s", "http://a/b/c/g;x?y#s"),
        ("", "http://a/b/c/d;p?q"), (".", "http://a/b/c/"), ("./", "http://a/b/c/"), ("..", "http://a/b/"),
        ("../", "http://a/b/"), ("../g", "http://a/b/g"), ("../..", "http://a/"), ("../../", "http://a/"),
        ("../../g", "http://a/g"),
    ]

    @Test(arguments: normalExamples.map(\.0))
    func resolvesAsRFC3986Says(_ reference: String) {
        let expected = Self.normalExamples.first { $0.0 == reference }!.1
        #expect(URIReference.resolve(reference, against: "http://a/b/c/d;p?q") == expected)
    }

    @Test func schemesAreASCIIAndNonASCIITextSurvives() {
        // "é:x" is not a scheme (RFC 3986 ALPHA is ASCII), so it is a relative path.
        #expect(URIReference.parse("é:x").scheme == nil)
        #expect(URIReference.parse("urn:uuid:1#frag") == .init(scheme: "urn", authority: nil, path: "uuid:1", query: nil, fragment: "frag"))
        #expect(URIReference.resolve("zürich.json#/a", against: "file:///specs/main.yaml") == "file:///specs/zürich.json#/a")
        #expect(URIReference.splitFragment("tag:x,2024:schema#/$defs/ü") == ("tag:x,2024:schema", "/$defs/ü"))
    }
}
