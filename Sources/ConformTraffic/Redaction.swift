import ConformFindings
import ConformValues
import Foundation
/// Keeps credentials out of every output: the values of credential headers, query parameters and cookies of an
/// exchange are collected, and any text shown about the exchange has them replaced.
///
/// A reference: one redactor serves every worker, and the visitors that walk an exchange's credentials capture it;
/// a struct of sets would have every core update each set's reference count for every exchange.
package final class Redactor: Sendable {
    package static let mask = SecretText.mask

    /// Headers that always carry credentials, plus the header names of the description's apiKey schemes.
    package let headerNames: Set<String>
    /// Query parameter names that carry credentials (apiKey schemes in query, and common names).
    package let queryNames: Set<String>
    /// Cookie names of apiKey schemes; every cookie value is treated as a secret anyway.
    package let cookieNames: Set<String>

    /// Besides the generic ones, the key headers of widespread gateways and clouds (Azure API Management and
    /// Functions, Google, GitLab, RapidAPI) and anti-forgery tokens, which browser captures are full of.
    package static let credentialHeaders: Set<String> = [
        "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key", "x-auth-token",
        "x-access-token", "x-amz-security-token", "ocp-apim-subscription-key", "x-functions-key", "x-goog-api-key",
        "private-token", "x-rapidapi-key", "x-csrf-token", "x-xsrf-token",
    ]
    /// Besides the generic ones, OAuth's tokens and the signed-URL parameters of S3 (SigV4), Google Cloud Storage
    /// and Azure SAS (`sig`): a presigned download link in a capture is a credential until it expires.
    package static let credentialQueryNames: Set<String> = [
        "api_key", "apikey", "api-key", "access_token", "token", "key", "signature", "sig", "password", "secret",
        "client_secret", "refresh_token", "id_token", "auth_token", "private_token", "x-amz-signature",
        "x-amz-credential", "x-amz-security-token", "x-goog-signature", "x-goog-credential",
    ]

    /// `headerNames` and `queryNames` as every field and query pair of every exchange is asked about them.
    private let credentialHeaderNames: CaseInsensitiveNames
    private let credentialQueryNames: CaseInsensitiveNames

    package init(headerNames: [String] = [], queryNames: [String] = [], cookieNames: [String] = []) {
        self.headerNames = Self.credentialHeaders.union(headerNames.map { $0.lowercased() })
        self.queryNames = Self.credentialQueryNames.union(queryNames.map { $0.lowercased() })
        self.cookieNames = Set(cookieNames)
        credentialHeaderNames = CaseInsensitiveNames(self.headerNames)
        credentialQueryNames = CaseInsensitiveNames(self.queryNames)
    }

    /// Credentials shorter than this are not masked: a `1` would mask unrelated text, and no credential is that short.
    static let minimumSecretLength = 4

    /// The secrets of one exchange, longest first so that a token is masked before a part of it: parts of its
    /// header values and URL, valid while the exchange is. Asked for every exchange with a finding, so names and
    /// the query are read in place, byte by byte, and no secret is copied.
    package func secrets(of exchange: HTTPExchange) -> [Substring] {
        // Room for the usual few (a token, its header's whole value, a cookie) made at the first, and sorted where
        // they are: one allocation per failing exchange with credentials rather than three, none without.
        var secrets: [Substring] = []
        forEachSecret(of: exchange) { secret in
            guard !secrets.contains(where: { $0.utf8.elementsEqual(secret.utf8) }) else { return }
            if secrets.isEmpty { secrets.reserveCapacity(8) }
            secrets.append(secret)
        }
        secrets.sort { $0.utf8.count > $1.utf8.count }
        return secrets
    }

    /// `text` with the exchange's secrets masked. The passing exchanges' comments come through here: when the text
    /// holds none of them, as is usual, it is returned without the list of secrets being made.
    package func scrub(_ text: String, of exchange: HTTPExchange) -> String {
        guard text.utf8.count >= Self.minimumSecretLength else { return text }
        var holdsSecret = false
        forEachSecret(of: exchange) { secret in
            if !holdsSecret, text.containsBytes(of: secret) { holdsSecret = true }
        }
        return holdsSecret ? scrub(text, secrets: secrets(of: exchange)) : text
    }

    /// Each credential value of an exchange as sent (a value may come more than once): credential headers' values,
    /// the token after an authorization scheme, cookie values, credential query values; none shorter than
    /// `minimumSecretLength`.
    private func forEachSecret(of exchange: HTTPExchange, _ visitor: (Substring) -> Void) {
        func body(_ secret: Substring) {
            if secret.utf8.count >= Self.minimumSecretLength { visitor(secret) }
        }
        func visit(_ headers: HTTPHeaders) {
            // By index, so that only credential fields are read out: a field's copy retains its value.
            let fields = headers.fields
            for index in fields.indices where isCredentialHeader(fields[index].name) {
                let (name, value) = fields[index]
                body(Substring(value))
                // `Bearer abc`: the token alone may be quoted elsewhere.
                if let space = value.firstIndex(ofASCII: UInt8(ascii: " ")) {
                    body(value[value.utf8.index(after: space)...].trimmingASCIISpaces())
                }
                if name.caseInsensitiveEquals("cookie") || name.caseInsensitiveEquals("set-cookie") {
                    for pair in HTTPHeaders.cookiePairs(value) { body(Substring(pair.value)) }
                }
            }
        }
        visit(exchange.request.headers)
        if let response = exchange.response { visit(response.headers) }
        let url = exchange.request.url
        if let password = Self.userinfoPassword(in: url) { body(url[password]) }
        if let mark = url.firstIndex(ofASCII: UInt8(ascii: "?")) {
            let end = url[mark...].firstIndex(ofASCII: UInt8(ascii: "#")) ?? url.endIndex
            QueryPair.forEachPair(in: url[url.utf8.index(after: mark)..<end]) { name, value in
                if isCredentialQueryName(name) {
                    body(Substring(PercentDecoding.decode(value, plusIsSpace: true)))
                }
            }
        }
    }

    private func isCredentialHeader(_ name: String) -> Bool {
        credentialHeaderNames.contains(name)
    }

    /// Whether a query parameter's name as sent names a credential once percent-decoded. Every name of every
    /// exchange's URL is asked, and most have nothing to decode: those are compared where they are.
    private func isCredentialQueryName(_ encoded: Substring) -> Bool {
        guard PercentDecoding.isEncoded(encoded, plusIsSpace: true) else { return credentialQueryNames.contains(encoded) }
        return credentialQueryNames.contains(PercentDecoding.decode(encoded, plusIsSpace: true))
    }

    /// The text with every secret replaced.
    package func scrub(_ text: String, secrets: [Substring]) -> String {
        guard !secrets.isEmpty else { return text }
        var result = text
        for secret in secrets where result.containsBytes(of: secret) {
            result = result.replacingOccurrences(of: String(secret), with: Self.mask)
        }
        return result
    }

    /// Where the password of a URL's userinfo is (`https://user:pass@host/…`, RFC 3986 §3.2.1, which deprecates
    /// it and tells applications not to render it in clear); nil when there is none.
    static func userinfoPassword(in url: String) -> Range<String.Index>? {
        // Most URLs hold no `@` at all, which `memchr` tells at once.
        guard url.firstIndex(ofASCII: UInt8(ascii: "@")) != nil, let scheme = url.firstRange(ofBytes: "://") else {
            return nil
        }
        let authority = url[scheme.upperBound...]
        let end = authority.utf8.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }
            ?? authority.endIndex
        // The last `@` ends the userinfo; the first `:` within it ends the user name.
        guard let at = authority[..<end].utf8.lastIndex(of: UInt8(ascii: "@")),
            let colon = authority[..<at].utf8.firstIndex(of: UInt8(ascii: ":"))
        else { return nil }
        let password = authority.utf8.index(after: colon)..<at
        return password.isEmpty ? nil : password
    }

    /// The URL with the userinfo's password and credential query values masked (before percent-decoding, so the
    /// mask is also applied to encoded forms).
    package func redact(url given: String) -> String {
        var url = given
        if let password = Self.userinfoPassword(in: url) { url.replaceSubrange(password, with: Self.mask) }
        // Every failing exchange's URL passes through here: delimiters are found as bytes, and a URL whose query
        // names no credential is returned as it is.
        let bytes = url.utf8
        let fragmentStart = url.firstIndex(ofASCII: UInt8(ascii: "#")) ?? bytes.endIndex
        guard let mark = url[..<fragmentStart].firstIndex(ofASCII: UInt8(ascii: "?")) else { return url }
        let query = url[bytes.index(after: mark)..<fragmentStart]
        let pairs = query.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: false)
        func isCredential(_ pair: Substring.UTF8View.SubSequence) -> Substring? {
            guard let equals = pair.firstIndex(of: UInt8(ascii: "=")) else { return nil }
            // An empty value holds no secret, and a mask would claim one was sent.
            guard pair.index(after: equals) < pair.endIndex else { return nil }
            let name = Substring(pair[..<equals])
            return isCredentialQueryName(name) ? name : nil
        }
        guard pairs.contains(where: { isCredential($0) != nil }) else { return url }
        let masked = pairs.map { pair in isCredential(pair).map { "\($0)=\(Self.mask)" } ?? String(Substring(pair)) }
        return String(url[...mark]) + masked.joined(separator: "&") + url[fragmentStart...]
    }
}

