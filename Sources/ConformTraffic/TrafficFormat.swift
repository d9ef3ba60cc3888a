import ConformValues

/// The recording formats openapi-conform reads.
package enum TrafficFormat: String, Sendable, Hashable, CaseIterable {
    /// HTTP Archive 1.1/1.2: browsers, mitmproxy, Charles, Insomnia, `schemathesis --report har`.
    case har
    /// One exchange a line (../shared/corpus/traffic/README.md).
    case jsonl
    /// VCR cassettes in YAML, as schemathesis writes them.
    case vcr
    /// Pact contract files, v1 to v4.
    case pact

    /// The format of a recording: by extension (`.har`; `.jsonl`/`.ndjson`; `.yaml`/`.yml` → VCR), else by its
    /// first bytes (`.json` files, standard input, other names). nil when neither tells.
    package static func detect(path: String, prefix: [UInt8]) -> TrafficFormat? {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".har") { return .har }
        if lowered.hasSuffix(".jsonl") || lowered.hasSuffix(".ndjson") { return .jsonl }
        if lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml") { return .vcr }
        return sniff(prefix)
    }

    /// Guesses the format from the first bytes of a file.
    ///
    /// A JSON object is told apart by its first member name (`log` → HAR; `consumer`, `provider` or
    /// `interactions` → Pact; `http_interactions` → a VCR cassette in JSON), then by whether its first line is a
    /// whole object with `request` and `response` (JSONL). YAML is a VCR cassette when a line starts with
    /// `http_interactions:` or `interactions:`.
    static func sniff(_ prefix: [UInt8]) -> TrafficFormat? {
        var start = prefix.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < prefix.count, isWhitespace(prefix[start]) { start += 1 }
        guard start < prefix.count else { return nil }
        let text = prefix[start...]
        if prefix[start] == UInt8(ascii: "{") {
            let name = firstMemberName(text)
            switch name {
            case "log"?: return .har
            case "consumer"?, "provider"?: return .pact
            case "http_interactions"?: return .vcr
            case "interactions"?: return contains(text, "\"uri\"") && !contains(text, "\"description\"") ? .vcr : .pact
            default: break
            }
            if firstLineIsExchange(text, firstMemberName: name) { return .jsonl }
            if contains(text, "\"pactSpecification\"") || contains(text, "\"interactions\"") { return .pact }
            if contains(text, "\"log\"") { return .har }
            return nil
        }
        for line in text.split(separator: UInt8(ascii: "\n")) {
            if line.starts(with: Array("http_interactions:".utf8)) || line.starts(with: Array("interactions:".utf8)) {
                return .vcr
            }
        }
        return nil
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// The first member name of the object that starts `text`, when it is written without escapes.
    private static func firstMemberName(_ text: ArraySlice<UInt8>) -> String? {
        var index = text.startIndex + 1
        while index < text.endIndex, isWhitespace(text[index]) { index += 1 }
        guard index < text.endIndex, text[index] == UInt8(ascii: "\"") else { return nil }
        let nameStart = index + 1
        guard let nameEnd = text[nameStart...].firstIndex(where: { $0 == UInt8(ascii: "\"") || $0 == 0x5C }),
            text[nameEnd] == UInt8(ascii: "\"")
        else { return nil }
        return String(decoding: text[nameStart..<nameEnd], as: UTF8.self)
    }

    /// Whether the first line is a JSON object with `request` and `response` members. A first line that runs
    /// past the prefix is judged by its first member name instead (`id`, `request` or `response`).
    private static func firstLineIsExchange(_ text: ArraySlice<UInt8>, firstMemberName: String?) -> Bool {
        let end = text.firstIndex(of: UInt8(ascii: "\n")) ?? text.endIndex
        guard let value = try? JSONReader.parse(Array(text[..<end])) else {
            let isCut = end == text.endIndex
            return isCut && ["id", "request", "response"].contains(firstMemberName ?? "")
        }
        return value["request"] != nil && value["response"] != nil
    }

    private static func contains(_ text: ArraySlice<UInt8>, _ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first, text.count >= pattern.count else { return false }
        var index = text.startIndex
        while let found = text[index...].firstIndex(of: first) {
            if text[found...].starts(with: pattern) { return true }
            index = found + 1
        }
        return false
    }
}
