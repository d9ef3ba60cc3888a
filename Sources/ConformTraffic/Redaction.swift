import Foundation
/// Keeps credentials out of every output: the values of credential headers, query parameters and cookies of an
/// exchange are collected, and any text shown about the exchange has them replaced.
package struct Redactor: Sendable {
    package static let mask = "[REDACTED]"

    /// Headers that always carry credentials, plus the header names of the description's apiKey schemes.
    package let headerNames: Set<String>
    /// Query parameter names that carry credentials (apiKey schemes in query, and common names).
    package let queryNames: Set<String>
    /// Cookie names of apiKey schemes; every cookie value is treated as a secret anyway.
    package let cookieNames: Set<String>

    package static let credentialHeaders: Set<String> = [
        "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key", "x-auth-token",
        "x-access-token", "x-amz-security-token",
    ]
    package static let credentialQueryNames: Set<String> = [
        "api_key", "apikey", "api-key", "access_token", "token", "key", "signature", "sig", "password", "secret",
        "client_secret",
    ]

    package init(headerNames: [String] = [], queryNames: [String] = [], cookieNames: [String] = []) {
        self.headerNames = Self.credentialHeaders.union(headerNames.map { $0.lowercased() })
        self.queryNames = Self.credentialQueryNames.union(queryNames.map { $0.lowercased() })
        self.cookieNames = Set(cookieNames)
    }

    /// The secret strings of one exchange, longest first so that a token is masked before a part of it.
    package func secrets(of exchange: HTTPExchange) -> [String] {
        var secrets: Set<String> = []
        func addHeader(_ value: String) {
            secrets.insert(value)
            // `Bearer abc`: the token alone may be quoted elsewhere.
            if let space = value.firstIndex(of: " ") {
                secrets.insert(String(value[value.index(after: space)...]).trimmingCharacters(in: .whitespaces))
            }
        }
        let headerSets = [exchange.request.headers] + (exchange.response.map { [$0.headers] } ?? [])
        for headers in headerSets {
            for (name, value) in headers where headerNames.contains(name.lowercased()) {
                addHeader(value)
                if name.lowercased() == "cookie" || name.lowercased() == "set-cookie" {
                    for pair in HTTPHeaders.cookiePairs(value) { secrets.insert(pair.value) }
                }
            }
        }
        for (name, value) in RequestURL(exchange.request.url).queryPairs where queryNames.contains(name.lowercased()) {
            secrets.insert(value)
        }
        // Very short values (a `1`) would mask unrelated text; credentials are never that short.
        return secrets.filter { $0.count >= 4 }.sorted { $0.count > $1.count }
    }

    /// The text with every secret replaced.
    package func scrub(_ text: String, secrets: [String]) -> String {
        guard !secrets.isEmpty else { return text }
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: Self.mask)
        }
        return result
    }

    /// The URL with credential query values masked (before percent-decoding, so the mask is also applied to
    /// encoded forms).
    package func redact(url: String) -> String {
        guard let mark = url.firstIndex(of: "?") else { return url }
        let query = url[url.index(after: mark)...]
        let pairs = query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            let pieces = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pieces.count == 2, queryNames.contains(String(pieces[0]).lowercased()) else { return String(pair) }
            return "\(pieces[0])=\(Self.mask)"
        }
        return String(url[...mark]) + pairs.joined(separator: "&")
    }
}
