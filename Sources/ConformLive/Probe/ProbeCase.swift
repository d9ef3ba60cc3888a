import ConformFindings
import ConformSchema
import ConformTraffic
import ConformValues

/// One request `probe` sends and what the API must do with it.
package struct ProbeCase: Sendable {
    package enum Kind: Sendable, Equatable {
        /// Built from a documented example (the request body's `example`/`examples` entry named).
        case example(String)
        /// Built by the value generator from the operation's schemas.
        case generated(seed: UInt64)
        /// A valid request asking, with `Prefer: code=` and `Accept`, for one documented response (mocks such as
        /// this tool's and Prism answer it; other servers ignore it).
        case preferred(status: Int)
        /// A valid request made from one the API accepted, with one value at an edge of what the description
        /// allows (`EdgeVariant`): the API must take it too.
        case edge(EdgeVariant.Edge)
        /// Made invalid on purpose, in exactly one way: the API must refuse it with a 4xx.
        case negative(NegativeKind)
    }

    package enum NegativeKind: String, Sendable, Equatable {
        /// The body breaks one keyword of its schema (the value generator's variant).
        case bodyInvalid = "body"
        /// A query or header parameter breaks one keyword of its schema.
        case parameterInvalid = "parameter"
        /// A required query, header or cookie parameter is left out.
        case parameterMissing = "missing parameter"
        /// The credentials the operation requires are left out.
        case credentialsMissing = "no credentials"
        /// A method the path does not document.
        case methodUndocumented = "undocumented method"
    }

    /// The operation the request is for; nil for an undocumented method.
    package var operation: OperationKey?
    package var kind: Kind
    package var request: HTTPRequest
    /// What was done to the request, for negative cases: "required property 'name' removed (/name)".
    package var summary: String
    /// The value the body was written from, for a valid case with a body: the requests broken on purpose are made
    /// from a valid one the API accepted.
    package var body: JSONValue? = nil
    /// Whether the requests broken on purpose may be made from this case once the API accepts it: a valid one
    /// without optional parameters (an `Idempotency-Key` copied into them would have them answered as replays of
    /// this one), with a body where the operation has one to break.
    package var canBeBroken = false
    /// Where in the body a case at an edge has its edge (nil for a parameter's): a create answered 409 is sent
    /// again with that edge and its other strings made anew (`ProbePlanner.refreshed`).
    package var edgePlace: JSONPointer? = nil

    /// What the probe means by the request, as its exchange (and its recording) carries it.
    package var intent: ExchangeIntent {
        switch kind {
        case .example, .generated: .valid
        case .edge: .atEdge(summary)
        case .preferred(let status): .askedFor(status: status)
        case .negative: .invalidOnPurpose(summary)
        }
    }

    package var isNegative: Bool {
        if case .negative = kind { return true }
        return false
    }
}
