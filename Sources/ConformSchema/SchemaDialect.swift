/// Which rules a schema follows. OpenAPI 3.0 Schema Objects extend a draft-4 subset; OpenAPI 3.1 uses JSON
/// Schema 2020-12 with OpenAPI's vocabulary (discriminator, xml, externalDocs, example) added.
package enum SchemaDialect: String, Sendable, Hashable {
    /// OpenAPI 3.0: draft-4 keywords plus `nullable`, `discriminator`, `readOnly`, `writeOnly`, `example`.
    case openAPI30
    /// OpenAPI 3.1 base dialect: JSON Schema 2020-12 plus `discriminator`.
    case openAPI31
    /// Plain JSON Schema draft 4.
    case draft4
    /// Plain JSON Schema 2020-12.
    case draft2020_12
    /// Drafts 6, 7 and 2019-09: 2020-12 keywords, except that `items` may be an array (with `additionalItems`)
    /// and `prefixItems` does not exist yet.
    case draft2019_09

    /// Draft 4 semantics: `id`, array `items` with `additionalItems`, boolean exclusive bounds, `dependencies`,
    /// and `$ref` overriding its siblings.
    var isDraft4Family: Bool { self == .openAPI30 || self == .draft4 }

    var understandsOpenAPIKeywords: Bool { self == .openAPI30 || self == .openAPI31 }

    var identifierKeyword: String { isDraft4Family ? "id" : "$id" }

    /// The dialect a `$schema` URI names, when it names one this validator knows.
    package static func named(by uri: String, openAPI: Bool) -> SchemaDialect? {
        var text = uri
        if text.hasSuffix("#") { text.removeLast() }
        switch text {
        case "http://json-schema.org/draft-04/schema", "https://json-schema.org/draft-04/schema":
            return .draft4
        case "https://json-schema.org/draft/2020-12/schema":
            return openAPI ? .openAPI31 : .draft2020_12
        case "https://json-schema.org/draft/2019-09/schema", "http://json-schema.org/draft-07/schema",
            "http://json-schema.org/draft-06/schema":
            return .draft2019_09
        default:
            if text.hasPrefix("https://spec.openapis.org/oas/3.1/dialect") { return .openAPI31 }
            return nil
        }
    }
}
