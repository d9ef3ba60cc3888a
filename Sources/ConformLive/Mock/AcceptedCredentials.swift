import ConformSpec
import ConformTraffic

/// The credential values a mock accepts (`mock --credential`). A description says where credentials go, never
/// which are valid, so by default any credential in the right place passes (as with Prism); given values, the mock
/// answers 401 to anything else, and a client's handling of a rejected token can be tested against it.
struct AcceptedCredentials: Sendable {
    let values: Set<String>

    init(_ values: [String] = []) {
        self.values = Set(values.filter { !$0.isEmpty })
    }

    /// Whether the request carries an accepted value for one of the schemes the operation accepts. A value matches
    /// as sent or after its authentication scheme's name (`Bearer tok_1` matches `tok_1`). Open when no values were
    /// given or the operation needs none.
    func accepts(_ request: HTTPRequest, requirements: [SecurityRequirement], schemes: [String: SecurityScheme]) -> Bool {
        guard !values.isEmpty, !requirements.isEmpty, !requirements.contains(where: { $0.schemes.isEmpty }) else { return true }
        for requirement in requirements {
            for scheme in requirement.schemes {
                guard let kind = schemes[scheme.name]?.kind else { continue }
                if sent(kind, in: request).contains(where: matches) { return true }
            }
        }
        return false
    }

    private func matches(_ sent: String) -> Bool {
        if values.contains(sent) { return true }
        guard let space = sent.firstIndex(of: " ") else { return false }
        return values.contains(String(sent[sent.index(after: space)...].drop { $0 == " " }))
    }

    /// The values a request sends where a scheme puts its credential.
    private func sent(_ kind: SecurityScheme.Kind, in request: HTTPRequest) -> [String] {
        switch kind {
        case .http, .oauth2, .openIDConnect:
            return request.headers.values(for: "Authorization")
        case .apiKey(let name, .header):
            return request.headers.values(for: name)
        case .apiKey(let name, .query):
            return RequestURL(request.url).queryPairs.filter { $0.name == name }.map(\.value)
        case .apiKey(let name, .cookie):
            return request.headers.values(for: "Cookie").flatMap(HTTPHeaders.cookiePairs).filter { $0.name == name }.map(\.value)
        case .apiKey(_, .path), .apiKey(_, .querystring), .mutualTLS:
            return []
        }
    }
}
