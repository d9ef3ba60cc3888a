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
    /// OpenAPI 3.2: the schema of each item of a sequential body (JSON Lines, JSON text sequences, server-sent
    /// events, `multipart/mixed`), each item checked on its own.
    public var itemSchema: SpecPointer? = nil
    /// OpenAPI 3.2: how each part of a `multipart/mixed` body is encoded, after those `prefixEncoding` names.
    public var itemEncoding: Encoding? = nil
    /// OpenAPI 3.2: how the first parts of a `multipart/mixed` body are encoded, by position.
    public var prefixEncoding: [Encoding] = []
    public var origin: SpecPointer
    /// Set on the stand-in for a `$ref` that leads nowhere (see `UnresolvedReference`).
    public var unresolved: UnresolvedReference? = nil
}

public struct NamedExample: Sendable, Hashable {
    public var name: String
    /// The example's data: `dataValue` (OpenAPI 3.2) or `value`; nil for an `externalValue` or
    /// `serializedValue`-only example.
    public var value: SpecPointer?
    /// OpenAPI 3.2: the example as it goes on the wire, a string to be parsed per the media type.
    public var serializedValue: SpecPointer? = nil
    public var origin: SpecPointer
}

/// How one property of a `multipart` or form body is encoded (or, from OpenAPI 3.2, one part of a
/// `multipart/mixed` body by position: `property` is then empty).
public struct Encoding: Sendable {
    public var property: String
    public var contentType: String?
    public var headers: [Header]
    public var style: ParameterStyle?
    public var explode: Bool?
    public var allowReserved: Bool
    public var origin: SpecPointer
}
