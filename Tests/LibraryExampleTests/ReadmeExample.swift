import OpenAPIConform
import Testing

/// Qonto's payment-link connections checked against the bundled description, as the API's own test suite would:
/// one exchange that conforms and one that does not.
@Suite struct QontoContractTests {
    let contract: Contract

    init() throws {
        // Loads every file the description references, and openapi-conform.yaml beside it (custom formats).
        contract = try Contract(path: "specs/qonto/openapi.yaml")
    }

    /// A connection request whose business description is `description`, and the API's answer.
    func connection(description: String) -> HTTPExchange {
        HTTPExchange(
            request: HTTPRequest(
                method: "POST", url: "https://thirdparty.qonto.com/v2/payment_links/connections",
                headers: ["Authorization": "Bearer test-token", "Content-Type": "application/json"],
                body: .json([
                    "partner_callback_url": "https://partner.example/payment-links/callback",
                    "user_bank_account_id": "46e9e0d2-f1af-4d2e-a6be-a536a604b89e",
                    "user_phone_number": "+33612345678",
                    "user_website_url": "https://bikes.example",
                    "business_description": .string(description),
                ])),
            response: HTTPResponse(
                status: 201, headers: ["Content-Type": "application/json"],
                body: .json([
                    "connection_location": "https://connect.example/onboarding/8f2c",
                    "status": "pending",
                    "bank_account_id": "46e9e0d2-f1af-4d2e-a6be-a536a604b89e",
                ])))
    }

    @Test func theDescriptionHasNoErrors() {
        #expect(!contract.findings.contains { $0.severity == .error }, "\(contract.findings)")
    }

    @Test func aConformingExchangePasses() {
        let result = contract.validate(connection(description: String(repeating: "We sell and repair bikes. ", count: 4)))
        #expect(result.passed, "\(result)")
        #expect(result.operationID == "createPaymentLinkConnection")
    }

    @Test func aShortBusinessDescriptionIsCaught() throws {
        let result = contract.validate(connection(description: "We sell bikes."))
        #expect(!result.passed)
        let finding = try #require(result.findings.first)
        #expect(finding.rule == .requestBodyInvalid)
        #expect(finding.instancePointer?.description == "/business_description")
        #expect(finding.message == "request body /business_description: 14 characters, at least 80 required")
    }
}
