import ConformValues
import Testing

@testable import ConformReports

/// SARIF names files relative to the working directory under `%SRCROOT%`, however the path was given, so that code
/// scanning maps them onto the repository; files outside it are absolute `file://` URIs without a base id.
@Suite struct SARIFArtifactTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var path: String
        var uri: String
        var based: Bool
        var testDescription: String { path }
    }

    static let files = SARIFArtifact(root: "/work/repo")

    static let cases: [Case] = [
        Case(path: "specs/api.yaml", uri: "specs/api.yaml", based: true),
        Case(path: "./specs/./api.yaml", uri: "specs/api.yaml", based: true),
        Case(path: "/work/repo/specs/api.yaml", uri: "specs/api.yaml", based: true),
        Case(path: "specs/old/../api.yaml", uri: "specs/api.yaml", based: true),
        Case(path: "/elsewhere/api.yaml", uri: "file:///elsewhere/api.yaml", based: false),
        Case(path: "/work/repository/api.yaml", uri: "file:///work/repository/api.yaml", based: false),
        Case(path: "../shared/api.yaml", uri: "file:///work/shared/api.yaml", based: false),
        Case(path: "specs/my api#1.yaml", uri: "specs/my%20api%231.yaml", based: true),
    ]

    @Test(arguments: cases)
    func location(_ example: Case) {
        let location = Self.files.location(example.path)
        #expect(location["uri"]?.stringValue == example.uri)
        #expect(location["uriBaseId"]?.stringValue == (example.based ? "%SRCROOT%" : nil))
    }

    @Test func theBaseIsTheWorkingDirectoryAsAFileURI() {
        #expect(Self.files.originalURIBaseIDs?["%SRCROOT%"]?["uri"]?.stringValue == "file:///work/repo/")
        #expect(SARIFArtifact(root: nil).originalURIBaseIDs == nil)
    }
}
