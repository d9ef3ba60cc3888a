import ConformValues

/// What the client that made an exchange meant by it, when that client was `probe`. A recording keeps it (HAR
/// entries carry it as `_openapiConform`), so that `validate` judges a probe's recording as the probe judged the
/// exchanges: a request made invalid on purpose is meant to be refused, not a client error.
package enum ExchangeIntent: Sendable, Hashable {
    /// A valid request (from an example or generated): a 5xx answer is a server error.
    case valid
    /// A valid request with one value at an edge of what its description allows (an empty string where no
    /// minLength forbids it, a number at its maximum, null where null is allowed, another value of an enum),
    /// described: judged as a valid one, the edge named.
    case atEdge(String)
    /// A valid request asking for one documented status (`Prefer: code=`): that status, even a 5xx, was asked for.
    case askedFor(status: Int)
    /// A request made invalid in exactly one way, described: the API must refuse it with a 4xx.
    case invalidOnPurpose(String)

    /// The HAR extension member's value: `{"intent": "valid"}`, `{"intent": "at-edge", "summary": "…"}`,
    /// `{"intent": "asked-for", "status": 500}`, `{"intent": "invalid-on-purpose", "summary": "…"}`.
    package var json: JSONValue {
        switch self {
        case .valid: ["intent": "valid"]
        case .atEdge(let summary): ["intent": "at-edge", "summary": .string(summary)]
        case .askedFor(let status): ["intent": "asked-for", "status": .integer(Int64(status))]
        case .invalidOnPurpose(let summary): ["intent": "invalid-on-purpose", "summary": .string(summary)]
        }
    }

    /// Reads the extension member back; nil for anything it does not recognise (a recording from another tool).
    package init?(json: JSONValue?) {
        switch json?["intent"]?.stringValue {
        case "valid"?: self = .valid
        case "at-edge"?: self = .atEdge(json?["summary"]?.stringValue ?? "")
        case "asked-for"?:
            guard let status = json?["status"]?.intValue else { return nil }
            self = .askedFor(status: status)
        case "invalid-on-purpose"?: self = .invalidOnPurpose(json?["summary"]?.stringValue ?? "")
        default: return nil
        }
    }

    /// The member name in a HAR entry (HAR 1.2 allows custom members that start with an underscore).
    package static let harMember = "_openapiConform"
}
