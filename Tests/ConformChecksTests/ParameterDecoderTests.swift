import ConformSpec
import ConformTestSupport
import ConformTraffic
import ConformValues
import Testing

@testable import ConformChecks

/// A parameter is validated as the value its `style` and `explode` serialized, not as the text on the wire; decode
/// it wrong and a conforming request fails (or a broken one passes). Expected values follow the OpenAPI 3.0.3 /
/// 3.1 Parameter Object ("Style Values", "Style Examples"), which defines the styles by RFC 6570, with the values
/// of the Swagger serialization guide: the primitive `5`, the array `[3, 4, 5]` and the object
/// `{"role": "admin", "firstName": "Alex"}`, for a parameter named `id` (the color example for `deepObject`).
/// The parameters are in `Fixtures/units/parameters.yaml`, one operation per style, explode and type.
@Suite struct ParameterDecoderTests {
    static let spec = TestPaths.fixture("ConformChecksTests", "units/parameters.yaml")

    /// Where the text comes from, as the exchange check hands it over.
    enum Input: Sendable, CustomStringConvertible {
        /// A path value as the router captures it today: percent-decoded, still style-encoded.
        case path(String)
        /// A path value as sent, still percent-encoded.
        case rawPath(String)
        /// A raw query string, split into pairs the way the exchange check reads a URL (names decoded, values as
        /// sent).
        case query(String)
        case header(String)
        case cookie(String)

        var source: ParameterDecoder.Source {
            switch self {
            case .path(let text): .path(text)
            case .rawPath(let text): .rawPath(Substring(text))
            case .query(let raw): .query(RequestURL("?" + raw).rawQueryPairs)
            case .header(let text): .header(text)
            case .cookie(let text): .cookie(text)
            }
        }

        var description: String {
            switch self {
            case .path(let text): "path \(text)"
            case .rawPath(let text): "raw path \(text)"
            case .query(let raw): "query ?\(raw)"
            case .header(let text): "header \(text)"
            case .cookie(let text): "cookie \(text)"
            }
        }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var sentence: String
        /// The operationId in parameters.yaml.
        var operation: String
        var parameter = "id"
        var input: Input
        /// Nil when the parameter is absent from the input.
        var expected: JSONValue?
        var testDescription: String { sentence }
    }

    static let user: JSONValue = ["role": "admin", "firstName": "Alex"]

    static func decode(_ operationID: String, _ name: String, from input: Input) throws -> ParameterDecoder.Decoded {
        let contract = try Contract(path: spec, config: ConformConfig())
        let operation = try #require(contract.document.operations.first { $0.operationID == operationID })
        let parameter = try #require(operation.parameters.first { $0.name == name })
        // As the exchange check does: the `schema`, or the schema of the single `content` entry.
        let schema = parameter.schema.flatMap(contract.schemas.schema(at:))
            ?? parameter.content.first?.schema.flatMap(contract.schemas.schema(at:))
        return ParameterDecoder(schemas: contract.schemas.compiled).decode(parameter, schema: schema, from: input.source)
    }

    static func check(_ testCase: Case) throws {
        let decoded = try decode(testCase.operation, testCase.parameter, from: testCase.input)
        #expect(decoded == testCase.expected.map(ParameterDecoder.Decoded.value) ?? .absent, "\(testCase.input)")
    }

    // MARK: Path styles

    static let matrixCases: [Case] = [
        Case(sentence: "matrix ;id=5 is the primitive 5",
             operation: "path-matrix-primitive", input: .path(";id=5"), expected: 5),
        Case(sentence: "exploded matrix ;id=5 is the primitive 5",
             operation: "path-matrix-primitive-explode", input: .path(";id=5"), expected: 5),
        Case(sentence: "matrix ;id=3,4,5 is the array [3, 4, 5]",
             operation: "path-matrix-array", input: .path(";id=3,4,5"), expected: [3, 4, 5]),
        Case(sentence: "exploded matrix ;id=3;id=4;id=5 is the array [3, 4, 5]",
             operation: "path-matrix-array-explode", input: .path(";id=3;id=4;id=5"), expected: [3, 4, 5]),
        // RFC 6570 {;id} of an object keeps the name: `;id=role,admin,firstName,Alex` (OAS: `;color=R,100,G,200`).
        Case(sentence: "matrix ;id=role,admin,firstName,Alex is the object",
             operation: "path-matrix-object", input: .path(";id=role,admin,firstName,Alex"), expected: user),
        Case(sentence: "exploded matrix ;role=admin;firstName=Alex is the object",
             operation: "path-matrix-object-explode", input: .path(";role=admin;firstName=Alex"), expected: user),
        Case(sentence: "matrix ;id without '=' is the empty string",
             operation: "path-matrix-string", input: .path(";id"), expected: ""),
    ]

