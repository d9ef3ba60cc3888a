import ConformFindings
@_spi(Tape) import ConformValues

/// Streams the entries of a HAR file in constant memory: about one chunk plus the largest entry.
///
/// Opening scans the file up to the `[` of `log.entries` with a small byte-level scanner that follows only
/// member names, strings and bracket depth, skipping everything else (`pages`, `creator`, extensions) without
/// keeping it. Each entry is then cut out as the bytes of one complete JSON value and parsed on its own with
/// `JSONReader.parse`, so a broken entry is one located error and the entries after it are still read.
final class HARReader {
    private enum State {
        case expectingEntry
        case afterEntry
        case finished
    }

    private let input: ChunkedInput
    private var capture: ByteCapture
    private var state = State.expectingEntry
    private var index = 0
    private let limits: LoadLimits

    /// Positions `input` just inside `log.entries`; a file with no such array cannot be read at all.
    /// One entry's bytes, body included, are held at most to the `body-bytes` limit: an entry that claims a huge
    /// body (`content.size`) allocates nothing for it, and one that has it is dropped as it outgrows the limit.
    init(input: ChunkedInput, limits: LoadLimits = .default) throws(LoadError) {
        self.input = input
        self.limits = limits
        self.capture = ByteCapture(isEnabled: true, limit: limits.maxBodyBytes)
        try findEntries()
    }

    func next() -> ExchangeReadResult? {
        nextEntry()?.read()
    }

    /// The next entry, cut but not parsed; nil after the last.
    func nextEntry() -> TrafficEntry? {
        do {
            return try readNext()
        } catch {
            state = .finished
            return ready(.unreadable(error, index: index))
        }
    }

    private func ready(_ result: ExchangeReadResult) -> TrafficEntry {
        TrafficEntry(path: input.path, limits: limits, content: .read(result))
    }

    // MARK: Entries

    private func readNext() throws(LoadError) -> TrafficEntry? {
        while true {
            if case .finished = state { return nil }
            guard let byte = try input.skipWhitespace() else {
                state = .finished
                throw LoadError(
                    .syntax, "the file ends inside log.entries (the recording is truncated)", at: input.location())
            }
            switch state {
            case .expectingEntry:
                // A `]` here closes `[]`, or follows a trailing comma, which is tolerated.
                if byte == 0x5D {
                    state = .finished
                    return nil
                }
                if byte == 0x2C || byte == 0x7D { return try skipJunk() }
                return try readEntry()
            case .afterEntry:
                if byte == 0x2C {
                    input.position += 1
                    state = .expectingEntry
                } else if byte == 0x5D {
                    state = .finished
                    return nil
                } else if byte == 0x7B {
                    // A missing comma: report it, then read the entry that follows as usual.
                    state = .expectingEntry
                    return ready(.unreadable(
                        LoadError(.syntax, "expected ',' between HAR entries", at: input.location()), index: index))
                } else {
                    return try skipJunk()
                }
            case .finished:
                return nil
            }
        }
    }

    /// Reports bytes that cannot stand between entries, and moves past them to the next `,` or `]`. The error
    /// carries the index the next entry will have; no index is used up, so later entries keep theirs.
    private func skipJunk() throws(LoadError) -> TrafficEntry {
        let location = input.location()
        let found = (try input.peek()).map { "'\(Unicode.Scalar($0))'" } ?? "the end of the file"
        let error = LoadError(.syntax, "expected a HAR entry or ']' in log.entries, found \(found)", at: location)
        state = .afterEntry
        if try !input.skipToSeparator() { state = .finished }
        return ready(.unreadable(error, index: index))
    }

    private func readEntry() throws(LoadError) -> TrafficEntry {
        let start = input.mark()
        let entryIndex = index
        index += 1
        state = .afterEntry
        capture.reset()
        guard try input.scanValue(into: &capture) else {
            state = .finished
            return ready(.unreadable(
                LoadError(.syntax, "the file ends inside this HAR entry (the recording is truncated)",
                    at: SourceLocation(file: input.path, line: start.line, column: start.column)),
                index: entryIndex))
        }
        guard !capture.overflowed else {
            let error = LoadError(
                .tooLarge, "HAR entry is more than the body-bytes limit of \(capture.limit) bytes (--limit body-bytes=…)",
                at: SourceLocation(file: input.path, line: start.line, column: start.column))
            return ready(.unreadable(error, index: entryIndex))
        }
        return TrafficEntry(path: input.path, limits: limits, content: .har(bytes: capture.bytes, start: start, index: entryIndex))
    }

