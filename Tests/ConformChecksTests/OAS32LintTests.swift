import ConformFindings
import ConformTestSupport
import Foundation
import Testing

import ConformCheckSupport
import OpenAPIConform

@testable import ConformChecks

/// `lint` of OpenAPI 3.2 descriptions: the 3.2 meta-schema (the 3.1 one patched, `MetaSchema+OAS32.swift`), tag
/// parents, and examples given as `dataValue` and `serializedValue`. `Fixtures/oas32/lint-clean.yaml` uses the 3.2
/// fields and lints clean; each other fixture there has one defect and gets exactly its finding.
@Suite struct OAS32LintTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var defect: String
        var file: String
        /// Every finding as `line:col rule pointer message`, in reading order.
        var findings: [String]
        var testDescription: String { defect }
    }

    static func fixture(_ name: String) -> String {
        TestPaths.fixture("ConformChecksTests", "oas32/\(name)")
    }

    static func rendered(_ findings: [Finding], in contract: Contract) -> [String] {
        findings.map { finding in
            let location = finding.specPointer.flatMap(contract.bundle.location(of:)).map { "\($0.line):\($0.column)" } ?? "?"
            return "\(location) \(finding.rule.name) \(finding.specPointer?.pointer.description ?? "-") \(finding.message)"
        }
    }

    static let defects: [Case] = [
        Case(defect: "none: every 3.2 field, used well", file: "lint-clean.yaml", findings: []),
        Case(
            defect: "a tag parent that names no tag",
            file: "tag-parent-unknown.yaml",
            findings: [
                "9:5 spec-tag-parent /tags/1/parent tag 'orders' has parent 'shops', which names no tag of the description; did you mean 'shop'?",
            ]),
        Case(
            defect: "tag parents in a cycle: once, from the tag written first, in the order the parents lead",
            file: "tag-parent-cycle.yaml",
            findings: [
                "7:5 spec-tag-parent /tags/0/parent the parents of 3 tags lead round in a cycle: 'shop' → 'returns' → 'orders' → 'shop'",
            ]),
        Case(
            defect: "a tag that is its own parent",
            file: "tag-parent-self.yaml",
            findings: ["8:5 spec-tag-parent /tags/1/parent tag 'beta' names itself as its parent"]),
        Case(
            defect: "a dataValue outside its schema",
            file: "data-value-outside-schema.yaml",
            findings: [
                "16:38 spec-example-invalid /paths/~1orders/post/requestBody/content/application~1json/examples/data/dataValue/total dataValue at /total does not match its schema: expected number, found the string \"twelve\"",
            ]),
        Case(
            defect: "a parameter's dataValue outside its schema (its serializedValue, in the parameter's style, is not read)",
            file: "parameter-data-value-outside-schema.yaml",
            findings: [
                "15:15 spec-example-invalid /paths/~1orders/get/parameters/0/examples/lost/dataValue dataValue does not match its schema: \"lost\" is not one of the allowed values: \"open\", \"shipped\"",
            ]),
        Case(
            defect: "a form serializedValue outside its schema",
            file: "serialized-value-outside-schema.yaml",
            findings: [
                "20:17 spec-example-invalid /paths/~1orders/post/requestBody/content/application~1x-www-form-urlencoded/examples/form/serializedValue serializedValue at /total does not match its schema: expected integer, found the string \"seven\"",
            ]),
        Case(
            defect: "a JSON serializedValue that does not parse",
            file: "serialized-value-unparsable.yaml",
            findings: [
                "15:17 spec-example-invalid /paths/~1orders/post/requestBody/content/application~1json/examples/truncated/serializedValue serializedValue cannot be read as application/json: the body is not valid JSON: expected ',' or '}' after object member, found end of input (line 1, column 25)",
            ]),
        Case(
            defect: "a misspelt 3.2 field",
            file: "misspelled-field.yaml",
            findings: [
                "8:5 spec-structure /tags/1/parnet 'parnet' is not a field of a Tag Object (tag 'orders'); did you mean 'parent'?",
            ]),
        Case(
            defect: "an example with value and dataValue, and one with serializedValue and externalValue",
            file: "value-and-data-value.yaml",
            findings: [
                "8:5 spec-structure /components/examples/Order example 'Order' in components has both 'value' and 'dataValue'; OpenAPI 3.2 allows only one of them",
                "11:5 spec-structure /components/examples/Receipt example 'Receipt' in components has both 'serializedValue' and 'externalValue'; OpenAPI 3.2 allows only one of them",
            ]),
        Case(
            defect: "a media type with encoding and prefixEncoding",
            file: "encoding-and-prefix-encoding.yaml",
            findings: [
                "11:11 spec-structure /paths/~1uploads/post/requestBody/content/multipart~1mixed media type 'multipart/mixed' of the request body of POST /uploads has both 'encoding' and 'prefixEncoding'; OpenAPI 3.2 allows only one of them",
            ]),
        Case(defect: "a querystring parameter with content, and a cookie parameter with style: cookie", file: "querystring-and-cookie-style.yaml", findings: []),
        Case(defect: "a querystring parameter with a schema", file: "querystring-with-schema.yaml", findings: [
            "10:11 spec-structure /paths/~1orders/query/parameters/0 querystring parameter 'filter' has 'schema'; the whole query string is described by 'content' with one media type (such as application/x-www-form-urlencoded) instead",
        ]),
        Case(defect: "an additional operation that repeats GET", file: "additional-operation-repeats-get.yaml", findings: [
            "12:7 spec-structure /paths/~1cache/additionalOperations/GET additionalOperations names 'GET', which has its own field 'get' in a Path Item; use that field",
        ]),
        Case(defect: "a path item's querystring parameter and an operation's query parameter", file: "querystring-with-query.yaml", findings: [
            "13:11 spec-structure /paths/~1orders/get/parameters/0 GET /orders has querystring parameter 'filter' and query parameter 'page'; a querystring parameter describes the whole query string, so it cannot be mixed with query parameters",
        ]),
        Case(defect: "two querystring parameters", file: "querystring-twice.yaml", findings: [
            "12:11 spec-parameter-duplicate /paths/~1orders/get/parameters/1 GET /orders has a second querystring parameter 'search' besides 'filter'; there can be only one",
        ]),
    ]

    @Test(arguments: defects)
    func lintGivesExactlyTheDefectsFinding(_ example: Case) throws {
        let contract = try Contract(path: Self.fixture(example.file), config: ConformConfig(), lint: true)
        #expect(Self.rendered(contract.findings, in: contract) == example.findings)
    }

    /// The 3.1 schema refuses what 3.2 adds: a 3.1 description with a tag `parent` gets its finding, and the tag
    /// rule, which reads `parent` from 3.2 on, says nothing.
    @Test func a31DescriptionIsStillCheckedAgainstThe31Schema() throws {
        let contract = try Contract(path: Self.fixture("tag-parent-in-3.1.yaml"), config: ConformConfig(), lint: true)
        #expect(Self.rendered(contract.findings, in: contract) == [
            "8:5 spec-structure /tags/1/parent 'parent' is not a field of a Tag Object (tag 'orders')",
        ])
    }
}
