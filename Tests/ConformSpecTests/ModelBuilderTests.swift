import ConformFindings
import ConformTestSupport
import ConformValues
import Testing

@testable import ConformSpec

@Suite struct ModelBuilderTests {
    @Test func structuralProblemsAreLocatedFindings() throws {
        let path = TestPaths.fixture("ConformSpecTests", "model/structure.yaml")
        let loaded = try SpecLoader.load(path: path)
        let (document, findings) = ModelBuilder.build(loaded)
        let rendered = findings.sorted(locatedBy: loaded.bundle).map { finding in
            let location = finding.specPointer.flatMap(loaded.bundle.location(of:))
            return "\(location.map { "\($0.line):\($0.column)" } ?? "?") \(finding.severity)[\(finding.rule.name)] \(finding.message)"
        }
        #expect(rendered == [
            "2:1 error[spec-structure] 'info' has no 'version', which is required",
            "5:5 error[spec-server-variable-undefined] server URL 'https://{tenant}.example.com/{version}' uses '{tenant}', but the server defines no variable 'tenant'",
            "12:7 warning[spec-ref-misplaced] an Operation Object cannot be a Reference Object in OpenAPI 3.0.3; the '$ref' is followed anyway",
            "15:11 error[spec-structure] path parameter 'id' must have 'required: true'",
            "18:11 error[spec-parameter-duplicate] path parameter 'id' is declared twice",
            "22:11 error[spec-structure] parameter 'filter' has 'in: body'; it must be path, query, header or cookie",
            "23:11 error[spec-structure] a parameter has no 'name', which is required",
            "27:9 error[spec-structure] response key '99' is not a status code (100–599), a range such as '4XX', or 'default'",
            "47:7 error[spec-structure] security scheme 'weird' has unknown type 'magic'",
            "51:7 error[spec-structure] apiKey scheme 'key' has 'in: path'; it must be query, header or cookie",
        ])
        // The followed operation is still part of the model, with the parameter its $ref names.
        let get = try #require(document.operations.first { $0.method == .get })
        #expect(get.parameters.map(\.name) == ["id"])
        #expect(get.origin.pointer.description == "/components/x-operations/getItem")
        // `2xx` is accepted as a range: OpenAPI spells it `2XX`, and case does not change its meaning.
        let delete = try #require(document.operations.first { $0.method == .delete })
        #expect(delete.responses.map(\.key) == [.status(204), .range(2)])
    }
}
