import ConformFindings
import Testing

/// Names as messages list them, the one wording the schema evaluator's and the lint's messages share.
@Suite struct ListTextTests {
    @Test(arguments: [
        ([String](), "and", ""),
        (["'Cat'"], "and", "'Cat'"),
        (["'Cat'", "'Dog'"], "and", "'Cat' and 'Dog'"),
        (["string", "integer", "null"], "or", "string, integer or null"),
        (["a", "b", "c", "d"], "and", "a, b, c and d"),
    ])
    func listsNamesWithTheirConjunction(_ items: [String], _ conjunction: String, _ expected: String) {
        #expect(ListText.joined(items, conjunction) == expected)
    }
}
