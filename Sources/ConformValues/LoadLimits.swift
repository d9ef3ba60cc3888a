/// Bounds that keep a hostile or broken document from exhausting time or memory.
public struct LoadLimits: Sendable, Hashable {
    /// Deepest nesting of arrays and objects accepted.
    public var maxDepth: Int
    /// Most value nodes that alias expansion may produce in one YAML document (an alias bomb stops here).
    public var maxAliasExpansion: Int
    /// Largest file accepted, in bytes.
    public var maxDocumentBytes: Int

    public init(maxDepth: Int = 512, maxAliasExpansion: Int = 1_000_000, maxDocumentBytes: Int = 256 << 20) {
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
        self.maxDocumentBytes = maxDocumentBytes
    }

    public static let `default` = LoadLimits()
}
