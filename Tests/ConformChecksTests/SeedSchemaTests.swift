import ConformTestSupport
import ConformValues
import Testing

@testable import ConformSchema
import ConformCheckSupport
import OpenAPIConform

@testable import ConformChecks

/// The seed APIs' own schemas: discriminators, nullable strings with lengths, patterns and formats, allOf
/// error bodies. Each expectation is the whole list of failures, as `pointer keyword: message`.
@Suite struct SeedSchemaTests {
    struct Seed {
        let document: OpenAPIDocument
        let schemas: SpecSchemas

        init(_ api: String) throws {
            let path = TestPaths.bundledSpec(api)
            let config = try ConformConfig.resolve(explicit: nil, spec: path)
            let loaded = try SpecLoader.load(path: path)
            document = ModelBuilder.build(loaded).document
            schemas = SpecSchemas.compile(document, bundle: loaded.bundle, config: config)
        }

        func schema(named name: String) throws -> SchemaID {
            try #require(document.components.schema(named: name).flatMap(schemas.schema(at:)))
        }

        /// The JSON schema of the first operation's request body.
        func requestSchema() throws -> SchemaID {
            let media = try #require(document.operations.first?.requestBody?.content.first?.schema)
            return try #require(schemas.schema(at: media))
        }

        /// Not throwing, so that `#expect` shows the actual list when it differs.
        func failures(_ json: String, _ schema: SchemaID, _ direction: ValueDirection = .unspecified) -> [String] {
            let value: JSONValue
            do {
                value = try JSONReader.parse(Array(json.utf8))
            } catch {
                return ["the test payload is not JSON: \(error)"]
            }
            return schemas.compiled.validate(value, against: schema, direction: direction).map { failure in
                "\(failure.instancePointer) \(failure.keyword): \(failure.message)" + failure.notes.map { " [\($0)]" }.joined()
            }
        }
    }

    // MARK: Asset: personal and business accounts chosen by `type`

    static let personal = """
        {"name": "Checking", "mask": "4576", "source": "manual", "type": "personal", "financial_account_type": "bank_account",
         "contribution_ledger_id": "ldg_9p2Fp7gra8aCVNvCSekUyK", "distribution_ledger_id": "ldg_17Navjx4QVnRsUtTeYLNp8"}
        """
    static let business = """
        {"name": "Checking", "mask": "4576", "source": "manual", "type": "business", "ledger_id": "ldg_Ns6rRRLYVZPh4cVB7MDby5"}
        """

    @Test func assetPersonalAndBusinessBranchesAreValid() throws {
        let asset = try Seed("asset")
        let schema = try asset.requestSchema()
        #expect(asset.failures(Self.personal, schema, .request) == [])
        #expect(asset.failures(Self.business, schema, .request) == [])
    }