    @Test(arguments: matrixCases)
    func matrix(_ testCase: Case) throws { try Self.check(testCase) }

    /// OAS 3.0.3 Style Examples, column "empty": `;color` for matrix with explode true as with explode false; RFC
    /// 6570 §3.2.7 expands the empty string `{;empty}` to `;empty`. Both mean the empty string.
    @Test func explodedMatrixWithoutAValueIsTheEmptyString() throws {
        try Self.check(Case(sentence: "exploded matrix ;id without '=' is the empty string",
                            operation: "path-matrix-string-explode", input: .path(";id"), expected: ""))
    }

    static let labelCases: [Case] = [
        Case(sentence: "label .5 is the primitive 5",
             operation: "path-label-primitive", input: .path(".5"), expected: 5),
        Case(sentence: "exploded label .5 is the primitive 5",
             operation: "path-label-primitive-explode", input: .path(".5"), expected: 5),
        // RFC 6570 {.id} joins list items with ','; the 3.0.3 table's `.blue.black.brown` is corrected to
        // `.blue,black,brown` in OAS 3.0.4 and 3.1.1.
        Case(sentence: "label .3,4,5 is the array [3, 4, 5]",
             operation: "path-label-array", input: .path(".3,4,5"), expected: [3, 4, 5]),
        Case(sentence: "exploded label .3.4.5 is the array [3, 4, 5]",
             operation: "path-label-array-explode", input: .path(".3.4.5"), expected: [3, 4, 5]),
        Case(sentence: "label .role,admin,firstName,Alex is the object",
             operation: "path-label-object", input: .path(".role,admin,firstName,Alex"), expected: user),
        Case(sentence: "exploded label .role=admin.firstName=Alex is the object",
             operation: "path-label-object-explode", input: .path(".role=admin.firstName=Alex"), expected: user),
        Case(sentence: "label . alone is the empty string",
             operation: "path-label-string", input: .path("."), expected: ""),
    ]

    @Test(arguments: labelCases)
    func label(_ testCase: Case) throws { try Self.check(testCase) }

    static let simpleCases: [Case] = [
        Case(sentence: "simple 5 is the primitive 5",
             operation: "path-simple-primitive", input: .path("5"), expected: 5),
        Case(sentence: "exploded simple 5 is the primitive 5",
             operation: "path-simple-primitive-explode", input: .path("5"), expected: 5),
        Case(sentence: "simple 3,4,5 is the array [3, 4, 5]",
             operation: "path-simple-array", input: .path("3,4,5"), expected: [3, 4, 5]),
        Case(sentence: "exploded simple 3,4,5 is the array [3, 4, 5] too",
             operation: "path-simple-array-explode", input: .path("3,4,5"), expected: [3, 4, 5]),
        Case(sentence: "simple 7 for an array schema is the array [7]",
             operation: "path-simple-array", input: .path("7"), expected: [7]),
        Case(sentence: "simple role,admin,firstName,Alex is the object",
             operation: "path-simple-object", input: .path("role,admin,firstName,Alex"), expected: user),
        Case(sentence: "exploded simple role=admin,firstName=Alex is the object",
             operation: "path-simple-object-explode", input: .path("role=admin,firstName=Alex"), expected: user),
    ]

    @Test(arguments: simpleCases)
    func simple(_ testCase: Case) throws { try Self.check(testCase) }

    // MARK: Query styles

