import ConformSpec

/// `WWW-Authenticate` challenges for a 401 (RFC 9110, section 11.6.1): one per scheme the operation accepts, so a
/// client learns what to send. HTTP schemes and OAuth 2 / OpenID Connect (bearer tokens) use their registered
/// names; an API key, which has no registered scheme, is named with where it goes.
enum Challenge {
    static let realm = "openapi-conform mock"

    static func challenges(for requirements: [SecurityRequirement], schemes: [String: SecurityScheme]) -> [String] {
        var challenges: [String] = []
        for requirement in requirements {
            for scheme in requirement.schemes {
                guard let definition = schemes[scheme.name], let challenge = challenge(for: definition) else { continue }
                if !challenges.contains(challenge) { challenges.append(challenge) }
            }
        }
        return challenges
    }

    private static func challenge(for scheme: SecurityScheme) -> String? {
        switch scheme.kind {
        case .http(let name, _):
            let capitalized = name.prefix(1).uppercased() + name.dropFirst().lowercased()
            return "\(capitalized) realm=\"\(realm)\""
        case .oauth2, .openIDConnect:
            return "Bearer realm=\"\(realm)\""
        case .apiKey(let name, let location):
            return "APIKey realm=\"\(realm)\", in=\"\(location.rawValue)\", name=\"\(name)\""
        case .mutualTLS:
            return nil
        }
    }
}
