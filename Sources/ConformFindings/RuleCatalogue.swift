/// Every rule the tool reports. README's rule table is tested against this list.
extension RuleID {
    // MARK: Spec (lint)

    public static let specLoadFailed = RuleID(
        "spec-load-failed", .error, "A file of the description could not be read or parsed.")
    public static let specVersionUnsupported = RuleID(
        "spec-version-unsupported", .error, "The document is not OpenAPI 3.0.x or 3.1.x.")
    public static let specRefUnresolved = RuleID(
        "spec-ref-unresolved", .error, "A `$ref` points at a file or location that does not exist.")
    public static let specRefCycle = RuleID(
        "spec-ref-cycle", .error, "A chain of `$ref`s leads back to itself without ever reaching a value.")
    public static let specRefMisplaced = RuleID(
        "spec-ref-misplaced", .warning,
        "A `$ref` stands where the OpenAPI version allows no Reference Object; it is followed anyway.")
    public static let specStructure = RuleID(
        "spec-structure", .error, "A field has the wrong type or a required field is missing.")
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
    public static let specSecuritySchemeUndefined = RuleID(
        "spec-security-scheme-undefined", .error,
        "A security requirement names a scheme that `components.securitySchemes` does not define.")
    public static let specParameterDuplicate = RuleID(
        "spec-parameter-duplicate", .error, "Two parameters of one operation share a name and location.")
    public static let specServerVariableUndefined = RuleID(
        "spec-server-variable-undefined", .error,
        "A `{variable}` in a server URL has no entry in the server's `variables`.")

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
        "spec-pattern-invalid", .error, "A `pattern` or `patternProperties` key is not a valid ECMA-262 regular expression.")
    public static let specSchemaInvalid = RuleID(
        "spec-schema-invalid", .error, "A schema keyword has a value of the wrong kind (an unknown `type`, a non-string `$ref`).")

    // MARK: Exchanges and payloads

    public static let requestBodyInvalid = RuleID(
        "request-body-invalid", .error, "A request body does not match the schema of its operation's request body.")
    public static let responseBodyInvalid = RuleID(
        "response-body-invalid", .error, "A response body does not match the schema documented for its status and media type.")

    public static let payloadInvalid = RuleID(
        "payload-invalid", .error, "A payload file does not match the schema it was checked against.")

    /// All rules, in the order README lists them.
    public static let catalogue: [RuleID] = [
        .specLoadFailed, .specVersionUnsupported, .specRefUnresolved, .specRefCycle, .specRefMisplaced,
        .specStructure, .specPathParameterUndeclared, .specPathParameterUnused, .specOperationIDDuplicate,
        .specOperationNoResponses, .specSecuritySchemeUndefined, .specParameterDuplicate,
        .specServerVariableUndefined, .specExampleInvalid, .specDefaultInvalid, .specDiscriminatorMapping, .specUnknownFormat,
        .specPatternInvalid, .specSchemaInvalid, .requestBodyInvalid, .responseBodyInvalid, .payloadInvalid,
    ]
}
