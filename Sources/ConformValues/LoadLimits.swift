/// Bounds that keep a hostile or broken document from exhausting time or memory.
package struct LoadLimits: Sendable, Hashable {
    /// Deepest nesting of arrays and objects accepted.
    package var maxDepth: Int
    /// Most value nodes that alias expansion may produce in one YAML document (an alias bomb stops here).
    package var maxAliasExpansion: Int
    /// Largest file accepted, in bytes.
    package var maxDocumentBytes: Int

    package init(maxDepth: Int = 512, maxAliasExpansion: Int = 1_000_000, maxDocumentBytes: Int = 256 << 20) {
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
        self.maxDocumentBytes = maxDocumentBytes
    }

    package static let `default` = LoadLimits()
}
