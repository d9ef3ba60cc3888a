/// The bytes a connection has received and not yet parsed. Bytes after a complete request stay for the next one
/// (pipelining); consumed bytes are dropped from the front lazily, so parsing a request costs no copy.
struct InboundBuffer {
    private var storage: [UInt8] = []
    private var start = 0
    /// Capacity kept between requests: a connection that once carried a large head should not keep its buffer
    /// while it idles (a thousand idle connections would hold a thousand of them).
    private static let retainedCapacity = 16 * 1024

    var count: Int { storage.count - start }
    var isEmpty: Bool { storage.count == start }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if start > 0, start == storage.count {
            storage.removeAll(keepingCapacity: storage.capacity <= Self.retainedCapacity)
            start = 0
        } else if start > 4096, start * 2 > storage.count {
            storage.removeSubrange(0..<start)
            start = 0
        }
        storage.append(contentsOf: bytes)
    }

    /// Drops `count` bytes from the front.
    mutating func consume(_ count: Int) {
        start += count
        if start == storage.count {
            storage.removeAll(keepingCapacity: storage.capacity <= Self.retainedCapacity)
            start = 0
        }
    }

    /// Moves up to `count` bytes from the front to the end of `destination`.
    mutating func move(upTo count: Int, into destination: inout [UInt8]) -> Int {
        let taken = min(count, self.count)
        destination.append(contentsOf: storage[start..<start + taken])
        consume(taken)
        return taken
    }

    /// The unparsed bytes, read in place. Generic over the error so that the request parser, the response parser
    /// and the chunked decoder each throw their own.
    func withBytes<Result, Failure: Error>(
        _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let result: Swift.Result<Result, Failure> = storage.withUnsafeBufferPointer { all in
            do throws(Failure) {
                return .success(try body(UnsafeBufferPointer(rebasing: all[start...])))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}
