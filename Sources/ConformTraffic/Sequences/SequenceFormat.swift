import ConformValues
/// The sequential media types OpenAPI 3.2 names ("Sequential Media Types"), each a repetition of one item with
/// nothing around it, and the reader of each.
package enum SequenceFormat: String, Sendable, Hashable {
    case jsonLines
    case jsonSeq
    case eventStream
    case multipartMixed

    /// The format of a media type (parameters ignored), or nil when it is not sequential. `+json-seq` is RFC 8091's
    /// structured syntax suffix for JSON text sequences (`application/geo+json-seq`).
    package init?(mediaType: String) {
        switch MediaTypeName.essence(mediaType) {
        case "application/jsonl", "application/x-ndjson", "application/x-jsonlines": self = .jsonLines
        case "application/json-seq": self = .jsonSeq
        case let essence where essence.hasSuffix("+json-seq"): self = .jsonSeq
        case "text/event-stream": self = .eventStream
        case "multipart/mixed": self = .multipartMixed
        default: return nil
        }
    }

    /// A reader fed in chunks; nil for `multipart/mixed`, whose parts are read whole with their boundary.
    package func reader() -> (any SequenceReader)? {
        switch self {
        case .jsonLines: JSONLinesReader()
        case .jsonSeq: JSONSeqReader()
        case .eventStream: EventStreamReader()
        case .multipartMixed: nil
        }
    }
}
