import ConformSpec
import ConformTestSupport
import ConformTraffic
@_spi(Tape) import ConformValues
import Testing

@testable import ConformChecks

/// A body is validated as the value its media type encodes, so the decoder decides whether a schema sees the
/// sender's data at all. JSON is parsed (RFC 8259), form bodies are `application/x-www-form-urlencoded` pairs
/// (WHATWG URL: `+` is a space, `%XX` a byte), multipart bodies are RFC 7578 parts, each field coerced to the type
/// its property declares (OAS 3.0.3, "Support for x-www-form-urlencoded Request Bodies" and "Special
/// Considerations for multipart Content"); what cannot be read must say so. The media types are those of
/// `POST /pets` in `Fixtures/units/bodies.yaml`.
@Suite struct BodyDecoderTests {
    static let spec = TestPaths.fixture("ConformChecksTests", "units/bodies.yaml")

    /// `BodyDecoder.Decoded`, comparable.
    enum Expected: Equatable, Sendable, CustomStringConvertible {
        case value(JSONValue)
        case notChecked(String)
        case malformed(String)

        init(_ decoded: BodyDecoder.Decoded) {
            switch decoded {
            case .value(let tape): self = .value(tape.value(at: 0))
            case .multipart(let value, _): self = .value(value)
            case .notChecked(let reason): self = .notChecked(reason)
            case .malformed(let message): self = .malformed(message)
            }
        }

        var description: String {
            switch self {
            case .value(let value): "value \(value.jsonText)"
            case .notChecked(let reason): "not checked: \(reason)"
            case .malformed(let message): "malformed: \(message)"
            }
        }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var sentence: String
        /// The documented media type (a `content` key of the request body).
        var media: String
        /// The message's Content-Type header.
        var contentType: String
        var body: HTTPBody
        var expected: Expected
        /// The operationId in bodies.yaml.
        var operation = "createPet"
        var testDescription: String { sentence }
    }

    static func decode(_ body: HTTPBody, contentType: String, media name: String, operation operationID: String = "createPet") throws -> Expected {
        let contract = try Contract(path: spec, config: ConformConfig())
        let operation = try #require(contract.document.operations.first { $0.operationID == operationID })
        let content = try #require(operation.requestBody?.content)
        let media = try #require(content.first { $0.name == name })
        let schema = media.schema.flatMap(contract.schemas.schema(at:))
        return Expected(BodyDecoder(schemas: contract.schemas.compiled).decode(body, contentType: contentType, media: media, schema: schema))
    }

    static func check(_ testCase: Case) throws {
        let decoded = try decode(testCase.body, contentType: testCase.contentType, media: testCase.media, operation: testCase.operation)
        #expect(decoded == testCase.expected)
    }

    // MARK: JSON

