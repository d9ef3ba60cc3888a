import ConformValues
import Foundation
import ConformFindings
import ConformSpec
import ConformTraffic

/// Whether a request carries credentials for at least one of its operation's security requirements (each an AND
/// of schemes; the list an OR). Only presence and the HTTP scheme are checked, and values are never quoted.
///
/// Recorders hide credentials: schemathesis writes `[Filtered]`, others `[REDACTED]` or `***`, and browsers'
/// sanitized HAR exports keep the Authorization and Cookie headers with empty values. A credential that is present
/// but hidden meets its scheme (its presence is what a recording can show), and the exchange gets a note saying so.
/// An empty API key, or a scheme with nothing after it, is no credential: no recorder empties those.
struct SecurityCheck {
    let schemes: [String: SecurityScheme]

    /// What the request's credentials come to.
    enum Outcome: Equatable {
        case met
        /// Met, but only by credentials the recording hid: the schemes they stand for, for the note.
        case metByHiddenCredentials([String])
        /// The sentence saying what was expected and what was seen.
        case unmet(String)
    }

    /// How a scheme is met by a request.
    private enum Presence {
        case present, hidden, absent
    }

    struct Credentials {
        var headers: HTTPHeaders
        var query: [(name: String, value: String)]
        var cookies: [String: String]
    }

    /// Nil when satisfied (by credentials hidden by the recorder too); otherwise the sentence saying what was
    /// expected and what was seen.
    func problem(requirements: [SecurityRequirement], credentials: Credentials) -> String? {
        if case .unmet(let sentence) = check(requirements: requirements, credentials: credentials) { return sentence }
        return nil
    }

    func check(requirements: [SecurityRequirement], credentials: Credentials) -> Outcome {
        guard !requirements.isEmpty else { return .met }
        var hiddenMatch: [String]?
        requirements: for requirement in requirements {
            // Every request comes here: no array is made unless a credential is hidden.
            var hidden: [String] = []
            for scheme in requirement.schemes {
                switch presence(of: scheme.name, in: credentials) {
                case .absent: continue requirements
                case .hidden: hidden.append(scheme.name)
                case .present: break
                }
            }
            if hidden.isEmpty { return .met }
            if hiddenMatch == nil { hiddenMatch = hidden }
        }
        if let hiddenMatch { return .metByHiddenCredentials(hiddenMatch) }
        return .unmet(unmetSentence(requirements: requirements, credentials: credentials))
    }

    private func unmetSentence(requirements: [SecurityRequirement], credentials: Credentials) -> String {
        let accepted = requirements.map { requirement in
            requirement.schemes.isEmpty ? "no credentials" : requirement.schemes.map { describe($0.name) }.joined(separator: " and ")
        }
        var sentence = "no credentials for any accepted security requirement; send " + accepted.joined(separator: ", or ")
        if let authorization = credentials.headers["Authorization"] {
            sentence += " (the request's Authorization header \(describe(authorization: authorization)))"
        }
        return sentence
    }

    /// A value a recorder put in place of a credential: `[Filtered]`, `[REDACTED]`, `<hidden>`, `***` (of any
    /// length: some recorders mask each character). Read on every request, so a real token, which differs from a
    /// mask at its first character and is longer than any word placeholder, costs a few comparisons.
    static func isPlaceholder(_ value: String) -> Bool {
        isPlaceholder(value[...])
    }

    /// `isPlaceholder` of part of a header (the token after an Authorization scheme), read in place.
    static func isPlaceholder(_ value: Substring) -> Bool {
        if value.utf8.withContiguousStorageIfAvailable(Self.isPlainlyNoPlaceholder) == true { return false }
        let text = value.trimmingASCIISpaces()
        var masked = 0
        for scalar in text.unicodeScalars {
            guard scalar == "*" || scalar == "x" || scalar == "X" || scalar == "•" else {
                masked = 0
                break
            }
            masked += 1
        }
        if masked >= 3 { return true }
        guard text.utf8.count <= Self.longestPlaceholder else { return false }
        if let word = text.withUTF8Bytes({ Self.bracketedWord($0) }) { return word }
        // Text that is not all ASCII may still lowercase to a word (the Kelvin sign to `k`): Unicode's rules.
        let lowered = text.lowercased()
        let inner = lowered.trimmingCharacters(in: CharacterSet(charactersIn: "[]<>()"))
        return Self.placeholderWords.contains(inner) && inner.count < lowered.count
    }

    /// Whether text is too long for a placeholder word and does not start as a mask does (`*`, `x`, `X`, `•`):
    /// what a real token is, decided from its bytes before anything else is asked.
    private static func isPlainlyNoPlaceholder(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        guard end - start > longestPlaceholder else { return false }
        switch bytes[start] {
        case UInt8(ascii: "*"), UInt8(ascii: "x"), UInt8(ascii: "X"), 0xE2: return false
        default: return true
        }
    }

    /// The words recorders write, bracketed, in place of a credential.
    private static let placeholderWords = ["filtered", "redacted", "removed", "hidden", "masked", "secret", "sanitized"]