extension Redactor {
    /// The exchange as a recording may keep it: the values of credential headers, credential query parameters and
    /// cookies are replaced by `mask`, their names kept, so the recording still shows that a credential was sent
    /// (which the security check reads as a credential present but hidden) without holding the secret. Bodies are
    /// kept as they are: a body's fields are checked against a schema, and a mask there would be a finding of its
    /// own. An empty value stays empty: it held no secret, and a mask would claim one was sent.
    package func redacted(_ exchange: HTTPExchange) -> HTTPExchange {
        var copy = exchange
        copy.request.url = redact(url: exchange.request.url)
        copy.request.headers = redacted(exchange.request.headers)
        if let response = exchange.response {
            copy.response?.headers = redacted(response.headers)
        }
        return copy
    }

    /// HTTP authentication schemes (the IANA registry and the common `Token`), lower-cased.
    private static let schemeNames: Set<String> = [
        "basic", "bearer", "digest", "dpop", "gnap", "hoba", "mutual", "negotiate", "oauth", "privatetoken",
        "scram-sha-1", "scram-sha-256", "vapid", "token", "aws4-hmac-sha256",
    ]

    /// Headers with credential values masked, in their order, names as written.
    package func redacted(_ headers: HTTPHeaders) -> HTTPHeaders {
        HTTPHeaders(headers.fields.map { field in
            let name = field.name.lowercased()
            guard headerNames.contains(name), !field.value[...].trimmingASCIISpaces().isEmpty else { return field }
            return (field.name, redactedValue(of: name, field.value))
        })
    }

    /// One credential header's value masked, keeping what is not secret: the scheme of `Authorization: Bearer …`
    /// (so the check still sees which scheme was used), every cookie's name, and a `Set-Cookie`'s attributes.
    private func redactedValue(of name: String, _ value: String) -> String {
        switch name {
        case "authorization", "proxy-authorization":
            let parts = value.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, !parts[1].trimmingASCIISpaces().isEmpty else {
                // A scheme with nothing after it sent no secret, and the check must still see that it is empty; a
                // lone word that is no scheme is a token sent without one.
                let word = value.trimmingCharacters(in: .whitespaces)
                return Self.schemeNames.contains(word.lowercased()) ? value : Self.mask
            }
            return "\(parts[0]) \(Self.mask)"
        case "cookie":
            let pairs = HTTPHeaders.cookiePairs(value)
            guard !pairs.isEmpty else { return Self.mask }
            return pairs.map { "\($0.name)=\(Self.mask)" }.joined(separator: "; ")
        case "set-cookie":
            var pieces = value.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            guard let first = pieces.first, let equals = first.firstIndex(of: "=") else { return Self.mask }
            pieces[0] = first[...equals] + Self.mask
            return pieces.joined(separator: ";")
        default:
            return Self.mask
        }
    }
}