    static let formCases: [Case] = [
        Case(sentence: "form id=5 is the primitive 5",
             operation: "query-form-primitive", input: .query("id=5"), expected: 5),
        Case(sentence: "form id= is the empty string",
             operation: "query-form-string", input: .query("id="), expected: ""),
        Case(sentence: "form id=3,4,5 with explode false is the array [3, 4, 5]",
             operation: "query-form-array", input: .query("id=3,4,5"), expected: [3, 4, 5]),
        Case(sentence: "form id=3&id=4&id=5 with the default explode is the array [3, 4, 5]",
             operation: "query-form-array-explode", input: .query("id=3&id=4&id=5"), expected: [3, 4, 5]),
        Case(sentence: "form id=7 with the default explode is the array [7]",
             operation: "query-form-array-explode", input: .query("id=7"), expected: [7]),
        Case(sentence: "form id=role,admin,firstName,Alex with explode false is the object",
             operation: "query-form-object", input: .query("id=role,admin,firstName,Alex"), expected: user),
        Case(sentence: "form role=admin&firstName=Alex with the default explode is the object",
             operation: "query-form-object-explode", input: .query("role=admin&firstName=Alex"), expected: user),
        Case(sentence: "an exploded form object takes only the names its properties list",
             operation: "query-form-object-explode", input: .query("role=admin&limit=10"), expected: ["role": "admin"]),
        Case(sentence: "an exploded form object with additionalProperties takes every other name",
             operation: "query-form-map-explode", parameter: "tags", input: .query("env=prod&team=core"),
             expected: ["env": "prod", "team": "core"]),
        Case(sentence: "a query parameter not sent is absent",
             operation: "query-form-primitive", input: .query("other=1"), expected: nil),
        Case(sentence: "spaceDelimited id=3%204%205 is the array [3, 4, 5]",
             operation: "query-spaceDelimited-array", input: .query("id=3%204%205"), expected: [3, 4, 5]),
        Case(sentence: "spaceDelimited id=role%20admin%20firstName%20Alex is the object",
             operation: "query-spaceDelimited-object", input: .query("id=role%20admin%20firstName%20Alex"), expected: user),
        Case(sentence: "pipeDelimited id=3|4|5 is the array [3, 4, 5]",
             operation: "query-pipeDelimited-array", input: .query("id=3|4|5"), expected: [3, 4, 5]),
        Case(sentence: "pipeDelimited with percent-encoded pipes id=3%7C4%7C5 is the array [3, 4, 5]",
             operation: "query-pipeDelimited-array", input: .query("id=3%7C4%7C5"), expected: [3, 4, 5]),
        Case(sentence: "pipeDelimited id=role|admin|firstName|Alex is the object",
             operation: "query-pipeDelimited-object", input: .query("id=role|admin|firstName|Alex"), expected: user),
        Case(sentence: "deepObject color[R]=100&color[G]=200 is the object {R: 100, G: 200}",
             operation: "query-deepObject-object", parameter: "color", input: .query("color[R]=100&color[G]=200"),
             expected: ["R": 100, "G": 200]),
        Case(sentence: "deepObject with percent-encoded brackets is the same object",
             operation: "query-deepObject-object", parameter: "color", input: .query("color%5BR%5D=100&color%5BB%5D=150"),
             expected: ["R": 100, "B": 150]),
    ]

    @Test(arguments: formCases)
    func queryStyles(_ testCase: Case) throws { try Self.check(testCase) }

    /// A parameter not sent is absent (nil), which the exchange check reports only when it is `required` (OAS
    /// 3.0.3: `required` "default value is false"), never null: an optional deepObject or exploded form object left
    /// out of a request is no finding.
    static let absentObjectCases: [Case] = [
        Case(sentence: "deepObject members of another name leave the parameter absent",
             operation: "query-deepObject-object", parameter: "color", input: .query("colour[R]=100"), expected: nil),
        Case(sentence: "a deepObject parameter not sent at all is absent",
             operation: "query-deepObject-object", parameter: "color", input: .query(""), expected: nil),
        Case(sentence: "an exploded form object none of whose properties is sent is absent",
             operation: "query-form-object-explode", input: .query("limit=10"), expected: nil),
    ]

    @Test(arguments: absentObjectCases)
    func anObjectParameterNotSentIsAbsent(_ testCase: Case) throws { try Self.check(testCase) }

