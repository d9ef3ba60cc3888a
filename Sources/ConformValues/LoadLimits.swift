/// Bounds that keep a hostile or broken description or recording from exhausting time or memory, and the switch
/// that lets a description's `$ref`s reach outside its folder.
///
/// Every bound has a name (`LoadLimits.Name`) under which the config's `limits:` section and `--limit NAME=VALUE`
/// set it, and a default generous enough that real descriptions (Stripe's 4 MB `spec3.yaml`, DigitalOcean's
/// thousands of files) and recordings (Codat's 8 MB payloads) never meet it. Each is checked where the input is
/// read, so the error can say where it was hit.
package struct LoadLimits: Sendable, Hashable {
    /// Deepest nesting of arrays and objects accepted.
    package var maxDepth: Int
    /// Most value nodes that alias expansion may produce in one YAML document (an alias bomb stops here).
    package var maxAliasExpansion: Int
    /// Largest file accepted, in bytes.
    package var maxDocumentBytes: Int
    /// Longest single string (a scalar, a key), in UTF-8 bytes.
    package var maxStringBytes: Int
    /// Most `$ref`s followed one after another before a value is reached (`a → b → c …`).
    package var maxReferenceHops: Int
    /// Most files a description's `$ref`s may reach, the entry file included.
    package var maxFiles: Int
    /// Longest `pattern` (or custom format pattern) compiled, in characters; a longer one is reported, not compiled.
    package var maxPatternLength: Int
    /// Largest request or response body of recorded traffic, in bytes (as recorded, before base64 decoding).
    package var maxBodyBytes: Int
    /// Most findings reported for one exchange; the rest are counted in one closing finding.
    package var maxFindingsPerExchange: Int
    /// Deepest nesting of schema evaluation (a recursive schema on recursive data), in schema levels.
    package var maxSchemaDepth: Int
    /// Relative `$ref`s may name files outside the entry description's folder (`--allow-external-refs`).
    package var allowExternalReferences: Bool
    /// `$ref`s to http(s) URLs are fetched (`--allow-remote-refs`); otherwise each is reported unresolved.
    package var allowRemoteReferences = false
    /// Seconds a remote `$ref` target may take to arrive, whole.
    package var remoteTimeout: Double = 10

    package init(
        maxDepth: Int = 512, maxAliasExpansion: Int = 1_000_000, maxDocumentBytes: Int = 256 << 20,
        maxStringBytes: Int = 64 << 20, maxReferenceHops: Int = 1_000, maxFiles: Int = 20_000,
        maxPatternLength: Int = 10_000, maxBodyBytes: Int = 256 << 20, maxFindingsPerExchange: Int = 10_000,
        maxSchemaDepth: Int = 1_000, allowExternalReferences: Bool = false
    ) {
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
        self.maxDocumentBytes = maxDocumentBytes
        self.maxStringBytes = maxStringBytes
        self.maxReferenceHops = maxReferenceHops
        self.maxFiles = maxFiles
        self.maxPatternLength = maxPatternLength
        self.maxBodyBytes = maxBodyBytes
        self.maxFindingsPerExchange = maxFindingsPerExchange
        self.maxSchemaDepth = maxSchemaDepth
        self.allowExternalReferences = allowExternalReferences
    }

    package static let `default` = LoadLimits()

    /// A bound as the config and the command line name it.
    package enum Name: String, Sendable, CaseIterable {
        case depth
        case aliasExpansion = "alias-expansion"
        case documentBytes = "document-bytes"
        case stringBytes = "string-bytes"
        case refHops = "ref-hops"
        case files
        case patternLength = "pattern-length"
        case bodyBytes = "body-bytes"
        case findingsPerExchange = "findings-per-exchange"
        case schemaDepth = "schema-depth"

        package var keyPath: WritableKeyPath<LoadLimits, Int> {
            switch self {
            case .depth: \.maxDepth
            case .aliasExpansion: \.maxAliasExpansion
            case .documentBytes: \.maxDocumentBytes
            case .stringBytes: \.maxStringBytes
            case .refHops: \.maxReferenceHops
            case .files: \.maxFiles
            case .patternLength: \.maxPatternLength
            case .bodyBytes: \.maxBodyBytes
            case .findingsPerExchange: \.maxFindingsPerExchange
            case .schemaDepth: \.maxSchemaDepth
            }
        }

        /// Whether values are sizes in bytes, which may be written with a `KiB`, `MiB` or `GiB` suffix.
        package var isBytes: Bool { rawValue.hasSuffix("-bytes") }
    }

    package subscript(name: Name) -> Int {
        get { self[keyPath: name.keyPath] }
        set { self[keyPath: name.keyPath] = newValue }
    }
}
