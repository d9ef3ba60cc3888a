import ConformFindings
import ConformValues

/// An `application/problem+json` body (RFC 9457): what the mock answers when it cannot answer as the description
/// says: an invalid request (400, with its findings) or missing credentials (401) where the operation documents no
/// such response or its schema does not admit this body, an unknown path (404), an undocumented method (405), no
/// acceptable media type (406).
struct ProblemDetails: Sendable {
    static let contentType = "application/problem+json"

    var status: Int
    var title: String
    var detail: String
    /// The findings that made the request invalid, as `{rule, severity, message, pointer, in}`.
    var findings: [Finding] = []

    var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("type", .string("about:blank")),
            ("title", .string(title)),
            ("status", .integer(Int64(status))),
            ("detail", .string(detail)),
        ]
        if !findings.isEmpty {
            members.append(("findings", .array(findings.map(Self.encode))))
        }
        return .object(JSONObject(members))
    }

    var body: [UInt8] { Array(JSONWriter.string(json).utf8) }

    /// The findings as one line of JSON for the `Conform-Findings` header (JSON escapes control characters, so the
    /// value cannot break the header).
    static func headerValue(_ findings: [Finding]) -> String {
        JSONWriter.string(.array(findings.map(encode)))
    }

    /// A finding as the problem's extension member lists it: where in the request (`in` and `pointer`, an
    /// RFC 6901 pointer into the body) and why, under its stable rule id.
    private static func encode(_ finding: Finding) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("rule", .string(finding.rule.name)),
            ("severity", .string(finding.severity.rawValue)),
            ("message", .string(finding.message)),
        ]
        // A body finding's pointer is into the body; a parameter finding names its parameter in the message.
        if let pointer = finding.instancePointer, finding.rule.name.hasPrefix("request-body") {
            members.append(("pointer", .string(pointer.description)))
        }
        if let specPointer = finding.specPointer { members.append(("spec", .string("\(specPointer.file)#\(specPointer.pointer)"))) }
        return .object(JSONObject(members))
    }

    /// The reason phrase of the statuses the mock answers with on its own.
    static func title(of status: Int) -> String {
        switch status {
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 406: "Not Acceptable"
        case 500: "Internal Server Error"
        default: "Error"
        }
    }
}
