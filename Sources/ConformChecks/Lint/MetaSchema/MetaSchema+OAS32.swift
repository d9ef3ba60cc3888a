import ConformValues

/// The JSON Schema of OpenAPI 3.2 documents, made from the 3.1 one by the changes 3.2 makes to the objects it
/// describes. Third-party text is not copied into this repository, so the 3.2 schema the OpenAPI Initiative
/// publishes is not embedded; 3.2 keeps all of 3.1 and adds to it, so each change is one small patch of the parsed
/// 3.1 value, named after what it implements and citing the section of OpenAPI 3.2.0
/// (https://spec.openapis.org/oas/v3.2.0.html) that says so.
///
/// The 3.1 schema takes a Schema Object as any object or boolean (the schema compiler checks schemas), so the 3.2
/// additions inside schemas (the Discriminator Object's `defaultMapping`, the XML Object's `nodeType`) need no
/// patch here. Neither do the names of `additionalOperations`: the model builder reports a fixed method or a
/// non-token there, and a meta-schema finding would say it again.
extension MetaSchema {
    /// The 3.2 schema, from the (corrected) 3.1 one.
    static func oas32JSON(from oas31: JSONValue) -> JSONValue {
        let patches: [(JSONValue) -> JSONValue] = [
            identifying32, versionPattern32, selfField, pathItemQueryAndAdditionalOperations, querystringParameter,
            cookieStyle, mediaTypeSequentialFields, mediaTypeReferences, encodingNested, responseSummary,
            exampleDataAndSerializedValue, serverName, tagHierarchy, securitySchemeDeprecatedAndMetadata,
            deviceAuthorizationFlow,
        ]
        return patches.reduce(oas31) { schema, patch in patch(schema) }
    }

    /// The schema's own identity: not the 3.1 `$id`, as it is no longer that schema. (The `jsonSchemaDialect`
    /// default it keeps is an annotation, which nothing here reads.)
    private static func identifying32(_ schema: JSONValue) -> JSONValue {
        schema
            .setting(["$id"], to: "urn:openapi-conform:oas-3.2-schema")
            .setting(["description"], to: "The description of OpenAPI v3.2.x documents without schema validation, made from the 3.1 schema by openapi-conform")
    }

