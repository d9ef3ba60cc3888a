import ConformValues
import Foundation

/// Why one recorded entry could not become an exchange, and where inside the entry (a pointer relative to it).
struct EntryProblem: Error {
    var message: String
    var pointer: JSONPointer

    init(_ message: String, at pointer: JSONPointer) {
        self.message = message
        self.pointer = pointer
    }
}

/// What the readers of every format share: header lists, body decoding, media types, form encoding, and turning
/// problems found in an entry's bytes into errors located in the file.
enum ExchangeMapping {
    // MARK: Headers

    /// Header fields given as an object (`{name: value}` or `{name: [values]}`), a list of `{name, value}`
    /// objects, or a list of `[name, value]` pairs. Absent or null is no headers; any other shape is a problem.
    static func headers<Value: EntryValue>(_ value: Value?, at pointer: @autoclosure () -> JSONPointer) throws(EntryProblem) -> HTTPHeaders {
        guard let value, !value.isNull else { return HTTPHeaders() }
        // Sized once: every exchange has a few of these lists, and growing one field at a time reallocates.
        var fields: [(name: String, value: String)] = []
        if let count = value.memberCount {
            fields.reserveCapacity(count)
            value.forEachMember { name, field in
                if let values = field.items {
                    for item in values { if let text = headerText(item) { fields.append((name, text)) } }
                } else if let text = headerText(field) {
                    fields.append((name, text))
                }
            }
        } else if let items = value.items {
            fields.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                if item.isObject, let name = item["name"]?.stringValue {
                    fields.append((name, item["value"].flatMap { headerText($0) } ?? ""))
                } else if let pair = item.items, pair.count == 2, let name = pair[0].stringValue,
                    let text = headerText(pair[1])
                {
                    fields.append((name, text))
                } else {
                    throw EntryProblem(
                        "a header must be a {\"name\", \"value\"} object or a [name, value] pair", at: pointer() / index)
                }
            }
        } else {
            throw EntryProblem("headers must be an object or a list of name/value pairs", at: pointer())
        }
        return HTTPHeaders(fields)
    }

    /// A header value as text: strings as they are, numbers and booleans as written in JSON.
    static func headerText<Value: EntryValue>(_ value: Value) -> String? {
        if let text = value.stringValue { return text }
        guard !value.isNull, !value.isObject, !value.isArray else { return nil }
        return JSONWriter.string(value.value)
    }

    // MARK: Bodies

    /// Decodes base64, tolerating line breaks and missing padding as some recorders write them.
    static func decodeBase64(_ text: String) -> [UInt8]? {
        var cleaned: [UInt8] = []
        cleaned.reserveCapacity(text.utf8.count + 3)
        for byte in text.utf8 where byte != 0x0A && byte != 0x0D && byte != 0x20 && byte != 0x09 {
            cleaned.append(byte)
        }
        while cleaned.count % 4 != 0 { cleaned.append(UInt8(ascii: "=")) }
        return Data(base64Encoded: Data(cleaned)).map { [UInt8]($0) }
    }

    /// A JSON string body whose meaning depends on the message's media type: JSON text for a JSON type (the
    /// body was the JSON string itself), the raw text for anything else.
    static func stringBody(_ text: String, contentType: String?) -> HTTPBody {
        MediaTypeName.isJSON(contentType ?? "") ? .json(.string(text)) : .bytes(Array(text.utf8))
    }

    // MARK: Forms

    /// `application/x-www-form-urlencoded` serialization, as browsers write it (space as `+`).
    static func formURLEncoded(_ pairs: [(name: String, value: String)]) -> String {
        pairs.map { formEscape($0.name) + "=" + formEscape($0.value) }.joined(separator: "&")
    }

    private static func formEscape(_ text: String) -> String {
        var escaped = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "*"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"):
                escaped.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " "):
                escaped += "+"
            default:
                escaped += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return escaped
    }

    // MARK: Locations

    /// Lines longer than this are not shown in error snippets: they come from minified recordings, where the
    /// "line" is a whole entry or the whole file.
    static let maxSnippetBytes = 4096

    /// An error the parser reported inside a value's own bytes, moved to where the value sits in the file.
    static func relocate(_ error: LoadError, from start: TextMark) -> LoadError {
        var moved = error
        let inner = error.location
        moved.location.line = start.line + inner.line - 1
        if inner.line == 1 {
            moved.location.column = start.column + inner.column - 1
            moved.sourceLine = start.linePrefix.flatMap { prefix in
                error.sourceLine.map { String(decoding: prefix, as: UTF8.self) + $0 }
            }
        }
        if let line = moved.sourceLine, line.utf8.count > maxSnippetBytes { moved.sourceLine = nil }
        return moved
    }

    /// A problem found in a parsed value, located in the file: the value's bytes are read again, this time with
    /// a source map (only on this rare path, so the common path parses without recording locations).
    static func locate(_ problem: EntryProblem, in bytes: [UInt8], path: String, from start: TextMark) -> LoadError {
        let file = SourceFile(path: path, bytes: bytes)
        var inner = SourceLocation(file: path, line: 1, column: 1)
        if let document = try? JSONReader.read(file) {
            var pointer = problem.pointer
            while document.location(of: pointer) == nil, let parent = pointer.parent { pointer = parent }
            inner = document.location(of: pointer) ?? inner
        }
        let error = LoadError(.syntax, problem.message, at: inner, sourceLine: file.lineText(inner.line))
        return relocate(error, from: start)
    }

    /// A problem found in a document loaded whole (VCR, Pact), located through the document's source map.
    static func locate(_ problem: EntryProblem, under base: JSONPointer, in document: LoadedDocument) -> LoadError {
        var pointer = base.appending(problem.pointer)
        while document.location(of: pointer) == nil, let parent = pointer.parent { pointer = parent }
        let location = document.location(of: pointer) ?? SourceLocation(file: document.file.path, line: 1, column: 1)
        var sourceLine = document.file.lineText(location.line)
        if let line = sourceLine, line.utf8.count > maxSnippetBytes { sourceLine = nil }
        return LoadError(.syntax, problem.message, at: location, sourceLine: sourceLine)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
