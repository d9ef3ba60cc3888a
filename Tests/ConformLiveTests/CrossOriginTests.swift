import ConformChecks
import ConformHTTP
import ConformTestSupport
import Foundation
import OpenAPIConform
import Testing

@testable import ConformLive

/// A page of another origin calls the mock as a front end in development does: preflights are answered, answers
/// name the page's origin and expose their fields, and neither changes what the report holds.
@Suite struct CrossOriginTests {
    static let orders = TestPaths.fixture("ConformLiveTests", "orders.yaml")

    static func withMock<T>(crossOrigin: Bool = true, _ body: (MockServer, UInt16) throws -> T) throws -> T {
        let contract = try Contract(path: orders)
        let server = MockServer(contract: contract, name: "test", configuration: HTTPServerConfiguration(), crossOrigin: crossOrigin)
        let port = try server.start()
        defer { server.stop() }
        return try body(server, port)
    }

    @Test func aPreflightIsAnsweredAndIsNoExchange() throws {
        try Self.withMock { server, port in
            let client = try RawHTTPClient(port: port)
            client.send(
                "OPTIONS /v1/orders HTTP/1.1\r\nHost: x\r\nOrigin: http://localhost:3000\r\nAccess-Control-Request-Method: POST\r\n"
                    + "Access-Control-Request-Headers: content-type, authorization\r\n\r\n")
            let preflight = try client.readResponse()
            #expect(preflight.status == 204)
            #expect(preflight.header("Access-Control-Allow-Origin") == "http://localhost:3000")
            #expect(preflight.header("Access-Control-Allow-Methods") == "POST")
            #expect(preflight.header("Access-Control-Allow-Headers") == "content-type, authorization")
            #expect(preflight.header("Access-Control-Allow-Credentials") == "true")
            client.send("GET /v1/orders?limit=2 HTTP/1.1\r\nHost: x\r\nOrigin: http://localhost:3000\r\nAuthorization: Bearer tok_123456\r\n\r\n")
            let listed = try client.readResponse()
            #expect(listed.status == 200)
            #expect(listed.header("Access-Control-Allow-Origin") == "http://localhost:3000")
            #expect(listed.header("Vary") == "Origin")
            #expect(listed.header("Access-Control-Expose-Headers") == "X-RateLimit-Remaining", "Content-Type is safelisted")
            #expect(server.report.exchangeCount == 1, "the preflight is the browser's, not an exchange of the API")
        }
    }

    /// Without `Origin` nothing changes; an OPTIONS that is no preflight is routed as any request (405 here).
    @Test func aRequestWithoutOriginIsAnsweredAsBefore() throws {
        try Self.withMock { server, port in
            let client = try RawHTTPClient(port: port)
            client.send("GET /v1/orders HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer tok_123456\r\n\r\n")
            let listed = try client.readResponse()
            #expect(listed.status == 200)
            #expect(!listed.headers.contains { $0.name.lowercased().hasPrefix("access-control-") })
            client.send("OPTIONS /v1/orders HTTP/1.1\r\nHost: x\r\nOrigin: http://localhost:3000\r\n\r\n")
            #expect(try client.readResponse().status == 405)
            #expect(server.report.exchangeCount == 2)
        }
    }

    @Test func noCORSAnswersAPreflightAsAnyRequest() throws {
        try Self.withMock(crossOrigin: false) { _, port in
            let client = try RawHTTPClient(port: port)
            client.send("OPTIONS /v1/orders HTTP/1.1\r\nHost: x\r\nOrigin: http://localhost:3000\r\nAccess-Control-Request-Method: POST\r\n\r\n")
            let preflight = try client.readResponse()
            #expect(preflight.status == 405)
            #expect(preflight.header("Access-Control-Allow-Origin") == nil)
        }
    }

    /// The whole protocol in a browser: a page served from one port posts JSON with a bearer token to the mock on
    /// another (which the browser preflights) and reads a response field it may only read when exposed.
    @Test(.enabled(if: Chromium.path != nil, "chromium is not installed (apt-get install chromium)"))
    func aPageOfAnotherOriginCallsTheMockInABrowser() throws {
        try Self.withMock { server, mockPort in
            let page = """
                <!doctype html><html><body><pre id="out">pending</pre><script>
                (async () => {
                  const base = 'http://127.0.0.1:\(mockPort)/v1', out = [];
                  const auth = {'Authorization': 'Bearer tok_123456'};
                  try {
                    const created = await fetch(base + '/orders', {method: 'POST',
                      headers: {...auth, 'Content-Type': 'application/json'},
                      body: JSON.stringify({amount: 1200, currency: 'eur', email: 'a@example.com'})});
                    out.push('POST ' + created.status);
                    const listed = await fetch(base + '/orders?limit=2', {headers: auth});
                    out.push('GET ' + listed.status + ' remaining=' + listed.headers.get('X-RateLimit-Remaining'));
                  } catch (error) { out.push('refused: ' + error); }
                  document.getElementById('out').textContent = out.join(' | ');
                })();
                </script></body></html>
                """
            let pages = HTTPServer(configuration: HTTPServerConfiguration()) { _ in
                HTTPServerResponse(status: 200, headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(page.utf8))
            }
            let pagePort = try pages.start()
            defer { pages.stop() }
            let run = try Chromium.load(url: "http://127.0.0.1:\(pagePort)/", budget: 5000)
            #expect(run.dom.contains("POST 201 | GET 200 remaining="), "\(run.dom) \(run.console)")
            #expect(!run.dom.contains("remaining=null"), "the field is exposed to the page")
            #expect(server.report.exchangeCount == 2)
        }
    }
}