    /// RFC 6570 (which OAS names for `form` and `simple`) percent-encodes a comma inside a value, so the delimiter
    /// and the data stay apart: `a%2Cb,c` is the two items "a,b" and "c". Splitting decoded text would merge them.
    static let encodedDelimiterCases: [Case] = [
        Case(sentence: "form id=a%2Cb,c is the array [\"a,b\", \"c\"]",
             operation: "query-form-strings", input: .query("id=a%2Cb,c"), expected: ["a,b", "c"]),
        Case(sentence: "simple a%2Cb,c in a path sent as is is the array [\"a,b\", \"c\"]",
             operation: "path-simple-strings", input: .rawPath("a%2Cb,c"), expected: ["a,b", "c"]),
        Case(sentence: "an encoded '=' in an exploded simple object is part of the value",
             operation: "path-simple-object-explode", input: .rawPath("role=a%3Db,firstName=Alex"),
             expected: ["role": "a=b", "firstName": "Alex"]),
        Case(sentence: "an encoded '.' in an exploded label array is part of its item",
             operation: "path-label-strings-explode", input: .rawPath(".v1%2E2.v3"), expected: ["v1.2", "v3"]),
        Case(sentence: "a plus in a path is a plus, not a space",
             operation: "path-simple-strings", input: .rawPath("a+b"), expected: ["a+b"]),
    ]

    @Test(arguments: encodedDelimiterCases)
    func anEncodedCommaIsPartOfAnItem(_ testCase: Case) throws { try Self.check(testCase) }

    /// OAS 3.0.3 "Style Examples": spaceDelimited is `blue%20black%20brown`, and 3.1.1 writes pipeDelimited as
    /// `blue%7Cblack%7Cbrown`; those styles have no way to carry their delimiter as data, so it is looked for in
    /// the decoded text, `+` included (a space in a form value).
    @Test func aSpaceDelimitedArrayReadsAPlusAsItsDelimiter() throws {
        try Self.check(Case(sentence: "spaceDelimited id=3+4+5 is the array [3, 4, 5]",
                            operation: "query-spaceDelimited-array", input: .query("id=3+4+5"), expected: [3, 4, 5]))
    }

    /// `additionalProperties: false` says the object has no members beyond its properties, so a query name that
    /// is not one of them cannot be part of the exploded object.
    @Test func aClosedExplodedObjectTakesOnlyItsProperties() throws {
        try Self.check(Case(sentence: "a closed exploded form object takes only its properties",
                            operation: "query-form-closed-object-explode", input: .query("role=admin&firstName=Alex&limit=5"),
                            expected: Self.user))
    }

    // MARK: deepObject beyond one object

    /// Stripe declares `expand` a deepObject parameter whose schema is an array of strings, and its clients send
    /// `expand[]=a` (Ruby, PHP) or `expand[0]=a` (Python, Node); both are the array, in index order.
    static let deepObjectArrayCases: [Case] = [
        Case(sentence: "deepObject expand[]=customer&expand[]=invoice is the array of both",
             operation: "query-deepObject-array", parameter: "expand", input: .query("expand[]=customer&expand[]=invoice"),
             expected: ["customer", "invoice"]),
        Case(sentence: "deepObject expand[0]=customer&expand[1]=invoice is the array of both",
             operation: "query-deepObject-array", parameter: "expand", input: .query("expand[0]=customer&expand[1]=invoice"),
             expected: ["customer", "invoice"]),
        Case(sentence: "deepObject positions are read in numeric order, not sending order",
             operation: "query-deepObject-array", parameter: "expand", input: .query("expand[1]=invoice&expand[0]=customer"),
             expected: ["customer", "invoice"]),
        Case(sentence: "deepObject positions with percent-encoded brackets are the same array",
             operation: "query-deepObject-array", parameter: "expand", input: .query("expand%5B0%5D=data.customer"),
             expected: ["data.customer"]),
    ]

    @Test(arguments: deepObjectArrayCases)
    func aDeepObjectArrayIsReadFromItsPositions(_ testCase: Case) throws { try Self.check(testCase) }

    /// OpenAPI defines deepObject for one level of members; `color[R][x]=1` is outside it, so the parameter is
    /// noted as not checked, neither passed nor failed by a guess.
    @Test func nestedDeepObjectKeysAreNotValidated() throws {
        let decoded = try Self.decode("query-deepObject-object", "color", from: .query("color[R]=1&color[G][x]=2"))
        #expect(decoded == .notValidated("has nested keys ('color[G][x]'), which the deepObject style does not define; it is not checked"))
    }

    // MARK: Serializations a style does not produce

    struct Invalid: CustomTestStringConvertible, Sendable {
        var sentence: String
        var operation: String
        var input: Input
        var reason: String
        var testDescription: String { sentence }
    }