    static let jsonCases: [Case] = [
        Case(sentence: "JSON bytes are parsed", media: "application/json", contentType: "application/json",
             body: .text(#"{"name":"Rex","age":3,"weight":4.5}"#), expected: .value(["name": "Rex", "age": 3, "weight": 4.5])),
        Case(sentence: "a charset parameter does not stop a JSON body being parsed",
             media: "application/json", contentType: "application/json; charset=utf-8",
             body: .text(#"{"name":"Rex"}"#), expected: .value(["name": "Rex"])),
        Case(sentence: "a +json media type is JSON", media: "application/problem+json", contentType: "application/problem+json",
             body: .text(#"{"title":"Not found","status":404}"#), expected: .value(["title": "Not found", "status": 404])),
        Case(sentence: "a body the recording holds as a JSON value is passed through",
             media: "application/json", contentType: "application/json",
             body: .json(["name": "Rex", "tags": ["a"]]), expected: .value(["name": "Rex", "tags": ["a"]])),
        Case(sentence: "a body without a Content-Type is read as the JSON its media type documents",
             media: "application/json", contentType: "", body: .text("[1, 2]"), expected: .value([1, 2])),
        Case(sentence: "a trailing comma is malformed JSON, located at the closing brace on line 4",
             media: "application/json", contentType: "application/json",
             body: .text("{\n  \"name\": \"Rex\",\n  \"age\": 3,\n}"),
             expected: .malformed("the body is not valid JSON: expected a string key after ',', found '}' (line 4, column 1)")),
        Case(sentence: "a misspelt literal is malformed JSON, located at its first letter",
             media: "application/json", contentType: "application/json", body: .text(#"{"name": tru}"#),
             expected: .malformed("the body is not valid JSON: expected 'true', found 'tru' (line 1, column 10)")),
        Case(sentence: "a form body sent as application/json is malformed JSON",
             media: "application/json", contentType: "application/json", body: .text("age=3"),
             expected: .malformed("the body is not valid JSON: expected a JSON value, found 'age' (line 1, column 1)")),
    ]

    @Test(arguments: jsonCases)
    func json(_ testCase: Case) throws { try Self.check(testCase) }

    // MARK: application/x-www-form-urlencoded

    static func form(_ sentence: String, _ text: String, _ expected: JSONValue) -> Case {
        Case(sentence: sentence, media: "application/x-www-form-urlencoded", contentType: "application/x-www-form-urlencoded",
             body: .text(text), expected: .value(expected))
    }

    static let formCases: [Case] = [
        form("form fields become members coerced to their property types", "name=Rex&age=3", ["name": "Rex", "age": 3]),
        form("number and boolean fields are coerced", "weight=4.5&vaccinated=true", ["weight": 4.5, "vaccinated": true]),
        form("a repeated field of an array property is the array of its values", "tags=a&tags=b", ["tags": ["a", "b"]]),
        form("a single field of an array property is a one-item array", "tags=a", ["tags": ["a"]]),
        form("array items are coerced to the item type", "ids=1&ids=2", ["ids": [1, 2]]),
        form("plus signs are spaces and percent escapes are UTF-8 bytes",
             "name=Rex+the+Dog&nickname=caf%C3%A9%20%26%20co", ["name": "Rex the Dog", "nickname": "café & co"]),
        form("a field sent twice for a property that is no array becomes an array, for validation to reject",
             "age=3&age=4", ["age": [3, 4]]),
        form("a value that is not of its property's type stays text, for validation to reject", "age=three", ["age": "three"]),
        form("a field the schema does not list stays text", "color=brown", ["color": "brown"]),
        form("a field without a value is the empty string", "nickname=", ["nickname": ""]),
        Case(sentence: "a charset parameter does not stop a form body being read",
             media: "application/x-www-form-urlencoded", contentType: "application/x-www-form-urlencoded; charset=utf-8",
             body: .text("age=3"), expected: .value(["age": 3])),
    ]

    @Test(arguments: formCases)
    func formURLEncoded(_ testCase: Case) throws { try Self.check(testCase) }

    // MARK: Encoding Objects of form bodies

    static func order(_ sentence: String, _ text: String, _ expected: JSONValue) -> Case {
        Case(sentence: sentence, media: "application/x-www-form-urlencoded", contentType: "application/x-www-form-urlencoded",
             body: .text(text), expected: .value(expected), operation: "createOrder")
    }

    /// OAS 3.0.3, Encoding Object: `style` and `explode` serialize a form property as they do a query parameter,
    /// with form and explode true when the encoding names none; the styles are read as parameters are.
    static let encodingCases: [Case] = [
        order("a form property with explode false is one comma-separated value", "sizes=S,M,XL", ["sizes": ["S", "M", "XL"]]),
        order("a percent-encoded comma in a form value is part of its item", "sizes=S%2CM,XL", ["sizes": ["S,M", "XL"]]),
        order("a spaceDelimited property splits on its encoded spaces", "colors=red%20green+blue", ["colors": ["red", "green", "blue"]]),
        order("a pipeDelimited property splits on pipes and coerces its items", "codes=1|2%7C3", ["codes": [1, 2, 3]]),
        order("a deepObject property is the object of its bracketed members",
              "metadata[order_id]=6735&metadata[channel]=web", ["metadata": ["order_id": "6735", "channel": "web"]]),
        order("an object property with form and explode false is k,v pairs coerced to its properties",
              "options=gift,true,wrap,paper", ["options": ["gift": true, "wrap": "paper"]]),
        order("the default encoding repeats the name for array items", "tags=a&tags=b", ["tags": ["a", "b"]]),
        order("integers are coerced as parameters are", "quantity=12", ["quantity": 12]),
        // An object property's default encoding (form, explode) writes its members under their own names, as an
        // exploded form query parameter does; Swagger UI sends it so.
        order("an object property by default spreads its members over names of their own",
              "quantity=2&line1=510+Townsend+St&postal_code=94103",
              ["quantity": 2, "address": ["line1": "510 Townsend St", "postal_code": "94103"]]),
        order("a name no object property has stays the body's own", "quantity=2&gift_note=hi", ["quantity": 2, "gift_note": "hi"]),
        order("an object property sent with brackets is not also spread", "address[line1]=A&postal_code=94103",
              ["address": ["line1": "A"], "postal_code": "94103"]),
        order("an object property whose encoding is not exploded form is not spread", "gift=true", ["gift": "true"]),
        order("a value a string-or-integer property accepts as a number is that number", "trial_end=1700000000", ["trial_end": 1_700_000_000]),
        order("a value a string-or-integer property accepts as a string is that string", "trial_end=now", ["trial_end": "now"]),
    ]

    @Test(arguments: encodingCases)
    func encodingObjectsDecideHowAFormPropertyIsRead(_ testCase: Case) throws { try Self.check(testCase) }

    /// What Stripe's, Rails' and PHP's clients send for nested values, whatever the property's style says:
    /// `name[]` appends to an array, `name[0]` is a position, `a[b][c]` nests objects. Positions are arrays only
    /// where the schema allows one (so `metadata[0]` stays a key of an object).
    static let bracketCases: [Case] = [
        order("name[] appends to an array", "tags[]=a&tags[]=b", ["tags": ["a", "b"]]),
        order("an object property's bracketed members are its properties",
              "address[line1]=510+Townsend+St&address[postal_code]=94103",
              ["address": ["line1": "510 Townsend St", "postal_code": "94103"]]),
        order("brackets sent percent-encoded nest the same way",
              "address%5Bline1%5D=510+Townsend+St", ["address": ["line1": "510 Townsend St"]]),
        order("positions of an array of objects are its items, coerced to the item's properties",
              "lines[0][sku]=A-1&lines[0][qty]=2&lines[1][sku]=B-7&lines[1][qty]=1",
              ["lines": [["sku": "A-1", "qty": 2], ["sku": "B-7", "qty": 1]]]),
        order("appended objects start a new item when a key repeats, as Rails reads them",
              "lines[][sku]=A-1&lines[][qty]=2&lines[][sku]=B-7", ["lines": [["sku": "A-1", "qty": 2], ["sku": "B-7"]]]),
        order("a position under an object without an array schema is a key", "metadata[0]=first", ["metadata": ["0": "first"]]),
        order("an empty bracketed value is the empty string", "metadata[order_id]=", ["metadata": ["order_id": ""]]),
    ]

    @Test(arguments: bracketCases)
    func bracketedNamesNest(_ testCase: Case) throws { try Self.check(testCase) }

    /// OAS 3.0.3, "Support for x-www-form-urlencoded Request Bodies": its example sends the object `address` as
    /// JSON text, and an Encoding Object's default content type for an object is `application/json`. A property
    /// that names no style and is an object (or says `contentType: application/json`) is read from JSON text.
    static let stringifiedCases: [Case] = [
        order("an object property without a style may be sent as JSON text",
              "address=%7B%22line1%22%3A%22510+Townsend+St%22%7D", ["address": ["line1": "510 Townsend St"]]),
        order("a property whose encoding declares JSON is parsed", "contact=%7B%22email%22%3A%22a%40b.example%22%7D",
              ["contact": ["email": "a@b.example"]]),
        order("text that is not JSON stays text, for validation to reject", "address=510+Townsend+St", ["address": "510 Townsend St"]),
    ]

    @Test(arguments: stringifiedCases)
    func objectsMayBeSentAsJSONText(_ testCase: Case) throws { try Self.check(testCase) }

    // MARK: multipart/form-data

    /// A multipart body with CRLF line ends, each part given by its headers and content.
    static func multipart(_ parts: [(headers: [String], content: String)], boundary: String = "XyZ") -> HTTPBody {
        var text = "preamble, ignored\r\n"
        for part in parts {
            text += "--\(boundary)\r\n" + part.headers.map { $0 + "\r\n" }.joined() + "\r\n" + part.content + "\r\n"
        }
        return .text(text + "--\(boundary)--\r\n")
    }

    static func field(_ name: String, _ content: String, contentType: String? = nil) -> (headers: [String], content: String) {
        (["Content-Disposition: form-data; name=\"\(name)\""] + (contentType.map { ["Content-Type: \($0)"] } ?? []), content)
    }

    static let multipartCases: [Case] = [
        Case(sentence: "multipart fields become members coerced to their property types",
             media: "multipart/form-data", contentType: "multipart/form-data; boundary=XyZ",
             body: multipart([field("title", "Walk"), field("count", "2")]), expected: .value(["title": "Walk", "count": 2])),
        Case(sentence: "a part whose own Content-Type is JSON is parsed",
             media: "multipart/form-data", contentType: "multipart/form-data; boundary=XyZ",
             body: multipart([field("settings", #"{"dark":true}"#, contentType: "application/json")]),
             expected: .value(["settings": ["dark": true]])),
        Case(sentence: "a part the encoding declares JSON is parsed without a Content-Type of its own",
             media: "multipart/form-data", contentType: "multipart/form-data; boundary=XyZ",
             body: multipart([field("metadata", #"{"source":"camera"}"#)]), expected: .value(["metadata": ["source": "camera"]])),
        Case(sentence: "a file part stands for its bytes as a string",
             media: "multipart/form-data", contentType: "multipart/form-data; boundary=XyZ",
             body: multipart([(["Content-Disposition: form-data; name=\"file\"; filename=\"photo.png\"", "Content-Type: image/png"], "PNGDATA")]),
             expected: .value(["file": "PNGDATA"])),
        Case(sentence: "text parts of one name for an array property are its items",
             media: "multipart/form-data", contentType: "multipart/form-data; boundary=XyZ",
             body: multipart([field("tags", "a"), field("tags", "b")]), expected: .value(["tags": ["a", "b"]])),
        Case(sentence: "a quoted boundary is unquoted",
             media: "multipart/form-data", contentType: #"multipart/form-data; boundary="a b""#,
             body: multipart([field("title", "Walk")], boundary: "a b"), expected: .value(["title": "Walk"])),
        Case(sentence: "a multipart Content-Type without a boundary is malformed",
             media: "multipart/form-data", contentType: "multipart/form-data",
             body: multipart([field("title", "Walk")]),
             expected: .malformed("a multipart/form-data body needs a boundary parameter in its Content-Type")),
        Case(sentence: "a body that does not follow its boundary is malformed",
             media: "multipart/form-data", contentType: "multipart/form-data; boundary=XyZ",
             body: .text("title=Walk&count=2"),
             expected: .malformed("the multipart body does not follow its boundary 'XyZ'")),
        Case(sentence: "an empty form (only the close delimiter, as browsers send new FormData()) has no fields",
             media: "multipart/form-data", contentType: "multipart/form-data; boundary=XyZ",
             body: multipart([]), expected: .value([:])),
        Case(sentence: "the boundary within a line, or as the start of a longer one, is content",
             media: "multipart/form-data", contentType: "multipart/form-data; boundary=XyZ",
             body: multipart([field("note", "see --XyZ here\r\n--XyZa is not it either")]),
             expected: .value(["note": "see --XyZ here\r\n--XyZa is not it either"])),
        Case(sentence: "spaces after a delimiter (RFC 2046 transport padding) are part of its line",
             media: "multipart/form-data", contentType: "multipart/form-data; boundary=XyZ",
             body: .text("--XyZ  \r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nWalk\r\n--XyZ--\r\n"),
             expected: .value(["title": "Walk"])),
        Case(sentence: "an opening delimiter without a part or a close is malformed",
             media: "multipart/form-data", contentType: "multipart/form-data; boundary=XyZ",
             body: .text("--XyZ\r\n"),
             expected: .malformed("the multipart body does not follow its boundary 'XyZ'")),
        Case(sentence: "a body delimited by another boundary is malformed",
             media: "multipart/form-data", contentType: "multipart/form-data; boundary=XyZ",
             body: multipart([field("title", "Walk")], boundary: "Other"),
             expected: .malformed("the multipart body does not follow its boundary 'XyZ'")),
    ]

    @Test(arguments: multipartCases)
    func multipartFormData(_ testCase: Case) throws { try Self.check(testCase) }

    /// OAS 3.0.3, "Special Considerations for multipart Content": an array property's default part Content-Type
    /// is that of its items, and a complex value's is `application/json`; a JSON part holding `["a","b"]` for the
    /// array property `tags` is that array, the way a JSON part for `metadata` is that object.
    @Test func aJSONArrayPartIsTheArrayItself() throws {
        try Self.check(Case(sentence: "a JSON part holding an array for an array property is that array",
                            media: "multipart/form-data", contentType: "multipart/form-data; boundary=XyZ",
                            body: Self.multipart([Self.field("tags", #"["a","b"]"#, contentType: "application/json")]),
                            expected: .value(["tags": ["a", "b"]])))
    }

    static func upload(_ sentence: String, _ parts: [(headers: [String], content: String)], _ expected: JSONValue) -> Case {
        Case(sentence: sentence, media: "multipart/form-data", contentType: "multipart/form-data; boundary=XyZ",
             body: multipart(parts), expected: .value(expected), operation: "createOrder")
    }

    /// OAS 3.0.3, "Special Considerations for multipart Content": without a Content-Type of its own or in the
    /// encoding, a part for an object (or an array of objects) is JSON and one for a primitive is text; bracketed
    /// part names nest as form fields do (Stripe's file upload sends `file_link_data[create]`).
    static let partCases: [Case] = [
        upload("a part for an object property is JSON by default", [field("settings", #"{"dark":true}"#)], ["settings": ["dark": true]]),
        upload("a part for an array of objects is JSON by default", [field("lines", #"[{"sku":"A-1"}]"#)], ["lines": [["sku": "A-1"]]]),
        upload("bracketed part names nest and are coerced",
               [field("purpose", "dispute_evidence"), field("file_link_data[create]", "true"), field("file_link_data[expires_at]", "1700000000")],
               ["purpose": "dispute_evidence", "file_link_data": ["create": true, "expires_at": 1_700_000_000]]),
        upload("a part whose own Content-Type is text is text, whatever its property",
               [field("settings", "dark", contentType: "text/plain")], ["settings": "dark"]),
    ]

    @Test(arguments: partCases)
    func partsAreReadByTheirContentType(_ testCase: Case) throws { try Self.check(testCase) }

    // MARK: Text and other media types

    static let otherCases: [Case] = [
        Case(sentence: "a text/plain body with a schema is its text as a string",
             media: "text/plain", contentType: "text/plain", body: .text("hello, world"), expected: .value("hello, world")),
        Case(sentence: "a charset parameter does not stop a text body being read",
             media: "text/plain", contentType: "text/plain; charset=utf-8", body: .text("café"), expected: .value("café")),
        Case(sentence: "a text body whose media type documents no schema is checked for presence only",
             media: "text/html", contentType: "text/html", body: .text("<p>hi</p>"),
             expected: .notChecked("a text/html body is checked for presence only")),
        Case(sentence: "a text body whose schema admits no string cannot be described by it and is not failed",
             media: "text/csv", contentType: "text/csv", body: .text("id\n7\n"),
             expected: .notChecked("a text/csv body is text, which its object schema cannot describe; it is checked for presence only")),
        Case(sentence: "a body without a Content-Type under a media type that is not JSON is checked for presence only",
             media: "application/octet-stream", contentType: "", body: .bytes([0x89, 0x50, 0x4E, 0x47]),
             expected: .notChecked("a body without a media type is checked for presence only")),
    ]

    @Test(arguments: otherCases)
    func otherMediaTypes(_ testCase: Case) throws { try Self.check(testCase) }

    /// The note is a sentence a user reads in every report; a media type that starts with a vowel sound takes
    /// "an" (application/…, audio/…, image/…: most binary types).
    @Test func aBinaryBodyIsCheckedForPresenceOnly() throws {
        try Self.check(Case(sentence: "an unknown binary media type is checked for presence only",
                            media: "application/octet-stream", contentType: "application/octet-stream",
                            body: .bytes([0x89, 0x50, 0x4E, 0x47]),
                            expected: .notChecked("an application/octet-stream body is checked for presence only")))
    }

    /// A fixture with findings of its own would make the cases above test the model builder's recovery instead.
    @Test func theFixtureDescriptionIsClean() throws {
        let contract = try Contract(path: Self.spec, config: ConformConfig(), lint: true)
        #expect(contract.findings.map(\.message) == [])
    }
}
