@testable import ConformValues
import Testing

/// The stream writer writes what `JSONWriter` writes for the same document: its members written in place (a
/// pointer's tokens escaped where they stand) must give the bytes of the value tree they stand for.
@Suite struct JSONStreamWriterTests {
    @Test(arguments: [
        [String](),
        [""],
        ["paths", "/pets/{id}", "get", "responses", "200"],
        ["paths", "/v0/business/{business_id}/external-account", "post", "requestBody", "content", "application/json", "schema"],
        ["a~b", "~/", "/~", "~0~1", "//", "~~"],
        ["café", "/naïve~", "🚀/x"],
        ["say \"hi\"", "back\\slash/x~y", "tab\there", "line\u{2028}break"],
    ])
    func pointerMembersAreThePointersTextAsAString(_ tokens: [String]) {
        let pointer = JSONPointer(tokens: tokens)
        for options in [JSONWriter.Options.compact, .pretty] {
            var json = JSONStreamWriter(into: "", options: options)
            json.beginObject()
            json.member("pointer", pointer: pointer)
            json.end()
            let expected = JSONWriter.string(.object(JSONObject([("pointer", .string(pointer.description))])), options: options)
            #expect(json.output == expected)
        }
    }

    /// Strings are escaped by one rule whichever writer writes them: JSON's short escapes, `\u00XX` for the other
    /// control characters, and U+2028/U+2029, which JavaScript reads as line breaks; nothing else.
    @Test(arguments: [
        ("plain", #""plain""#),
        ("say \"hi\"", #""say \"hi\"""#),
        ("back\\slash", #""back\\slash""#),
        ("a\nb\rc\td\u{8}e\u{C}f", #""a\nb\rc\td\be\ff""#),
        ("\u{0}\u{1}\u{1F} ", #""\u0000\u0001\u001f ""#),
        ("line\u{2028}para\u{2029}end", #""line\u2028para\u2029end""#),
        ("café 🚀 \u{2027}\u{7F}", "\"café 🚀 \u{2027}\u{7F}\""),
        ("\"", #""\"""#),
        ("", #""""#),
    ])
    func stringsAreEscapedAlikeAsTextAndAsBytes(_ text: String, _ expected: String) {
        #expect(JSONWriter.string(.string(text)) == expected)
        var json = JSONStreamWriter(into: "", options: .compact)
        json.beginArray()
        json.element(string: text)
        json.end()
        #expect(json.output == "[" + expected + "]")
        var substring = JSONStreamWriter(into: "", options: .compact)
        substring.beginObject()
        substring.member("k", text: Substring(text))
        substring.end()
        #expect(substring.output == #"{"k":"# + expected + "}")
    }
}