    /// The exchange of entry `index`, whose bytes begin at `start` in `path`, or the located error that keeps it
    /// from being read.
    static func read(_ bytes: [UInt8], start: TextMark, index: Int, path: String, limits: LoadLimits) -> ExchangeReadResult {
        let tape: JSONTape
        do {
            tape = try JSONTape.parse(bytes, path: path, limits: limits)
        } catch {
            return .unreadable(ExchangeMapping.relocate(error, from: start), index: index)
        }
        let source = ExchangeReference(file: path, index: index, line: start.line)
        do {
            return .exchange(try HAREntry.exchange(from: tape, source: source))
        } catch {
            return .unreadable(ExchangeMapping.locate(error, in: bytes, path: path, from: start), index: index)
        }
    }

    // MARK: Finding log.entries

    private func findEntries() throws(LoadError) {
        try input.skipByteOrderMark()
        guard let first = try input.skipWhitespace() else {
            throw LoadError(.emptyDocument, "empty file: no HAR log", at: input.location())
        }
        guard first == 0x7B else {
            throw LoadError(
                .syntax, "not a HAR file: expected a JSON object with a \"log\" member", at: input.location())
        }
        input.position += 1
        guard try seekMember("log") else {
            throw LoadError(.syntax, "not a HAR file: the top-level object has no \"log\" member", at: input.location())
        }
        guard try input.skipWhitespace() == 0x7B else {
            throw LoadError(.syntax, "HAR \"log\" must be an object", at: input.location())
        }
        let log = input.location()
        input.position += 1
        guard try seekMember("entries") else {
            throw LoadError(.syntax, "HAR log has no \"entries\" array", at: log)
        }
        guard try input.skipWhitespace() == 0x5B else {
            throw LoadError(.syntax, "HAR log.entries must be an array", at: input.location())
        }
        input.position += 1
    }

    /// Reads the members of the object whose `{` was just read, skipping their values, until the one named
    /// `name`; leaves the input at that member's value. False when the object ends without it.
    private func seekMember(_ name: String) throws(LoadError) -> Bool {
        var isFirst = true
        while true {
            guard var byte = try input.skipWhitespace() else { throw unexpectedEnd() }
            if byte == 0x7D {
                input.position += 1
                return false
            }
            if !isFirst {
                guard byte == 0x2C else { throw expected("',' or '}' after an object member") }
                input.position += 1
                guard let next = try input.skipWhitespace() else { throw unexpectedEnd() }
                byte = next
            }
            isFirst = false
            guard byte == 0x22 else { throw expected("a member name") }
            let key = try readKey()
            guard try input.skipWhitespace() == 0x3A else { throw expected("':' after a member name") }
            input.position += 1
            if key == Array(name.utf8) { return true }
            guard try input.skipWhitespace() != nil else { throw unexpectedEnd() }
            var skipping = ByteCapture.skipping
            guard try input.scanValue(into: &skipping) else { throw unexpectedEnd() }
        }
    }

    /// A member name's raw bytes (escapes left as written; the names looked for have none), at most 64 kept.
    private func readKey() throws(LoadError) -> [UInt8] {
        input.position += 1
        var key: [UInt8] = []
        var escaped = false
        while let byte = try input.peek() {
            input.position += 1
            if escaped {
                escaped = false
            } else if byte == 0x5C {
                escaped = true
            } else if byte == 0x22 {
                return key
            }
            if key.count < 64 { key.append(byte) }
        }
        throw unexpectedEnd()
    }

    private func expected(_ what: String) -> LoadError {
        LoadError(.syntax, "expected \(what)", at: input.location())
    }

    private func unexpectedEnd() -> LoadError {
        LoadError(.syntax, "the file ends before log.entries (the recording is truncated)", at: input.location())
    }
}
