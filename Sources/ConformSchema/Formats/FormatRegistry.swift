import ConformValues
import Foundation

/// What a format check says about one value.
public enum FormatVerdict: Sendable, Equatable {
    case valid
    case invalid(reason: String)
    /// The value's JSON type is not the one the format describes (a string format given a number, say).
    case notApplicable
    /// The name is neither a built-in format nor a custom one that compiled; such formats pass.
    case unknownFormat
}

/// The `format` keyword's validators: the JSON Schema and OpenAPI built-ins plus formats a config defines by pattern.
///
/// Copying is cheap: built-ins live in one static table shared by every registry, and the custom patterns sit in
/// one immutable box that copies share.
public struct FormatRegistry: Sendable {
    private let custom: CustomFormatPatterns?

    /// `custom` maps a format name to an ECMA-style pattern source. Patterns are compiled with
    /// `NSRegularExpression` and searched, not anchored, so anchor them as written (`^ldg_[A-Za-z0-9]+$`).
    /// A custom name overrides a built-in one; a pattern that fails to compile is listed in
    /// `customPatternErrors` and its name checks as `.unknownFormat`, even when it shadows a built-in.
    public init(custom: [String: String] = [:]) {
        self.custom = custom.isEmpty ? nil : CustomFormatPatterns(custom)
    }

    /// Every built-in format name, sorted.
    public static let builtInNames: [String] = BuiltInFormats.table.keys.sorted()

    /// Whether `check` validates this name rather than answering `.unknownFormat`.
    public func knows(_ name: String) -> Bool {
        if let custom {
            if custom.patterns[name] != nil { return true }
            if custom.errors[name] != nil { return false }
        }
        return BuiltInFormats.table[name] != nil
    }

    /// Checks one value against the named format.
    public func check(_ name: String, _ value: JSONValue) -> FormatVerdict {
        switch checker(for: name) {
        case .strings(let check):
            guard case .string(let string) = value else { return .notApplicable }
            return FormatBytes.withUTF8(string, check)
        case .numbers(let check):
            switch value {
            case .integer, .number, .bigNumber: return check(value)
            default: return .notApplicable
            }
        case .unknown:
            return .unknownFormat
        }
    }

    /// The check for a format, looked up once: schemas resolve their `format` when they are compiled, so
    /// validation calls the checker directly instead of looking the name up for every value.
    func checker(for name: String) -> FormatCheck {
        if let custom {
            if let pattern = custom.patterns[name] { return .strings { Self.match(pattern, name: name, $0) } }
            if custom.errors[name] != nil { return .unknown }
        }
        switch BuiltInFormats.table[name] {
        case .string(let validate)?: return .strings { validate($0).map { .invalid(reason: $0) } ?? .valid }
        case .number(let validate)?: return .numbers { validate($0).map { .invalid(reason: $0) } ?? .valid }
        case nil: return .unknown
        }
    }

    /// Custom formats whose pattern failed to compile: name → the compiler's error text.
    public var customPatternErrors: [String: String] { custom?.errors ?? [:] }

    private static func match(_ pattern: ECMARegex, name: String, _ text: UnsafeBufferPointer<UInt8>) -> FormatVerdict {
        switch pattern.firstMatch(utf8: text) {
        case .matched: return .valid
        case .notMatched: return .invalid(reason: "does not match the pattern '\(pattern.source)' of custom format '\(name)'")
        case .timedOut: return .invalid(reason: "matching the pattern '\(pattern.source)' of custom format '\(name)' took longer than the time limit")
        }
    }
}

/// The compiled custom formats of one registry, shared by its copies.
///
/// Patterns are ECMA-262, like `pattern` (so `\d` means ASCII digits), and matching is bounded by a deadline.
final class CustomFormatPatterns: Sendable {
    let patterns: [String: ECMARegex]
    let errors: [String: String]

    init(_ sources: [String: String]) {
        var patterns: [String: ECMARegex] = [:]
        var errors: [String: String] = [:]
        for (name, source) in sources {
            do {
                patterns[name] = try ECMARegex(source)
            } catch {
                errors[name] = "pattern '\(source)' does not compile: \(error)"
            }
        }
        self.patterns = patterns
        self.errors = errors
    }
}

/// A format resolved for validation, by the kind of value it applies to (any other kind passes). String formats
/// read the UTF-8 bytes in place.
enum FormatCheck: Sendable {
    case strings(@Sendable (UnsafeBufferPointer<UInt8>) -> FormatVerdict)
    case numbers(@Sendable (JSONValue) -> FormatVerdict)
    /// Neither built in nor a custom format that compiled: every value passes.
    case unknown
}

/// One built-in validator; the case says which JSON values the format applies to.
/// A validator returns nil for a valid value and a short reason otherwise.
enum BuiltInFormat: Sendable {
    case string(@Sendable (UnsafeBufferPointer<UInt8>) -> String?)
    case number(@Sendable (JSONValue) -> String?)
}

/// The table of built-in formats, built once per process.
enum BuiltInFormats {
    static let table: [String: BuiltInFormat] = [
        "date": .string(DateTimeFormats.date),
        "date-time": .string(DateTimeFormats.dateTime),
        "time": .string(DateTimeFormats.time),
        "duration": .string(DateTimeFormats.duration),
        "email": .string { EmailFormats.email($0, international: false) },
        "idn-email": .string { EmailFormats.email($0, international: true) },
        "hostname": .string(HostnameFormats.hostname),
        "idn-hostname": .string { HostnameFormats.idnHostname(String(decoding: $0, as: UTF8.self)) },
        "ipv4": .string(NetworkFormats.ipv4),
        "ipv6": .string(NetworkFormats.ipv6),
        "uri": .string { URIFormats.check($0, reference: false, international: false) },
        "uri-reference": .string { URIFormats.check($0, reference: true, international: false) },
        "iri": .string { URIFormats.check($0, reference: false, international: true) },
        "iri-reference": .string { URIFormats.check($0, reference: true, international: true) },
        "uri-template": .string(URITemplateFormat.check),
        "uuid": .string(IdentifierFormats.uuid),
        "json-pointer": .string(IdentifierFormats.jsonPointer),
        "relative-json-pointer": .string(IdentifierFormats.relativeJSONPointer),
        "regex": .string { RegexFormat.check(String(decoding: $0, as: UTF8.self)) },
        "e164": .string(IdentifierFormats.e164),
        "int32": .number { NumericFormats.integer($0, bits: 32) },
        "int64": .number { NumericFormats.integer($0, bits: 64) },
        "float": .number { _ in nil },
        "double": .number { _ in nil },
        "byte": .string(NumericFormats.base64),
        "binary": .string { _ in nil },
        "password": .string { _ in nil },
    ]
}
