import ConformTestSupport
import Testing

import ConformCheckSupport
import OpenAPIConform

/// specs/codat/openapi.yaml against facts of Codat's published description (codatio/oas, yaml/Codat-Platform.yaml):
/// what real Codat traffic carries must pass, and what that description forbids must fail.
@Suite struct CodatDescriptionTests {
    let contract: Contract

    init() throws {
        contract = try Contract(path: TestPaths.bundledSpec("codat"))
    }

    static let companyID = "1126743b-113d-4d72-b14f-36d6742df487"

    /// `method path` answered with `status` and the JSON `body`, sent with an API key.
    func exchange(_ method: String, _ path: String, status: Int, response body: String, request: String? = nil) -> HTTPExchange {
        var headers: HTTPHeaders = ["Authorization": "Basic ZG1mOXlrMHh6bWRiNW02amJnMGlncTFlODl6ZnR3a3pjamduYTF2bQ=="]
        if request != nil { headers.append(name: "Content-Type", value: "application/json") }
        return HTTPExchange(
            request: HTTPRequest(method: method, url: "https://api.codat.io" + path, headers: headers, body: request.map(HTTPBody.text) ?? .none),
            response: HTTPResponse(status: status, headers: ["Content-Type": "application/json; charset=utf-8"], body: .text(body)))
    }

    /// A company as Codat returns it today: no `platform`, `description` and `lastSync` null.
    static let company = """
        {"id": "\(companyID)", "name": "Superapp", "description": null, "redirect": "https://link.codat.io/company/\(companyID)",
         "lastSync": null, "created": "2022-05-16T14:55:21Z", "createdByUserName": null, "products": [], "tags": {"region": "uk"},
         "dataConnections": [CONNECTION]}
        """

    /// A data connection with every property Codat's Connection lists.
    static func connection(sourceType: String = "BankFeed", lastSync: String = "null", extra: String = "") -> String {
        """
        {"id": "5e8c2a71-93bf-4d06-8f4e-c27a1d9b36e0", "integrationId": "6b113e06-e818-45d7-977b-8e6bb3d01269", "integrationKey": "hcws",
         "sourceId": "56e6575a-3f1f-4918-b009-f7535555f0d6", "platformName": "QuickBooks Online Bank Feeds",
         "linkUrl": "https://link-api.codat.io/companies/\(companyID)/connections/5e8c2a71-93bf-4d06-8f4e-c27a1d9b36e0/start",
         "status": "PendingAuth", "lastSync": \(lastSync), "created": "2022-05-16T15:12:07.884132Z", "sourceType": "\(sourceType)",
         "dataConnectionErrors": [{"statusCode": "401", "statusText": "Unauthorized", "errorMessage": "expired",
           "erroredOnUtc": "2021-11-15T01:00:00", "status": "Active", "resolvedOnUtc": null}],
         "connectionInfo": {"anything": ["goes", 1]}\(extra)}
        """
    }

    static func company(connection: String = connection()) -> String {
        company.replacingOccurrences(of: "CONNECTION", with: connection)
    }

    func errors(_ result: ExchangeResult) -> [String] {
        result.findings.filter { $0.severity == .error }.map { "\($0.rule.name) \($0.message)" }
    }

    @Test func theDescriptionHasNoErrors() {
        #expect(!contract.findings.contains { $0.severity == .error }, "\(contract.findings)")
    }

    @Test func aCompanyWithoutPlatformAndWithNullsPasses() {
        let result = contract.validate(exchange("GET", "/companies/\(Self.companyID)", status: 200, response: Self.company()))
        #expect(errors(result) == [], "\(result)")
    }