    /// Whether ASCII text is one of `placeholderWords`, in any case, inside at least one of `[]<>()` at either end;
    /// nil when the text is not all ASCII. Byte comparisons: a short real token comes here on every request.
    private static func bracketedWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
        func isBracket(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "("), UInt8(ascii: ")"): true
            default: false
            }
        }
        var start = 0
        var end = bytes.count
        while start < end, isBracket(bytes[start]) { start += 1 }
        while end > start, isBracket(bytes[end - 1]) { end -= 1 }
        guard end - start < bytes.count else { return false }
        let inner = UnsafeBufferPointer(rebasing: bytes[start..<end])
        return placeholderWords.contains { word in
            word.utf8.count == inner.count
                && word.utf8.withContiguousStorageIfAvailable { String.asciiEqualIgnoringCase($0, inner) } == true
        }
    }

    /// What an Authorization header holds, never quoting a credential: its scheme when one precedes the
    /// credentials, or when the lone word is a scheme (registered, or one the description uses); otherwise the word
    /// is the credential itself, and only its absence of a scheme is said.
    private func describe(authorization: String) -> String {
        let parts = authorization.split(separator: " ", maxSplits: 1)
        guard let first = parts.first else { return "is empty" }
        if parts.count == 2, !parts[1].trimmingASCIISpaces().isEmpty { return "uses the '\(first)' scheme" }
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

    private func presence(of name: String, in credentials: Credentials) -> Presence {
        guard let scheme = schemes[name] else { return .absent }
        switch scheme.kind {
        case .apiKey(let key, .header):
            return Self.presence(of: credentials.headers.values(for: key))
        case .apiKey(let key, .query):
            return Self.presence(of: credentials.query.filter { $0.name == key }.map(\.value))
        case .apiKey(let key, .cookie):
            // A sanitized export empties the Cookie header itself, which hides every cookie.
            if let cookie = credentials.cookies[key] { return Self.presence(of: [cookie]) }
            return credentials.headers.values(for: "Cookie").contains(where: Self.isHiddenHeader) ? .hidden : .absent
        case .apiKey(_, .path), .apiKey(_, .querystring):
            return .absent
        case .http(let httpScheme, _):
            return authorization(credentials, scheme: httpScheme)
        case .oauth2, .openIDConnect:
            return authorization(credentials, scheme: "bearer")
        case .mutualTLS:
            // A client certificate is not part of a recording; it cannot be missing from one.
            return .present
        }
    }

    /// Bytes of the longest word placeholder (`<sanitized>` and the like) `isPlaceholder` looks for.
    private static let longestPlaceholder = 24

    /// A whole Authorization or Cookie header a recorder hid: a placeholder, or emptied by a sanitized export.
    private static func isHiddenHeader(_ value: String) -> Bool {
        value[...].trimmingASCIISpaces().isEmpty || isPlaceholder(value)
    }

    /// A credential sent in any of `values`: present when one is a real value, hidden when all are placeholders.
    private static func presence(of values: [String]) -> Presence {
        if values.contains(where: { !isPlaceholder($0) && !$0.trimmingASCIISpaces().isEmpty }) { return .present }
        return values.contains(where: isPlaceholder) ? .hidden : .absent
    }

    /// `Authorization: <scheme> <token>` with the scheme compared case-insensitively, as RFC 9110 says; hidden when
    /// the whole value, or the token after the right scheme, is a recorder's placeholder.
    private func authorization(_ credentials: Credentials, scheme: String) -> Presence {
        var hidden = false
        for (name, value) in credentials.headers.fields where name.caseInsensitiveEquals("Authorization") {
            let settled = scheme.utf8.withContiguousStorageIfAvailable { scheme in
                value.withUTF8Bytes { Self.plainAuthorization($0, scheme: scheme) }
            }
            switch settled ?? nil {
            case .present?: return .present
            case .absent?: continue
            case .hidden?, nil: break
            }
            if Self.isHiddenHeader(value) { hidden = true; continue }
            // `<scheme> <token>`, split at the first space after the scheme as bytes: every request comes here, and
            // tokens are long.
            let bytes = value.utf8
            guard let start = bytes.firstIndex(where: { $0 != UInt8(ascii: " ") }),
                let space = value[start...].firstIndex(ofASCII: UInt8(ascii: " ")), bytes.index(after: space) < bytes.endIndex,
                String(value[start..<space]).caseInsensitiveEquals(scheme)
            else { continue }
            let token = value[bytes.index(after: space)...]
            if Self.isPlaceholder(token) { hidden = true; continue }
            guard !token.trimmingASCIISpaces().isEmpty else { continue }
            return .present
        }
        return hidden ? .hidden : .absent
    }

    /// `authorization`'s answer for one value when its bytes settle it, as they do for a real credential: the value
    /// and the token after the scheme each too long for a placeholder and not starting as a mask does. Nil when a
    /// placeholder must be looked for in the text, which the checks above then do.
    private static func plainAuthorization(_ bytes: UnsafeBufferPointer<UInt8>, scheme: UnsafeBufferPointer<UInt8>) -> Presence? {
        guard isPlainlyNoPlaceholder(bytes) else { return nil }
        var start = 0
        while start < bytes.count, bytes[start] == UInt8(ascii: " ") { start += 1 }
        var space = start
        while space < bytes.count, bytes[space] != UInt8(ascii: " ") { space += 1 }
        guard space + 1 < bytes.count, space - start == scheme.count,
            String.asciiEqualIgnoringCase(UnsafeBufferPointer(rebasing: bytes[start..<space]), scheme)
        else { return .absent }
        // Plainly no placeholder is also more than blanks.
        return isPlainlyNoPlaceholder(UnsafeBufferPointer(rebasing: bytes[(space + 1)...])) ? .present : nil
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
