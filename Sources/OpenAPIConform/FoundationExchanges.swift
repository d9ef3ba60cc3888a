import ConformChecks
import ConformFindings
import ConformTraffic
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Exchanges from Foundation's URL loading types, for test suites that call their API with `URLSession`:
///
/// ```swift
/// let (data, response) = try await URLSession.shared.data(for: request)
/// let result = contract.validate(request, response as? HTTPURLResponse, body: data)
/// #expect(result.passed, "\(result)")
/// ```
extension HTTPRequest {
    /// The request's method (GET when it has none), URL, header fields and body.
    ///
    /// Header fields come from `allHTTPHeaderFields`, sorted by name (Foundation keeps them unordered); fields
    /// URLSession adds while sending are not part of a `URLRequest` (pass `task.currentRequest` to see those).
    /// A body given as `httpBodyStream` is read from the stream when it has not been read yet.
    public init(_ request: URLRequest) {
        var headers = HTTPHeaders()
        for (name, value) in (request.allHTTPHeaderFields ?? [:]).sorted(by: { $0.key.lowercased() < $1.key.lowercased() }) {
            headers.append(name: name, value: value)
        }
        var body: [UInt8]? = request.httpBody.map { [UInt8]($0) }
        if body == nil, let stream = request.httpBodyStream { body = Self.read(stream) }
        self.init(
            method: (request.httpMethod ?? "GET").uppercased(), url: request.url?.absoluteString ?? "/",
            headers: headers, body: body.map { $0.isEmpty ? .none : .bytes($0) } ?? .none)
    }

    private static func read(_ stream: InputStream) -> [UInt8] {
        guard stream.streamStatus == .notOpen else { return [] }
        stream.open()
        defer { stream.close() }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = stream.read(&buffer, maxLength: buffer.count)
            guard count > 0 else { break }
            bytes.append(contentsOf: buffer[..<count])
        }
        return bytes
    }
}

extension HTTPResponse {
    /// The response's status and header fields (sorted by name: Foundation keeps them unordered), with `body`.
    public init(_ response: HTTPURLResponse, body: Data?) {
        var fields: [(name: String, value: String)] = []
        for (name, value) in response.allHeaderFields {
            guard let name = name as? String else { continue }
            fields.append((name, value as? String ?? String(describing: value)))
        }
        fields.sort { $0.name.lowercased() < $1.name.lowercased() }
        self.init(
            status: response.statusCode, headers: HTTPHeaders(fields),
            body: body.map { $0.isEmpty ? .none : .bytes([UInt8]($0)) } ?? .none)
    }
}

extension HTTPExchange {
    /// A request and, when there is one, the response and its body.
    public init(
        _ request: URLRequest, _ response: HTTPURLResponse?, body: Data?,
        source: ExchangeReference = ExchangeReference(source: .live("URLSession"), index: 0), comment: String? = nil
    ) {
        self.init(
            request: HTTPRequest(request), response: response.map { HTTPResponse($0, body: body) }, source: source, comment: comment)
    }
}

extension Contract {
    /// Checks a request made with Foundation and what came back: `validate(HTTPExchange(request, response, body:))`.
    public func validate(_ request: URLRequest, _ response: HTTPURLResponse?, body: Data?) -> ExchangeResult {
        validate(HTTPExchange(request, response, body: body))
    }
}
