import ConformTraffic
import ConformValues
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// An `HTTPRequest` made into the `URLRequest` that puts it on the wire as nearly as URLSession allows.
enum WireRequest {
    /// The URL a request goes to: an absolute request URL as it is; an origin-form one (`/v1/orders?x=1`) appended to
    /// the base URL's path, which is kept exactly (base `http://h:4010/v2` + `/companies` → `http://h:4010/v2/companies`;
    /// `URL(string:relativeTo:)` would drop `/v2`). The base's own query and fragment are not carried over.
    static func resolve(_ target: String, against baseURL: URL) -> URL? {
        if let absolute = URL(string: target), let scheme = absolute.scheme?.lowercased(),
            scheme == "http" || scheme == "https", absolute.host != nil
        {
            return absolute
        }
        var base = baseURL.absoluteString
        if let cut = base.firstIndex(where: { $0 == "?" || $0 == "#" }) { base = String(base[..<cut]) }
        while base.hasSuffix("/") { base.removeLast() }
        let path = target.hasPrefix("/") ? target : "/" + target
        return URL(string: base + path)
    }

    /// The request as it is sent, checked and learned from (`$url`): its URL resolved against the base URL.
    static func resolved(_ request: HTTPRequest, against baseURL: URL) -> HTTPRequest {
        var resolved = request
        resolved.url = resolve(request.url, against: baseURL)?.absoluteString ?? request.url
        return resolved
    }

    /// Fields URLSession must own: framing follows the body it sends, Host follows the URL (a recorded or
    /// synthesized Host would address the wrong virtual host), and the connection is the session's.
    static let ownedFields: Set<String> = ["host", "content-length", "transfer-encoding", "connection"]

    /// The request's fields as URLSession can carry them. `URLRequest` holds fields in a dictionary, so a repeated
    /// name is folded into one field, values joined with `, ` in order (RFC 9110 §5.3 makes the two equivalent
    /// for list-valued fields; `Cookie` is joined with `; ` as RFC 6265 §5.4 wants), under the spelling of the
    /// name's first occurrence. Without an `Accept-Encoding` the request asks for `identity`: libcurl under
    /// URLSession would otherwise offer gzip, br and zstd and decode the answer, and the body checked would not be
    /// the bytes the API sent.
    static func fields(of headers: HTTPHeaders) -> [(name: String, value: String)] {
        var order: [String] = []
        var folded: [String: (name: String, values: [String])] = [:]
        for (name, value) in headers {
            let key = name.lowercased()
            guard !ownedFields.contains(key) else { continue }
            if folded[key] == nil {
                order.append(key)
                folded[key] = (name, [value])
            } else {
                folded[key]!.values.append(value)
            }
        }
        var fields = order.map { key in
            let entry = folded[key]!
            return (name: entry.name, value: entry.values.joined(separator: key == "cookie" ? "; " : ", "))
        }
        if folded["accept-encoding"] == nil { fields.append((name: "Accept-Encoding", value: "identity")) }
        return fields
    }

    /// Why URLSession cannot send this request as given, or nil. On Linux it fails a GET with a body
    /// ("GET method must not have a body") after the fact; saying so up front names the real cause.
    static func unsendable(_ request: HTTPRequest) -> String? {
        if request.method == "GET", !request.body.isEmpty {
            return "a GET request with a body cannot be sent through URLSession"
        }
        if request.method.isEmpty || request.method.contains(where: { $0 == " " || $0 == "\r" || $0 == "\n" }) {
            return "the method \"\(request.method)\" is not a valid HTTP method"
        }
        return nil
    }

    /// The URLRequest: method as given, fields as `fields(of:)` folds them, the body's bytes (a JSON value as its
    /// compact serialization) and no caching or cookies. Its own timeout is a backstop above the client's deadline:
    /// corelibs truncates it to whole seconds, so the client enforces the real one.
    static func urlRequest(_ request: HTTPRequest, url: URL, timeout: Duration) -> URLRequest {
        var urlRequest = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalAndRemoteCacheData)
        urlRequest.timeoutInterval = TimeInterval(timeout.components.seconds + 2)
        urlRequest.httpMethod = request.method
        urlRequest.httpShouldHandleCookies = false
        for field in fields(of: request.headers) {
            urlRequest.setValue(field.value, forHTTPHeaderField: field.name)
        }
        let body = request.body.wireBytes
        if !body.isEmpty { urlRequest.httpBody = Data(body) }
        return urlRequest
    }
}
