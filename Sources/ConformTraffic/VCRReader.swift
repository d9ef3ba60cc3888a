import ConformFindings
import ConformValues

/// Reads a VCR cassette: the YAML `schemathesis run --cassette-path` writes (also Ruby VCR's and betamax's
/// `http_interactions`, and vcrpy's `interactions`). A cassette is loaded whole; each interaction becomes one
/// result, in order.
///
/// Schemathesis writes, per interaction:
/// ```yaml
/// - id: '3'
///   request:
///     uri: 'http://127.0.0.1/api/users?limit=1'
///     method: 'POST'
///     headers: {"Content-Type": ["application/json"]}
///     body: {encoding: 'utf-8', string: "{...}"}   # base64_string: '...' when exact bytes are kept
///   response:                                             # null when the request failed
///     status: {code: '201', message: "Created"}
///     headers: {...}
///     body: {encoding: 'utf-8', string: "..."}
/// ```
enum VCRReader {
    static func read(_ file: SourceFile, limits: LoadLimits = .default) throws(LoadError) -> [ExchangeReadResult] {
        let document = try DocumentReader.read(file, limits: limits)
        let start = SourceLocation(file: file.path, line: 1, column: 1)
        guard let root = document.root.objectValue else {
            throw LoadError(.syntax, "a VCR cassette must be a mapping with an \"http_interactions\" list", at: start)
        }
        let key = root["http_interactions"] != nil ? "http_interactions" : "interactions"
        guard let interactions = root[key]?.arrayValue else {
            let location = document.location(of: .root / key) ?? start
            throw LoadError(.syntax, "VCR cassette has no \"http_interactions\" list", at: location)
        }
        var results: [ExchangeReadResult] = []
        for (index, interaction) in interactions.enumerated() {
            let pointer = JSONPointer.root / key / index
            let source = ExchangeReference(file: file.path, index: index, line: document.location(of: pointer)?.line)
            do {
                let isBinary = { (relative: JSONPointer) in document.isBinary(at: pointer.appending(relative)) }
                results.append(.exchange(try exchange(from: interaction, source: source, isBinary: isBinary)))
            } catch {
                results.append(.unreadable(ExchangeMapping.locate(error, under: pointer, in: document), index: index))
            }
        }
        return results
    }

    /// `isBinary` says whether the value at a pointer (from the interaction) was a YAML scalar tagged binary.
    static func exchange(
        from value: JSONValue, source: ExchangeReference, isBinary: (JSONPointer) -> Bool = { _ in false }
    ) throws(EntryProblem) -> HTTPExchange {
        guard let interaction = value.objectValue else {
            throw EntryProblem("a VCR interaction must be a mapping, not \(value.typeName)", at: .root)
        }
        let requestPointer = JSONPointer.root / "request"
        guard let request = interaction["request"]?.objectValue else {
            throw EntryProblem("VCR interaction has no \"request\" mapping", at: .root)
        }
        guard let method = request["method"]?.stringValue, !method.isEmpty else {
            throw EntryProblem("VCR request has no \"method\" string", at: requestPointer)
        }
        guard let uri = (request["uri"] ?? request["url"])?.stringValue else {
            throw EntryProblem("VCR request has no \"uri\" string", at: requestPointer)
        }
        let exchangeRequest = HTTPRequest(
            method: method.uppercased(), url: uri,
            headers: try ExchangeMapping.headers(request["headers"], at: requestPointer / "headers"),
            body: try body(request["body"], at: requestPointer / "body", isBinary: isBinary))
        return HTTPExchange(
            request: exchangeRequest,
            response: try response(interaction["response"], at: .root / "response", isBinary: isBinary),
            source: source,
            comment: interaction["id"].flatMap(ExchangeMapping.headerText))
    }

    private static func response(
        _ value: JSONValue?, at pointer: JSONPointer, isBinary: (JSONPointer) -> Bool
    ) throws(EntryProblem) -> HTTPResponse? {
        guard let value, value != .null else { return nil }
        guard let response = value.objectValue else {
            throw EntryProblem("VCR response must be a mapping, not \(value.typeName)", at: pointer)
        }
        let status = response["status"]
        guard let code = HAREntry.statusCode(status?["code"] ?? status) else {
            throw EntryProblem("VCR response has no status code", at: pointer)
        }
        return HTTPResponse(
            status: code,
            headers: try ExchangeMapping.headers(response["headers"], at: pointer / "headers"),
            body: try body(response["body"], at: pointer / "body", isBinary: isBinary))
    }

    /// `{encoding, string}` or `{encoding, base64_string}`, or a bare string (vcrpy); an empty string is no body,
    /// since cassettes write `string: ''` for a request that had none. A string tagged binary (vcrpy's `!!binary`
    /// for any body that is not UTF-8 text, a compressed one above all; Ruby's `!binary`) is the base64 of the
    /// bytes.
    private static func body(_ value: JSONValue?, at pointer: JSONPointer, isBinary: (JSONPointer) -> Bool) throws(EntryProblem) -> HTTPBody {
        func text(_ text: String, at pointer: JSONPointer) throws(EntryProblem) -> HTTPBody {
            guard isBinary(pointer) else { return text.isEmpty ? .none : .bytes(Array(text.utf8)) }
            guard let bytes = ExchangeMapping.decodeBase64(text) else { throw EntryProblem("a body tagged binary is not valid base64", at: pointer) }
            return bytes.isEmpty ? .none : .bytes(bytes)
        }
        switch value {
        case nil, .null?:
            return .none
        case .string(let string)?:
            return try text(string, at: pointer)
        case .object(let body)?:
            if let encoded = body["base64_string"], encoded != .null {
                guard let text = encoded.stringValue, let bytes = ExchangeMapping.decodeBase64(text) else {
                    throw EntryProblem("\"base64_string\" is not valid base64", at: pointer / "base64_string")
                }
                return bytes.isEmpty ? .none : .bytes(bytes)
            }
            switch body["string"] {
            case nil, .null?:
                return .none
            case .string(let string)?:
                return try text(string, at: pointer / "string")
            case let other?:
                // A YAML plain scalar such as `string: 42` resolves to a number; its text is the body.
                guard let text = ExchangeMapping.headerText(other) else {
                    throw EntryProblem(
                        "body \"string\" must be a string, not \(other.typeName)", at: pointer / "string")
                }
                return .bytes(Array(text.utf8))
            }
        case let other?:
            throw EntryProblem("VCR body must be a mapping or a string, not \(other.typeName)", at: pointer)
        }
    }
}
