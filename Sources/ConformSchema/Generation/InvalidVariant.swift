import ConformFindings
import ConformValues

/// A value that breaks exactly one keyword of a schema: validation against the schema fails once, on `keyword`, at
/// `instancePointer`, with `schemaLocation` as the failure's schema pointer, and nothing else fails. For negative
/// tests: a mock can answer with it, a test can send it and expect exactly that finding.
package struct InvalidVariant: Sendable, Hashable {
    /// The keyword validation reports (`required`, `type`, `maxLength`, `additionalProperties`, …). A readOnly
    /// property sent in a request (or a writeOnly one in a response) is reported under `properties`, as the
    /// evaluator reports it.
    package var keyword: String
    /// Where in `value` the failure is.
    package var instancePointer: JSONPointer
    /// The broken keyword in the description, as `SchemaFailure.schemaPointer` gives it.
    package var schemaLocation: SpecPointer
    package var value: JSONValue
    /// What was done, in a few words: "required property 'name' removed".
    package var summary: String
}

/// What the generator did, for tests and benchmarks that want to know how often it had to try again.
package struct GenerationStatistics: Sendable {
    /// Values built (every nested value counts).
    package var values = 0
    /// Values built again because a choice (`anyOf`, `oneOf`, `if`) or a `not` did not work out.
    package var retries = 0
    /// Variants built and then confirmed to fail exactly as tagged.
    package var variantsConfirmed = 0
    /// Variants built but left out because validation did not fail on exactly their keyword, by keyword.
    package var variantsDropped: [String: Int] = [:]

    package init() {}
}
