import ConformValues
/// `multipart/form-data` bodies (RFC 7578): split into parts for checking, and written from parts when a recording
/// (a HAR's `postData.params`) stores the fields instead of the bytes.
package enum MultipartBody {
    /// One part: its field name and file name from `Content-Disposition`, its own headers, and its bytes.
    package struct Part: Sendable, Hashable {
        package var name: String?
        package var filename: String?
        package var contentType: String?
        /// Every header of the part, in order.
        package var headers: HTTPHeaders
        package var body: [UInt8]

        package init(name: String?, filename: String? = nil, contentType: String? = nil, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8]) {
            self.name = name
            self.filename = filename
            self.contentType = contentType
            self.headers = headers
            self.body = body
        }
    }

    /// The `boundary` parameter of a multipart media type, unquoted.
    package static func boundary(in contentType: String) -> String? {
        MediaTypeName.parameter("boundary", in: contentType)
    }

    /// The parts between the delimiters, or nil when the body has no delimiter line, or only one that does not
    /// close it. By RFC 2046 §5.1.1 a delimiter is `--boundary` at the start of a line, followed by `--` (the close
    /// delimiter) or by optional spaces and the line's end: the same bytes within a line, or followed by more of a
    /// longer boundary, are content. The preamble before the first delimiter and the epilogue after the close
    /// delimiter are dropped. A body that is only the close delimiter has no parts: that is what browsers send
    /// for an empty form (`new FormData()`), and what Go's, Node's and Python's parsers read as one.
    package static func parts(_ bytes: [UInt8], boundary: String) -> [Part]? {
        let delimiter = Array(("--" + boundary).utf8)
        var positions: [Int] = []
        var closed = false
        var lineStart = 0
        while lineStart + delimiter.count <= bytes.count {
            if bytes[lineStart..<lineStart + delimiter.count].elementsEqual(delimiter) {
                var after = lineStart + delimiter.count
                if bytes[after...].starts(with: [45, 45]) {
                    positions.append(lineStart)
                    closed = true
                    break
                }
                while after < bytes.count, bytes[after] == 32 || bytes[after] == 9 { after += 1 }
                if after == bytes.count || bytes[after] == 13 || bytes[after] == 10 { positions.append(lineStart) }
            }
            guard let lineEnd = bytes[lineStart...].firstIndex(of: 10) else { break }
            lineStart = lineEnd + 1
        }
        if positions.count == 1 && closed { return [] }
        guard positions.count >= 2 else { return nil }
        var parts: [Part] = []
        for (start, end) in zip(positions, positions.dropFirst()) {
            // The delimiter line's padding and line break go with it, as does the line break before the next one.
            var slice = bytes[(start + delimiter.count)..<end]
            if let lineEnd = slice.firstIndex(of: 10) { slice = slice[(lineEnd + 1)...] } else { slice = slice[slice.endIndex...] }
            if slice.suffix(2).elementsEqual([13, 10]) { slice = slice.dropLast(2) } else if slice.last == 10 { slice = slice.dropLast() }
            parts.append(part(Array(slice)))
        }
        return parts
    }

    private static func part(_ bytes: [UInt8]) -> Part {
        var headerEnd = bytes.count
        var bodyStart = bytes.count
        for index in bytes.indices {
            if bytes[index...].starts(with: [13, 10, 13, 10]) { headerEnd = index; bodyStart = index + 4; break }
            if bytes[index...].starts(with: [10, 10]) { headerEnd = index; bodyStart = index + 2; break }
        }
        // A part that starts with its blank line has no headers.
        if bytes.starts(with: [13, 10]) { headerEnd = 0; bodyStart = 2 } else if bytes.first == 10 { headerEnd = 0; bodyStart = 1 }
        var result = Part(name: nil, body: bodyStart <= bytes.count ? Array(bytes[bodyStart...]) : [])
        // Lines are split on bytes: in a Swift string "\r\n" is one character, equal to neither "\r" nor "\n".
        for lineBytes in bytes[..<headerEnd].split(separator: 10) {
            let line = String(decoding: lineBytes.last == 13 ? lineBytes.dropLast() : lineBytes, as: UTF8.self)
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon]).trimmingASCIISpaces()
            let value = String(line[line.index(after: colon)...]).trimmingASCIISpaces()
            result.headers.append(name: name, value: value)
            if name.caseInsensitiveEquals("Content-Type") {
                result.contentType = value
            } else if name.caseInsensitiveEquals("Content-Disposition") {
                result.name = MediaTypeName.parameter("name", in: value)
                result.filename = MediaTypeName.parameter("filename", in: value)
            }
        }
        return result
    }

    /// A body from its parts, with `boundary` between them. Names and file names are quoted, with `"` and `\`
    /// escaped. `formData` writes each part's `Content-Disposition: form-data`; the parts of `multipart/mixed`
    /// are unnamed and go without.
    package static func build(_ parts: [Part], boundary: String, formData: Bool = true) -> [UInt8] {
        var bytes: [UInt8] = []
        for part in parts {
            bytes += Array("--\(boundary)\r\n".utf8)
            if formData {
                bytes += Array("Content-Disposition: form-data; name=\"\(quoted(part.name ?? ""))\"".utf8)
                if let filename = part.filename { bytes += Array("; filename=\"\(quoted(filename))\"".utf8) }
                bytes += [13, 10]
            }
            if let contentType = part.contentType, !contentType.isEmpty { bytes += Array("Content-Type: \(contentType)\r\n".utf8) }
            for (name, value) in part.headers
            where !name.caseInsensitiveEquals("Content-Disposition") && !name.caseInsensitiveEquals("Content-Type") {
                bytes += Array("\(name): \(value)\r\n".utf8)
            }
            bytes += [13, 10] + part.body + [13, 10]
        }
        bytes += Array("--\(boundary)--\r\n".utf8)
        return bytes
    }

    private static func quoted(_ text: String) -> String {
        var result = ""
        for character in text {
            if character == "\"" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
