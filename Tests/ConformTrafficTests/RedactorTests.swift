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
}