    /// RFC 6570 `{.id}` and `{;id}` always write their prefix, the empty value included (`.`, `;id`); a path value
    /// without it was not serialized by the style the description names.
    static let invalidCases: [Invalid] = [
        Invalid(sentence: "label foo without its '.' is invalid", operation: "path-label-primitive", input: .path("foo"),
                reason: "is 'foo', but label style needs a leading '.' (as in '.foo')"),
        Invalid(sentence: "exploded label 3.4 without its '.' is invalid", operation: "path-label-array-explode", input: .path("3.4"),
                reason: "is '3.4', but label style needs a leading '.' (as in '.3.4')"),
        Invalid(sentence: "matrix foo without ';id=' is invalid", operation: "path-matrix-primitive", input: .path("foo"),
                reason: "is 'foo', but matrix style needs ';id=' before the value (as in ';id=foo')"),
        Invalid(sentence: "matrix ;other=5 names another parameter", operation: "path-matrix-primitive", input: .path(";other=5"),
                reason: "is ';other=5', but matrix style needs ';id=' before the value"),
        Invalid(sentence: "exploded matrix 3;id=4 without its leading ';' is invalid", operation: "path-matrix-array-explode", input: .path("3;id=4"),
                reason: "is '3;id=4', but matrix style needs ';id=' before the value (as in ';id=3;id=4')"),
        Invalid(sentence: "exploded matrix ;id=3;x=4 names another parameter for an item", operation: "path-matrix-array-explode", input: .path(";id=3;x=4"),
                reason: "is ';id=3;x=4', but exploded matrix style needs ';id=' before each value (as in ';id=3;id=4')"),
    ]

    @Test(arguments: invalidCases)
    func aPathValueWithoutItsPrefixIsInvalid(_ testCase: Invalid) throws {
        let decoded = try Self.decode(testCase.operation, "id", from: testCase.input)
        #expect(decoded == .invalid(testCase.reason))
    }

    // MARK: Empty values

    struct Empty: CustomTestStringConvertible, Sendable {
        var sentence: String
        var parameter: String
        var query: String
        var empty: Bool
        var testDescription: String { sentence }
    }

    /// `allowEmptyValue` is about a form query parameter sent with nothing after its name (OAS 3.0.3, Parameter
    /// Object; the style table's "empty" column). The delimited styles and deepObject have no empty value ("n/a"),
    /// and OpenAPI ignores allowEmptyValue for them.
    static let emptyCases: [Empty] = [
        Empty(sentence: "status= is sent empty", parameter: "status", query: "status=", empty: true),
        Empty(sentence: "status without '=' is sent empty", parameter: "status", query: "status&limit=5", empty: true),
        Empty(sentence: "status=available is not empty", parameter: "status", query: "status=available", empty: false),
        Empty(sentence: "a parameter not sent is not empty", parameter: "status", query: "limit=5", empty: false),
        Empty(sentence: "tags= for an exploded form array is sent empty", parameter: "tags", query: "tags=", empty: true),
        Empty(sentence: "tags=&tags=a has a value", parameter: "tags", query: "tags=&tags=a", empty: false),
        Empty(sentence: "pipeDelimited ids= has no empty value to allow", parameter: "ids", query: "ids=", empty: false),
        Empty(sentence: "deepObject color[R]= has no empty value to allow", parameter: "color", query: "color[R]=", empty: false),
    ]

    @Test(arguments: emptyCases)
    func anEmptyValueIsOneFormSentNothing(_ testCase: Empty) throws {
        let contract = try Contract(path: Self.spec, config: ConformConfig())
        let operation = try #require(contract.document.operations.first { $0.operationID == "query-empty" })
        let parameter = try #require(operation.parameters.first { $0.name == testCase.parameter })
        let decoder = ParameterDecoder(schemas: contract.schemas.compiled)
        #expect(decoder.isSentEmpty(parameter, in: RequestURL("?" + testCase.query).rawQueryPairs) == testCase.empty)
    }

    // MARK: Coercion

