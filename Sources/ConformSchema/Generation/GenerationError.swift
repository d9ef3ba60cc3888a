import ConformFindings
import ConformValues

/// Why the generator could not produce a value: the schema (or its keyword) is unsatisfiable, uses something the
/// generator does not construct, leads nowhere, or kept failing its own checks. Located at the place in the
/// description that caused it, so a mock or a test can say which schema to look at rather than serve a wrong value.
package struct GenerationError: Error, Sendable, Hashable, CustomStringConvertible {
    package enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The constraints contradict each other (`minimum` above `maximum`, a required property that
        /// `additionalProperties: false` forbids, a `false` schema).
        case unsatisfiable
        /// The schema is satisfiable, but the generator did not find a value within its attempts (a `oneOf` whose
        /// alternatives overlap, a `not` it cannot steer around, a pattern with lookarounds).
        case exhausted
        /// A `$ref` the schema needs leads nowhere.
        case unresolvedReference
        /// A recursive schema requires nesting deeper than the generator's depth bound.
        case tooDeep
    }

    package var kind: Kind
    /// The schema or keyword the problem is at (`openapi.yaml#/components/schemas/Pet/maxLength`); nil for a
    /// standalone pattern.
    package var location: SpecPointer?
    /// Where in the value being built the problem arose.
    package var instancePointer: JSONPointer
    package var reason: String

    package init(_ kind: Kind, _ reason: String, at location: SpecPointer?, instancePointer: JSONPointer = .root) {
        self.kind = kind
        self.reason = reason
        self.location = location
        self.instancePointer = instancePointer
    }

    package var description: String {
        let place = instancePointer.isRoot ? "" : " (at \(instancePointer) of the value)"
        return (location.map { "\($0): " } ?? "") + "cannot generate: " + reason + place
    }
}