    @Test func onlyIdNameAndRedirectAreRequired() {
        let minimal = #"{"id": "\#(Self.companyID)", "name": "Superapp", "redirect": "https://link.codat.io/company/\#(Self.companyID)"}"#
        #expect(errors(contract.validate(exchange("GET", "/companies/\(Self.companyID)", status: 200, response: minimal))) == [])
        let nameless = #"{"id": "\#(Self.companyID)", "redirect": "https://link.codat.io/company/\#(Self.companyID)"}"#
        #expect(errors(contract.validate(exchange("GET", "/companies/\(Self.companyID)", status: 200, response: nameless)))
            == ["response-body-invalid response body: required property 'name' is missing"])
    }

    @Test(arguments: ["2021-11-15T01:00:00", "2021-11-15T06:00:00Z", "2021-11-15T01:00:00-05:00", "2022-10-23", "2022-10-27T10:22:43.6464237Z"])
    func codatDateTimesPass(_ stamp: String) {
        let body = Self.company(connection: Self.connection(lastSync: "\"\(stamp)\""))
        #expect(errors(contract.validate(exchange("GET", "/companies/\(Self.companyID)", status: 200, response: body))) == [])
    }

    @Test(arguments: ["Accounting", "Banking", "BankFeed", "Commerce", "Expense", "Other", "Unknown"])
    func everySourceTypeOfCodatPasses(_ sourceType: String) {
        let body = Self.company(connection: Self.connection(sourceType: sourceType))
        #expect(errors(contract.validate(exchange("GET", "/companies/\(Self.companyID)", status: 200, response: body))) == [])
    }

    @Test func aDataConnectionAllowsNoOtherProperties() {
        let body = Self.company(connection: Self.connection(extra: #", "platform": "QuickBooks""#))
        #expect(errors(contract.validate(exchange("GET", "/companies/\(Self.companyID)", status: 200, response: body)))
            == ["response-body-invalid response body /dataConnections/0/platform: property 'platform' is not allowed: the schema lists its properties and allows no others"])
    }

    @Test func tagsIsAQueryParameterOfListCompanies() throws {
        let operation = try #require(contract.document.operations.first { $0.operationID == "list-companies" })
        #expect(operation.parameters.contains { $0.name == "tags" && $0.location == .query })
        let page = #"{"results": [\#(Self.company())], "pageNumber": 1, "pageSize": 10, "totalResults": 1, "_links": {"self": {"href": "/companies"}, "current": {"href": "/companies?page=1&pageSize=10"}}}"#
        #expect(errors(contract.validate(exchange("GET", "/companies?page=1&pageSize=10&tags=region%3Duk", status: 200, response: page))) == [])
    }

    /// Codat documents 402, 403 and 503 on all four operations and 404 on list-companies, each with an ErrorMessage.
    @Test(arguments: ["create-company", "list-companies", "get-company", "list-connections"])
    func codatsErrorStatusesAreDocumented(_ operationID: String) throws {
        let operation = try #require(contract.document.operations.first { $0.operationID == operationID })
        let statuses = Set(operation.responses.map(\.key.description))
        let expected: Set<String> = operationID == "create-company"
            ? ["200", "400", "401", "402", "403", "429", "500", "503"]
            : operationID == "get-company"
                ? ["200", "401", "402", "403", "404", "429", "500", "503"] : ["200", "400", "401", "402", "403", "404", "429", "500", "503"]
        #expect(statuses == expected)
        for response in operation.responses where response.key.description != "200" {
            #expect(response.content.map(\.name) == ["application/json"], "\(operationID) \(response.key)")
        }
    }

    @Test func aCompanyLimitOnCreateIsADocumented402() {
        let limit = #"{"statusCode": 402, "service": "PublicApi", "error": "You have exceeded the 50-company limit that applies to a Free plan.", "correlationId": "5c0b7e2f93d44a1f8e6d27b1c4a9f016", "validation": null, "canBeRetried": "Unknown", "detailedErrorCode": 0}"#
        let result = contract.validate(exchange("POST", "/companies", status: 402, response: limit, request: #"{"name": "mrc_51874"}"#))
        #expect(errors(result) == [], "\(result)")
        #expect(result.responseKey?.description == "402")
    }
}
