import ConformChecks
import ConformSpec
import ConformTestSupport
import ConformTraffic
import ConformValues
import Testing

@testable import ConformLive

/// Where the probe finds the item an operation on one is about, when the description has no links.
@Suite struct ProbeStateTests {
    static func operation(_ id: String, in contract: Contract) throws -> ConformSpec.Operation {
        try #require(contract.document.operations.first { $0.operationID == id })
    }

    static func learn(_ state: inout ProbeState, _ id: String, _ body: String, status: Int = 201, contract: Contract) throws {
        let operation = try operation(id, in: contract)
        let response = HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", "application/json")]), body: .bytes(Array(body.utf8)))
        state.learn(
            from: operation, request: HTTPRequest(method: operation.method.name, url: "http://127.0.0.1:9" + operation.path),
            requestPath: [:], response: response, document: contract.document)
    }

    /// Orders created under a customer (Stripe) are read at /v1/orders/{order_id}; reads take the first created
    /// (then the others), deletes the last, so a delete meets an order no update changed.
    @Test func anItemCreatedUnderAnotherPathOfItsCollectionIsRead() throws {
        let contract = try Contract(path: TestPaths.fixture("ConformLiveTests", "item-ids.yaml"))
        var state = ProbeState()
        try Self.learn(&state, "createOrder", #"{"id": "ord_1NvX", "object": "order"}"#, contract: contract)
        try Self.learn(&state, "createOrder", #"{"id": "ord_2QwE", "object": "order"}"#, contract: contract)
        #expect(state.values(for: try Self.operation("getOrder", in: contract)) == ["order_id": "ord_1NvX"])
        #expect(state.values(for: try Self.operation("deleteOrder", in: contract)) == ["order_id": "ord_2QwE"])
        // A delete's further requests: the first item (the one reads used), then the others from the last.
        try Self.learn(&state, "createOrder", #"{"id": "ord_3ZtR", "object": "order"}"#, contract: contract)
        let delete = try Self.operation("deleteOrder", in: contract)
        #expect(state.values(for: delete) == ["order_id": "ord_3ZtR"])
        #expect(state.otherValues(for: delete) == [["order_id": "ord_1NvX"], ["order_id": "ord_2QwE"]])
        // A read's further requests: the others in turn, from the second.
        #expect(state.otherValues(for: try Self.operation("getOrder", in: contract)) == [["order_id": "ord_2QwE"], ["order_id": "ord_3ZtR"]])
    }

    /// An issue is read by its number, not its database id (GitHub, Django Ninja apps).
    @Test func theParametersLastWordNamesTheMember() throws {
        let contract = try Contract(path: TestPaths.fixture("ConformLiveTests", "item-ids.yaml"))
        var state = ProbeState()
        try Self.learn(&state, "createIssue", #"{"id": 90017, "number": 7, "title": "Crash"}"#, contract: contract)
        #expect(state.values(for: try Self.operation("getIssue", in: contract)) == ["issueNumber": "7"])
    }

    /// Nothing created (a second run's creates refused with 409): the first item a list returned.
    @Test func aListGivesAnItemWhenNothingWasCreated() throws {
        let contract = try Contract(path: TestPaths.fixture("ConformLiveTests", "item-ids.yaml"))
        var state = ProbeState()
        try Self.learn(&state, "listInvoices", #"{"object": "list", "data": [{"id": "in_1MtH"}, {"id": "in_1MtJ"}], "has_more": false}"#, status: 200, contract: contract)
        #expect(state.values(for: try Self.operation("getInvoice", in: contract)) == ["invoice": "in_1MtH"])
        try Self.learn(&state, "listOrders", #"[{"id": "ord_9"}]"#, status: 200, contract: contract)
        #expect(state.values(for: try Self.operation("getOrder", in: contract)) == ["order_id": "ord_9"])
    }

    /// A list read is moved just before the first read of one of its items; nothing else moves.
    @Test func aListIsReadBeforeItsItems() throws {
        let contract = try Contract(path: TestPaths.fixture("ConformLiveTests", "item-ids.yaml"))
        let operations = try ["getIssue", "getInvoice", "getOrder", "listOrders", "listInvoices"].map { try Self.operation($0, in: contract) }
        #expect(Prober.listsBeforeTheirItems(operations).compactMap(\.operationID) == ["getIssue", "listInvoices", "getInvoice", "listOrders", "getOrder"])
    }

    static let memberCases: [(parameter: String, item: String, value: String?)] = [
        ("orderId", #"{"id": "o1"}"#, "o1"),
        ("order_id", #"{"order_id": "o2", "id": 5}"#, "o2"),
        ("issue_number", #"{"number": 3, "id": 99}"#, "3"),
        ("issueNumber", #"{"number": 3, "id": 99}"#, "3"),
        ("slug", #"{"slug": "hello-world", "id": 1}"#, "hello-world"),
        ("customer", #"{"id": "cus_1"}"#, "cus_1"),
        ("customer", #"{"name": "Ada"}"#, nil),
    ]

    @Test(arguments: memberCases)
    func theMemberAParameterNames(_ parameter: String, _ item: String, _ value: String?) throws {
        let object = try #require(try JSONReader.parse(Array(item.utf8)).objectValue)
        #expect(ProbeState.value(for: parameter, in: object) == value)
    }
}
