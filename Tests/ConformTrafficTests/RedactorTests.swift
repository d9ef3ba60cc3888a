import ConformFindings
import Testing

@testable import ConformTraffic

/// The redactor collects an exchange's credentials and masks them in any text shown about it.
@Suite struct RedactorTests {
    @Test func credentialsInQueriesAndMessagesAreMasked() throws {
        let redactor = Redactor(queryNames: ["api_token"], cookieNames: ["session"])
        let exchange = HTTPExchange(
            request: HTTPRequest(
                method: "GET", url: "https://api.example.com/items?api_token=s3cr3t-token&limit=5",
                headers: HTTPHeaders([("Authorization", "Bearer eyJhbGciOi.secret.part"), ("Cookie", "session=abcdef123456; theme=dark")])),
            response: nil, source: ExchangeReference(file: "t.har", index: 0))
        let secrets = redactor.secrets(of: exchange)
        #expect(redactor.redact(url: exchange.request.url) == "https://api.example.com/items?api_token=[REDACTED]&limit=5")
        #expect(redactor.scrub("token eyJhbGciOi.secret.part was rejected", secrets: secrets) == "token [REDACTED] was rejected")
        #expect(redactor.scrub("session abcdef123456 expired", secrets: secrets) == "session [REDACTED] expired")
        #expect(redactor.scrub("value s3cr3t-token", secrets: secrets) == "value [REDACTED]")
    }

    /// A query parameter's name is a credential's once percent-decoded and compared without regard to case; a name
    /// with nothing to decode is compared as sent.
    @Test(arguments: [
        ("https://api.example.com/a?api_key=k3y-one&limit=5", ["k3y-one"]),
        ("https://api.example.com/a?API_KEY=k3y-two", ["k3y-two"]),
        ("https://api.example.com/a?api%5Fkey=k3y-three&token=t0k3n", ["k3y-three", "t0k3n"]),
        ("https://api.example.com/a?access+token=n0t-one&key%20=n0t-two&tokens=n0t-three", []),
    ])
    func credentialQueryNamesAreReadAsSent(_ url: String, _ expected: [String]) {
        let exchange = HTTPExchange(
            request: HTTPRequest(method: "GET", url: url), response: nil, source: ExchangeReference(file: "t.har", index: 0))
        #expect(Set(Redactor().secrets(of: exchange).map(String.init)) == Set(expected))
    }

    /// Credentials a URL carries outside the generic names: a userinfo password (RFC 3986 §3.2.1: not to be shown
    /// in clear), the signature and credential of an S3 or Google Cloud Storage presigned link, OAuth's tokens.
    @Test(arguments: [
        ("https://alice:hunter2@api.example.com/v1/a?limit=5", "https://alice:[REDACTED]@api.example.com/v1/a?limit=5", ["hunter2"]),
        ("https://alice@api.example.com/v1/a", "https://alice@api.example.com/v1/a", []),
        ("https://a:b:c@d@api.example.com/x?q=1", "https://a:[REDACTED]@api.example.com/x?q=1", ["b:c@d"]),
        ("https://api.example.com/v1/a?next=https://x:y@z", "https://api.example.com/v1/a?next=https://x:y@z", []),
        (
            "https://bucket.s3.amazonaws.com/k.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLE%2F20261207&X-Amz-Signature=5f1e2d3c4b5a",
            "https://bucket.s3.amazonaws.com/k.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=[REDACTED]&X-Amz-Signature=[REDACTED]",
            ["AKIAEXAMPLE/20261207", "5f1e2d3c4b5a"]
        ),
        ("https://storage.googleapis.com/b/o?X-Goog-Signature=abcd1234", "https://storage.googleapis.com/b/o?X-Goog-Signature=[REDACTED]", ["abcd1234"]),
        ("https://auth.example.com/cb?refresh_token=rt_123456&state=s1", "https://auth.example.com/cb?refresh_token=[REDACTED]&state=s1", ["rt_123456"]),
    ])
    func credentialsInAURLAreMaskedWhereverTheURLIsShown(_ url: String, _ shown: String, _ expected: [String]) {
        let exchange = HTTPExchange(
            request: HTTPRequest(method: "GET", url: url), response: nil, source: ExchangeReference(file: "t.har", index: 0))
        let redactor = Redactor()
        #expect(redactor.redact(url: url) == shown)
        #expect(Set(redactor.secrets(of: exchange).map(String.init)) == Set(expected))
        #expect(redactor.redacted(exchange).request.url == shown, "a recording keeps the URL as shown")
    }

    /// The key headers of widespread gateways and anti-forgery tokens are credentials too.
    @Test(arguments: ["Ocp-Apim-Subscription-Key", "X-Functions-Key", "X-Goog-Api-Key", "Private-Token", "X-RapidAPI-Key", "X-CSRF-Token", "X-XSRF-TOKEN"])
    func gatewayKeyHeadersAreMasked(_ name: String) {
        let exchange = HTTPExchange(
            request: HTTPRequest(method: "GET", url: "https://api.example.com/a", headers: HTTPHeaders([(name, "k3y-0123456789")])),
            response: nil, source: ExchangeReference(file: "t.har", index: 0))
        let redactor = Redactor()
        #expect(redactor.secrets(of: exchange).map(String.init) == ["k3y-0123456789"])
        #expect(redactor.redacted(exchange).request.headers[name] == Redactor.mask)
    }
}
