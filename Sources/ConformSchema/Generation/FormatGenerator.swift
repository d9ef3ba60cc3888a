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
        case .duration:
            // One in four spans more than a year in days (`P400D`): pydantic answers a timedelta that long as
            // `P1Y35D`, which RFC 3339's grammar does not have (a year is followed by months only).
            let days = random.int(0...3) == 0 ? random.int(366...999) : random.int(1...30)
            return "P\(days)DT\(random.int(0...23))H\(random.int(0...59))M"
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
        case .ipAny: return value(random.int(0...1) == 0 ? .ipv4 : .ipv6, length: length, &random)
        case .network(let family): return network(family, &random, hostBits: false)
        case .interface(let family): return network(family, &random, hostBits: true)
        case .uuidVersion(let version): return uuid(&random, version: version)
        case .nameEmail:
            let name = word(&random)
            return name.prefix(1).uppercased() + name.dropFirst() + " <" + name + "\(random.int(1...99))@example.com>"
        case .base64URL:
            let text = value(.byte, length: length, &random)
            return String(text.filter { $0 != "=" }.map { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 })
        case .decimal: return "\(random.int(0...9999)).\(random.int(10...99))"
        case .unconstrained: return word(&random) + String(random.int(100...999))
        }
    }

    static func date(_ random: inout SeededRandom) -> String {
        String(format: "%04d-%02d-%02d", random.int(2000...2030), random.int(1...12), random.int(1...28))
    }

    static func time(_ random: inout SeededRandom) -> String {
        String(format: "%02d:%02d:%02dZ", random.int(0...23), random.int(0...59), random.int(0...59))
    }

    /// A network (`10.12.7.0/24`, `2001:db8:4a1::/48`, host bits zero) or an interface (an address with its prefix).
    static func network(_ family: IPFamily, _ random: inout SeededRandom, hostBits: Bool) -> String {
        let v4 = family == .v4 || (family == .any && random.int(0...1) == 0)
        if v4 { return "10.\(random.int(0...255)).\(random.int(0...255)).\(hostBits ? random.int(1...254) : 0)/24" }
        let group = String(random.int(1...0xFFFF), radix: 16)
        return hostBits ? "2001:db8:\(group)::\(String(random.int(1...0xFFFF), radix: 16))/64" : "2001:db8:\(group)::/48"
    }

    static func uuid(_ random: inout SeededRandom, version: UInt8 = 4) -> String {
        let hex = (0..<32).map { index -> String in
            if index == 12 { return String(version) }
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
