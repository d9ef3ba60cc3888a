import ConformValues

/// Server-sent events (`text/event-stream`), parsed as the HTML standard's "Interpreting an event stream" says, and
/// each event modelled as OpenAPI 3.2 says (section 4.14.4, "Special Considerations for Server-Sent Events"): an
/// object of the event's fields, `data`, `event` and `id` strings and `retry` a number ("the `retry` field value is
/// modeled as a JSON number that is expected to be of JSON Schema `type: integer`"); comments and unknown fields
/// are ignored ("ignoring certain fields (including comments)").
///
/// Where the two differ, OpenAPI's model wins, because it is what `itemSchema` is written against:
/// - Every block of lines closed by a blank line that sets a field is an item, also one without `data`. HTML does
///   not dispatch those, but OpenAPI's generic event schema lists `data` as `required`, which only means something
///   if they are validated; a block of comments alone is no item.
/// - Fields belong to their own event: OpenAPI's example (4.14.6.3) gives `retry` to the event it was sent in and
///   no `id` to later events, where HTML would carry the last event ID over.
///
/// A final event without its blank line is discarded, as HTML does at the end of the stream ("any pending data
/// must be discarded"), and reported as the stream's truncation.
package struct EventStreamReader: SequenceReader {
    private struct Event {
        var data: [UInt8]?
        var event: String?
        var id: String?
        var retry: JSONValue?
        var tooLarge = false
        var hasFields: Bool { data != nil || event != nil || id != nil || retry != nil || tooLarge }
    }

    private var lines = LineSplitter(breaks: .anyBreak)
    private var pending = Event()
    private var count = 0

    package init() {}

    package mutating func feed(_ chunk: ArraySlice<UInt8>) -> [SequenceItem] {
        lines.feed(chunk).compactMap { process($0) }
    }

    package mutating func finish() -> SequenceEnd {
        if let last = lines.finish() { _ = process(last) }
        guard pending.hasFields else { return SequenceEnd() }
        return SequenceEnd(truncation: "ends inside event \(count + 1): its last event has no closing blank line, so the stream was cut short")
    }

    /// One line: a field, a comment, or the blank line that dispatches the event.
    private mutating func process(_ line: LineSplitter.Line) -> SequenceItem? {
        var bytes = line.bytes[...]
        // A UTF-8 byte order mark at the start of the stream is skipped.
        if line.number == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if bytes.isEmpty, !line.tooLong { return dispatch() }
        if line.tooLong { pending.tooLarge = true }
        if bytes.first == UInt8(ascii: ":") { return nil }
        let colon = bytes.firstIndex(of: UInt8(ascii: ":"))
        let name = bytes[..<(colon ?? bytes.endIndex)]
        var value = colon.map { bytes[($0 + 1)...] } ?? bytes[bytes.endIndex...]
        if value.first == 0x20 { value = value.dropFirst() }
        switch String(decoding: name, as: UTF8.self) {
        case "data":
            var data = pending.data ?? []
            if data.count + value.count + 1 > SequenceLimits.maxItemBytes {
                pending.tooLarge = true
            } else {
                if pending.data != nil { data.append(0x0A) }
                data.append(contentsOf: value)
            }
            pending.data = data
        case "event":
            pending.event = String(decoding: value, as: UTF8.self)
        case "id":
            // An id containing NUL is ignored (HTML).
            if !value.contains(0) { pending.id = String(decoding: value, as: UTF8.self) }
        case "retry":
            // Only ASCII digits make a reconnection time (HTML); anything else is ignored.
            if !value.isEmpty, value.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                let text = String(decoding: value, as: UTF8.self)
                pending.retry = Int64(text).map(JSONValue.integer) ?? .number(Double(text) ?? .infinity)
            }
        default:
            break
        }
        return nil
    }

    private mutating func dispatch() -> SequenceItem? {
        defer { pending = Event() }
        guard pending.hasFields else { return nil }
        defer { count += 1 }
        let label = "event \(count + 1)"
        if pending.tooLarge {
            return SequenceItem(index: count, label: label, content: .malformed("\(label) is larger than \(SequenceLimits.maxItemBytes) bytes"))
        }
        var fields: [(String, JSONValue)] = []
        if let data = pending.data { fields.append(("data", .string(String(decoding: data, as: UTF8.self)))) }
        if let event = pending.event { fields.append(("event", .string(event))) }
        if let id = pending.id { fields.append(("id", .string(id))) }
        if let retry = pending.retry { fields.append(("retry", retry)) }
        return SequenceItem(index: count, label: label, content: .value(.object(JSONObject(fields))))
    }
}
