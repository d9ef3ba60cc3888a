import ConformFindings
import ConformTestSupport
import ConformValues
import Testing

@testable import ConformSchema

/// A failure's text never shows a secret of the value: a string under `format: password`, or one a member's name
/// says is a credential, is `[REDACTED]` in its message and `actual`, alone or inside the container shown. The
/// verdicts do not change.
@Suite struct SecretValuesTests {
    static let fixture = try! SchemaFixture("secrets-3.0.yaml")

    /// Messages and actual values of the failures of `json` against the schema `name`.
    static func texts(_ name: String, _ json: String) throws -> [String] {
        let id = try #require(fixture.ids[name])
        let failures = fixture.compiled.validate(try JSONReader.parse(Array(json.utf8)), against: id)
        return failures.map { "\($0.instancePointer) \($0.keyword): \($0.message) | \($0.actual ?? "")" }
    }

    @Test(arguments: [
        (
            "Signup", #"{"email": "b@example.com", "pin": "pin-s3cret", "newPassword": "np-s3cret", "client_secret": "cs-s3cret"}"#,
            [
                #"/email enum: "b@example.com" is not one of the allowed values: "a@example.com" | "b@example.com""#,
                #"/pin pattern: "[REDACTED]" does not match the pattern ^[0-9]{4}$ | "[REDACTED]""#,
                #"/newPassword enum: "[REDACTED]" is not one of the allowed values: "never" | "[REDACTED]""#,
                "/client_secret maxLength: 9 characters, at most 3 allowed | 9 characters",
            ]
        ),
        (
            "Token", #"{"access_token": "at-s3cret", "token_type": "mac"}"#,
            [
                #" oneOf: matches none of the 2 alternatives of oneOf (#1 and #2); the best match is #1, which fails as shown | {"access_token":"[REDACTED]","token_type":"mac"}"#,
                #"/token_type enum: "mac" is not one of the allowed values: "bearer" | "mac""#,
            ]
        ),
        // Failures found inside an alternative are worded by the evaluator that tried it, and masked alike.
        (
            "Login", #"{"pin": "pin-s3cret"}"#,
            [
                #" oneOf: matches none of the 2 alternatives of oneOf (#1 and #2); the best match is #1, which fails as shown | {"pin":"[REDACTED]"}"#,
                #"/pin pattern: "[REDACTED]" does not match the pattern ^[0-9]{4}$ | "[REDACTED]""#,
            ]
        ),
        (
            "Login", #"{"password": "pw-s3cret", "user": "bob"}"#,
            [
                #" oneOf: matches none of the 2 alternatives of oneOf (#1 and #2); the best match is #2, which fails as shown | {"password":"[REDACTED]","user":"bob"}"#,
                "/password minLength: 9 characters, at least 20 required | 9 characters",
                #"/user enum: "bob" is not one of the allowed values: "a" | "bob""#,
            ]
        ),
        ("NotOk", #"{"refresh_token": "rt-s3cret"}"#, [#" not: must not match the schema under 'not' | {"refresh_token":"[REDACTED]"}"#]),
        ("Pins", #"["p1-s3cret", "p2-s3cret"]"#, []),
        ("Pins", #"["p1-s3cret", "p1-s3cret"]"#, [#" uniqueItems: items 0 and 1 are equal, but items must be unique | "[REDACTED]""#]),
    ])
    func aSecretIsMaskedInEveryText(_ name: String, _ json: String, _ expected: [String]) throws {
        let texts = try Self.texts(name, json)
        #expect(texts == expected)
        #expect(!texts.joined().contains("s3cret"))
    }

    /// A description's own examples are public: lint shows them as written.
    @Test func aDescriptionsExampleIsShownAsWritten() throws {
        let id = try #require(Self.fixture.ids["Signup"])
        let failures = Self.fixture.compiled.validate(try JSONReader.parse(Array(#"{"pin": "abc"}"#.utf8)), against: id, masksSecrets: false)
        #expect(failures.map(\.message) == [#""abc" does not match the pattern ^[0-9]{4}$"#])
    }

    @Test(arguments: [
        ("password", true), ("newPassword", true), ("password_confirmation", true), ("PASSWD", true), ("client_secret", true),
        ("clientSecret", true), ("Client-Secret", true), ("access_token", true), ("refreshToken", true), ("id_token", true),
        ("api_key", true), ("privateKey", true), ("secret", true),
        ("key", false), ("token_type", false), ("secretary", false), ("email", false), ("expires_in", false),
    ])
    func memberNamesThatHoldCredentials(_ name: String, _ secret: Bool) {
        #expect(SecretText.isSecretMember(name) == secret)
    }
}
