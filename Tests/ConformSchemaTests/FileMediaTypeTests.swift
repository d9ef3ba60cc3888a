import ConformValues
import Testing

@testable import ConformSchema

/// Which schemas describe a file, which `probe` sends as a multipart file part (a filename and its media type), and
/// which a value written as text.
@Suite struct FileMediaTypeTests {
    @Test(arguments: [
        ("OpenAPI 3.0's binary string", #"{"type": "string", "format": "binary"}"#, "application/octet-stream"),
        ("3.1's contentMediaType (FastAPI's UploadFile)", #"{"type": "string", "contentMediaType": "application/octet-stream"}"#, "application/octet-stream"),
        ("an image", #"{"contentMediaType": "image/png"}"#, "image/png"),
        ("a text upload", #"{"type": "string", "contentMediaType": "text/csv"}"#, "text/csv"),
        ("base64 content is text", #"{"type": "string", "contentEncoding": "base64", "contentMediaType": "image/png"}"#, nil),
        ("JSON content is a value (pydantic's Json)", #"{"type": "string", "contentMediaType": "application/json"}"#, nil),
        ("a list of files", #"{"type": "array", "items": {"type": "string", "format": "binary"}}"#, "application/octet-stream"),
        ("an optional file", #"{"anyOf": [{"type": "string", "contentMediaType": "application/pdf"}, {"type": "null"}]}"#, "application/pdf"),
        ("a plain string", #"{"type": "string", "maxLength": 500}"#, nil),
    ] as [(String, String, String?)])
    func aFileIsWhatTheSchemaSaysIsBytes(_ name: String, _ schema: String, _ expected: String?) throws {
        let inline = try ValueGenerationTests.Inline(#"{"S": "# + schema + "}")
        #expect(inline.compiled.fileMediaType(of: inline.root) == expected, "\(name)")
    }
}
