import ConformSpec
import ConformTestSupport
import ConformTraffic
import ConformValues
import Testing

@testable import ConformChecks
@testable import ConformLive

/// The encoder `probe` and the mock's request synthesis write parameters with, and the decoder `validate` reads
/// them with, are each other's inverse: for every location, style, explode and kind of value (a string with
/// characters that need escaping, a number, a list, an object), a value written and read back is the same value.
@Suite struct ParameterStyleRoundTripTests {
    static let spec = TestPaths.fixture("ConformLiveTests", "styles.yaml")

    static let values: [String: [JSONValue]] = [
        "primitive": ["blue", "a b,c/d;e=f&g?h", "é ✓"],
        "number": [5, 0, -12],
        "array": [["blue", "black", "brown"], ["a b", "c,d"], ["x"]],
        "object": [["R": 100, "G": 200, "B": "x"], ["R": 1, "G": 2, "B": "a b"]],
    ]

    static let operations: [String] = {
        (try? Contract(path: spec))?.document.operations.compactMap(\.operationID) ?? []
    }()

    /// A value no serialization can carry unambiguously, which OpenAPI leaves so: an item holding the space of
    /// spaceDelimited (sent as `%20`, the delimiter itself) or the pipe of pipeDelimited, and, in a header or cookie
    /// (not percent-encoded), an item holding the comma that separates items.
    static func ambiguous(_ value: JSONValue, _ parameter: Parameter) -> Bool {
        guard case .array(let items) = value else { return false }
        let delimiters: [Character]
        switch (parameter.location, parameter.style) {
        case (_, .spaceDelimited): delimiters = [" "]
        case (_, .pipeDelimited): delimiters = ["|"]
        case (.header, _), (.cookie, _): delimiters = [","]
        default: return false
        }
        return items.contains { item in item.stringValue.map { text in delimiters.contains { text.contains($0) } } == true }
    }

    @Test(arguments: operations)
    func aValueWrittenIsReadBack(_ operationID: String) throws {
        let contract = try Contract(path: Self.spec)
        let operation = try #require(contract.document.operations.first { $0.operationID == operationID })
        let parameter = try #require(operation.parameters.first)
        let shape = try #require(operationID.split(separator: "-").last.map(String.init))
        let schema = parameter.schema.flatMap(contract.schemas.schema(at:))
        let decoder = ParameterDecoder(schemas: contract.schemas.compiled)
        for value in try #require(Self.values[shape]) where !Self.ambiguous(value, parameter) {
            let source: ParameterDecoder.Source
            switch parameter.location {
            case .path:
                source = .rawPath(Substring(ParameterEncoder.path(parameter.name, value, style: parameter.style, explode: parameter.explode)))
            case .query:
                let pairs = ParameterEncoder.query(parameter.name, value, style: parameter.style, explode: parameter.explode, allowReserved: false)
                source = .query(RequestURL("/x?" + pairs.joined(separator: "&")).rawQueryPairs)
            case .header:
                source = .header(ParameterEncoder.header(value, explode: parameter.explode))
            case .cookie:
                source = .cookie(ParameterEncoder.header(value, explode: parameter.explode))
            case .querystring:
                Issue.record("\(operationID): the round-trip description has no querystring parameter; QuerystringDecoder has its own tests")
                return
            }
            let decoded = decoder.decode(parameter, schema: schema, from: source)
            #expect(decoded == .value(value), "\(operationID) \(JSONWriter.string(value)) → \(source) → \(decoded)")
        }
    }
}
