import ConformTestSupport
import Foundation
import Testing

@testable import ConformFindings

/// README's rule table and the catalogue in code must list the same rules with the same severities and words.
@Suite struct RuleCatalogueTests {
    @Test func readmeRuleTableMatchesTheCatalogue() throws {
        let readme = try String(contentsOfFile: TestPaths.repositoryRoot + "/README.md", encoding: .utf8)
        let rows = readme.split(separator: "\n").filter { $0.hasPrefix("| <a id=\"") }
        let documented = rows.map { row -> String in
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            return "\(cells[0].split(separator: "`")[1]) \(cells[1]) \(cells[2])"
        }
        let catalogue = RuleID.catalogue.map { "\($0.name) \($0.defaultSeverity) \($0.summary)" }
        #expect(documented == catalogue)
    }

    @Test func ruleNamesAreUniqueKebabCase() {
        let names = RuleID.catalogue.map(\.name)
        #expect(Set(names).count == names.count)
        for name in names {
            #expect(name.allSatisfy { $0.isLowercase || $0 == "-" }, "\(name)")
        }
    }
}
