import Testing

@testable import ConformTraffic

/// A recorded URL read the way parameter checks need it: names decoded, values kept as sent so a style can split
/// on its delimiters before `%2C` becomes a comma (RFC 6570), path segments available as sent.
@Suite struct RequestURLTests {
    struct Pair: Sendable, Equatable, CustomStringConvertible {
        var name: String
        var raw: String
        var value: String
        var description: String { "\(name)=\(raw) (\(value))" }
    }

    static func pairs(_ url: String) -> [Pair] {
        RequestURL(url).rawQueryPairs.map { Pair(name: $0.name, raw: String($0.rawValue), value: $0.value) }
    }

    @Test(arguments: [
        ("/v1/customers?id=a%2Cb,c", [Pair(name: "id", raw: "a%2Cb,c", value: "a,b,c")]),
        ("/v1/customers?metadata%5Border_id%5D=6735", [Pair(name: "metadata[order_id]", raw: "6735", value: "6735")]),
        ("/search?q=Jenny+Rosen&page", [Pair(name: "q", raw: "Jenny+Rosen", value: "Jenny Rosen"), Pair(name: "page", raw: "", value: "")]),
        ("/search?expr=a=b", [Pair(name: "expr", raw: "a=b", value: "a=b")]),
        ("/search?q=caf%C3%A9#results", [Pair(name: "q", raw: "caf%C3%A9", value: "café")]),
    ])
    func queryNamesAreDecodedAndValuesKeptAsSent(_ url: String, _ expected: [Pair]) {
        #expect(Self.pairs(url) == expected)
    }

    /// Scheme, host, path and query found by their delimiters: the fragment goes first (a `?` after `#` is no
    /// query), userinfo is not part of the host, scheme and host are lower-cased, non-ASCII text stays as sent.
    @Test(arguments: [
        ("https://API.Example.com:8443/v1/pets?limit=2#top", "https", "api.example.com:8443", "/v1/pets", "limit=2"),
        ("/v1/pets", nil, nil, "/v1/pets", nil),
        ("/caf%C3%A9/é?q=é#x?y", nil, nil, "/caf%C3%A9/é", "q=é"),
        ("HTTPS://user:pw@host/a#frag?not", "https", "host", "/a", nil),
        ("https://host?x=1", "https", "host", "/", "x=1"),
        ("/a:b/c?d", nil, nil, "/a:b/c", "d"),
    ] as [(String, String?, String?, String, String?)])
    func partsAreFoundByTheirDelimiters(_ url: String, _ scheme: String?, _ host: String?, _ path: String, _ query: String?) {
        let parsed = RequestURL(url)
        #expect(parsed.scheme == scheme)
        #expect(parsed.host == host)
        #expect(parsed.path == path)
        #expect(parsed.query == query)
    }

    /// `?=`, `&=x` and `a&&b` carry no name a parameter could claim; they are not pairs at all.
    @Test(arguments: ["/pets?=", "/pets?&=x", "/pets?=&", "/pets?&&", "/pets?", "/pets"])
    func aPairWithoutANameIsDropped(_ url: String) {
        #expect(Self.pairs(url) == [])
    }

    @Test func theDecodedPairsAgreeWithTheRawOnes() {
        let url = RequestURL("/v1/customers?=x&email=jenny%40example.com&expand[]=default_source")
        #expect(url.queryPairs.map(\.name) == ["email", "expand[]"])
        #expect(url.queryPairs.map(\.value) == ["jenny@example.com", "default_source"])
    }


    /// Entries of browser captures that no HTTP server answered; an HTTP URL or a path has no such scheme.
    @Test(arguments: [
        ("data:image/png;base64,iVBORw0KGgo=", "data"), ("blob:https://app.example.com/3f1c", "blob"),
        ("chrome-extension://abcdef/content.js", "chrome-extension"), ("wss://stream.example.com/ws", "wss"), ("About:blank", "about"),
        ("https://api.example.com/v1", nil), ("HTTP://api.example.com", nil), ("/v1/orders:batchGet", nil), ("/a?b=c:d", nil),
        ("v1/orders:batchGet", nil), ("", nil),
    ] as [(String, String?)])
    func schemesNoHTTPServerAnswers(_ url: String, _ scheme: String?) {
        #expect(RequestURL.nonHTTPScheme(of: url) == scheme)
    }
}
