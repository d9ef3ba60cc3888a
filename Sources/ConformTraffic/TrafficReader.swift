import ConformValues

/// The exchanges of one recording, in file order: an exchange, or a located error for an entry that cannot be
/// read, after which reading goes on.
///
/// HAR and JSONL files are streamed in constant memory; VCR cassettes and Pact files are loaded whole. A
/// reader is single-pass: iterating it consumes it.
///
/// ```swift
/// for result in try TrafficReader.open(path: "traffic.har") {
///     switch result {
///     case .exchange(let exchange): check(exchange)
///     case .unreadable(let error, _): report(error)
///     }
/// }
/// ```
package final class TrafficReader: Sequence, IteratorProtocol {
    /// Bytes read to sniff a format when the file name does not tell it.
    static let sniffLength = 64 << 10

    private enum Source {
        case har(HARReader)
        case jsonl(JSONLExchangeReader)
        case loaded(IndexingIterator<[ExchangeReadResult]>)
    }

    /// The path (or name, for standard input) used in every source and location.
    package let path: String
    package let format: TrafficFormat
    private var source: Source

    private init(path: String, format: TrafficFormat, source: Source) {
        self.path = path
        self.format = format
        self.source = source
    }

    /// Opens a recording file, telling its format by extension or by its first bytes.
    ///
    /// Throws when the whole file cannot be read: it does not exist, its format is unknown, it is not valid YAML
    /// or JSON (cassettes, Pact files), or it has no list of exchanges (a HAR without `log.entries`).
    package static func open(path: String, limits: LoadLimits = .default) throws(LoadError) -> TrafficReader {
        try open(path: path, format: nil, limits: limits)
    }

    /// Opens a recording file as the given format, or as the detected one when `format` is nil.
    package static func open(path: String, format: TrafficFormat?, limits: LoadLimits = .default) throws(LoadError) -> TrafficReader {
        try open(path: path, format: format, chunkSize: ChunkedInput.defaultChunkSize, limits: limits)
    }

    /// Opens a recording already in memory (standard input, named `-` or `<stdin>` by the caller).
    package static func open(bytes: [UInt8], name: String, format: TrafficFormat? = nil, limits: LoadLimits = .default) throws(LoadError)
        -> TrafficReader
    {
        guard let format = format ?? TrafficFormat.detect(path: name, prefix: Array(bytes.prefix(sniffLength))) else {
            throw unknownFormat(name)
        }
        switch format {
        case .har:
            let reader = try HARReader(input: ChunkedInput(bytes: bytes, name: name, tracksLines: true), limits: limits)
            return TrafficReader(path: name, format: format, source: .har(reader))
        case .jsonl:
            let reader = JSONLExchangeReader(input: ChunkedInput(bytes: bytes, name: name, tracksLines: false), limits: limits)
            return TrafficReader(path: name, format: format, source: .jsonl(reader))
        case .vcr, .pact:
            return try loaded(SourceFile(path: name, bytes: bytes), format: format, limits: limits)
        }
    }

    /// `open(path:format:)` with a chosen chunk size, so tests can put chunk boundaries anywhere.
    static func open(path: String, format: TrafficFormat?, chunkSize: Int, limits: LoadLimits = .default) throws(LoadError) -> TrafficReader {
        var detected = format ?? TrafficFormat.detect(path: path, prefix: [])
        if detected == nil {
            detected = TrafficFormat.detect(path: path, prefix: try readBytes(path: path, limit: sniffLength))
        }
        guard let detected else { throw unknownFormat(path) }
        switch detected {
        case .har:
            let input = try ChunkedInput.open(path: path, chunkSize: chunkSize, tracksLines: true)
            return TrafficReader(path: path, format: detected, source: .har(try HARReader(input: input, limits: limits)))
        case .jsonl:
            let input = try ChunkedInput.open(path: path, chunkSize: chunkSize, tracksLines: false)
            return TrafficReader(path: path, format: detected, source: .jsonl(JSONLExchangeReader(input: input, limits: limits)))
        case .vcr, .pact:
            let limit = limits.maxDocumentBytes
            let bytes = try readBytes(path: path, limit: limit + 1)
            guard bytes.count <= limit else {
                throw LoadError(
                    .tooLarge, "file is more than the document-bytes limit of \(limit) bytes (--limit document-bytes=…)",
                    at: SourceLocation(file: path, line: 1, column: 1))
            }
            return try loaded(SourceFile(path: path, bytes: bytes), format: detected, limits: limits)
        }
    }

    package func next() -> ExchangeReadResult? {
        nextEntry()?.read()
    }

    /// The next entry, cut from the file but not yet read (see `TrafficEntry`); nil after the last.
    package func nextEntry() -> TrafficEntry? {
        switch source {
        case .har(let reader):
            return reader.nextEntry()
        case .jsonl(let reader):
            return reader.nextEntry()
        case .loaded(var iterator):
            let result = iterator.next()
            source = .loaded(iterator)
            return result.map { TrafficEntry(path: path, limits: .default, content: .read($0)) }
        }
    }

    private static func loaded(_ file: SourceFile, format: TrafficFormat, limits: LoadLimits) throws(LoadError) -> TrafficReader {
        let results = format == .vcr ? try VCRReader.read(file, limits: limits) : try PactReader.read(file, limits: limits)
        return TrafficReader(path: file.path, format: format, source: .loaded(results.makeIterator()))
    }

    /// The first `limit` bytes of a file (all of it when shorter).
    private static func readBytes(path: String, limit: Int) throws(LoadError) -> [UInt8] {
        let input = try ChunkedInput.open(path: path, tracksLines: false)
        var bytes = input.chunkPrefix(limit)
        while bytes.count < limit, try input.refill() {
            bytes += input.chunkPrefix(limit - bytes.count)
        }
        return bytes
    }

    private static func unknownFormat(_ path: String) -> LoadError {
        LoadError(
            .syntax,
            "cannot tell the recording's format: expected a HAR file, JSONL exchanges, a VCR cassette or a Pact file "
                + "(name it .har, .jsonl, .yaml or .json)",
            at: SourceLocation(file: path, line: 1, column: 1))
    }
}
