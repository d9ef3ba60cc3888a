import ConformValues

/// One item of a sequential body (OpenAPI 3.2, "Sequential Media Types"): a JSON Lines line, a JSON text sequence
/// record, a server-sent event or a `multipart/mixed` part, read on its own so that it can be checked on its own.
package struct SequenceItem: Sendable, Hashable {
    package enum Content: Sendable, Hashable {
        /// The item as the JSON value its schema describes.
        case value(JSONValue)
        /// The item does not follow its format (a line that is not JSON): the message says why.
        case malformed(String)
    }

    /// The item's position among the items, from 0: the first token of the pointers of its findings.
    package var index: Int
    /// The item as a person counts it: "line 4" (blank lines count), "record 2", "event 2", "part 3".
    package var label: String
    package var content: Content
    /// The 1-based line the item stands on, where the format is one item a line (JSON Lines): a finding on a
    /// payload file points there.
    package var line: Int?

    package init(index: Int, label: String, content: Content, line: Int? = nil) {
        self.index = index
        self.label = label
        self.content = content
        self.line = line
    }
}

/// What a reader found when its input ended: the items the end completed, and why the input looks cut short.
package struct SequenceEnd: Sendable, Hashable {
    package var items: [SequenceItem] = []
    /// Set when the input stops inside an item (an event without its closing blank line, a record without its
    /// final line feed): the message names the item. The items before it stand.
    package var truncation: String?
}

/// Reads the items of a sequential body from its bytes, a chunk at a time. State between chunks is the unfinished
/// item only, so memory is bounded by `SequenceLimits.maxItemBytes` whatever the size of the whole body.
package protocol SequenceReader {
    /// Reads the next bytes of the body; returns the items they complete, in order.
    mutating func feed(_ chunk: ArraySlice<UInt8>) -> [SequenceItem]
    /// The body ended.
    mutating func finish() -> SequenceEnd
}

extension SequenceReader {
    /// Every item of a body held in memory, and how it ended.
    package mutating func readAll(_ bytes: [UInt8]) -> (items: [SequenceItem], end: SequenceEnd) {
        let items = feed(bytes[...])
        let end = finish()
        return (items + end.items, end)
    }
}

/// Bounds on one item, so that a stream without line breaks cannot fill memory.
package enum SequenceLimits {
    /// The largest item kept (16 MiB); a longer one is a malformed item and its bytes are skipped.
    package static let maxItemBytes = 16 << 20
}
