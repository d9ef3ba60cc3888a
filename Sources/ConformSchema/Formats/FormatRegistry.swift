import ConformValues
import Foundation

/// What a format check says about one value.
package enum FormatVerdict: Sendable, Equatable {
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
package struct FormatRegistry: Sendable {
    private let custom: CustomFormatPatterns?

    /// `custom` maps a format name to an ECMA-style pattern source. Patterns are compiled with
    /// `NSRegularExpression` and searched, not anchored, so anchor them as written (`^ldg_[A-Za-z0-9]+$`).
    /// A custom name overrides a built-in one; a pattern that fails to compile is listed in
    /// `customPatternErrors` and its name checks as `.unknownFormat`, even when it shadows a built-in.
    package init(custom: [String: String] = [:]) {
        self.custom = custom.isEmpty ? nil : CustomFormatPatterns(custom)
    }

    /// Every built-in format name, sorted.
    package static let builtInNames: [String] = BuiltInFormats.table.keys.sorted()

    /// Whether `check` validates this name rather than answering `.unknownFormat`.
    package func knows(_ name: String) -> Bool {
        if case .unknown = checker(for: name) { return false }
        return true
    }

    /// Checks one value against the named format.
    package func check(_ name: String, _ value: JSONValue) -> FormatVerdict {
        let check = checker(for: name)
        if case .unknown = check { return .unknownFormat }
        switch value {
        case .string(let string): return string.withUTF8Bytes { check.verdict(string: $0) }
        case .integer, .number, .bigNumber: return check.verdict(number: value)
        default: return .notApplicable
        }
    }

    /// The check for a format, looked up once: schemas resolve their `format` when they are compiled, so
    /// validation does not look the name up for every value.
    func checker(for name: String) -> FormatCheck {
        if let custom {
            if let pattern = custom.patterns[name] { return .pattern(pattern, name: name) }
            if custom.errors[name] != nil { return .unknown }
        }
        return BuiltInFormats.table[name] ?? .unknown
    }

    /// Custom formats whose pattern failed to compile: name → the compiler's error text.
    package var customPatternErrors: [String: String] { custom?.errors ?? [:] }
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

/// A format resolved for validation. A format applies to one kind of value (strings or numbers) and passes every
/// other; string formats read the UTF-8 bytes in place. Built-ins are plain cases rather than closures, so that
/// looking at a schema's format costs no reference counting.
enum FormatCheck: Sendable {
    case string(StringFormat)
    case number(NumberFormat)
    /// A custom format from the config: the value must contain a match of the pattern.
    case pattern(ECMARegex, name: String)
    /// Neither built in nor a custom format that compiled: every value passes.
    case unknown

    /// The verdict on a string's bytes.
    func verdict(string bytes: UnsafeBufferPointer<UInt8>) -> FormatVerdict {
        switch self {
        case .string(let format):
            return format.problem(bytes).map { .invalid(reason: $0) } ?? .valid
        case .pattern(let pattern, let name):
            switch pattern.firstMatch(utf8: bytes) {
            case .matched: return .valid
            case .notMatched: return .invalid(reason: "does not match the pattern '\(pattern.source)' of custom format '\(name)'")
            case .timedOut: return .invalid(reason: "matching the pattern '\(pattern.source)' of custom format '\(name)' took longer than the time limit")
            }
        case .number(.integer(let range)) where range.writtenAsString:
            return range.problem(decimal: bytes).map { .invalid(reason: $0) } ?? .valid
        case .number: return .notApplicable
        case .unknown: return .unknownFormat
        }
    }

    /// The verdict on a number.
    func verdict(number value: JSONValue) -> FormatVerdict {
        switch self {
        case .number(let format): return format.problem(value).map { .invalid(reason: $0) } ?? .valid
        case .string, .pattern: return .notApplicable
        case .unknown: return .unknownFormat
        }
    }
}

/// The built-in string formats. Each check returns nil for a valid value and a short reason otherwise.
enum StringFormat: Sendable, Equatable {
    case date, dateTime, time, duration, email, idnEmail, hostname, idnHostname, ipv4, ipv6
    case uri, uriReference, iri, iriReference, uriTemplate, uuid, jsonPointer, relativeJSONPointer, regex, e164, byte
    /// pydantic's formats (FastAPI descriptions): an address of either family, networks and interfaces, UUIDs of
    /// one version, `Name <address>`, base64 (`byte`'s alphabet) and base64url (RFC 4648 §5, padding optional).
    case ipAny, network(IPFamily), interface(IPFamily), uuidVersion(UInt8), nameEmail, base64URL
    /// The Format Registry's `decimal` written as a string (drf-spectacular writes every DecimalField so): a fixed
    /// point number, sign, digits and a fraction, no exponent.
    case decimal
    /// Formats that describe a string without constraining it (`binary`, `password`).
    case unconstrained

    func problem(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        switch self {
        case .date: return DateTimeFormats.date(bytes)
        case .dateTime: return DateTimeFormats.dateTime(bytes)
        case .time: return DateTimeFormats.time(bytes)
        case .duration: return DateTimeFormats.duration(bytes)
        case .email: return EmailFormats.email(bytes, international: false)
        case .idnEmail: return EmailFormats.email(bytes, international: true)
        case .hostname: return HostnameFormats.hostname(bytes)
        case .idnHostname: return HostnameFormats.idnHostname(String(decoding: bytes, as: UTF8.self))
        case .ipv4: return NetworkFormats.ipv4(bytes)
        case .ipv6: return NetworkFormats.ipv6(bytes)
        case .uri: return URIFormats.check(bytes, reference: false, international: false)
        case .uriReference: return URIFormats.check(bytes, reference: true, international: false)
        case .iri: return URIFormats.check(bytes, reference: false, international: true)
        case .iriReference: return URIFormats.check(bytes, reference: true, international: true)
        case .uriTemplate: return URITemplateFormat.check(bytes)
        case .uuid: return IdentifierFormats.uuid(bytes)
        case .jsonPointer: return IdentifierFormats.jsonPointer(bytes)
        case .relativeJSONPointer: return IdentifierFormats.relativeJSONPointer(bytes)
        case .regex: return RegexFormat.check(String(decoding: bytes, as: UTF8.self))
        case .e164: return IdentifierFormats.e164(bytes)
        case .byte: return NumericFormats.base64(bytes)
        case .ipAny: return PrefixedNetworkFormats.address(bytes)
        case .network(let family): return PrefixedNetworkFormats.prefixed(bytes, family: family, network: true)
        case .interface(let family): return PrefixedNetworkFormats.prefixed(bytes, family: family, network: false)
        case .uuidVersion(let version): return IdentifierFormats.uuid(bytes, version: version)
        case .nameEmail: return EmailFormats.nameEmail(bytes)
        case .base64URL: return NumericFormats.base64(bytes, urlSafe: true)
        case .decimal: return NumericFormats.decimal(bytes)
        case .unconstrained: return nil
        }
    }
}

/// The built-in number formats: OpenAPI's, and the integer ones of the OpenAPI Format Registry.
enum NumberFormat: Sendable, Equatable {
    /// An integer within a range (`int32`, `uint64`, …).
    case integer(IntegerRange)
    /// `float` and `double`: any JSON number is acceptable.
    case unconstrained

    func problem(_ value: JSONValue) -> String? {
        switch self {
        case .integer(let range): return NumericFormats.integer(value, in: range)
        case .unconstrained: return nil
        }
    }
}

/// The integers a format allows: `int32` is -2³¹…2³¹-1, `uint64` 0…2⁶⁴-1 (which `UInt64` holds and `Int64` does
/// not), `double-int` the integers a double holds exactly. Plain cases, so that a schema's format is read without
/// reference counting.
enum IntegerRange: Sendable, Equatable {
    case int8, int16, int32, int64, uint8, uint16, uint32, uint64, doubleInt

    var name: String {
        switch self {
        case .int8: "int8"
        case .int16: "int16"
        case .int32: "int32"
        case .int64: "int64"
        case .uint8: "uint8"
        case .uint16: "uint16"
        case .uint32: "uint32"
        case .uint64: "uint64"
        case .doubleInt: "double-int"
        }
    }

    var lowest: Int64 {
        switch self {
        case .int8: -128
        case .int16: -32_768
        case .int32: Int64(Int32.min)
        case .int64: .min
        case .uint8, .uint16, .uint32, .uint64: 0
        case .doubleInt: -(1 << 53 - 1)
        }
    }

    var highest: UInt64 {
        switch self {
        case .int8: 127
        case .int16: 32_767
        case .int32: UInt64(Int32.max)
        case .int64: UInt64(Int64.max)
        case .uint8: 255
        case .uint16: 65_535
        case .uint32: UInt64(UInt32.max)
        case .uint64: .max
        case .doubleInt: 1 << 53 - 1
        }
    }

    /// Whether a string may hold one in decimal: protobuf's JSON mapping writes 64-bit integers as strings (Google's
    /// descriptions say `type: string, format: uint64`), and the Format Registry lists string among int64's types.
    var writtenAsString: Bool { self == .int64 || self == .uint64 }

    func contains(_ value: Int64) -> Bool { value >= lowest && (value < 0 || UInt64(value) <= highest) }

    func contains(_ value: UInt64) -> Bool { value <= highest && (lowest <= 0 || value >= UInt64(lowest)) }

    /// Why a string is not one of the range's integers written in decimal (`-` and digits), or nil.
    func problem(decimal bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard JSONValue.isDecimalInteger(bytes) else { return "not a decimal integer (\(name) written as a string)" }
        let text = String(decoding: bytes, as: UTF8.self)
        if let value = Int64(text), contains(value) { return nil }
        if let value = UInt64(text), contains(value) { return nil }
        return "\(text) is outside the \(name) range"
    }

    /// The first integer above the range, as a JSON value (past `Int64` as text).
    var justAbove: JSONValue {
        if highest < UInt64(Int64.max) { return .integer(Int64(highest) + 1) }
        return .bigNumber(highest == .max ? "18446744073709551616" : String(highest + 1))
    }
}

/// The table of built-in formats, built once per process.
enum BuiltInFormats {
    static let table: [String: FormatCheck] = [
        "date": .string(.date),
        "date-time": .string(.dateTime),
        "time": .string(.time),
        "duration": .string(.duration),
        "email": .string(.email),
        "idn-email": .string(.idnEmail),
        "hostname": .string(.hostname),
        "idn-hostname": .string(.idnHostname),
        "ipv4": .string(.ipv4),
        "ipv6": .string(.ipv6),
        "uri": .string(.uri),
        "uri-reference": .string(.uriReference),
        "iri": .string(.iri),
        "iri-reference": .string(.iriReference),
        "uri-template": .string(.uriTemplate),
        "uuid": .string(.uuid),
        "json-pointer": .string(.jsonPointer),
        "relative-json-pointer": .string(.relativeJSONPointer),
        "regex": .string(.regex),
        "e164": .string(.e164),
        "int32": .number(.integer(.int32)),
        "int64": .number(.integer(.int64)),
        // The OpenAPI Format Registry's other integers (gnostic and protobuf-derived descriptions write uint32 and
        // uint64; DigitalOcean's does).
        "int8": .number(.integer(.int8)),
        "int16": .number(.integer(.int16)),
        "uint8": .number(.integer(.uint8)),
        "uint16": .number(.integer(.uint16)),
        "uint32": .number(.integer(.uint32)),
        "uint64": .number(.integer(.uint64)),
        "double-int": .number(.integer(.doubleInt)),
        "float": .number(.unconstrained),
        "double": .number(.unconstrained),
        "byte": .string(.byte),
        "binary": .string(.unconstrained),
        "password": .string(.unconstrained),
        "base64url": .string(.base64URL),
        "decimal": .string(.decimal),
        // apispec writes marshmallow's Url field as `format: url` (flask-smorest, APIFlask): an absolute URI.
        "url": .string(.uri),
        // pydantic's, which FastAPI writes into every description with such a field (`IPvAnyAddress`, `UUID4`,
        // `NameEmail`, `Base64Bytes`, `Path`). A path names a file on the server, which no text rules out.
        "ipvanyaddress": .string(.ipAny),
        "ipv4network": .string(.network(.v4)),
        "ipv6network": .string(.network(.v6)),
        "ipvanynetwork": .string(.network(.any)),
        "ipv4interface": .string(.interface(.v4)),
        "ipv6interface": .string(.interface(.v6)),
        "ipvanyinterface": .string(.interface(.any)),
        "uuid1": .string(.uuidVersion(1)),
        "uuid3": .string(.uuidVersion(3)),
        "uuid4": .string(.uuidVersion(4)),
        "uuid5": .string(.uuidVersion(5)),
        "name-email": .string(.nameEmail),
        "base64": .string(.byte),
        "path": .string(.unconstrained),
        "file-path": .string(.unconstrained),
        "directory-path": .string(.unconstrained),
    ]
}
