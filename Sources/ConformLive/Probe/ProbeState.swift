import ConformChecks
import ConformFindings
import ConformSpec
import ConformTraffic
import ConformValues

/// What earlier answers taught the probe, so that later operations reach something that exists:
/// - the description's Link Objects: a response's `links` name an operation and give values for its parameters
///   (`orderId: $response.body#/id`), evaluated on the exchange that got that response;
/// - where there are no links, what a create returned: `POST /companies` answers `{"id": "c1", …}` →
///   `GET /companies/{companyId}` asks for `c1`. The item's member named as the parameter is taken first, then
///   the parameter's last word (`{issue_number}` → `number`, Django Ninja's and GitHub's issues), then `id`. An
///   item created under another path of the same collection name fills it too (Stripe's
///   `POST /customers/{customer}/orders` → `GET /orders/{order}`), and where nothing was created, the first item
///   a list of that collection returned (a create refused with 409 on a second run of the probe).
/// Reads and updates take the first item created, then the others in turn; a delete's requests take the last (one
/// no update changed: an invoice no longer a draft refuses its delete with a documented 409, and the delete is
/// never seen), then the first (the one creates under it used: a customer with orders may refuse its delete), then
/// the others.
/// Links win over the id heuristic for the same parameter.
struct ProbeState {
    /// The items created under each collection path (`/companies`), in order, at most `keptPerCollection`.
    private var created: [String: [JSONObject]] = [:]
    /// The first item a list of each collection path answered with.
    private var listed: [String: JSONObject] = [:]
    /// Values links gave, by the operation linked to and its parameter's name.
    private var linked: [OperationKey: [String: String]] = [:]
    static let keptPerCollection = 16

    /// Learns from a 2xx answer: the values its documented response's links give, the item a POST created, and the
    /// first item of a list a GET of a collection returned.
    /// `requestPath` is the request's path parameter values as the router read them (`$request.path.orderId`).
    mutating func learn(
        from operation: ConformSpec.Operation, request: HTTPRequest, requestPath: [String: String], response: HTTPResponse,
        document: OpenAPIDocument
    ) {
        guard (200..<300).contains(response.status) else { return }
        if let documented = ResponseMatcher.response(for: response.status, in: operation.responses) {
            for link in documented.links {
                guard let target = Self.target(of: link, in: document) else { continue }
                for (name, value) in link.parameters {
                    guard let text = RuntimeExpression.evaluate(value, request: request, requestPath: requestPath, response: response) else { continue }
                    linked[target.key, default: [:]][Self.bareName(name)] = text
                }
            }
        }
        let method = operation.method.name.uppercased()
        guard method == "POST" || method == "GET", case .bytes(let bytes) = response.body, let body = try? JSONReader.parse(bytes) else { return }
        let collection = Self.collection(operation.path)
        if method == "POST" {
            guard let item = Self.item(body), created[collection, default: []].count < Self.keptPerCollection else { return }
            created[collection, default: []].append(item)
        } else if listed[collection] == nil, !operation.path.hasSuffix("}"), let first = Self.firstListed(body) {
            listed[collection] = first
        }
    }

