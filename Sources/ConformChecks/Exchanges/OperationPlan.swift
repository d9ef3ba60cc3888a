import ConformFindings
import ConformSchema
import ConformSpec

/// One operation as every exchange routed to it is checked against it: the model's operation, with what does not
/// depend on the exchange worked out once — the compiled schema each parameter, body and response header names,
/// the security requirements that apply, the documented media types that messages list.
///
/// A reference, made once per operation with the router: a match hands the checks this object rather than a copy
/// of the operation (a struct of many arrays and strings, each retained again by every copy), and no schema is
/// looked up by its pointer while exchanges are checked.
final class OperationPlan: Sendable {
    let operation: Operation
    /// Each of `operation.parameters`, in order, with its schema.
    let parameters: [ParameterPlan]
    /// The query parameters among `parameters`, which claim the names a query may send.
    let queryParameters: [ParameterPlan]
    /// Whether a `querystring` parameter describes the whole query string (no name of it is then unknown).
    let hasQuerystring: Bool
    /// Query names the path template itself asks for after its `#` (`/#Action=SendMessage`,
    /// `/cookies#formExploded`): the router sends only requests that have them here, so they are part of the
    /// operation's address, not parameters it leaves undocumented.
    let templateQueryNames: [String]
    let requestContent: ContentPlan?
    /// One per `operation.responses`, in order.
    let responses: [ResponsePlan]
    /// The requirements that apply: the operation's own, else the description's.
    let security: [SecurityRequirement]
    /// Where those requirements are written.
    let securityOrigin: SpecPointer

    init(_ operation: Operation, document: OpenAPIDocument, schemas: SpecSchemas) {
        self.operation = operation
        parameters = operation.parameters.map { ParameterPlan($0, schemas: schemas) }
        queryParameters = parameters.filter { $0.parameter.location == .query }
        hasQuerystring = operation.parameters.contains { $0.location == .querystring }
        templateQueryNames = Route.splitFragment(operation.path).conditions.map(\.name)
        requestContent = operation.requestBody.map { ContentPlan($0.content, schemas: schemas) }
        responses = operation.responses.map { ResponsePlan($0, schemas: schemas) }
        security = document.effectiveSecurity(of: operation)
        securityOrigin = operation.security != nil ? operation.origin / "security" : document.origin / "security"
    }

    /// The plan of the response documented for a status (the exact code, its `nXX` range, or `default`).
    func response(for status: Int) -> ResponsePlan? {
        ResponseMatcher.index(for: status, in: operation.responses).map { responses[$0] }
    }
}

/// A parameter with its compiled schema: its `schema`, else its one media type's.
///
/// A reference, like the plans that hold it: the checks read the parameter in place rather than copying its
/// strings, pointers and media types, whose reference counts every core would otherwise update for every request.
final class ParameterPlan: Sendable {
    let parameter: Parameter
    let schema: SchemaID?

    init(_ parameter: Parameter, schemas: SpecSchemas) {
        self.parameter = parameter
        schema = parameter.schema.flatMap(schemas.schema(at:)) ?? parameter.content.first?.schema.flatMap(schemas.schema(at:))
    }

    /// The compiled schema when the parameter has a `schema` of its own (not one through `content`).
    var ownSchema: SchemaID? { parameter.schema == nil ? nil : schema }
}

/// A documented media type with its compiled schema; a reference for the reason `ParameterPlan` is.
final class MediaPlan: Sendable {
    let media: MediaType
    let schema: SchemaID?

    init(_ media: MediaType, schemas: SpecSchemas) {
        self.media = media
        schema = media.schema.flatMap(schemas.schema(at:))
    }
}

/// A documented `content` map, with the compiled schema of each media type.
final class ContentPlan: Sendable {
    let media: [MediaPlan]
    /// The name of each of `media`, in order, which every body's Content-Type is matched against.
    let names: [String]
    /// `application/json, text/plain`: the documented names, as messages list them.
    let documented: String

    init(_ media: [MediaType], schemas: SpecSchemas) {
        self.media = media.map { MediaPlan($0, schemas: schemas) }
        names = media.map(\.name)
        documented = names.joined(separator: ", ")
    }

    /// The index of the media type a Content-Type selects (see `MediaTypeMatcher`).
    func index(of contentType: String) -> Int? {
        MediaTypeMatcher.index(contentType, in: names)
    }
}

/// A documented response, with the compiled schemas of its content and headers.
final class ResponsePlan: Sendable {
    let response: Response
    let content: ContentPlan
    /// The schema of each of `response.headers`, in order.
    let headerSchemas: [SchemaID?]

    init(_ response: Response, schemas: SpecSchemas) {
        self.response = response
        content = ContentPlan(response.content, schemas: schemas)
        headerSchemas = response.headers.map { $0.schema.flatMap(schemas.schema(at:)) }
    }
}
