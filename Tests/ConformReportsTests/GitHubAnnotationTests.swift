import ConformFindings
import ConformValues
import Testing

@testable import ConformReports

/// `--format github` writes workflow commands the Actions runner parses: escaped by its rules, levelled by the one
/// verdict, located when the finding has a place and on the run when it has none.
@Suite struct GitHubAnnotationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var annotation: GitHubAnnotation
        var command: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "a located error",
            annotation: GitHubAnnotation(
                level: .error, location: ConformValues.SourceLocation(file: "specs/api.yaml", line: 12, column: 9), title: "response-body-invalid",
                message: "response body /id: expected integer"),
            command: "::error file=specs/api.yaml,line=12,col=9,title=response-body-invalid::response body /id: expected integer"),
        Case(
            name: "a finding without a place is an annotation without file",
            annotation: GitHubAnnotation(level: .notice, location: nil, title: "not-validated", message: "not checked"),
            command: "::notice title=not-validated::not checked"),
        Case(
            name: "the message escapes percent and line breaks, and keeps colons and commas",
            annotation: GitHubAnnotation(level: .warning, location: nil, title: "t", message: "100% a:b, c\r\nnext"),
            command: "::warning title=t::100%25 a:b, c%0D%0Anext"),
        Case(
            name: "properties escape colons and commas as well",
            annotation: GitHubAnnotation(
                level: .error, location: ConformValues.SourceLocation(file: "C:,odd%.yaml", line: 1, column: 2), title: "a:b,c\nd", message: "m"),
            command: "::error file=C%3A%2Codd%25.yaml,line=1,col=2,title=a%3Ab%2Cc%0Ad::m"),
    ]

    @Test(arguments: cases)
    func command(_ example: Case) {
        #expect(example.annotation.command == example.command)
    }

    @Test(arguments: [
        (Severity.error, Severity.error, GitHubAnnotation.Level.error),
        (.warning, .error, .warning),
        (.note, .error, .notice),
        (.warning, .warning, .error),
        (.note, .warning, .notice),
    ])
    func levelFollowsTheOneVerdict(_ severity: Severity, _ failOn: Severity, _ level: GitHubAnnotation.Level) {
        #expect(GitHubAnnotation.level(severity, threshold: failOn) == level)
    }
}
