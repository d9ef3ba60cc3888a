/// Every rule the tool reports. README's rule table is tested against this list.
extension RuleID {
    // MARK: Spec (lint)

    public static let specLoadFailed = RuleID(
        "spec-load-failed", .error, "A file of the description could not be read or parsed.")
    public static let specRefUnresolved = RuleID(
        "spec-ref-unresolved", .error, "A `$ref` points at a file or location that does not exist.")
    public static let specRefCycle = RuleID(
        "spec-ref-cycle", .error, "A chain of `$ref`s leads back to itself without ever reaching a value.")
    public static let specRefMisplaced = RuleID(
        "spec-ref-misplaced", .warning,
        "A `$ref` stands where the OpenAPI version allows no Reference Object; it is followed anyway.")
    public static let specStructure = RuleID(
        "spec-structure", .error, "A field has the wrong type, a required field is missing, or the description otherwise breaks the JSON Schema published with its OpenAPI version.")
    public static let specPathParameterUndeclared = RuleID(
        "spec-path-parameter-undeclared", .error,
        "A `{name}` in a path template has no matching `in: path` parameter.")
    public static let specPathParameterUnused = RuleID(
        "spec-path-parameter-unused", .error,
        "An `in: path` parameter is declared but its name does not appear in the path template.")
    public static let specOperationIDDuplicate = RuleID(
        "spec-operation-id-duplicate", .error, "Two operations share one `operationId`.")
    public static let specOperationNoResponses = RuleID(
        "spec-operation-no-responses", .error,
        "An operation documents no responses (a warning in OpenAPI 3.1, where `responses` is optional).")
    public static let specOperationNoSuccess = RuleID(
        "spec-operation-no-success", .warning,
        "An operation documents only failures (no 1xx–3xx status or range, no `default`), so no successful answer to it is documented.")
    public static let specSecuritySchemeUndefined = RuleID(
        "spec-security-scheme-undefined", .error,
        "A security requirement names a scheme that `components.securitySchemes` does not define.")
    public static let specParameterDuplicate = RuleID(
        "spec-parameter-duplicate", .error, "Two parameters of one operation share a name and location.")
    public static let specParameterIgnored = RuleID(
        "spec-parameter-ignored", .warning,
        "A header parameter is named `Accept`, `Content-Type` or `Authorization`, which OpenAPI ignores (media types and security schemes describe those fields); nothing checks it.")
    public static let specServerVariableUndefined = RuleID(
        "spec-server-variable-undefined", .error,
        "A `{variable}` in a server URL has no entry in the server's `variables`.")
    public static let specTagParent = RuleID(
        "spec-tag-parent", .error, "A tag's `parent` (OpenAPI 3.2) names no tag of the description, or tags' parents lead round in a cycle.")

    public static let specExampleInvalid = RuleID(
        "spec-example-invalid", .error, "An `example` or `examples` value does not match the schema it illustrates.")
    public static let specDefaultInvalid = RuleID(
        "spec-default-invalid", .error, "A schema's `default` value does not match the schema itself.")
    public static let specDiscriminatorMapping = RuleID(
        "spec-discriminator-mapping", .error,
        "A discriminator mapping names a missing schema, is not a string, or its property is absent from a branch.")
    public static let specUnknownFormat = RuleID(
        "spec-unknown-format", .warning,
        "A schema uses a `format` this tool does not know (and the config does not define), so it is not checked.")
    public static let specPatternInvalid = RuleID(
        "spec-pattern-invalid", .error, "A `pattern` or `patternProperties` key is not a valid ECMA-262 regular expression; a warning for one written between slashes that no string matches as written, which is read without them.")
    public static let specNullableWithoutType = RuleID(
        "spec-nullable-without-type", .warning,
        "`nullable: true` stands where OpenAPI 3.0.3 gives it no effect (no `type` beside it, or an `enum` without null); it is read as \"null is allowed\".")
    public static let specSchemaDialect = RuleID(
        "spec-schema-dialect", .warning,
        "A keyword is written in another dialect's form (a boolean `exclusiveMinimum` in 2020-12, a numeric one in OpenAPI 3.0, `nullable` in 3.1), where it means something else or nothing; it is read as meant.")
    public static let specSchemaInvalid = RuleID(
        "spec-schema-invalid", .error, "A schema keyword has a value of the wrong kind (an unknown `type`, a non-string `$ref`, in OpenAPI 3.1 a `minimum: \"1\"`, which is not read, so values are not checked against it), or an `enum` lists a value twice (an error in OpenAPI 3.0, a warning in 3.1).")

    // MARK: Exchanges and payloads

