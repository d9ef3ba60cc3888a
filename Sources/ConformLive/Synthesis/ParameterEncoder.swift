import ConformSpec
import ConformValues
import Foundation

/// Writes a parameter's value as its `style` and `explode` say (OAS 3.1, Parameter Object, "Style Examples"):
/// the inverse of the decoder `validate` reads requests with, so a synthesized request is read back as the value
/// it was made from.
enum ParameterEncoder {
    /// A path segment's text (percent-encoded, prefix included): `5`, `.5`, `;id=5`, `3,4,5`, `R=100,G=200`.
    static func path(_ name: String, _ value: JSONValue, style: ParameterStyle, explode: Bool) -> String {
        let escape = { (text: String) in encode(text, reserved: false) }
        switch style {
        case .label:
            return "." + items(value, explode: explode, escape).joined(separator: explode ? "." : ",")
        case .matrix:
            switch value {
            case .array(let array) where explode:
                return array.map { ";\(name)=\(escape(text($0)))" }.joined()
            case .object(let object) where explode:
                return object.members.map { ";\(escape($0.0))=\(escape(text($0.1)))" }.joined()
            default:
                return ";\(name)=" + items(value, explode: false, escape).joined(separator: ",")
            }
        default:
            return items(value, explode: explode, escape).joined(separator: ",")
        }
    }

    /// Query pairs, each already percent-encoded: `id=3&id=4`, `id=3,4`, `id=3%204`, `id=3|4`, `color[R]=100`.
    static func query(_ name: String, _ value: JSONValue, style: ParameterStyle, explode: Bool, allowReserved: Bool) -> [String] {
        let key = encode(name, reserved: false)
        func pair(_ name: String, _ text: String) -> String { "\(name)=\(encode(text, reserved: allowReserved))" }
        switch (style, value) {
        case (.deepObject, .object(let object)):
            return object.members.map { pair("\(key)%5B\(encode($0.0, reserved: false))%5D", text($0.1)) }
        case (.spaceDelimited, .array(let array)):
            return [key + "=" + array.map { encode(text($0), reserved: allowReserved) }.joined(separator: "%20")]
        case (.pipeDelimited, .array(let array)):
            return [key + "=" + array.map { encode(text($0), reserved: allowReserved) }.joined(separator: "%7C")]
        case (_, .array(let array)) where explode:
            return array.map { pair(key, text($0)) }
        case (_, .object(let object)) where explode:
            return object.members.map { pair(encode($0.0, reserved: false), text($0.1)) }
        default:
            return [key + "=" + items(value, explode: false) { encode($0, reserved: allowReserved) }.joined(separator: ",")]
        }
    }

    /// A header's value in the simple style, or a cookie's in the form style (not percent-encoded: a header
    /// value is text, and the decoder reads it as it is).
    static func header(_ value: JSONValue, explode: Bool) -> String {
        items(value, explode: explode) { $0 }.joined(separator: ",")
    }

    /// The items of a value as the simple and form styles list them, each part escaped: an array's items, an
    /// object's keys and values in turn (`R,100,G,200`), or with `explode` its `key=value` pairs.
    private static func items(_ value: JSONValue, explode: Bool, _ escape: (String) -> String) -> [String] {
        switch value {
        case .array(let array): return array.map { escape(text($0)) }
        case .object(let object):
            return explode
                ? object.members.map { "\(escape($0.0))=\(escape(text($0.1)))" }
                : object.members.flatMap { [escape($0.0), escape(text($0.1))] }
        default: return [escape(text(value))]
        }
    }

    /// A scalar as parameter text: strings as they are, numbers and booleans as JSON writes them.
    static func text(_ value: JSONValue) -> String {
        if case .string(let string) = value { return string }
        return JSONWriter.string(value)
    }

    /// Percent-encodes all but RFC 3986's unreserved characters, and with `reserved` its reserved ones too
    /// (`allowReserved`); `=` inside an exploded object's pair is the style's own and is written by the caller.
    static func encode(_ text: String, reserved: Bool) -> String {
        text.addingPercentEncoding(withAllowedCharacters: reserved ? unreservedAndReserved : unreserved) ?? text
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    private static let unreservedAndReserved = unreserved.union(CharacterSet(charactersIn: ":/?#[]@!$'()*+,;"))
}
