import ConformFindings
import ConformValues

/// Reads a Pact contract file (specification v1 to v4): each HTTP interaction is one exchange, its request and
/// the response the consumer expects. Matching rules and provider states are not looked at.
///
/// The versions differ in the query (a string up to v2, a map of value lists from v3), in header values (lists
/// in v4) and in bodies (v4 wraps them as `{content, contentType, encoded}`). Message interactions of v3/v4
/// carry no HTTP request and yield nothing. A file loads whole; contracts are small.
enum PactReader {
    static func read(_ file: SourceFile, limits: LoadLimits = .default) throws(LoadError) -> [ExchangeReadResult] {
        let document = try DocumentReader.read(file, limits: limits)
        let start = SourceLocation(file: file.path, line: 1, column: 1)
        guard let root = document.root.objectValue else {
            throw LoadError(.syntax, "a Pact file must be a JSON object with an \"interactions\" array", at: start)
        }
        guard let interactions = root["interactions"]?.arrayValue else {
            let location = document.location(of: .root / "interactions") ?? start
            throw LoadError(.syntax, "Pact file has no \"interactions\" array", at: location)
        }
        let version = majorVersion(root["metadata"])
        var results: [ExchangeReadResult] = []
        for (index, interaction) in interactions.enumerated() {
            if let type = interaction["type"]?.stringValue, type != "Synchronous/HTTP" { continue }
            let pointer = JSONPointer.root / "interactions" / index
            let source = ExchangeReference(file: file.path, index: index, line: document.location(of: pointer)?.line)
            do {
                results.append(.exchange(try exchange(from: interaction, version: version, source: source)))
            } catch {
                results.append(.unreadable(ExchangeMapping.locate(error, under: pointer, in: document), index: index))
            }
        }
        return results
    }

    /// The major Pact specification version from `metadata` (`pactSpecification.version`, or the v1 spellings);
    /// 2 when the file does not say.
    static func majorVersion(_ metadata: JSONValue?) -> Int {
        let text =
            metadata?["pactSpecification"]?["version"]?.stringValue
            ?? metadata?["pact-specification"]?["version"]?.stringValue
            ?? metadata?["pactSpecificationVersion"]?.stringValue
        return text.flatMap { Int($0.split(separator: ".").first ?? "") } ?? 2
    }

    static func exchange(from value: JSONValue, version: Int, source: ExchangeReference) throws(EntryProblem)
        -> HTTPExchange
    {
        guard let interaction = value.objectValue else {
            throw EntryProblem("a Pact interaction must be an object, not \(value.typeName)", at: .root)
        }
        let requestPointer = JSONPointer.root / "request"
        guard let request = interaction["request"]?.objectValue else {
            throw EntryProblem("Pact interaction has no \"request\" object", at: .root)
        }
        guard let method = request["method"]?.stringValue, !method.isEmpty else {
            throw EntryProblem("Pact request has no \"method\" string", at: requestPointer)
        }
        let path = request["path"]?.stringValue ?? "/"
        let query = try queryString(request["query"], at: requestPointer / "query")
        let requestHeaders = try ExchangeMapping.headers(request["headers"], at: requestPointer / "headers")
        let exchangeRequest = HTTPRequest(
            method: method.uppercased(),
            url: query.isEmpty ? path : path + "?" + query,
            headers: requestHeaders,
            body: try body(request["body"], headers: requestHeaders, version: version, at: requestPointer / "body"))

        let responsePointer = JSONPointer.root / "response"
        guard let response = interaction["response"]?.objectValue else {
            throw EntryProblem("Pact interaction has no \"response\" object", at: .root)
        }
        guard let status = HAREntry.statusCode(response["status"]) else {
            throw EntryProblem("Pact response has no numeric \"status\"", at: responsePointer)
        }
        let responseHeaders = try ExchangeMapping.headers(response["headers"], at: responsePointer / "headers")
        let exchangeResponse = HTTPResponse(
            status: status, headers: responseHeaders,
            body: try body(response["body"], headers: responseHeaders, version: version, at: responsePointer / "body"))
        return HTTPExchange(
            request: exchangeRequest, response: exchangeResponse, source: source,
            comment: interaction["description"]?.stringValue)
    }

    /// The query as URL text: a v1/v2 string as written, a v3+ map (`{"a": ["1", "2"]}`) encoded pair by pair.
    static func queryString(_ value: JSONValue?, at pointer: JSONPointer) throws(EntryProblem) -> String {
        switch value {
        case nil, .null?:
            return ""
        case .string(let text)?:
            return text
        case .object(let map)?:
            var pairs: [String] = []
            for (name, values) in map.members {
                let items = values.arrayValue ?? [values]
                for item in items {
                    guard let text = ExchangeMapping.headerText(item) else {
                        throw EntryProblem("Pact query values must be strings", at: pointer / name)
                    }
                    pairs.append(percentEncoded(name) + "=" + percentEncoded(text))
                }
            }
            return pairs.joined(separator: "&")
        case let other?:
            throw EntryProblem("Pact query must be a string or an object, not \(other.typeName)", at: pointer)
        }
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters.
    private static func percentEncoded(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += hex.count == 1 ? "%0" + hex : "%" + hex
            }
        }
        return encoded
    }

    /// A body is a JSON value, except a string under a media type that is not JSON, which is the raw text.
    private static func body(_ value: JSONValue?, headers: HTTPHeaders, version: Int, at pointer: JSONPointer)
        throws(EntryProblem) -> HTTPBody
    {
        guard let value, value != .null else { return .none }
        if version >= 4, let wrapped = value.objectValue, let content = wrapped["content"] {
            let contentType = wrapped["contentType"]?.stringValue ?? headers["Content-Type"]
            let encoded = wrapped["encoded"]
            if encoded == .bool(true) || encoded?.stringValue?.lowercased() == "base64" {
                guard let text = content.stringValue, let bytes = ExchangeMapping.decodeBase64(text) else {
                    throw EntryProblem(
                        "body \"content\" is marked base64 but is not valid base64", at: pointer / "content")
                }
                return .bytes(bytes)
            }
            if case .string(let text) = content {
                // `"encoded": "json"` marks JSON kept as text.
                if encoded?.stringValue?.lowercased() == "json", let parsed = try? JSONReader.parse(Array(text.utf8)) {
                    return .json(parsed)
                }
                return MediaTypeName.isJSON(contentType ?? "") ? .json(content) : .bytes(Array(text.utf8))
            }
            return .json(content)
        }
        if case .string(let text) = value, let contentType = headers["Content-Type"],
            !MediaTypeName.isJSON(contentType)
        {
            return .bytes(Array(text.utf8))
        }
        return .json(value)
    }
}
