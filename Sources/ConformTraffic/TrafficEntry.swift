import ConformValues

/// One entry of a recording as its reader cut it from the file, not yet parsed.
///
/// Cutting entries is a byte scan that has to go in file order; reading one (JSON parse, mapping to an exchange)
/// is most of the cost and needs nothing but the entry's bytes. So a caller with several cores cuts on one thread
/// and calls `read()` on all of them; `TrafficReader.next()` does both in turn.
package struct TrafficEntry: Sendable {
    enum Content: Sendable {
        /// A JSONL line (1-based number), without its line break.
        case jsonl(bytes: [UInt8], line: Int)
        /// A HAR entry's JSON value, `start` where it begins in the file.
        case har(bytes: [UInt8], start: TextMark, index: Int)
        /// Already read: an entry of a file loaded whole, or an error found while cutting.
        case read(ExchangeReadResult)
    }

    /// The recording's path (or name, for standard input).
    package let path: String
    let limits: LoadLimits
    let content: Content

    /// The exchange, or the located error that keeps the entry from being read.
    package func read() -> ExchangeReadResult {
        switch content {
        case .jsonl(let bytes, let line):
            return JSONLExchangeReader.read(bytes, line: line, path: path, limits: limits)
        case .har(let bytes, let start, let index):
            return HARReader.read(bytes, start: start, index: index, path: path, limits: limits)
        case .read(let result):
            return result
        }
    }
}
