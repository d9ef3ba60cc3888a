import ConformSchema
import ConformSpec
import ConformValues

/// The one reading of OpenAPI's serialization styles (RFC 6570 underneath), shared by parameters and by the fields
/// of form and multipart bodies: text in, the JSON value the schema describes out, scalars coerced to the schema's
/// types. Where a style comes from (a Parameter, a Header, an Encoding Object) is the caller's business.
struct StyleDecoder {
    let schemas: CompiledSchemas
    /// The pattern budget of the exchange the text comes from (a fresh one per check when nil), so that trying each
    /// value of a long list against a schema's types costs the exchange's budget, not a deadline a value.
    var budget: PatternBudget?

    func shape(_ schema: SchemaID?) -> SchemaShape {
        schema.map(schemas.shape(of:)) ?? SchemaShape()
    }

    // MARK: Scalars

    /// The value a schema means by one decoded text: `"12"` is 12 for an integer. A schema that allows a string
    /// and another scalar type reads the text as whichever it accepts: Stripe's `anyOf: [{enum: [now], type:
    /// string}, {type: integer}]` means 1700000000 by `trial_end=1700000000`, and "now" by `trial_end=now`. The text
    /// `null` is never null (`SchemaShape.coerce`).
    func scalar(_ text: String, schema: SchemaID?) -> JSONValue {
        let value = schemas.coerce(text, to: schema)
        guard case .string = value, let schema, !text.isEmpty else { return value }
        let types = schemas.shape(of: schema).types
        guard types.count > 1, types.contains(.string), !schemas.isValid(value, against: schema, budget: budget) else {
            return value
        }
        switch try? JSONReader.parse(Array(text.utf8)) {
        case let other? where other.isScalar && other != .null && schemas.isValid(other, against: schema, budget: budget):
            return other
        default:
            return value
        }
    }

    func scalar(_ text: SentText, schema: SchemaID?) -> JSONValue {
        scalar(text.decoded, schema: schema)
    }

    // MARK: Delimited text

    /// The byte between items: `,` for form and simple (and unexploded label and matrix), `.` for an exploded
    /// label, a space or `|` for the delimited styles.
    static func delimiter(style: ParameterStyle, explode: Bool) -> UInt8 {
        switch style {
        case .label where explode: UInt8(ascii: ".")
        case .matrix where explode: UInt8(ascii: ";")
        case .spaceDelimited: UInt8(ascii: " ")
        case .pipeDelimited: UInt8(ascii: "|")
        default: UInt8(ascii: ",")
        }
    }

    /// One delimited text: items of an array, an object as `k,v,k,v` (or `k=v` pieces when exploded), or, for any
    /// other schema, one value. A space or pipe delimiter is looked for in decoded text, since clients send it as
    /// `%20`, `+` or `%7C` and the style gives no way to carry one as data; any other delimiter splits the raw
    /// text, so an escaped one (`%2C`) stays data.
    func delimited(_ text: SentText, delimiter: UInt8, explode: Bool, schema: SchemaID?) -> JSONValue {
        let shape = shape(schema)
        guard shape.isArray || shape.isObject else { return scalar(text, schema: schema) }
        let text = delimiter == UInt8(ascii: " ") || delimiter == UInt8(ascii: "|") ? text.unescaped : text
        if shape.isArray {
            guard !text.isEmpty else { return .array([]) }
            return .array(text.split(delimiter).map { scalar($0, schema: shape.items) })
        }
        guard !text.isEmpty else { return .object(JSONObject()) }
        let pieces = text.split(delimiter)
        var members: [(String, SentText)] = []
        if explode {
            members = pieces.map { piece in
                let (key, value) = piece.keyAndValue()
                return (key.decoded, value)
            }
        } else {
            var index = 0
            while index + 1 < pieces.count {
                members.append((pieces[index].decoded, pieces[index + 1]))
                index += 2
            }
        }
        return object(members, shape: shape)
    }

    /// Members coerced to their property's schema; a name given twice keeps its first value.
    func object(_ members: [(String, SentText)], shape: SchemaShape) -> JSONValue {
        var object = JSONObject()
        for (key, value) in members where object[key] == nil {
            object[key] = scalar(value, schema: shape.properties[key] ?? shape.additionalProperties)
        }
        return .object(object)
    }

    // MARK: Values sent under one name

    /// The values sent under one query or form name. Form with explode repeats the name for each array item
    /// (`id=3&id=4`); every other style delimits one value (`id=3,4`, `id=3%204`, `id=3|4`). A scalar sent twice is
    /// itself a problem, so it becomes the array of both, for validation to say so.
    func values(_ values: [SentText], style: ParameterStyle, explode: Bool, schema: SchemaID?) -> JSONValue? {
        guard let first = values.first else { return nil }
        let shape = shape(schema)
        if shape.isArray && style == .form && explode {
            return .array(values.map { scalar($0, schema: shape.items) })
        }
        // An exploded form object spreads its members over names of their own (`R=100&G=200`), which the caller
        // collects; text under the object's own name is no serialization of it, so it stays text.
        if shape.isObject && style == .form && explode {
            return values.count > 1 ? .array(values.map { scalar($0, schema: schema) }) : scalar(first, schema: schema)
        }
        if shape.isArray || shape.isObject {
            return delimited(first, delimiter: Self.delimiter(style: style, explode: explode), explode: explode, schema: schema)
        }
        if values.count > 1 { return .array(values.map { scalar($0, schema: schema) }) }
        return scalar(first, schema: schema)
    }
}

extension JSONValue {
    /// Null, a boolean or a number: what a form field's text can mean besides a string.
    fileprivate var isScalar: Bool {
        switch self {
        case .null, .bool, .integer, .number, .bigNumber: true
        case .string, .array, .object: false
        }
    }
}
