import ConformValues

extension SchemaCompiler {
    /// What a keyword's value must be, by the JSON Schema meta-schemas (2020-12's validation, applicator, core,
    /// meta-data and content vocabularies).
    enum KeywordValue {
        case number, numberOrBoolean, positiveNumber, nonNegativeInteger, boolean, string, stringArray, array, nonEmptyArray, object
    }

    /// Keywords whose value has one JSON type. OpenAPI 3.0's structure check (`spec-structure`) says this for 3.0
    /// schemas; for 3.1 and JSON Schema dialects a schema is any object to the OpenAPI meta-schema, so it is said
    /// here. `exclusiveMinimum`/`exclusiveMaximum` may also be booleans: draft 4's form, which 3.1 descriptions
    /// still write and `spec-schema-dialect` reads as meant.
    static let keywordValues: [String: KeywordValue] = [
        "multipleOf": .positiveNumber, "maximum": .number, "minimum": .number,
        "exclusiveMaximum": .numberOrBoolean, "exclusiveMinimum": .numberOrBoolean,
        "maxLength": .nonNegativeInteger, "minLength": .nonNegativeInteger,
        "maxItems": .nonNegativeInteger, "minItems": .nonNegativeInteger,
        "maxContains": .nonNegativeInteger, "minContains": .nonNegativeInteger,
        "maxProperties": .nonNegativeInteger, "minProperties": .nonNegativeInteger,
        "uniqueItems": .boolean, "readOnly": .boolean, "writeOnly": .boolean, "deprecated": .boolean,
        "pattern": .string, "format": .string, "title": .string, "description": .string,
        "contentMediaType": .string, "contentEncoding": .string, "$anchor": .string, "$dynamicAnchor": .string,
        "$dynamicRef": .string, "$comment": .string, "$schema": .string, "$id": .string,
        "required": .stringArray, "enum": .array, "examples": .array,
        "allOf": .nonEmptyArray, "anyOf": .nonEmptyArray, "oneOf": .nonEmptyArray,
        "properties": .object, "patternProperties": .object, "$defs": .object, "dependentSchemas": .object,
        "dependentRequired": .object,
    ]

    /// Keywords that only annotate (no value passes or fails by them here).
    static let annotations: Set<String> = ["title", "description", "examples", "$comment", "deprecated"]

    /// Says each keyword of `schema` whose value is of the wrong kind (`minimum: "1"`, which spectree writes for
    /// Falcon's `int(min=1)`): it is not read, and a value is not checked against it, so the description's author
    /// must hear of it. Not for OpenAPI 3.0, whose structure check says it.
    mutating func checkKeywordValues(_ schema: JSONObject, at location: SchemaLocation, dialect: SchemaDialect) {
        guard dialect != .openAPI30 else { return }
        for (keyword, value) in schema.members {
            guard let expected = Self.keywordValues[keyword] else { continue }
            guard let wanted = Self.wanted(expected, value) else { continue }
            // An annotation changes no verdict: a warning. An assertion left unread lets values through: an error.
            let annotation = Self.annotations.contains(keyword)
            diagnose(
                .keywordInvalid,
                "'\(keyword)' must be \(wanted), found \(ValueText.describe(value))" + (annotation ? "; it is not read" : "; it is not read, so values are not checked against it"),
                at: location, keyword: keyword, severity: annotation ? .warning : .error)
        }
    }

    /// What `value` should have been, or nil when it is of the kind `expected`.
    private static func wanted(_ expected: KeywordValue, _ value: JSONValue) -> String? {
        switch (expected, value) {
        case (.number, .integer), (.number, .number), (.number, .bigNumber): return nil
        case (.number, _): return "a number"
        case (.numberOrBoolean, .integer), (.numberOrBoolean, .number), (.numberOrBoolean, .bigNumber), (.numberOrBoolean, .bool): return nil
        case (.numberOrBoolean, _): return "a number"
        case (.positiveNumber, _):
            guard let number = value.doubleValue else { return "a number above 0" }
            return number > 0 ? nil : "a number above 0"
        case (.nonNegativeInteger, .integer(let count)): return count >= 0 ? nil : "an integer of 0 or more"
        case (.nonNegativeInteger, .number(let number)):
            // 2020-12 counts 2.0 as an integer.
            return number >= 0 && number.rounded() == number ? nil : "an integer of 0 or more"
        case (.nonNegativeInteger, _): return "an integer of 0 or more"
        case (.boolean, .bool): return nil
        case (.boolean, _): return "a boolean"
        case (.string, .string): return nil
        case (.string, _): return "a string"
        case (.stringArray, .array(let items)): return items.allSatisfy { $0.stringValue != nil } ? nil : "an array of strings"
        case (.stringArray, _): return "an array of strings"
        case (.array, .array): return nil
        case (.array, _): return "an array"
        case (.nonEmptyArray, .array(let items)): return items.isEmpty ? "a non-empty array of schemas" : nil
        case (.nonEmptyArray, _): return "a non-empty array of schemas"
        case (.object, .object): return nil
        case (.object, _): return "an object"
        }
    }

    /// A count keyword's value (`maxLength`, `minItems`, …): an integer of 0 or more (2.0 counts), else nil, not read.
    static func count(_ value: JSONValue?) -> Int? {
        value?.intValue.flatMap { $0 >= 0 ? $0 : nil }
    }
}
