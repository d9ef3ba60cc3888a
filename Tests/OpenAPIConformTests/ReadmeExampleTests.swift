import ConformTestSupport
import Foundation
import Testing

/// README's library example is `Tests/LibraryExampleTests/ReadmeExample.swift`, which `swift test` compiles and runs
/// (and `Tests/Embedder` builds as a separate package): this holds the two to each other, so the documented
/// example cannot drift from the one that is run.
@Suite struct ReadmeExampleTests {
    /// The first ```swift block under README's "## Use as a library".
    static func readmeExample() throws -> String {
        let readme = try String(contentsOfFile: TestPaths.repositoryRoot + "/README.md", encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "\n## Use as a library\n").dropFirst().first)
        let block = try #require(section.components(separatedBy: "```swift\n").dropFirst().first)
        return try #require(block.components(separatedBy: "```").first)
    }

    @Test func readmeShowsTheExampleThatIsRun() throws {
        let file = try String(contentsOfFile: TestPaths.repositoryRoot + "/Tests/LibraryExampleTests/ReadmeExample.swift", encoding: .utf8)
        #expect(try Self.readmeExample() == file)
    }

    @Test func theEmbedderPackageBuildsThatSameFile() throws {
        let link = TestPaths.repositoryRoot + "/Tests/Embedder/Tests/EmbedderTests/ReadmeExample.swift"
        let target = try FileManager.default.destinationOfSymbolicLink(atPath: link)
        #expect(URL(fileURLWithPath: target, relativeTo: URL(fileURLWithPath: link).deletingLastPathComponent()).standardizedFileURL.path
            == URL(fileURLWithPath: TestPaths.repositoryRoot + "/Tests/LibraryExampleTests/ReadmeExample.swift").standardizedFileURL.path)
    }
}
