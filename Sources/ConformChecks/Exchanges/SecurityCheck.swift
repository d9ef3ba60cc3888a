import Foundation
import ConformFindings
import ConformSpec
import ConformTraffic

/// Whether a request carries credentials for at least one of its operation's security requirements (each an AND
/// of schemes; the list an OR). Only presence and the HTTP scheme are checked, and values are never quoted.
struct SecurityCheck {
    let schemes: [String: SecurityScheme]

    struct Credentials {
        var headers: HTTPHeaders
        var query: [(name: String, value: String)]
        var cookies: [String: String]
    }

    /// Nil when satisfied; otherwise the sentence saying what was expected and what was seen.
    func problem(requirements: [SecurityRequirement], credentials: Credentials) -> String? {
        guard !requirements.isEmpty else { return nil }
        for requirement in requirements where requirement.schemes.allSatisfy({ satisfied($0.name, credentials) }) {
            return nil
        }
        let accepted = requirements.map { requirement in
            requirement.schemes.isEmpty ? "no credentials" : requirement.schemes.map { describe($0.name) }.joined(separator: " and ")
        }
        var sentence = "no credentials for any accepted security requirement; send " + accepted.joined(separator: ", or ")
        if let authorization = credentials.headers["Authorization"] {
            sentence += " (the request's Authorization header \(describe(authorization: authorization)))"
        }
        return sentence
    }

    /// What an Authorization header holds, never quoting a credential: its scheme when one precedes the
    /// credentials, or when the lone word is a scheme (registered, or one the description uses); otherwise the word
    /// is the credential itself, and only its absence of a scheme is said.
    private func describe(authorization: String) -> String {
        let parts = authorization.split(separator: " ", maxSplits: 1)
        guard let first = parts.first else { return "is empty" }
        if parts.count == 2, parts[1].contains(where: { $0 != " " && $0 != "\t" }) { return "uses the '\(first)' scheme" }
        let httpSchemes = schemes.values.compactMap { scheme -> String? in
            if case .http(let name, _) = scheme.kind { return name }
            return nil
        }
        if (Self.registeredSchemes + httpSchemes).contains(where: { String(first).caseInsensitiveEquals($0) }) {
            return "uses the '\(first)' scheme but carries no credentials"
        }
        return "has no scheme before its credentials"
    }

    /// HTTP authentication schemes of the IANA registry, and the common `Token`.
    private static let registeredSchemes = [
        "Basic", "Bearer", "Digest", "DPoP", "GNAP", "HOBA", "Mutual", "Negotiate", "OAuth", "PrivateToken",
        "SCRAM-SHA-1", "SCRAM-SHA-256", "vapid", "Token",
    ]

    private func satisfied(_ name: String, _ credentials: Credentials) -> Bool {
        guard let scheme = schemes[name] else { return false }
        switch scheme.kind {
        case .apiKey(let key, .header):
            return !(credentials.headers[key] ?? "").isEmpty
        case .apiKey(let key, .query):
            return credentials.query.contains { $0.name == key && !$0.value.isEmpty }
        case .apiKey(let key, .cookie):
            return !(credentials.cookies[key] ?? "").isEmpty
        case .apiKey(_, .path):
            return false
        case .http(let httpScheme, _):
            return authorization(credentials, scheme: httpScheme)
        case .oauth2, .openIDConnect:
            return authorization(credentials, scheme: "bearer")
        case .mutualTLS:
            // A client certificate is not part of a recording; it cannot be missing from one.
            return true
        }
    }

    /// `Authorization: <scheme> <token>` with the scheme compared case-insensitively, as RFC 9110 says.
    private func authorization(_ credentials: Credentials, scheme: String) -> Bool {
        credentials.headers.values(for: "Authorization").contains { value in
            let parts = value.split(separator: " ", maxSplits: 1)
            return parts.count == 2 && String(parts[0]).caseInsensitiveEquals(scheme) && parts[1].utf8.contains { $0 != 0x20 && $0 != 0x09 }
        }
    }

    private func describe(_ name: String) -> String {
        guard let scheme = schemes[name] else { return "'\(name)' (undefined)" }
        switch scheme.kind {
        case .apiKey(let key, let location): return "\(name) (\(location.rawValue) '\(key)')"
        case .http(let httpScheme, _): return "\(name) (Authorization: \(httpScheme.capitalized) …)"
        case .oauth2, .openIDConnect: return "\(name) (Authorization: Bearer …)"
        case .mutualTLS: return "\(name) (client certificate)"
        }
    }
}