    public static let requestUnknownServer = RuleID(
        "request-unknown-server", .error,
        "The request's scheme and host match none of the description's servers (nor a `--server` given for the run).")
    public static let requestUnknownPath = RuleID(
        "request-unknown-path", .error, "No path of the description (under any server) matches the request URL.")
    public static let requestUnknownMethod = RuleID(
        "request-unknown-method", .error, "The path exists, but the description documents no operation for the method.")
    public static let requestParameterMissing = RuleID(
        "request-parameter-missing", .error, "A required path, query, header or cookie parameter is absent.")
    public static let requestParameterInvalid = RuleID(
        "request-parameter-invalid", .error, "A parameter's value does not match its schema (after decoding its style).")
    public static let requestParameterUnknown = RuleID(
        "request-parameter-unknown", .warning, "A query parameter the operation does not document was sent.")
    public static let requestSecurityMissing = RuleID(
        "request-security-missing", .error, "The request satisfies none of the operation's security requirements.")
    public static let requestContentType = RuleID(
        "request-content-type", .error, "The request's Content-Type is not one the request body documents.")
    public static let requestBodyMissing = RuleID(
        "request-body-missing", .error, "The request body is required but the request has none.")
    public static let requestBodyUnexpected = RuleID(
        "request-body-unexpected", .error, "The request carries a body, but the operation documents no request body.")
    public static let requestBodyInvalid = RuleID(
        "request-body-invalid", .error, "A request body does not match the schema of its operation's request body.")
    public static let responseBodyInvalid = RuleID(
        "response-body-invalid", .error, "A response body does not match the schema documented for its status and media type.")

    public static let responseStatusUndocumented = RuleID(
        "response-status-undocumented", .error,
        "The response status is not documented (no exact code, no range such as 4XX, no default).")
    public static let responseContentType = RuleID(
        "response-content-type", .error, "The response's Content-Type is not one the documented response lists.")
    public static let responseBodyMissing = RuleID(
        "response-body-missing", .error, "The documented response has content, but the response has no body.")
    public static let responseBodyUnexpected = RuleID(
        "response-body-unexpected", .error, "The response carries a body, but its documented response has no content.")
    public static let responseHeaderInvalid = RuleID(
        "response-header-invalid", .error, "A documented response header is missing (when required) or does not match its schema.")
    public static let bodyStreamTruncated = RuleID(
        "body-stream-truncated", .note,
        "A sequential body (JSON Lines, JSON text sequence, server-sent events) ends inside an item: the stream was cut short. The items before it are checked.")
    public static let discriminatorMismatch = RuleID(
        "discriminator-mismatch", .warning,
        "A valid body names a discriminator branch it does not satisfy, or lacks the discriminating property or names no branch; the verdict stays the JSON Schema one.")
    public static let notValidated = RuleID(
        "not-validated", .note, "Something could not be checked (a media type without schema, a body that is not JSON); said, never passed in silence.")
    public static let trafficUnreadable = RuleID(
        "traffic-unreadable", .error, "An entry of a traffic file could not be read; the rest of the file is still checked.")
    public static let payloadInvalid = RuleID(
        "payload-invalid", .error, "A payload file does not match the schema it was checked against.")
    public static let probeAcceptedInvalid = RuleID(
        "probe-accepted-invalid", .error, "The API answered 2xx to a request `probe` made invalid on purpose (one constraint broken).")
    public static let probeRejectedValid = RuleID(
        "probe-rejected-valid", .error,
        "The API refused a valid request `probe` made with a 4xx that is not about credentials, state or load (those are 401, 403, 404, 408, 409, 410, 412, 423 and 429).")
    public static let probeServerError = RuleID(
        "probe-server-error", .error, "The API answered a `probe` request with a 5xx status.")
    public static let probeAllowHeader = RuleID(
        "probe-allow-header", .warning,
        "The API answered 405 to a method `probe` sent that the path does not document, without an Allow header or with one that leaves out methods the description documents for the path (RFC 9110 requires it to list them).")
    public static let probeUnreachable = RuleID(
        "probe-unreachable", .error, "`probe` could not reach the API: the connection was refused, timed out, or the name did not resolve.")

    /// All rules, in the order README lists them.
    public static let catalogue: [RuleID] = [
        .specLoadFailed, .specRefUnresolved, .specRefCycle, .specRefMisplaced,
        .specStructure, .specPathParameterUndeclared, .specPathParameterUnused, .specOperationIDDuplicate,
        .specOperationNoResponses, .specOperationNoSuccess, .specSecuritySchemeUndefined, .specParameterDuplicate, .specParameterIgnored,
        .specServerVariableUndefined, .specTagParent, .specExampleInvalid, .specDefaultInvalid, .specDiscriminatorMapping, .specUnknownFormat,
        .specPatternInvalid, .specNullableWithoutType, .specSchemaDialect, .specSchemaInvalid, .requestUnknownServer,
        .requestUnknownPath, .requestUnknownMethod, .requestParameterMissing,
        .requestParameterInvalid, .requestParameterUnknown, .requestSecurityMissing, .requestContentType,
        .requestBodyMissing, .requestBodyUnexpected, .requestBodyInvalid, .responseStatusUndocumented,
        .responseContentType, .responseBodyMissing, .responseBodyUnexpected, .responseBodyInvalid,
        .responseHeaderInvalid, .bodyStreamTruncated, .discriminatorMismatch, .notValidated, .trafficUnreadable, .payloadInvalid,
        .probeAcceptedInvalid, .probeRejectedValid, .probeServerError, .probeAllowHeader, .probeUnreachable,
    ]
}
