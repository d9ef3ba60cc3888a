import ConformFindings
import ConformValues

public enum ParameterLocation: String, Sendable, Hashable, CaseIterable {
    case path, query, header, cookie
    /// OpenAPI 3.2: one parameter for the whole query string, described by its single `content` entry (a form
    /// object, JSON, text), decoded and checked as a unit.
    case querystring
}

/// Serialization styles of OpenAPI parameters.
public enum ParameterStyle: String, Sendable, Hashable {
    case matrix, label, form, simple, spaceDelimited, pipeDelimited, deepObject
    /// OpenAPI 3.2, for cookie parameters: form's shape in RFC 6265's syntax (`n1=v1; n2=v2`), nothing
    /// percent-encoded.
    case cookie

    /// The style a parameter has when it names none.
    public static func defaultStyle(for location: ParameterLocation) -> ParameterStyle {
        switch location {
        case .path, .header: return .simple
        case .query, .cookie, .querystring: return .form
        }
    }
}

extension Parameter {
    /// OpenAPI: a header parameter named `Accept`, `Content-Type` or `Authorization` "SHALL be ignored": the
    /// responses' media types, the request body's and a security scheme describe those fields. Nothing checks,
    /// sends or leaves one out, and lint says so where a description declares one.
    public var isIgnoredHeader: Bool { location == .header && Self.isIgnoredHeader(named: name) }

    /// `isIgnoredHeader` for a header parameter's name: what the exchange check asks of every header parameter, with
    /// the name it already holds (asking the parameter would copy it across the module boundary).
    public static func isIgnoredHeader(named name: String) -> Bool {
        name.caseInsensitiveEquals("Authorization") || name.caseInsensitiveEquals("Accept") || name.caseInsensitiveEquals("Content-Type")
    }
}

public struct Parameter: Sendable {
    public var name: String
    public var location: ParameterLocation
    public var required: Bool
    public var deprecated: Bool
    public var allowEmptyValue: Bool
    public var style: ParameterStyle
    public var explode: Bool
    public var allowReserved: Bool
    /// The parameter's schema, when it uses `schema` rather than `content`.
    public var schema: SpecPointer?
    /// The parameter's single media type, when it uses `content`.
    public var content: [MediaType]
    public var origin: SpecPointer
}

/// A response header (`headers` map entry of a Response or an Encoding object).
public struct Header: Sendable {
    public var name: String
    public var required: Bool
    public var deprecated: Bool
    public var style: ParameterStyle
    public var explode: Bool
    public var schema: SpecPointer?
    public var content: [MediaType]
    public var origin: SpecPointer
    /// Set on the stand-in for a `$ref` that leads nowhere (see `UnresolvedReference`).
    public var unresolved: UnresolvedReference? = nil
}