    static let coercionCases: [Case] = [
        Case(sentence: "an integer schema makes 5 the integer 5",
             operation: "query-coercion", parameter: "count", input: .query("count=5"), expected: 5),
        Case(sentence: "an integer schema makes -12 the integer -12",
             operation: "query-coercion", parameter: "count", input: .query("count=-12"), expected: -12),
        Case(sentence: "an integer schema leaves text that is no number a string, for validation to reject",
             operation: "query-coercion", parameter: "count", input: .query("count=five"), expected: "five"),
        // A JSON number literal is the number a body would hold, however large; validation then judges it.
        Case(sentence: "an integer schema makes a 29-digit integer the big number it spells",
             operation: "query-coercion", parameter: "count", input: .query("count=28060138199953478151663779840"),
             expected: .bigNumber("28060138199953478151663779840")),
        // Servers read a query's integer as digits: `1e2` and `2.0` spell no integer there, whatever a body's
        // JSON number of the same text would be.
        Case(sentence: "an integer schema leaves 1e2 a string, as servers read it",
             operation: "query-coercion", parameter: "count", input: .query("count=1e2"), expected: "1e2"),
        Case(sentence: "an integer schema leaves 2.0 a string, as servers read it",
             operation: "query-coercion", parameter: "count", input: .query("count=2.0"), expected: "2.0"),
        Case(sentence: "an integer schema leaves a number with a space around it a string",
             operation: "query-coercion", parameter: "count", input: .query("count=%205"), expected: " 5"),
        Case(sentence: "a number schema makes 1e400, past Double's range, the big number it spells",
             operation: "query-coercion", parameter: "ratio", input: .query("ratio=1e400"), expected: .bigNumber("1e400")),
        Case(sentence: "a number schema makes -18446744073709551616 the big number it spells",
             operation: "query-coercion", parameter: "ratio", input: .query("ratio=-18446744073709551616"),
             expected: .bigNumber("-18446744073709551616")),
        Case(sentence: "a number schema still reads .5 as Double does",
             operation: "query-coercion", parameter: "ratio", input: .query("ratio=.5"), expected: 0.5),
        Case(sentence: "a number schema makes 2.5 the number 2.5",
             operation: "query-coercion", parameter: "ratio", input: .query("ratio=2.5"), expected: 2.5),
        Case(sentence: "a number schema makes 3 the number 3",
             operation: "query-coercion", parameter: "ratio", input: .query("ratio=3"), expected: 3),
        Case(sentence: "a boolean schema makes true the boolean true",
             operation: "query-coercion", parameter: "flag", input: .query("flag=true"), expected: true),
        Case(sentence: "a boolean schema makes false the boolean false",
             operation: "query-coercion", parameter: "flag", input: .query("flag=false"), expected: false),
        Case(sentence: "a boolean schema leaves yes a string, for validation to reject",
             operation: "query-coercion", parameter: "flag", input: .query("flag=yes"), expected: "yes"),
        Case(sentence: "a string schema keeps digits as text",
             operation: "query-coercion", parameter: "code", input: .query("code=007"), expected: "007"),
        Case(sentence: "a schema without a type keeps the text as a string",
             operation: "query-coercion", parameter: "any", input: .query("any=5"), expected: "5"),
        Case(sentence: "a plus in a query value is a space",
             operation: "query-coercion", parameter: "code", input: .query("code=a+b"), expected: "a b"),
        // Stripe's `trial_end`: anyOf a string enum [now] and an integer; the text is whichever the schema accepts.
        Case(sentence: "a string-or-integer schema reads digits as the integer it accepts",
             operation: "query-coercion", parameter: "trial_end", input: .query("trial_end=1700000000"), expected: 1_700_000_000),
        Case(sentence: "a string-or-integer schema reads its enum word as the string",
             operation: "query-coercion", parameter: "trial_end", input: .query("trial_end=now"), expected: "now"),
        Case(sentence: "a string-or-integer schema leaves text neither accepts a string, for validation to reject",
             operation: "query-coercion", parameter: "trial_end", input: .query("trial_end=later"), expected: "later"),
        // No style spells null (RFC 6570 leaves an undefined value out): `null` is four letters, as servers read it.
        Case(sentence: "a nullable e-mail schema reads null as the text null, which is no e-mail address",
             operation: "query-coercion", parameter: "email", input: .query("email=null"), expected: "null"),
        Case(sentence: "a nullable integer schema reads null as text, for validation to reject",
             operation: "query-coercion", parameter: "since", input: .query("since=null"), expected: "null"),
        Case(sentence: "a nullable integer schema reads an empty value as null",
             operation: "query-coercion", parameter: "since", input: .query("since="), expected: .null),
        Case(sentence: "a nullable array schema reads one value as a list of one",
             operation: "query-coercion", parameter: "kinds", input: .query("kinds=router"), expected: ["router"]),
        Case(sentence: "a nullable array schema reads repeated values as the list",
             operation: "query-coercion", parameter: "kinds", input: .query("kinds=router&kinds=switch"), expected: ["router", "switch"]),
        Case(sentence: "a nullable deepObject schema reads its members",
             operation: "query-coercion", parameter: "filter", input: .query("filter%5Ba%5D=1"), expected: ["a": 1]),
    ]

