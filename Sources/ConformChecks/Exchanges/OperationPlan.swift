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
    /// The schema of each of `operation.parameters`, in order: its `schema`, else its one media type's.
    let parameterSchemas: [SchemaID?]
    /// The indices in `operation.parameters` of the query parameters, which claim the names a query may send.
    let queryParameters: [Int]
    /// Whether a `querystring` parameter describes the whole query string (no name of it is then unknown).
    let hasQuerystring: Bool
    let requestContent: ContentPlan?
    /// One per `operation.responses`, in order.
    let responses: [ResponsePlan]
    /// The requirements that apply: the operation's own, else the description's.
    let security: [SecurityRequirement]
    /// Where those requirements are written.
    let securityOrigin: SpecPointer

    init(_ operation: Operation, document: OpenAPIDocument, schemas: SpecSchemas) {
        self.operation = operation
        parameterSchemas = operation.parameters.map { parameter in
            parameter.schema.flatMap(schemas.schema(at:)) ?? parameter.content.first?.schema.flatMap(schemas.schema(at:))
        }
        queryParameters = operation.parameters.indices.filter { operation.parameters[$0].location == .query }
        hasQuerystring = operation.parameters.contains { $0.location == .querystring }
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

/// A documented `content` map, with the compiled schema of each media type.
struct ContentPlan: Sendable {
    let media: [MediaType]
    /// The name of each of `media`, in order, which every body's Content-Type is matched against.
    let names: [String]
    /// The schema of each of `media`, in order.
    let schemas: [SchemaID?]
    /// `application/json, text/plain`: the documented names, as messages list them.
    let documented: String

    init(_ media: [MediaType], schemas: SpecSchemas) {
        self.media = media
        names = media.map(\.name)
        self.schemas = media.map { $0.schema.flatMap(schemas.schema(at:)) }
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
