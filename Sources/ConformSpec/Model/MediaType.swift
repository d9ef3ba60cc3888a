import ConformFindings

/// A `content` entry: a media type (or range such as `application/*`) and what its bodies look like.
public struct MediaType: Sendable {
    /// The key as written: `application/json`, `application/*`, `*/*`, `text/plain; charset=utf-8`.
    public var name: String
    public var schema: SpecPointer?
    /// The singular `example`, if any.
    public var example: SpecPointer?
    /// Named `examples`, in document order; each points at the Example Object's `value`.
    public var examples: [NamedExample]
    public var encoding: [Encoding]
    public var origin: SpecPointer
    /// Set on the stand-in for a `$ref` that leads nowhere (see `UnresolvedReference`).
    public var unresolved: UnresolvedReference? = nil
}

public struct NamedExample: Sendable, Hashable {
    public var name: String
    /// The example's `value`; nil for an `externalValue` example.
    public var value: SpecPointer?
    public var origin: SpecPointer
}

/// How one property of a `multipart` or form body is encoded.
public struct Encoding: Sendable {
    public var property: String
    public var contentType: String?
    public var headers: [Header]
    public var style: ParameterStyle?
    public var explode: Bool?
    public var allowReserved: Bool
    public var origin: SpecPointer
}
