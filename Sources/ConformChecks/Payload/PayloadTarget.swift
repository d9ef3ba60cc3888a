import Foundation
import ConformFindings
import ConformSchema
import ConformSpec
import ConformTraffic
import ConformValues

/// What a payload is checked against: a schema by reference or name, or an operation's request or response body.
public enum PayloadSelector: Sendable, Hashable {
    /// `#/components/schemas/X`, `/components/schemas/X`, `other.yaml#/X` or a bare schema name `X`.
    case schema(String)
    /// An operation (by operationId or `METHOD /path`), its request body.
    case request(operation: String, contentType: String?)
    /// An operation's response for a status (`200`, `4XX` style keys are matched as documented).
    case response(operation: String, status: String, contentType: String?)
}

/// A selector resolved against a description: the schema's place, the direction, and how findings are named.
public struct PayloadTarget: Sendable {
    public var schema: SpecPointer
    package var direction: ValueDirection
    public var rule: RuleID
    /// "the schema Company", "the request body of POST /companies (application/json)".
    public var description: String
    public var operation: OperationKey?
    /// Set when the payload is a sequential body (JSON Lines, JSON text sequence, server-sent events) whose media
    /// type has an OpenAPI 3.2 `itemSchema`: `schema` is then that item schema, and the file is read a chunk at a
    /// time, each item checked on its own, so memory stays bounded whatever the file's size.
    package var sequence: SequenceFormat? = nil

    /// Why a selector names nothing; rendered as a usage problem.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public static func resolve(_ selector: PayloadSelector, in document: OpenAPIDocument, bundle: SpecBundle) throws(Problem) -> PayloadTarget {
        switch selector {
        case .schema(let reference):
            let pointer = try schemaPointer(reference, document: document, bundle: bundle)
            let name = pointer.pointer.lastToken ?? reference
            return PayloadTarget(schema: pointer, direction: .unspecified, rule: .payloadInvalid, description: "the schema \(name)", operation: nil)
        case .request(let name, let contentType):
            let operation = try findOperation(name, in: document)
            try requireResolved(operation.unresolved ?? operation.requestBody?.unresolved, what: "the request body of \(operation.key)")
            guard let body = operation.requestBody else {
                throw Problem(description: "\(operation.key) documents no request body")
            }
            let media = try mediaType(in: body.content, contentType, what: "the request body of \(operation.key)")
            return try target(of: media, direction: .request, rule: .requestBodyInvalid, description: "the request body of \(operation.key)", operation: operation.key)
        case .response(let name, let status, let contentType):
            let operation = try findOperation(name, in: document)
            // A status code picks the documented response as a real response would; a key (`5XX`, `default`) names one.
            let matched = Int(status).flatMap { ResponseMatcher.response(for: $0, in: operation.responses) }
                ?? ResponseKey(status.uppercased() == "DEFAULT" ? "default" : status.uppercased()).flatMap { key in operation.responses.first { $0.key == key } }
            guard let response = matched else {
                let documented = operation.responses.map(\.key.description).joined(separator: ", ")
                throw Problem(description: "\(operation.key) documents no response for status '\(status)' (documented: \(documented))")
            }
            try requireResolved(response.unresolved, what: "the \(response.key) response of \(operation.key)")
            let media = try mediaType(in: response.content, contentType, what: "the \(response.key) response of \(operation.key)")
            return try target(of: media, direction: .response, rule: .responseBodyInvalid, description: "the \(response.key) response of \(operation.key)", operation: operation.key)
        }
    }

    /// A body's target: its `itemSchema`, item by item, when the media type is sequential and has one (only an
    /// OpenAPI 3.2 model sets it), else its `schema` over the whole payload.
    private static func target(
        of media: MediaType, direction: ValueDirection, rule: RuleID, description: String, operation: OperationKey
    ) throws(Problem) -> PayloadTarget {
        let what = "\(description) (\(media.name))"
        if let itemSchema = media.itemSchema, let format = SequenceFormat(mediaType: media.name) {
            guard format != .multipartMixed else {
                guard let schema = media.schema else {
                    throw Problem(description: "\(what) is multipart/mixed, whose parts a payload file cannot show without its Content-Type's boundary; check recorded exchanges instead")
                }
                return PayloadTarget(schema: schema, direction: direction, rule: rule, description: what, operation: operation)
            }
            return PayloadTarget(schema: itemSchema, direction: direction, rule: rule, description: "the items of \(what)", operation: operation, sequence: format)
        }
        guard let schema = media.schema else { throw Problem(description: "\(what) has no schema to check against") }
        return PayloadTarget(schema: schema, direction: direction, rule: rule, description: what, operation: operation)
    }

    private static func requireResolved(_ broken: UnresolvedReference?, what: String) throws(Problem) {
        if let broken { throw Problem(description: "\(what) is \(broken), which resolves nowhere; nothing can be checked against it") }
    }

    private static func schemaPointer(_ reference: String, document: OpenAPIDocument, bundle: SpecBundle) throws(Problem) -> SpecPointer {
        if reference.hasPrefix("/") || reference.contains("#") {
            let text = reference.hasPrefix("/") ? "#" + reference : reference
            let site = SpecPointer(file: bundle.entryPath, pointer: .root)
            switch bundle.resolve(text, from: site) {
            case .success(let pointer): return pointer
            case .failure(let problem): throw Problem(description: "--schema '\(reference)' cannot be resolved: \(problem)")
            }
        }
        if let pointer = document.components.schema(named: reference) { return pointer }
        let names = document.components.schemas.map(\.name)
        let hint = EditDistance.suggestion(for: reference, among: names).map { " Did you mean '\($0)'?" } ?? ""
        throw Problem(description: "components.schemas has no schema '\(reference)'.\(hint) Defined: \(names.joined(separator: ", "))")
    }

    private static func findOperation(_ name: String, in document: OpenAPIDocument) throws(Problem) -> ConformSpec.Operation {
        let operations = document.operations + document.webhooks.flatMap(\.item.operations)
        let selector = OperationSelector(name)
        if let found = operations.first(where: { selector.matches($0.key, operationID: $0.operationID) }) {
            return found
        }
        let names = operations.map { $0.operationID ?? $0.key.description }
        let hint = EditDistance.suggestion(for: name, among: names).map { " Did you mean '\($0)'?" } ?? ""
        throw Problem(description: "no operation '\(name)'.\(hint) Operations: \(names.joined(separator: ", "))")
    }

    /// The media type to check: the one asked for, else the only JSON one, else the only one.
    private static func mediaType(in content: [MediaType], _ wanted: String?, what: String) throws(Problem) -> MediaType {
        let chosen: MediaType?
        if let wanted {
            chosen = content.first { $0.name.lowercased() == wanted.lowercased() }
        } else {
            let json = content.filter { MediaTypeName.isJSON($0.name) }
            chosen = json.count == 1 ? json[0] : (content.count == 1 ? content[0] : json.first)
        }
        guard let media = chosen else {
            let names = content.map(\.name).joined(separator: ", ")
            throw Problem(description: "\(what) has \(wanted.map { "no media type '\($0)'" } ?? "no JSON media type") (documented: \(names.isEmpty ? "none" : names))")
        }
        try requireResolved(media.unresolved, what: "\(what) (\(media.name))")
        return media
    }
}