    /// OpenAPI Object, `openapi`: the version of the specification, 3.2.x.
    private static func versionPattern32(_ schema: JSONValue) -> JSONValue {
        schema.setting(["properties", "openapi", "pattern"], to: #"^3\.2\.\d+(-.+)?$"#)
    }

    /// OpenAPI Object, `$self`: the document's own URI, a URI reference that "MUST NOT contain a fragment".
    private static func selfField(_ schema: JSONValue) -> JSONValue {
        schema.setting(["properties", "$self"], to: [
            "type": "string", "format": "uri-reference", "pattern": "^[^#]*$",
            "$comment": "MUST NOT contain a fragment",
        ])
    }

    /// Path Item Object: the `query` operation, and `additionalOperations`, a map of Operation Objects by HTTP method
    /// for the methods the Path Item has no field of its own for.
    private static func pathItemQueryAndAdditionalOperations(_ schema: JSONValue) -> JSONValue {
        schema
            .setting(["$defs", "path-item", "properties", "query"], to: ["$ref": "#/$defs/operation"])
            .setting(["$defs", "path-item", "properties", "additionalOperations"], to: [
                "type": "object", "additionalProperties": ["$ref": "#/$defs/operation"],
            ])
    }

    /// Parameter Object, `in: querystring`: the whole query string as one value, serialized by `content`. "The
    /// `schema`, `style`, `explode` and `allowReserved` fields MUST NOT be used": the 3.1 schema already declares
    /// the last three only beside `schema`, so forbidding `schema` for this location forbids all four.
    private static func querystringParameter(_ schema: JSONValue) -> JSONValue {
        schema
            .updating(["$defs", "parameter", "properties", "in", "enum"]) { locations in
                .array((locations?.arrayValue ?? []) + ["querystring"])
            }
            .updating(["$defs", "parameter", "allOf"]) { conditions in
                .array((conditions?.arrayValue ?? []) + [[
                    "if": ["properties": ["in": ["const": "querystring"]], "required": ["in"]],
                    "then": ["not": ["required": ["schema"]]],
                ]])
            }
    }

    /// Parameter Object, Style Values: `in: cookie` takes `style: cookie` (the Cookie header's `name=value; …`) as
    /// well as `form`.
    private static func cookieStyle(_ schema: JSONValue) -> JSONValue {
        let cookie = ["$defs", "parameter", "dependentSchemas", "schema", "$defs", "styles-for-cookie", "then", "properties", "style"]
        return schema.setting(cookie, to: ["default": "form", "enum": ["form", "cookie"]])
    }

    /// Media Type Object: `itemSchema` (the schema of each item of a sequential body), `prefixEncoding` and
    /// `itemEncoding` (how the parts of a `multipart/mixed` body are encoded, by position), which "MUST NOT" stand
    /// beside `encoding`.
    private static func mediaTypeSequentialFields(_ schema: JSONValue) -> JSONValue {
        positionalEncodings(schema.setting(["$defs", "media-type", "properties", "itemSchema"], to: ["$dynamicRef": "#meta"]), in: "media-type")
    }

    /// Media Type Object as the target of a Reference Object: Components Object `mediaTypes`, and any entry of a
    /// `content` map may be a `$ref` to one.
    private static func mediaTypeReferences(_ schema: JSONValue) -> JSONValue {
        let components = ["$defs", "components"]
        return schema
            .setting(["$defs", "media-type-or-reference"], to: [
                "if": ["type": "object", "required": ["$ref"]],
                "then": ["$ref": "#/$defs/reference"],
                "else": ["$ref": "#/$defs/media-type"],
            ])
            .setting(["$defs", "content", "additionalProperties"], to: ["$ref": "#/$defs/media-type-or-reference"])
            .setting(components + ["properties", "mediaTypes"], to: [
                "type": "object", "additionalProperties": ["$ref": "#/$defs/media-type-or-reference"],
            ])
            .updating(components + ["patternProperties"]) { patterns in
                // The names of every map of components follow one pattern; the key lists the maps.
                guard case .object(let object)? = patterns else { return patterns }
                return .object(JSONObject(object.members.map { key, value in
                    (key.hasSuffix("|pathItems)$") ? String(key.dropLast(2)) + "|mediaTypes)$" : key, value)
                }))
            }
    }

    /// Encoding Object: `encoding`, `prefixEncoding` and `itemEncoding` of its own, for a part that is itself a
    /// `multipart` body, with the same exclusion as in the Media Type Object.
    private static func encodingNested(_ schema: JSONValue) -> JSONValue {
        let nested = schema.setting(["$defs", "encoding", "properties", "encoding"], to: [
            "type": "object", "additionalProperties": ["$ref": "#/$defs/encoding"],
        ])
        return positionalEncodings(nested, in: "encoding")
    }

    /// `prefixEncoding` and `itemEncoding` in a definition, each exclusive of `encoding`.
    private static func positionalEncodings(_ schema: JSONValue, in definition: String) -> JSONValue {
        schema
            .setting(["$defs", definition, "properties", "prefixEncoding"], to: ["type": "array", "items": ["$ref": "#/$defs/encoding"]])
            .setting(["$defs", definition, "properties", "itemEncoding"], to: ["$ref": "#/$defs/encoding"])
            .updating(["$defs", definition, "allOf"]) { conditions in
                .array((conditions?.arrayValue ?? []) + [
                    ["not": ["required": ["encoding", "prefixEncoding"]]],
                    ["not": ["required": ["encoding", "itemEncoding"]]],
                ])
            }
    }

    /// Response Object: a `summary`, and `description` no longer required.
    private static func responseSummary(_ schema: JSONValue) -> JSONValue {
        schema
            .setting(["$defs", "response", "properties", "summary"], to: ["type": "string"])
            .updating(["$defs", "response", "required"]) { _ in nil }
    }

    /// Example Object: `dataValue` (the data, before serialization) and `serializedValue` (the serialized form, a
    /// string). `value` stands alone ("If this field is present, `dataValue`, `serializedValue` and `externalValue`
    /// MUST be absent"), and `serializedValue` excludes `externalValue`; `dataValue` goes with either of those two.
    private static func exampleDataAndSerializedValue(_ schema: JSONValue) -> JSONValue {
        let exclusive: [JSONValue] = [
            ["value", "externalValue"], ["value", "dataValue"], ["value", "serializedValue"], ["serializedValue", "externalValue"],
        ]
        return schema
            .setting(["$defs", "example", "properties", "dataValue"], to: true)
            .setting(["$defs", "example", "properties", "serializedValue"], to: ["type": "string"])
            .updating(["$defs", "example", "not"]) { _ in nil }
            .setting(["$defs", "example", "allOf"], to: .array(exclusive.map { ["not": ["required": $0]] }))
    }

    /// Server Object: a `name` for the server.
    private static func serverName(_ schema: JSONValue) -> JSONValue {
        schema.setting(["$defs", "server", "properties", "name"], to: ["type": "string"])
    }

    /// Tag Object: `summary`, `parent` (the name of the tag this one is nested under) and `kind` (what the tag is for:
    /// `nav`, `badge`, `audience` and others registered).
    private static func tagHierarchy(_ schema: JSONValue) -> JSONValue {
        ["summary", "parent", "kind"].reduce(schema) { schema, field in
            schema.setting(["$defs", "tag", "properties", field], to: ["type": "string"])
        }
    }

    /// Security Scheme Object: `deprecated` for any scheme, and `oauth2MetadataUrl` (the authorization server's
    /// metadata, RFC 8414) for an `oauth2` one.
    private static func securitySchemeDeprecatedAndMetadata(_ schema: JSONValue) -> JSONValue {
        schema
            .setting(["$defs", "security-scheme", "properties", "deprecated"], to: ["type": "boolean", "default": false])
            .setting(
                ["$defs", "security-scheme", "$defs", "type-oauth2", "then", "properties", "oauth2MetadataUrl"],
                to: ["type": "string", "format": "uri"])
    }

    /// OAuth Flows Object: `deviceAuthorization`, the device authorization flow (RFC 8628), whose OAuth Flow Object
    /// requires `deviceAuthorizationUrl`, `tokenUrl` and `scopes`.
    private static func deviceAuthorizationFlow(_ schema: JSONValue) -> JSONValue {
        let url: JSONValue = ["type": "string", "format": "uri"]
        return schema
            .setting(["$defs", "oauth-flows", "$defs", "device-authorization"], to: [
                "type": "object",
                "properties": [
                    "deviceAuthorizationUrl": url, "tokenUrl": url, "refreshUrl": url, "scopes": ["$ref": "#/$defs/map-of-strings"],
                ],
                "required": ["deviceAuthorizationUrl", "tokenUrl", "scopes"],
                "$ref": "#/$defs/specification-extensions",
                "unevaluatedProperties": false,
            ])
            .setting(
                ["$defs", "oauth-flows", "properties", "deviceAuthorization"],
                to: ["$ref": "#/$defs/oauth-flows/$defs/device-authorization"])
    }
}
