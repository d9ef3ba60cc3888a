import OpenAPIConform

/// `config: specs/api/openapi-conform.yaml` on standard error: the config is found by a search (beside the
/// description, then up to the repository root), so the run says which file it used. Said only beside output
/// people read: not under `--quiet`, and not when standard output carries a machine-readable format (a script
/// that merges the two streams would get a line that is not JSON, SARIF or XML). Nothing when no file was used.
enum ConfigNotice {
    static func show(_ config: ConformConfig, quiet: Bool, humanOutput: Bool) {
        guard !quiet, humanOutput, let path = config.path else { return }
        Console.error("config: \(PathDisplay.currentDirectory(path))")
    }
}
