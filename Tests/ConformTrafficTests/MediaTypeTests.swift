import ConformValues
import Testing

@testable import ConformTraffic

/// Media type text and multipart bodies, read in one place for readers and checks alike.
@Suite struct MediaTypeTests {
    @Test(arguments: [
        ("application/json", true),
        (" Application/JSON ; charset=utf-8", true),
        ("application/problem+json", true),
        ("application/vnd.api+JSON", true),
        ("text/plain", false),
        ("application/jsonl", false),
        ("*/*", false),
        ("application/*", false),
        ("", false),
    ])
    func jsonIsApplicationJSONOrAJSONSuffix(_ name: String, _ json: Bool) {
        #expect(MediaTypeName.isJSON(name) == json)
    }

    @Test(arguments: [
        ("Application/JSON; charset=utf-8", "application/json"),
        ("  text/html\t", "text/html"),
        ("multipart/form-data;boundary=x", "multipart/form-data"),
    ])
    func essenceDropsParametersAndCase(_ name: String, _ essence: String) {
        #expect(MediaTypeName.essence(name) == essence)
    }

    @Test(arguments: [
        ("Application/JSON; charset=utf-8", "application/json", true),
        ("application/json", " application/json ;q=1", true),
        ("  text/html\t", "TEXT/HTML", true),
        ("application/json", "application/jsonl", false),
        ("application/json", "application/problem+json", false),
        ("*/*", "*/*", true),
        ("", ";charset=utf-8", true),
    ])
    func essencesAreComparedWithoutParametersOrCase(_ name: String, _ other: String, _ same: Bool) {
        #expect(MediaTypeName.sameEssence(name, other) == same)
        #expect(MediaTypeName.sameEssence(other, name) == same)
        #expect((MediaTypeName.essence(name) == MediaTypeName.essence(other)) == same)
    }

    @Test(arguments: [
        ("multipart/form-data; boundary=\"a b\"; charset=utf-8", "boundary", "a b"),
        ("multipart/form-data;BOUNDARY=xyz", "boundary", "xyz"),
        ("multipart/form-data; boundary=\"a\\\"b;c\"", "boundary", "a\"b;c"),
        ("multipart/form-data; charset=utf-8 ; boundary = plain ", "boundary", "plain"),
        ("multipart/form-data", "boundary", nil),
        ("multipart/form-data; boundary=", "boundary", nil),
        ("form-data; name=\"file\"; filename=\"a;b.txt\"", "filename", "a;b.txt"),
    ] as [(String, String, String?)])
    func parametersAreReadWithQuotesAndEscapes(_ text: String, _ name: String, _ value: String?) {
        #expect(MediaTypeName.parameter(name, in: text) == value)
    }

    @Test func multipartPartsKeepTheirNamesHeadersAndBytes() throws {
        let body = Array((
            "preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"a\":1}\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.bin\"\r\nX-Extra: 1\r\n\r\n\u{0}\u{1}\r\n"
            + "--XyZ\r\n\r\nno headers\r\n--XyZ--\r\nepilogue").utf8)
        let parts = try #require(MultipartBody.parts(body, boundary: "XyZ"))
        #expect(parts.map(\.name) == ["meta", "file", nil])
        #expect(parts[0].contentType == "application/json")
        #expect(parts[0].body == Array("{\"a\":1}".utf8))
        #expect(parts[1].filename == "x.bin")
        #expect(parts[1].headers["x-extra"] == "1")
        #expect(parts[1].body == [0, 1])
        #expect(parts[2].body == Array("no headers".utf8))
        #expect(MultipartBody.parts(Array("no boundary here".utf8), boundary: "XyZ") == nil)
        #expect(MultipartBody.parts(Array("--XyZ--".utf8), boundary: "XyZ") == [], "an empty form")
        #expect(MultipartBody.parts(Array("preamble\r\n--XyZ--\r\nepilogue".utf8), boundary: "XyZ") == [])
        #expect(MultipartBody.parts(Array("text --XyZ-- in a line".utf8), boundary: "XyZ") == nil)
    }

    @Test func aBuiltBodyReadsBackAsItsParts() throws {
        let parts = [
            MultipartBody.Part(name: "title", body: Array("a \"quoted\" title".utf8)),
            MultipartBody.Part(name: "upload", filename: "r\"e\\port.csv", contentType: "text/csv", body: Array("a,b\n1,2".utf8)),
        ]
        let read = try #require(MultipartBody.parts(MultipartBody.build(parts, boundary: "b0und"), boundary: "b0und"))
        #expect(read.map(\.name) == ["title", "upload"])
        #expect(read.map(\.filename) == [nil, "r\"e\\port.csv"])
        #expect(read.map(\.contentType) == [nil, "text/csv"])
        #expect(read.map(\.body) == parts.map(\.body))
    }
}
