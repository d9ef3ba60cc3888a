import Foundation

/// Where tests find the repository, their fixtures and the shared corpus that sits beside the repository.
public enum TestPaths {
    /// The repository root, found from this file's own path.
    public static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `../shared/corpus` beside the repository, or nil when this checkout has no shared folder beside it.
    public static let corpus: String? = {
        let path = URL(fileURLWithPath: repositoryRoot).deletingLastPathComponent()
            .appendingPathComponent("shared/corpus").path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }()

    /// Why corpus tests are skipped when the corpus is absent.
    public static let corpusMissingReason =
        "../shared/corpus is not beside this checkout; corpus tests run wherever it is (CI always has it)"

    /// A fixture of a test target: `Tests/<target>/Fixtures/<name>`.
    public static func fixture(_ target: String, _ name: String) -> String {
        repositoryRoot + "/Tests/\(target)/Fixtures/\(name)"
    }

    /// A bundled spec: `specs/<api>/openapi.yaml`.
    public static func bundledSpec(_ api: String) -> String {
        repositoryRoot + "/specs/\(api)/openapi.yaml"
    }
}
