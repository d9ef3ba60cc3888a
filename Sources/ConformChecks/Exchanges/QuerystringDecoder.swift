import ConformSchema
import ConformSpec
import ConformTraffic
import ConformValues

/// OpenAPI 3.2's `in: querystring` parameter: the whole query string is one value, serialized per the parameter's
/// one `content` media type. A form (`application/x-www-form-urlencoded`) is decoded field by field into the object
/// its schema describes, as a form body is; any other media type is the percent-decoded query string, parsed as
/// JSON for JSON media types and taken as text otherwise.
struct QuerystringDecoder {
    let schemas: CompiledSchemas
    /// The exchange's pattern budget (see `StyleDecoder.budget`).
    var budget: PatternBudget?

    func decode(_ parameter: Parameter, query: String?, schema: SchemaID?) -> ParameterDecoder.Decoded {
        guard let query, !query.isEmpty else { return .absent }
        guard let media = parameter.content.first else {
            return .notValidated("has no 'content' to say how the query string is serialized; it is not checked")
        }
        let essence = MediaTypeName.essence(media.name)
        if essence == "application/x-www-form-urlencoded" {
            return .value(BodyDecoder(schemas: schemas, budget: budget).formObject(Substring(query), media: media, schema: schema))
        }
        let text = PercentDecoding.decode(Substring(query))
        if MediaTypeName.isJSON(essence) {
            do {
                return .value(try JSONReader.parse(Array(text.utf8), path: "query"))
            } catch {
                return .invalid("is not valid JSON once percent-decoded: \(error.message) (column \(error.location.column))")
            }
        }
        if essence.hasPrefix("text/") || schema != nil {
            return .value(.string(text))
        }
        return .notValidated("is \(essence), which is checked for presence only")
    }
}
