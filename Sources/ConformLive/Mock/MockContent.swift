import ConformChecks
import ConformFindings
import ConformSchema
import ConformSpec
import ConformTraffic
import ConformValues
import Foundation

/// The value the mock sends for a documented media type, and its bytes.
///
/// The description's own examples come first (the media type's `example`, its named `examples`, then the schema's
/// `example`/`examples`), because they are what the API's authors wrote; an example that does not pass its own
/// schema is passed over, so that every answer passes the response checks. Then a value generated from the schema.
struct MockContent {
    let contract: Contract

    enum Problem: Error, Equatable {
        /// `Prefer: example=NAME` names no example of the media type; the names it has.
        case unknownExample(String, known: [String])
        /// The schema cannot be instantiated; the generator's located reason.
        case cannotGenerate(String)
    }

    /// The body value for `media`; nil when the media type has neither schema nor example (the body is then
    /// a placeholder: nothing constrains it).
    /// - Parameter candidate: Tried first when the schema accepts it (a refusal's problem, so that the findings
    ///   travel in the body where the API's error schema allows).
    func value(
        for media: MediaType, prefer: PreferHeader, seed: UInt64, direction: ValueDirection = .response, candidate: JSONValue? = nil
    ) -> Result<JSONValue?, Problem> {
        let schema = media.schema.flatMap(contract.schemas.schema(at:))
        func passes(_ value: JSONValue) -> Bool {
            guard let schema else { return true }
            return contract.schemas.compiled.isValid(value, against: schema, direction: direction)
        }
        if let name = prefer.example {
            guard let example = media.examples.first(where: { $0.name == name }), let value = example.value.flatMap(resolved) else {
                return .failure(.unknownExample(name, known: media.examples.map(\.name)))
            }
            return .success(value)
        }
        if let candidate, passes(candidate) { return .success(candidate) }
        if !prefer.dynamic {
            for example in examples(of: media) where passes(example) {
                return .success(example)
            }
        }
        guard let schema else { return .success(nil) }
        var generator = ValueGenerator(schemas: contract.schemas.compiled, seed: seed)
        switch generator.valid(schema, direction: direction) {
        case .success(let value): return .success(value)
        case .failure(let error): return .failure(.cannotGenerate(error.description))
        }
    }

    /// The description's examples for a media type, in the order the mock prefers them.
    private func examples(of media: MediaType) -> [JSONValue] {
        var values: [JSONValue] = []
        if let example = media.example.flatMap(resolved) { values.append(example) }
        values += media.examples.compactMap { $0.value.flatMap(resolved) }
        if let schema = media.schema, case .success(let target) = contract.bundle.follow(schema) {
            if let example = target.value["example"] { values.append(example) }
            if case .array(let items)? = target.value["examples"] { values += items }
        }
        return values
    }

    /// The value at a pointer, following an Example Object's `$ref` (`examples: {a: {$ref: …}}`).
    private func resolved(_ pointer: SpecPointer) -> JSONValue? {
        guard case .success(let target) = contract.bundle.follow(pointer) else { return nil }
        return target.value
    }

    /// The bytes of `value` sent as `contentType`: as a request body of that type is written (`BodyEncoder`), and
    /// for a media type with neither schema nor example, a placeholder of its kind.
    static func encode(_ value: JSONValue?, as contentType: String) -> [UInt8] {
        guard let value else {
            return Array((MediaTypeName.isJSON(MediaTypeName.essence(contentType)) ? "{}" : "openapi-conform mock").utf8)
        }
        return BodyEncoder.bytes(value, as: contentType)
    }
}
