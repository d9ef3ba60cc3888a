import ConformValues

/// A sequential payload file read a chunk at a time, so that checking it holds one chunk and one item in memory
/// whatever the file's size (`payload` on a 1 GB JSON Lines file).
package enum SequenceFile {
    /// Feeds `path` (or `bytes`, standard input already read) through `reader`, handing each item to `body` as soon
    /// as it is complete; returns how the input ended.
    package static func read(
        _ path: String, bytes: [UInt8]? = nil, through reader: inout some SequenceReader, _ body: (SequenceItem) -> Void
    ) throws(LoadError) -> SequenceEnd {
        let input = if let bytes { ChunkedInput(bytes: bytes, name: path, tracksLines: false) } else { try ChunkedInput.open(path: path, tracksLines: false) }
        var chunk: [UInt8] = []
        repeat {
            chunk.removeAll(keepingCapacity: true)
            chunk.append(contentsOf: UnsafeBufferPointer(start: input.bytes, count: input.count))
            for item in reader.feed(chunk[...]) { body(item) }
        } while try input.refill()
        let end = reader.finish()
        for item in end.items { body(item) }
        return end
    }
}
