import ConformTestSupport
import Foundation
import Testing

@Suite struct LintCommandTests {
    @Test(arguments: ["cadana", "codat", "asset", "qonto"])
    func bundledSpecsLintClean(_ api: String) throws {
        let outcome = try CLIProcess.run(["lint", "specs/\(api)/openapi.yaml"])
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
        #expect(outcome.stdout.hasPrefix("specs/\(api)/openapi.yaml: OpenAPI 3."))
        #expect(outcome.stdout.contains("\n0 errors, "))
    }

    @Test func brokenReferenceExitsOneAndNamesTheRefLine() throws {
        let outcome = try CLIProcess.run(["lint", "--quiet", "Tests/CLITests/Fixtures/broken-ref.yaml"])
        #expect(outcome.status == 1)
        #expect(outcome.stdout == """
            Tests/CLITests/Fixtures/broken-ref.yaml:15:17: error[spec-ref-unresolved] '$ref: #/components/schemas/Pets' cannot be resolved: 'Tests/CLITests/Fixtures/broken-ref.yaml' has nothing at '#/components/schemas/Pets'
                              $ref: '#/components/schemas/Pets'
                              ^

            """)
    }

    @Test func summaryListsServersOperationsAndSchemas() throws {
        let outcome = try CLIProcess.run(["lint", "specs/qonto/openapi.yaml"])
        #expect(outcome.stdout == """
            specs/qonto/openapi.yaml: OpenAPI 3.1.1 · Qonto v2
              files       1 (12.9 kB)
              servers     https://thirdparty.qonto.com  (Production URL)
                          https://thirdparty-sandbox.staging.qonto.co  (Sandbox URL)
              operations  1
                POST /v2/payment_links/connections  [createPaymentLinkConnection]
              schemas     9
              security    OAuth, SecretKey
            0 errors, 0 warnings

            """)
    }

    @Test func jsonFormatListsFindingsWithLocations() throws {
        let outcome = try CLIProcess.run(["lint", "--format", "json", "Tests/CLITests/Fixtures/broken-ref.yaml"])
        #expect(outcome.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.count == 1)
        #expect(findings.first?["rule"] as? String == "spec-ref-unresolved")
        let location = try #require(findings.first?["location"] as? [String: Any])
        #expect(location["line"] as? Int == 15)
        #expect(location["column"] as? Int == 17)
    }

    @Test func unreadableSpecExitsTwoWithALocatedError() throws {
        let outcome = try CLIProcess.run(["lint", "Tests/CLITests/Fixtures/syntax-error.yaml"])
        #expect(outcome.status == 2)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.hasPrefix("Tests/CLITests/Fixtures/syntax-error.yaml:8:1: error: "))
    }

    @Test func missingFileExitsTwo() throws {
        let outcome = try CLIProcess.run(["lint", "no/such/openapi.yaml"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("no/such/openapi.yaml:1:1: error: cannot read file"))
    }

    @Test func usageErrorsExitTwoWithASuggestion() throws {
        let outcome = try CLIProcess.run(["lint", "--fromat", "json", "specs/qonto/openapi.yaml"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr == """
            Error: Unknown option '--fromat'. Did you mean '--format'?
            Usage: openapi-conform lint [--format <format>] [--fail-on <severity>] [--config <file>] [--quiet] <spec>
            See 'openapi-conform lint --help'.

            """)
    }

    @Test func unknownCommandSuggestsTheClosest() throws {
        let outcome = try CLIProcess.run(["lnit", "specs/qonto/openapi.yaml"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("Error: Unknown command 'lnit'. Did you mean 'lint'?"))
    }

    @Test func helpIsGeneratedFromTheCommandTable() throws {
        let outcome = try CLIProcess.run(["lint", "--help"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.hasPrefix("OVERVIEW: Check an OpenAPI 3.0 or 3.1 description and summarise it."))
        #expect(outcome.stdout.contains("--fail-on <severity>"))
    }
}

@Suite struct RunCommandTests {
    @Test func runChecksEveryBundledAPI() throws {
        let outcome = try CLIProcess.run(["run"])
        // The bundled recordings hold deliberately wrong exchanges (commented WRONG), so the run reports them.
        #expect(outcome.status == 1, "\(outcome.stdout)\(outcome.stderr)")
        #expect(outcome.stdout == #"""
            asset   OpenAPI 3.1.0  1 operation  8 schemas  0 errors, 3 warnings
            specs/asset/openapi.yaml:42:19: warning[spec-discriminator-mapping] mapping value for 'personal' is a {$ref: …} object; OpenAPI requires a string such as '#/components/schemas/PersonalAccountCreate'
                                personal:
                                ^
            specs/asset/openapi.yaml:44:19: warning[spec-discriminator-mapping] mapping value for 'business' is a {$ref: …} object; OpenAPI requires a string such as '#/components/schemas/BusinessAccountCreate'
                                business:
                                ^
            specs/asset/openapi.yaml:58:17: warning[spec-example-invalid] example does not match its schema: required property 'financial_account_type' is missing
                              value:
                              ^
              note: checked as PersonalAccountCreate, chosen by type = 'personal'
              note: schema: specs/asset/openapi.yaml:165:7 (required)
              specs/asset/traffic.har#3  POST https://api.sandbox.getasset.com/v0/business/biz_GA6EG2qFxA97NZHtxeLPUy/external-account → 422  (WRONG: the personal request body (the seed's own example) lacks financial_account_type, which PersonalAccountCreate requires, so it matches neither oneOf branch; request-body-invalid should catch it (the 422 ErrorResponse is documented and valid))
                specs/asset/openapi.yaml:165:7: error[request-body-invalid] request body: required property 'financial_account_type' is missing
                        required:
                        ^
                  note: checked as PersonalAccountCreate, chosen by type = 'personal'
              specs/asset/traffic.har#4  POST https://api.sandbox.getasset.com/v0/business/biz_GA6EG2qFxA97NZHtxeLPUy/external-account → 409  (create a second business account on the same bank ledger: 409 conflict, the ledger is already connected)
                specs/asset/openapi.yaml:93:13: note[not-validated] response body not checked: application/json documents no schema
                              application/json:
                              ^
              specs/asset/traffic.har#7  POST https://api.sandbox.getasset.com/v0/business/GA6EG2qFxA97NZHtxeLPUy/external-account → 404  (WRONG: path parameter business_id 'GA6EG2qFxA97NZHtxeLPUy' lacks the biz_ prefix its biz_string format requires (^biz_[A-Za-z0-9]+$); request-parameter-invalid should catch it (the 404 ErrorResponse is documented and valid))
                specs/asset/openapi.yaml:28:13: error[request-parameter-invalid] path parameter 'business_id': "GA6EG2qFxA97NZHtxeLPUy" is not a valid biz_string: does not match the pattern '^biz_[A-Za-z0-9]+$' of custom format 'biz_string'
                              format: biz_string
                              ^
              specs/asset/traffic.har#11  POST https://api.sandbox.getasset.com/v0/business/biz_GA6EG2qFxA97NZHtxeLPUy/external-account → 422  (WRONG: the POST carries no request body although the operation's requestBody is required; request-body-missing should catch it (the 422 ErrorResponse is documented and valid))
                specs/asset/openapi.yaml:31:7: error[request-body-missing] the request body is required, but the request has none
                        requestBody:
                        ^
              specs/asset/traffic.har#13  POST https://api.sandbox.getasset.com/v0/business/biz_GA6EG2qFxA97NZHtxeLPUy/external-account → 201  (WRONG: the 201 body omits last_statement_end_date, which ExternalAccountPublic requires (it must be present, even if null); response-body-invalid should catch it)
                specs/asset/openapi.yaml:394:7: error[response-body-invalid] response body: required property 'last_statement_end_date' is missing
                        required:
                        ^
              specs/asset/traffic.har#14  POST https://api.sandbox.getasset.com/v0/business/biz_GA6EG2qFxA97NZHtxeLPUy/external-account → 500  (WRONG: the reply's status 500 is not documented for this operation (only 201, 401, 403, 404, 409, 422 and 503 are); response-status-undocumented should catch it)
                specs/asset/openapi.yaml:65:7: error[response-status-undocumented] status 500 is not documented for POST /v0/business/{business_id}/external-account; documented: 201, 401, 403, 404, 409, 422, 503
                        responses:
                        ^
              17 exchanges: 12 passed, 5 failed · 5 errors, 0 warnings, 1 note
            cadana  OpenAPI 3.0.0  1 operation  6 schemas  0 errors, 0 warnings
              specs/cadana/traffic.har#6  POST https://api.cadanapay.com/v1/businesses/19d03f68-203c-4af6-9c20-5e697b70e010/external-accounts/link → 400  (WRONG: request body mode 'embedded' is not one of the enum values standard, setup; request-body-invalid should catch it (the 400 reply is documented and valid))
                specs/cadana/openapi.yaml:101:15: error[request-body-invalid] request body /mode: "embedded" is not one of the allowed values: "standard", "setup"
                                enum:
                                ^
              specs/cadana/traffic.har#8  POST https://api.cadanapay.com/v1/businesses/19d03f68-203c-4af6-9c20-5e697b70e010/external-accounts/link → 400  (WRONG: the body is sent as application/x-www-form-urlencoded but the operation only accepts application/json; request-content-type should catch it (the 400 reply is documented and valid))
                specs/cadana/openapi.yaml:60:9: error[request-content-type] Content-Type 'application/x-www-form-urlencoded' is not documented; documented: application/json
                          content:
                          ^
              specs/cadana/traffic.har#9  POST https://api.cadanapay.com/v1/businesses/19d03f68-203c-4af6-9c20-5e697b70e010/external-accounts/link → 401  (WRONG: the reply's status 401 (a revoked key was sent) is not documented for this operation (only 200, 400, 404 and 5XX are); response-status-undocumented should catch it)
                specs/cadana/openapi.yaml:64:7: error[response-status-undocumented] status 401 is not documented for POST /v1/businesses/{businessId}/external-accounts/link; documented: 200, 400, 404, 5XX
                        responses:
                        ^
              specs/cadana/traffic.har#11  POST https://api.cadanapay.com/v1/businesses/19d03f68-203c-4af6-9c20-5e697b70e010/external-accounts/link → 502  (WRONG: the 502 reply is text/html from the load balancer, but the documented 5XX response only has application/json; response-content-type should catch it)
                specs/cadana/openapi.yaml:180:7: error[response-content-type] Content-Type 'text/html' is not documented; documented: application/json
                        content:
                        ^
              specs/cadana/traffic.har#14  POST https://api.cadanapay.com/v1/businesses/19d03f68-203c-4af6-9c20-5e697b70e010/external-account/link → 404  (WRONG: /v1/businesses/{businessId}/external-account/link (singular 'external-account') is not a path of this spec, which has only /v1/businesses/{businessId}/external-accounts/link; request-unknown-path should catch it)
                specs/cadana/openapi.yaml:48:1: error[request-unknown-path] POST /v1/businesses/19d03f68-203c-4af6-9c20-5e697b70e010/external-account/link: no path of the description matches (servers tried: https://api.cadanapay.com, https://dev-api.cadanapay.com)
                  paths:
                  ^
              15 exchanges: 10 passed, 5 failed · 5 errors, 0 warnings, 0 notes
            codat   OpenAPI 3.1.0  4 operations  12 schemas  0 errors, 0 warnings
              specs/codat/traffic.har#4  GET https://api.codat.io/companies?page=1&pageSize=10000 → 400  (WRONG: query parameter pageSize=10000 is above the pageSize schema's maximum of 5000; request-parameter-invalid should catch it (the 400 ErrorMessage reply is documented and valid))
                specs/codat/openapi.yaml:193:9: error[request-parameter-invalid] query parameter 'pageSize': 10000 is greater than the maximum 5000
                          maximum: 5000
                          ^
              specs/codat/traffic.har#7  GET https://api.codat.io/companies/073831e5-79a1-48cb-9059-99418750aae1/connections?page=1&pageSize=100 → 200  (WRONG: the response's results[0].status is 'pendingAuth' (lower-case p), not one of the DataConnectionStatus enum values (PendingAuth, Linked, Unlinked, Deauthorized); response-body-invalid should catch it)
                specs/codat/openapi.yaml:384:7: error[response-body-invalid] response body /results/0/status: "pendingAuth" is not one of the allowed values: "PendingAuth", "Linked", "Unlinked", "Deauthorized"
                        enum:
                        ^
              specs/codat/traffic.har#9  GET https://api.codat.io/companies/1126743b-113d-4d72-b14f-36d6742df487 → 401  (WRONG: the request has no Authorization header although the auth_header API key scheme is required; request-security-missing should catch it (the 401 ErrorMessage reply is documented and valid))
                specs/codat/openapi.yaml:16:1: error[request-security-missing] no credentials for any accepted security requirement; send auth_header (header 'Authorization')
                  security:
                  ^
              specs/codat/traffic.har#12  GET https://api.codat.io/companies/1126743b-113d-4d72-b14f-36d6742df487/connections/ddcdede0-809f-4f1b-8d42-829564057d49 → 200  (WRONG: /companies/{companyId}/connections/{connectionId} is not a path of this spec (it has only /companies, /companies/{companyId} and /companies/{companyId}/connections); request-unknown-path should catch it)
                specs/codat/openapi.yaml:23:1: error[request-unknown-path] GET /companies/1126743b-113d-4d72-b14f-36d6742df487/connections/ddcdede0-809f-4f1b-8d42-829564057d49: no path of the description matches (servers tried: https://api.codat.io)
                  paths:
                  ^
              specs/codat/traffic.har#15  DELETE https://api.codat.io/companies/073831e5-79a1-48cb-9059-99418750aae1 → 204  (WRONG: DELETE /companies/{companyId} is not an operation of this spec (the path documents only GET); request-unknown-method should catch it)
                specs/codat/openapi.yaml:94:3: error[request-unknown-method] DELETE is not documented for /companies/{companyId}; documented: GET
                    /companies/{companyId}:
                    ^
              17 exchanges: 12 passed, 5 failed · 5 errors, 0 warnings, 0 notes
            qonto   OpenAPI 3.1.1  1 operation  9 schemas  0 errors, 0 warnings
              specs/qonto/traffic.har#1  POST https://thirdparty-sandbox.staging.qonto.co/v2/payment_links/connections → 400  (WRONG: business_description is 47 characters, below the schema's minLength of 80 (it must be at least 80 characters or null); request-body-invalid should catch it (the 400 reply is documented and valid))
                specs/qonto/openapi.yaml:134:11: error[request-body-invalid] request body /business_description: 47 characters, at least 80 required
                            minLength: 80
                            ^
              specs/qonto/traffic.har#4  POST https://thirdparty-sandbox.staging.qonto.co/v2/payment_links/connections → 401  (WRONG: the request has no Authorization header, but the operation requires the OAuth bearer token (scope payment_link.write); request-security-missing should catch it (the 401 reply is documented and valid))
                specs/qonto/openapi.yaml:83:7: error[request-security-missing] no credentials for any accepted security requirement; send OAuth (Authorization: Bearer …)
                        security:
                        ^
              specs/qonto/traffic.har#7  POST https://thirdparty-sandbox.staging.qonto.co/v2/payment_links/connections → 400  (WRONG: the body is sent as application/x-www-form-urlencoded but the operation only accepts application/json; request-content-type should catch it (the 400 reply is documented and valid))
                specs/qonto/openapi.yaml:62:9: error[request-content-type] Content-Type 'application/x-www-form-urlencoded' is not documented; documented: application/json
                          content:
                          ^
              specs/qonto/traffic.har#10  POST https://thirdparty-sandbox.staging.qonto.co/v2/payment_links/connections → 422  (WRONG: the reply's status 422 is not documented for this operation (only 201, 400, 401, 403 and 500 are); response-status-undocumented should catch it)
                specs/qonto/openapi.yaml:66:7: error[response-status-undocumented] status 422 is not documented for POST /v2/payment_links/connections; documented: 201, 400, 401, 403, 500
                        responses:
                        ^
              specs/qonto/traffic.har#11  POST https://thirdparty-sandbox.staging.qonto.co/v2/payment_links/connections → 201  (WRONG: the 201 body's status is 'connected', not one of the enum values enabled, pending, disabled, not_connected; response-body-invalid should catch it)
                specs/qonto/openapi.yaml:156:11: error[response-body-invalid] response body /status: "connected" is not one of the allowed values: "enabled", "pending", "disabled", "not_connected"
                            enum:
                            ^
              14 exchanges: 9 passed, 5 failed · 5 errors, 0 warnings, 0 notes

            """#)
    }

    @Test func runWithoutSpecsIsAnInputError() throws {
        let outcome = try CLIProcess.run(["run", "--specs", "Tests/CLITests/Fixtures"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "error: no API descriptions found under 'Tests/CLITests/Fixtures' (expected Tests/CLITests/Fixtures/<api>/openapi.yaml)\n")
    }
}
