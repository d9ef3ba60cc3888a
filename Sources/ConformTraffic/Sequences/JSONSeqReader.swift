import ConformValues

/// JSON text sequences (`application/json-seq`, RFC 7464): each record is RS (0x1E), a JSON text, LF.
///
/// Records are split at RS alone, so a record that does not parse spoils only itself (RFC 7464, section 2.3:
/// parsers "SHOULD nonetheless continue"). Empty records (RS RS) are no items. Bytes before the first RS are a
/// malformed record. The last record without its final LF is the truncation RFC 7464, section 2.4 warns of.
package struct JSONSeqReader: SequenceReader {
    private var pending = BoundedBuffer()
    /// Whether the bytes in `pending` followed an RS (false only before the first RS).
    private var framed = false
    private var count = 0

    package init() {}

    package mutating func feed(_ chunk: ArraySlice<UInt8>) -> [SequenceItem] {
        var items: [SequenceItem] = []
        var start = chunk.startIndex
        while let separator = chunk[start...].firstIndex(of: 0x1E) {
            pending.append(chunk[start..<separator])
            if let item = closeRecord() { items.append(item) }
            framed = true
            start = separator + 1
        }
        pending.append(chunk[start...])
        return items
    }

    package mutating func finish() -> SequenceEnd {
        if pending.isEmpty { return SequenceEnd() }
        if framed, pending.overflowed || pending.bytes.last != 0x0A {
            return SequenceEnd(truncation: "ends inside record \(count + 1): its last record has no final line feed, so the stream was cut short")
        }
        return SequenceEnd(items: closeRecord().map { [$0] } ?? [])
    }

    private mutating func closeRecord() -> SequenceItem? {
        let (record, recordTooLong) = pending.take()
        if !recordTooLong, record.isJSONWhitespace { return nil }
        defer { count += 1 }
        let label = "record \(count + 1)"
        if !framed {
            return SequenceItem(index: count, label: label, content: .malformed("\(label) does not start with the record separator RS (0x1E)"))
        }
        if recordTooLong {
            return SequenceItem(index: count, label: label, content: .malformed("\(label) is longer than \(SequenceLimits.maxItemBytes) bytes"))
        }
        do throws(LoadError) {
            return SequenceItem(index: count, label: label, content: .value(try JSONReader.parse(record)))
        } catch {
            return SequenceItem(index: count, label: label, content: .malformed("\(label) is not JSON: \(error.message)"))
        }
    }
}
