import Foundation

/// Strings of each built-in string format, varied by the random source: realistic values a reader recognises
/// (`2024-03-17T08:15:42Z`, `user42@example.com`), each of which the format's own check accepts. The caller checks
/// every value against the schema anyway, so a format combined with a length or a pattern that these values miss
/// ends in a retry, not in a wrong value.
enum FormatGenerator {
    static func value(_ format: StringFormat, length: ClosedRange<Int>, _ random: inout SeededRandom) -> String {
        switch format {
        case .date: return date(&random)
        case .dateTime: return date(&random) + "T" + time(&random)
        case .time: return time(&random)
        case .duration: return "P\(random.int(1...30))DT\(random.int(0...23))H\(random.int(0...59))M"
        case .email, .idnEmail: return word(&random) + "\(random.int(1...99))@example.com"
        case .hostname, .idnHostname: return word(&random) + ".example.com"
        case .ipv4: return (0..<4).map { _ in String(random.int(1...254)) }.joined(separator: ".")
        case .ipv6: return "2001:db8:" + (0..<6).map { _ in String(random.int(0...0xFFFF), radix: 16) }.joined(separator: ":")
        case .uri, .iri: return "https://example.com/" + word(&random) + "/\(random.int(1...999))"
        case .uriReference, .iriReference: return "/" + word(&random) + "/\(random.int(1...999))"
        case .uriTemplate: return "https://example.com/" + word(&random) + "/{id}"
        case .uuid: return uuid(&random)
        case .jsonPointer: return "/" + word(&random) + "/\(random.int(0...9))"
        case .relativeJSONPointer: return "\(random.int(0...3))/" + word(&random)
        case .regex: return "^[a-z]+\\d{\(random.int(1...4))}$"
        case .e164: return "+1" + (0..<10).map { _ in String(random.int(0...9)) }.joined()
        case .byte:
            // Base64 of as many bytes as fit the length asked for (4 characters per 3 bytes).
            let characters = min(max(length.lowerBound, 8), max(length.upperBound, 4))
            let count = max(0, characters / 4 * 3)
            return Data((0..<count).map { _ in UInt8(random.int(0...255)) }).base64EncodedString()
        case .unconstrained: return word(&random) + String(random.int(100...999))
        }
    }

    static func date(_ random: inout SeededRandom) -> String {
        String(format: "%04d-%02d-%02d", random.int(2000...2030), random.int(1...12), random.int(1...28))
    }

    static func time(_ random: inout SeededRandom) -> String {
        String(format: "%02d:%02d:%02dZ", random.int(0...23), random.int(0...59), random.int(0...59))
    }

    static func uuid(_ random: inout SeededRandom) -> String {
        let hex = (0..<32).map { index -> String in
            if index == 12 { return "4" }
            if index == 16 { return String(random.int(8...11), radix: 16) }
            return String(random.int(0...15), radix: 16)
        }.joined()
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            String(hex.dropFirst(range.lowerBound).prefix(range.count))
        }
        return parts.joined(separator: "-")
    }

    static let words = ["alpha", "bravo", "delta", "echo", "kilo", "lima", "oscar", "sierra", "tango", "zulu"]

    static func word(_ random: inout SeededRandom) -> String {
        random.pick(words) ?? "alpha"
    }
}
