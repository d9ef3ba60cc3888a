import ConformHTTP

/// Lets a web page of another origin call the mock, as the Fetch standard's CORS protocol asks of a server: a front
/// end in development runs on its own port (`http://localhost:3000`), and without these headers the browser
/// withholds every answer from it.
///
/// - A preflight (OPTIONS with `Origin` and `Access-Control-Request-Method`) to a path whose description documents
///   no OPTIONS is answered 204, allowing the method and headers it asks for. It is the browser's question, not a
///   request of the API: it is no exchange of the report.
/// - Every answer to a request with an `Origin` names that origin, allows credentials (an `Authorization` header,
///   cookies) and exposes its header fields (`Location`, a rate limit), unless the description's own response says
///   `Access-Control-Allow-Origin` already.
package enum CrossOrigin {
    /// The 204 that answers a preflight: what it asks for is allowed, for ten minutes.
    package static func preflightAnswer(_ request: HTTPServerRequest) -> HTTPServerResponse {
        var headers = allowing(origin: request.header("Origin") ?? "*")
        headers.append(("Access-Control-Allow-Methods", request.header("Access-Control-Request-Method") ?? "GET"))
        if let asked = request.header("Access-Control-Request-Headers"), !asked.isEmpty {
            headers.append(("Access-Control-Allow-Headers", asked))
        }
        headers.append(("Access-Control-Max-Age", "600"))
        // A page on a public origin may ask for a private address (Private Network Access) when the mock runs locally.
        if request.header("Access-Control-Request-Private-Network")?.lowercased() == "true" {
            headers.append(("Access-Control-Allow-Private-Network", "true"))
        }
        return HTTPServerResponse(status: 204, headers: headers)
    }

    /// `response` with the headers that let the page of the request's `Origin` read it.
    package static func allowingOrigin(of request: HTTPServerRequest, _ response: HTTPServerResponse) -> HTTPServerResponse {
        guard let origin = request.header("Origin"),
            !response.headers.contains(where: { $0.name.lowercased() == "access-control-allow-origin" })
        else { return response }
        var answer = response
        let exposed = response.headers.map(\.name).filter { !safelisted.contains($0.lowercased()) }
        answer.headers += allowing(origin: origin)
        if !exposed.isEmpty { answer.headers.append(("Access-Control-Expose-Headers", exposed.joined(separator: ", "))) }
        return answer
    }

    /// The origin named (not `*`, which a request with credentials may not be answered with), and `Vary: Origin`
    /// so that a cache does not hand one origin's answer to another.
    private static func allowing(origin: String) -> [(name: String, value: String)] {
        [("Access-Control-Allow-Origin", origin), ("Access-Control-Allow-Credentials", "true"), ("Vary", "Origin")]
    }

    /// Response fields a page may read without being exposed (the Fetch standard's CORS-safelisted response
    /// header names).
    private static let safelisted: Set<String> = [
        "cache-control", "content-language", "content-length", "content-type", "expires", "last-modified", "pragma",
    ]
}