    @Test func assetReportsAgainstTheChosenBranchOnly() throws {
        let asset = try Seed("asset")
        let schema = try asset.requestSchema()
        let broken = Self.personal.replacingOccurrences(of: "\"ldg_17Navjx4QVnRsUtTeYLNp8\"", with: "\"acct_1\"")
        #expect(asset.failures(broken, schema, .request) == [
            "/distribution_ledger_id format: \"acct_1\" is not a valid ldg_string: does not match the pattern '^ldg_[A-Za-z0-9]+$' of custom format 'ldg_string' [checked as PersonalAccountCreate, chosen by type = 'personal']",
        ])
    }

    @Test func assetUnknownTypeNamesTheAllowedValues() throws {
        let asset = try Seed("asset")
        let schema = try asset.requestSchema()
        let alien = Self.business.replacingOccurrences(of: "\"business\"", with: "\"alien\"")
        #expect(asset.failures(alien, schema, .request) == [
            "/type discriminator: discriminator 'type' is \"alien\", which selects no schema; expected one of 'personal' and 'business'",
        ])
    }

    @Test func assetMissingTypeIsItsOwnFailure() throws {
        let asset = try Seed("asset")
        let schema = try asset.requestSchema()
        let untyped = Self.business.replacingOccurrences(of: "\"type\": \"business\", ", with: "")
        #expect(asset.failures(untyped, schema, .request) == [
            " discriminator: discriminator property 'type' is missing; it must be one of 'personal' and 'business'",
        ])
    }

    // MARK: Qonto: nullable description with a minimum length, website pattern, e164 phone

    static func qontoRequest(description: String, phone: String = "+33612345678", website: String = "https://the-user-website.com") -> String {
        """
        {"partner_callback_url": "https://partner.com/cb", "user_bank_account_id": "acc", "user_phone_number": "\(phone)",
         "user_website_url": "\(website)", "business_description": \(description)}
        """
    }

    @Test func qontoBusinessDescriptionMayBeNullOrEightyCharacters() throws {
        let qonto = try Seed("qonto")
        let schema = try qonto.schema(named: "CreatePaymentLinkConnectionRequest")
        let eighty = String(repeating: "a", count: 80)
        let seventyNine = String(repeating: "a", count: 79)
        #expect(qonto.failures(Self.qontoRequest(description: "null"), schema) == [])
        #expect(qonto.failures(Self.qontoRequest(description: "\"\(eighty)\""), schema) == [])
        #expect(qonto.failures(Self.qontoRequest(description: "\"\(seventyNine)\""), schema) == [
            "/business_description minLength: 79 characters, at least 80 required",
        ])
        #expect(qonto.failures(Self.qontoRequest(description: "42"), schema) == [
            "/business_description type: expected string or null, found the number 42",
        ])
    }

    @Test func qontoWebsiteMustNotContainAnAtSign() throws {
        let qonto = try Seed("qonto")
        let schema = try qonto.schema(named: "CreatePaymentLinkConnectionRequest")
        let eighty = "\"\(String(repeating: "a", count: 80))\""
        #expect(qonto.failures(Self.qontoRequest(description: eighty, website: "https://user@evil.example"), schema) == [
            "/user_website_url pattern: \"https://user@evil.example\" does not match the pattern ^https?[^@]*$",
        ])
        #expect(qonto.failures(Self.qontoRequest(description: eighty, website: "ftp://files.example"), schema) == [
            "/user_website_url pattern: \"ftp://files.example\" does not match the pattern ^https?[^@]*$",
            "/user_website_url format: \"ftp://files.example\" is not a valid http: does not match the pattern '^https?://[^\\s/$.?#][^\\s]*$' of custom format 'http'",
        ])
    }

    @Test(arguments: [
        ("+33612345678", true), ("+14155552671", true), ("0612345678", false), ("+0612345678", false),
        ("+1", false), ("+1234567890123456", false), ("+33 6 12 34 56 78", false),
    ])
    func qontoPhoneNumberIsE164(_ phone: String, _ valid: Bool) throws {
        let qonto = try Seed("qonto")
        let schema = try qonto.schema(named: "CreatePaymentLinkConnectionRequest")
        let eighty = "\"\(String(repeating: "a", count: 80))\""
        let failures = qonto.failures(Self.qontoRequest(description: eighty, phone: phone), schema)
        #expect(failures.isEmpty == valid, "\(failures)")
        if !valid { #expect(failures.allSatisfy { $0.hasPrefix("/user_phone_number format:") }) }
    }

    // MARK: Cadana: error bodies composed with allOf

    @Test func cadanaBadRequestErrorCombinesErrorAndParams() throws {
        let cadana = try Seed("cadana")
        let schema = try cadana.schema(named: "BadRequestError")
        #expect(cadana.failures(#"{"code": "invalid_request_body", "message": "bad", "params": {"field": "x"}}"#, schema) == [])
        #expect(cadana.failures(#"{"code": 400, "message": "bad", "params": "field"}"#, schema) == [
            "/code type: expected string, found the number 400",
            "/code enum: 400 is not one of the allowed values: \"invalid_request_body\", \"resource_not_found\", \"forbidden\", \"internal_error\"",
            "/params type: expected object, found the string \"field\"",
        ])
    }

    @Test func cadanaNotFoundErrorChecksTheSharedErrorShape() throws {
        let cadana = try Seed("cadana")
        let schema = try cadana.schema(named: "NotFoundError")
        #expect(cadana.failures(#"{"code": "resource_not_found", "message": "gone"}"#, schema) == [])
        #expect(cadana.failures(#"{"code": ["resource_not_found"]}"#, schema) == [
            "/code type: expected string, found an array of 1 item",
            "/code enum: [\"resource_not_found\"] is not one of the allowed values: \"invalid_request_body\", \"resource_not_found\", \"forbidden\", \"internal_error\"",
        ])
    }
}
