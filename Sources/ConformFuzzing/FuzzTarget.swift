/// One fuzz target: a name (`Tests/Fuzz/run NAME`, the product `fuzz-NAME`, the folders of its corpus and
/// regressions) and the function libFuzzer calls with each input.
///
/// The functions live in this library rather than beside the libFuzzer drivers so that the normal build compiles
/// them and the replay tests run every kept crash and seed through them without libFuzzer. Each one bounds its own
/// work: it ignores input over `maxInputBytes`, reads nothing it was not given except the bundled descriptions
/// (the payload target) and writes no file.
package struct FuzzTarget: Sendable {
    package let name: String
    /// What the target reads, for listings.
    package let summary: String
    /// Checks one input. Returning is passing; crashing, hanging or exhausting memory is what libFuzzer looks
    /// for, and a differential target throws when its two readers disagree.
    package let run: @Sendable ([UInt8]) throws(FuzzFailure) -> Void

    /// Inputs over this size are ignored (the run script also passes it to libFuzzer as `-max_len`).
    package static let maxInputBytes = 1 << 20

    /// Runs `run` on `input` unless it is over `maxInputBytes`.
    package func check(_ input: [UInt8]) throws(FuzzFailure) {
        guard input.count <= Self.maxInputBytes else { return }
        try run(input)
    }

    /// The target called `name`, if there is one.
    package static func named(_ name: String) -> FuzzTarget? {
        all.first { $0.name == name }
    }

    /// Every target, in the order README's table lists them.
    package static let all: [FuzzTarget] = [
        FuzzTarget(name: "json", summary: "JSON reader, with source map lookups", run: ReaderTargets.json),
        FuzzTarget(name: "yaml", summary: "YAML reader: block reader, else libyaml; libyaml alone", run: ReaderTargets.yaml),
        FuzzTarget(
            name: "yaml-block-vs-libyaml", summary: "differential: block reader against libyaml (values, source map)",
            run: ReaderTargets.blockAgainstLibyaml),
        FuzzTarget(name: "json-vs-yaml", summary: "differential: JSON reader against YAML reader on JSON", run: ReaderTargets.jsonAgainstYAML),
        FuzzTarget(name: "json-vs-tape", summary: "differential: tape parser against JSON reader (acceptance, tapes)", run: ReaderTargets.jsonAgainstTape),
        FuzzTarget(name: "har", summary: "HAR reader (streaming)", run: TrafficTargets.har),
        FuzzTarget(name: "jsonl", summary: "JSONL exchange reader", run: TrafficTargets.jsonl),
        FuzzTarget(name: "vcr", summary: "VCR cassette reader", run: TrafficTargets.vcr),
        FuzzTarget(name: "pact", summary: "Pact reader", run: TrafficTargets.pact),
        FuzzTarget(name: "inflate", summary: "Content-Encoding gzip and deflate (zlib, raw DEFLATE)", run: TrafficTargets.inflate),
        FuzzTarget(
            name: "exchange", summary: "JSONL exchanges checked against the bundled descriptions and the parameter and body fixtures",
            run: ExchangeTarget.exchange),
        FuzzTarget(name: "spec", summary: "description: load, $refs, model, schema compilation (Contract)", run: DescriptionTargets.spec),
        FuzzTarget(name: "lint", summary: "description as `spec`, then every lint rule", run: DescriptionTargets.lint),
        FuzzTarget(name: "payload", summary: "payload validation against the bundled descriptions' schemas", run: DescriptionTargets.payload),
        FuzzTarget(name: "config", summary: "config parser (openapi-conform.yaml)", run: DescriptionTargets.config),
        FuzzTarget(name: "regex", summary: "ECMA-262 patterns: parse, translate, match (pattern NUL subject)", run: PatternTarget.regex),
        FuzzTarget(name: "http", summary: "live server's request parser, whole and byte by byte", run: RequestTarget.http),
    ]
}

/// What a differential target found: two readers that should agree did not.
package struct FuzzFailure: Error, Sendable, CustomStringConvertible {
    package var description: String

    package init(_ description: String) {
        self.description = description
    }
}
