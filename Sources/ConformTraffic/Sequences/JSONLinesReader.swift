import ConformValues

/// JSON Lines (`application/jsonl`, `application/x-ndjson`, `application/x-jsonlines`): one JSON value a line,
/// lines ended by LF or CRLF, the last line's break optional (jsonlines.org, ndjson-spec). Blank lines are no items.
///
/// A last line without its break that is not JSON was cut short: that is the stream's truncation, not a bad item.
package struct JSONLinesReader: SequenceReader {
    private var lines = LineSplitter(breaks: .lineFeed)
    private var count = 0

    package init() {}

    package mutating func feed(_ chunk: ArraySlice<UInt8>) -> [SequenceItem] {
        lines.feed(chunk).compactMap { item(from: $0) }
    }

    package mutating func finish() -> SequenceEnd {
        guard let last = lines.finish(), !last.tooLong else { return SequenceEnd() }
        if last.bytes.isJSONWhitespace { return SequenceEnd() }
        if let value = try? JSONReader.parse(last.bytes) {
            defer { count += 1 }
            return SequenceEnd(items: [SequenceItem(index: count, label: "line \(last.number)", content: .value(value), line: last.number)])
        }
        return SequenceEnd(truncation: "ends inside line \(last.number): its last line has no line break and is not complete JSON, so the stream was cut short")
    }

    private mutating func item(from line: LineSplitter.Line) -> SequenceItem? {
        if !line.tooLong, line.bytes.isJSONWhitespace { return nil }
        defer { count += 1 }
        let label = "line \(line.number)"
        if line.tooLong {
            return SequenceItem(index: count, label: label, content: .malformed("\(label) is longer than \(SequenceLimits.maxItemBytes) bytes"), line: line.number)
        }
        do throws(LoadError) {
            return SequenceItem(index: count, label: label, content: .value(try JSONReader.parse(line.bytes)), line: line.number)
        } catch {
            return SequenceItem(index: count, label: label, content: .malformed("\(label) is not JSON: \(error.message) (column \(error.location.column))"), line: line.number)
        }
    }
}