    @Test(arguments: coercionCases)
    func coercion(_ testCase: Case) throws { try Self.check(testCase) }

    // MARK: Headers and cookies

    static let headerAndCookieCases: [Case] = [
        Case(sentence: "a simple header 5 is the primitive 5",
             operation: "header-simple", parameter: "X-Id", input: .header("5"), expected: 5),
        Case(sentence: "a simple header 3,4,5 is the array [3, 4, 5]",
             operation: "header-simple", parameter: "X-Ids", input: .header("3,4,5"), expected: [3, 4, 5]),
        Case(sentence: "a simple header role,admin,firstName,Alex is the object",
             operation: "header-simple", parameter: "X-User", input: .header("role,admin,firstName,Alex"), expected: user),
        Case(sentence: "an exploded simple header role=admin,firstName=Alex is the object",
             operation: "header-simple", parameter: "X-User-Exploded", input: .header("role=admin,firstName=Alex"), expected: user),
        Case(sentence: "a form cookie 5 is the primitive 5",
             operation: "cookie-form", parameter: "id", input: .cookie("5"), expected: 5),
        Case(sentence: "a form cookie 3,4,5 with explode false is the array [3, 4, 5]",
             operation: "cookie-form", parameter: "ids", input: .cookie("3,4,5"), expected: [3, 4, 5]),
        Case(sentence: "a form cookie role,admin,firstName,Alex with explode false is the object",
             operation: "cookie-form", parameter: "user", input: .cookie("role,admin,firstName,Alex"), expected: user),
    ]

    @Test(arguments: headerAndCookieCases)
    func headersAndCookies(_ testCase: Case) throws { try Self.check(testCase) }

    // MARK: Content parameters

