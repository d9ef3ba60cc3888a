/// Placeholder replaced by the libyaml-based reader.
public enum YAMLReader {
    public static func read(_ file: SourceFile, limits: LoadLimits = .default) throws(LoadError) -> LoadedDocument {
        throw LoadError(.syntax, "YAML reader not built yet", at: SourceLocation(file: file.path, line: 1, column: 1))
    }
}