    /// The collection a path names, as its items' paths lead to it: without a trailing slash, so that Django's and
    /// flask-smorest's `POST /books/` fills `/books/{book_id}`.
    static func collection(_ path: String) -> String {
        path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    /// Values for the parameters of `operation`: what links gave it, and for path parameters that name an item of
    /// a collection (`/companies/{companyId}`), a member of an item created or listed there (for a delete, the
    /// last item created).
    func values(for operation: ConformSpec.Operation) -> [String: String] {
        values(for: operation, choice: Self.isDelete(operation) ? .last : .first)
    }

    /// The values for an operation's further requests, each on another item created: for a delete, the first,
    /// then the others from the last; for a read or an update, the others in turn (a defect of some items only,
    /// such as a null where a create left a field out, shows on those).
    func otherValues(for operation: ConformSpec.Operation) -> [[String: String]] {
        let values = values(for: operation)
        guard Self.isDelete(operation) else {
            // Creates under an item stay under the first: a delete's second request meets an item with children.
            guard ["GET", "HEAD", "PUT", "PATCH"].contains(operation.method.name.uppercased()) else { return [] }
            var sets: [[String: String]] = []
            for position in 1..<Self.keptPerCollection {
                let more = self.values(for: operation, choice: .fromFirst(position))
                // Fewer values: no item that far on.
                if more.count < values.count || more == values { break }
                sets.append(more)
            }
            return sets
        }
        let first = self.values(for: operation, choice: .first)
        guard first != values else { return [] }
        var sets = [first]
        for position in 1..<Self.keptPerCollection {
            let more = self.values(for: operation, choice: .fromLast(position))
            // Fewer values: no item that far back.
            if more.count < values.count || more == first { break }
            sets.append(more)
        }
        return sets
    }

    private static func isDelete(_ operation: ConformSpec.Operation) -> Bool { operation.method.name.uppercased() == "DELETE" }

    /// Which of the items created for a collection.
    private enum Choice {
        case first, last
        /// The `n`-th before the last, short of the first (which `.first` gives): nil past that.
        case fromLast(Int)
        /// The `n`-th after the first: nil past the last.
        case fromFirst(Int)

        func pick(_ items: [JSONObject]) -> JSONObject? {
            switch self {
            case .first: items.first
            case .last: items.last
            case .fromLast(let n): n < items.count - 1 ? items[items.count - 1 - n] : nil
            case .fromFirst(let n): n < items.count ? items[n] : nil
            }
        }
    }

    private func values(for operation: ConformSpec.Operation, choice: Choice) -> [String: String] {
        var values: [String: String] = [:]
        let segments = operation.path.split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() where segment.hasPrefix("{") && segment.hasSuffix("}") && index > 0 {
            let collection = segments[..<index].joined(separator: "/")
            let name = String(segment.dropFirst().dropLast())
            guard let item = self.item(in: collection, named: String(segments[index - 1]), choice: choice),
                let value = Self.value(for: name, in: item)
            else { continue }
            values[name] = value
        }
        values.merge(linked[operation.key] ?? [:]) { _, link in link }
        return values
    }

    /// The item for a collection path: created there, else created under a path of the same last segment, else
    /// listed there.
    private func item(in collection: String, named name: String, choice: Choice) -> JSONObject? {
        if let items = created[collection], !items.isEmpty { return choice.pick(items) }
        if !name.isEmpty, !name.hasPrefix("{"),
            let elsewhere = created.keys.sorted().first(where: { $0.hasSuffix("/" + name) }), let items = created[elsewhere], !items.isEmpty
        {
            return choice.pick(items)
        }
        return listed[collection]
    }

    /// The item member a path parameter names: the parameter's own name, its last word (`issue_number`,
    /// `issueNumber` → `number`; `orderId` → `id`), then `id`.
    static func value(for parameter: String, in item: JSONObject) -> String? {
        var names = [parameter]
        let lastWord: Substring? = parameter.lastIndex(where: { $0 == "_" || $0 == "-" }).map { parameter[parameter.index(after: $0)...] }
            ?? parameter.lastIndex(where: \.isUppercase).map { parameter[$0...] }
        if let lastWord, !lastWord.isEmpty { names.append(lastWord.lowercased()) }
        names.append("id")
        for name in names {
            if let text = text(item[name]) { return text }
        }
        return nil
    }

    /// The item a create's body describes: the body, or its `data` object (a JSON:API or enveloped answer).
    private static func item(_ body: JSONValue) -> JSONObject? {
        if let data = body["data"]?.objectValue, body["id"] == nil { return data }
        return body.objectValue
    }

    /// The first object of a list answer: an array, or the array under `data`, `items`, `results` or `content`.
    private static func firstListed(_ body: JSONValue) -> JSONObject? {
        if let items = body.arrayValue { return items.first?.objectValue }
        for key in ["data", "items", "results", "content"] {
            if let items = body[key]?.arrayValue { return items.first?.objectValue }
        }
        return nil
    }

    /// The operation a link names: by `operationId`, or by an `operationRef` within the description
    /// (`#/paths/~1orders~1{orderId}/get`, and in 3.2 `#/paths/~1cache/additionalOperations/PURGE`): the operation
    /// written at that pointer of the entry document.
    static func target(of link: Link, in document: OpenAPIDocument) -> ConformSpec.Operation? {
        if let id = link.operationID { return document.operations.first { $0.operationID == id } }
        guard let reference = link.operationRef, let hash = reference.firstIndex(of: "#"),
            let pointer = try? JSONPointer(parsing: String(reference[reference.index(after: hash)...])),
            pointer.tokens.first == "paths"
        else { return nil }
        return document.operations.first { $0.origin.file == document.origin.file && $0.origin.pointer == pointer }
            ?? document.operations.first { operation in
                // A path item or operation that is itself a `$ref`: its origin is where the reference leads.
                pointer.tokens.count == 3 && operation.path == pointer.tokens[1] && operation.method.fixedField == pointer.tokens[2]
            }
    }

    /// A link parameter's name without the location it may be qualified with (`path.orderId` → `orderId`).
    private static func bareName(_ name: String) -> String {
        for location in ["path.", "query.", "header.", "cookie."] where name.hasPrefix(location) {
            return String(name.dropFirst(location.count))
        }
        return name
    }

    private static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)?: return text.isEmpty ? nil : text
        case .integer(let number)?: return String(number)
        default: return nil
        }
    }
}
