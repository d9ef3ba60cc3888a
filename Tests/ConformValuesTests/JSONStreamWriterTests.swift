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
}