    static let contentCases: [Case] = [
        Case(sentence: "an application/json query parameter is its JSON text parsed",
             operation: "content", parameter: "filter", input: .query("filter=%7B%22role%22%3A%22admin%22%2C%22age%22%3A42%7D"),
             expected: ["role": "admin", "age": 42]),
        Case(sentence: "an application/json header parameter is its JSON text parsed",
             operation: "content", parameter: "X-Filter", input: .header(#"{"role":"admin"}"#), expected: ["role": "admin"]),
        Case(sentence: "an application/json number is the number, not its text",
             operation: "content", parameter: "count", input: .query("count=42"), expected: 42),
        Case(sentence: "application/json text that does not parse stays a string, for validation to reject",
             operation: "content", parameter: "filter", input: .query("filter=role%3Dadmin"), expected: "role=admin"),
        Case(sentence: "a text/plain parameter is its text",
             operation: "content", parameter: "note", input: .query("note=hello%20world"), expected: "hello world"),
        Case(sentence: "a content parameter not sent is absent",
             operation: "content", parameter: "filter", input: .query("note=x"), expected: nil),
    ]

    @Test(arguments: contentCases)
    func contentParameters(_ testCase: Case) throws { try Self.check(testCase) }

    // MARK: Claims

    /// Which query names a parameter accounts for decides what the exchange check calls an undocumented query
    /// parameter.
    struct Claim: CustomTestStringConvertible, Sendable {
        var sentence: String
        var operation: String
        var parameter = "id"
        var name: String
        var claimed: Bool
        var testDescription: String { sentence }
    }

    static let claimCases: [Claim] = [
        Claim(sentence: "a form parameter claims its own name", operation: "query-form-primitive", name: "id", claimed: true),
        Claim(sentence: "a form parameter claims no other name", operation: "query-form-primitive", name: "limit", claimed: false),
        Claim(sentence: "a deepObject parameter claims its bracketed members",
              operation: "query-deepObject-object", parameter: "color", name: "color[R]", claimed: true),
        Claim(sentence: "a deepObject parameter does not claim members of another name",
              operation: "query-deepObject-object", parameter: "color", name: "colour[R]", claimed: false),
        Claim(sentence: "an exploded form object claims each of its property names",
              operation: "query-form-object-explode", name: "firstName", claimed: true),
        Claim(sentence: "an exploded form object does not claim a name outside its properties",
              operation: "query-form-object-explode", name: "limit", claimed: false),
        Claim(sentence: "an exploded form object with additionalProperties claims any name",
              operation: "query-form-map-explode", parameter: "tags", name: "env", claimed: true),
        Claim(sentence: "a form object with explode false does not claim its property names",
              operation: "query-form-object", name: "role", claimed: false),
        Claim(sentence: "a spaceDelimited array claims its own name",
              operation: "query-spaceDelimited-array", name: "id", claimed: true),
        Claim(sentence: "a spaceDelimited array does not claim a bracketed name",
              operation: "query-spaceDelimited-array", name: "id[]", claimed: false),
        Claim(sentence: "a deepObject array claims its appended members",
              operation: "query-deepObject-array", parameter: "expand", name: "expand[]", claimed: true),
        Claim(sentence: "a deepObject parameter claims nested members, which its decoding notes",
              operation: "query-deepObject-object", parameter: "color", name: "color[R][x]", claimed: true),
        Claim(sentence: "a deepObject parameter does not claim a longer name that starts with its own",
              operation: "query-deepObject-object", parameter: "color", name: "colors[R]", claimed: false),
    ]

    static func claims(_ claim: Claim) throws -> Bool {
        let contract = try Contract(path: spec, config: ConformConfig())
        let operation = try #require(contract.document.operations.first { $0.operationID == claim.operation })
        let parameter = try #require(operation.parameters.first { $0.name == claim.parameter })
        let schema = parameter.schema.flatMap(contract.schemas.schema(at:))
        return ParameterDecoder(schemas: contract.schemas.compiled).claims(claim.name, parameter: parameter, schema: schema)
    }

    @Test(arguments: claimCases)
    func claims(_ claim: Claim) throws {
        let claimed = try Self.claims(claim)
        #expect(claimed == claim.claimed)
    }

    @Test func aClosedExplodedObjectDoesNotClaimOtherNames() throws {
        let claimed = try Self.claims(Claim(sentence: "a closed exploded form object does not claim other names",
                                            operation: "query-form-closed-object-explode", name: "limit", claimed: false))
        #expect(!claimed)
    }

    @Test func aClosedExplodedObjectClaimsItsProperties() throws {
        #expect(try Self.claims(Claim(sentence: "a closed exploded form object claims its properties",
                                      operation: "query-form-closed-object-explode", name: "role", claimed: true)))
    }

    /// A fixture with findings of its own would make the cases above test the model builder's recovery instead.
    @Test func theFixtureDescriptionIsClean() throws {
        let contract = try Contract(path: Self.spec, config: ConformConfig(), lint: true)
        #expect(contract.findings.map(\.message) == [])
    }

    /// OpenAPI's styles write primitives, lists of primitives and objects of primitives; a list of objects or an
    /// object holding one is not theirs to read: noted, never guessed at.
    @Test(arguments: [
        ("Entries", "Entries=%7B%22Id%22%3A%22a%22%7D", "holds a list of objects or lists, which the form style does not define; it is not checked"),
        ("Attributes", "Version=1", "holds an object with a member that is an object or a list, which the form style does not define; it is not checked"),
    ])
    func nestedStructuresAreNotGuessedAt(_ name: String, _ query: String, _ reason: String) throws {
        let contract = try Contract(path: Self.spec, config: ConformConfig())
        let operation = try #require(contract.document.operations.first { $0.operationID == "query-nested" })
        let parameter = try #require(operation.parameters.first { $0.name == name })
        let decoder = ParameterDecoder(schemas: contract.schemas.compiled)
        let decoded = decoder.decode(parameter, schema: parameter.schema.flatMap(contract.schemas.schema(at:)), from: .query(RequestURL("?" + query).rawQueryPairs))
        #expect(decoded == .notValidated(reason))
        // Not sent at all, it is absent (so a required one is missing), not "not checked".
        #expect(decoder.decode(parameter, schema: parameter.schema.flatMap(contract.schemas.schema(at:)), from: .query(RequestURL("/x").rawQueryPairs)) == .absent)
    }
}
