import ConformFindings
import ConformSpec

/// A report's results, in order, with the positions of each operation's results beside them.
///
/// A long run or a long live session holds hundreds of thousands of results, most of them passing without a
/// finding. Those are kept as a `PassingRecord` (what tells one from another: its place, its comment, its status)
/// and the index of a `PassingShape` (what many share: method, operation, response and media type), about a fifth
/// of a full `ExchangeResult`. Results with findings, a URL or a baseline count are kept whole. Either kind is
/// stored in chunks, so storage grows without copying what it holds.
struct ResultStore: Sendable {
    static let chunkSize = 4096
    private var full = ChunkedArray<ExchangeResult>()
    /// The keys of the findings of the results kept whole, in order, and where each result's keys begin: worked
    /// out as a result is added, while its findings are at hand, and read by the reports that group findings
    /// instead of every finding of a long run again.
    private var keys = ChunkedArray<FindingKey>()
    private var keyStarts = ChunkedArray<Int>()
    private var passing = ChunkedArray<PassingRecord>()
    /// One copy of each value the kept findings repeat.
    private var shared = SharedValues()
    private var shapes: [PassingShape] = []
    private var shapeIndex: [PassingShape: UInt32] = [:]
    private var sources: [TrafficSource] = []
    /// Per result, where it is: `full` at the value, `passing` at `~value` when negative.
    private var locations: [Int32] = []
    /// Per result, whether it has findings and whether it failed: reports count and skip results by these without
    /// reading the results themselves.
    private var flags: [ResultFlags] = []
    private(set) var count = 0
    /// Positions by operation (nil: routed nowhere), in the order operations were first seen.
    private var groupKeys: [OperationKey?] = []
    private var groupPositions: [[Int32]] = []
    private var groupIndex: [OperationKey?: Int] = [:]
    /// The group and shape of the result before: traffic tends to repeat an operation, and comparing with the last
    /// (strings that share storage compare at once) spares hashing a key per result.
    private var lastGroup: Int?
    private var lastShape: (shape: PassingShape, id: UInt32)?

    /// Positions by operation (nil: routed nowhere).
    var groups: [OperationKey?: [Int32]] { Dictionary(uniqueKeysWithValues: zip(groupKeys, groupPositions)) }

    mutating func append(_ result: consuming ExchangeResult) {
        var result = consume result
        let group = self.group(of: result.operation)
        groupPositions[group].append(Int32(truncatingIfNeeded: count))
        flags.append(ResultFlags(result))
        let record = compactRecord(of: result)
        if let record {
            locations.append(~Int32(truncatingIfNeeded: passing.count))
            passing.append(record)
        } else {
            locations.append(Int32(truncatingIfNeeded: full.count))
            keyStarts.append(keys.count)
            // Findings are read and changed in place, by index: a copy of a finding retains each of its strings.
            for index in result.findings.indices { keys.append(shared.compact(&result.findings[index])) }
            full.append(consume result)
        }
        count += 1
    }

    private mutating func group(of operation: OperationKey?) -> Int {
        if let lastGroup, groupKeys[lastGroup] == operation { return lastGroup }
        let group: Int
        if let known = groupIndex[operation] {
            group = known
        } else {
            group = groupKeys.count
            groupKeys.append(operation)
            groupPositions.append([])
            groupIndex[operation] = group
        }
        lastGroup = group
        return group
    }

    /// The record of a result that passed with nothing to show but where it was and what it reached; nil for the
    /// others.
    private mutating func compactRecord(of result: ExchangeResult) -> PassingRecord? {
        guard result.findings.isEmpty, result.passed, result.url == nil, result.baselined == 0 else { return nil }
        let shape = PassingShape(
            method: result.method, operation: result.operation, operationID: result.operationID, responseKey: result.responseKey,
            mediaType: result.mediaType)
        let shapeID: UInt32
        if let lastShape, lastShape.shape == shape {
            shapeID = lastShape.id
        } else if let known = shapeIndex[shape] {
            shapeID = known
        } else {
            shapeID = UInt32(truncatingIfNeeded: shapes.count)
            shapes.append(shape)
            shapeIndex[shape] = shapeID
        }
        lastShape = (shape, shapeID)
        let sourceID: UInt32
        if let known = sources.lastIndex(of: result.source.source) {
            sourceID = UInt32(truncatingIfNeeded: known)
        } else {
            sourceID = UInt32(truncatingIfNeeded: sources.count)
            sources.append(result.source.source)
        }
        return PassingRecord(
            index: UInt32(clamping: result.source.index), line: UInt32(clamping: result.source.line ?? 0), sourceID: sourceID,
            shapeID: shapeID, status: result.status.map { Int32(clamping: $0) } ?? -1, comment: result.comment)
    }

    var all: ExchangeResults { view(nil) }

    func view(_ positions: [Int32]?) -> ExchangeResults {
        ExchangeResults(
            storage: ExchangeResults.Storage(
                full: full, keys: keys, keyStarts: keyStarts, passing: passing, shapes: shapes, sources: sources,
                locations: locations, flags: flags, otherWordings: shared.otherWordings),
            positions: positions, count: positions?.count ?? count)
    }
}

/// Values appended in fixed-size chunks: growing never copies what is already held.
struct ChunkedArray<Element: Sendable>: Sendable {
    private(set) var chunks: [[Element]] = []
    private(set) var count = 0

    mutating func append(_ element: consuming Element) {
        if chunks.isEmpty || chunks[chunks.count - 1].count == ResultStore.chunkSize {
            var chunk: [Element] = []
            chunk.reserveCapacity(ResultStore.chunkSize)
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(element)
        count += 1
    }

    /// Read in place: a report going over every result would otherwise copy each one out (retaining its strings).
    subscript(index: Int) -> Element {
        _read { yield chunks[index / ResultStore.chunkSize][index % ResultStore.chunkSize] }
    }
}

/// What a passing result without findings shares with many others.
struct PassingShape: Hashable, Sendable {
    var method: String
    var operation: OperationKey?
    var operationID: String?
    var responseKey: ResponseKey?
    var mediaType: String?
}

/// What tells a passing result without findings from the others of its shape.
struct PassingRecord: Sendable {
    var index: UInt32
    /// 0: no line.
    var line: UInt32
    var sourceID: UInt32
    var shapeID: UInt32
    /// -1: no response.
    var status: Int32
    var comment: String?

    /// The response's status, nil when there was no response.
    var responseStatus: Int? { status < 0 ? nil : Int(status) }
}

/// What reports ask of every result before deciding to read it, in a byte.
struct ResultFlags: Sendable {
    private var bits: UInt8

    init(_ result: borrowing ExchangeResult) {
        let aboutOthers = result.findings.indices.contains { result.findings[$0].exchange.map { $0 != result.source } ?? false }
        bits = (result.findings.isEmpty ? 0 : 1) | (result.passed ? 0 : 2) | (aboutOthers ? 4 : 0)
    }

    var hasFindings: Bool { bits & 1 != 0 }
    var failed: Bool { bits & 2 != 0 }
    /// Whether a finding names an exchange other than the result's own.
    var findingsAboutOthers: Bool { bits & 4 != 0 }
}

/// Some results of a report, in order: all of them, or one operation's.
public struct ExchangeResults: RandomAccessCollection, Sendable {
    /// The store's contents when the view was taken; arrays share their storage, so a view copies nothing.
    struct Storage: Sendable {
        let full: ChunkedArray<ExchangeResult>
        let keys: ChunkedArray<FindingKey>
        let keyStarts: ChunkedArray<Int>
        let passing: ChunkedArray<PassingRecord>
        let shapes: [PassingShape]
        let sources: [TrafficSource]
        let locations: [Int32]
        let flags: [ResultFlags]
        let otherWordings: [UInt64: FindingWordings]
    }

    private let storage: Storage
    private let positions: [Int32]?
    public let count: Int

    init(storage: Storage, positions: [Int32]?, count: Int) {
        self.storage = storage
        self.positions = positions
        self.count = count
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    /// A result with findings is read where it is kept; a passing record is made a result.
    public subscript(index: Int) -> ExchangeResult {
        _read {
            let location = storage.locations[position(index)]
            if location >= 0 {
                yield storage.full[Int(location)]
            } else {
                yield passingResult(storage.passing[Int(~location)])
            }
        }
    }

    private func passingResult(_ record: PassingRecord) -> ExchangeResult {
        let shape = storage.shapes[Int(record.shapeID)]
        var result = ExchangeResult(
            source: source(of: record), comment: record.comment, method: shape.method, url: nil,
            status: record.responseStatus)
        result.operation = shape.operation
        result.operationID = shape.operationID
        result.responseKey = shape.responseKey
        result.mediaType = shape.mediaType
        return result
    }

    private func position(_ index: Int) -> Int { positions.map { Int($0[index]) } ?? index }

    /// What a passing result kept as a record has of its own (its place, comment and status) and the shape it shares
    /// with every record of the same method, operation, response and media type (`shape` numbers it within the
    /// report); nil for a result kept whole. A report that lists every exchange renders a shape's part once.
    package func passingRecord(at index: Int) -> (shape: Int, source: ExchangeReference, comment: String?, status: Int?)? {
        let location = storage.locations[position(index)]
        guard location < 0 else { return nil }
        let record = storage.passing[Int(~location)]
        return (Int(record.shapeID), source(of: record), record.comment, record.responseStatus)
    }

    private func source(of record: PassingRecord) -> ExchangeReference {
        ExchangeReference(source: storage.sources[Int(record.sourceID)], index: Int(record.index), line: record.line == 0 ? nil : Int(record.line))
    }

    /// Calls `body` with the index, the source and the findings of each result that has findings, in order, read
    /// where the result is kept. Reports of a long run go over every finding this way: most results pass without
    /// one, and a whole result, which `self[index]` gives for the few a report lists, is a copy of each of its
    /// strings and arrays.
    package func forEachFindings(_ body: (_ index: Int, _ source: ExchangeReference, _ findings: [Finding]) -> Void) {
        for index in indices {
            let position = position(index)
            // A result with findings is never kept as a passing record.
            guard storage.flags[position].hasFindings else { continue }
            let location = Int(storage.locations[position])
            body(index, storage.full[location].source, storage.full[location].findings)
        }
    }

    /// Calls `body` with the index of each result that has findings, in order, the exchange its findings are about
    /// (nil when some name another: then the result's findings say which) and the keys of its findings, in the
    /// findings' order. Reports that group findings go over a long run this way without reading the findings.
    package func forEachFindingKeys(_ body: (_ index: Int, _ exchange: ExchangeReference?, _ keys: FindingKeys) -> Void) {
        for index in indices {
            let position = position(index)
            let flags = storage.flags[position]
            guard flags.hasFindings else { continue }
            let location = Int(storage.locations[position])
            body(index, flags.findingsAboutOthers ? nil : storage.full[location].source, keys(ofKept: location))
        }
    }

    /// The keys of the findings of the result at `index`, in the findings' order; nil for a passing record.
    package func findingKeys(at index: Int) -> FindingKeys? {
        let location = storage.locations[position(index)]
        return location < 0 ? nil : keys(ofKept: Int(location))
    }

    /// The keys of the result kept whole at `location`: they end where the next one's begin, so its findings are
    /// not touched.
    private func keys(ofKept location: Int) -> FindingKeys {
        let start = storage.keyStarts[location]
        let end = location + 1 < storage.keyStarts.count ? storage.keyStarts[location + 1] : storage.keys.count
        return FindingKeys(storage: storage.keys, start: start, count: end - start)
    }

    /// The occurrences of the finding with this fingerprint that expected otherwise than the first, nil when none.
    package func otherWordings(of fingerprint: UInt64) -> FindingWordings? {
        storage.otherWordings[fingerprint]
    }

    /// How many results have findings.
    package var withFindingsCount: Int { indices.reduce(0) { $0 + (storage.flags[position($1)].hasFindings ? 1 : 0) } }

    /// How many results failed.
    package var failedCount: Int { indices.reduce(0) { $0 + (storage.flags[position($1)].failed ? 1 : 0) } }
}

/// What tells one finding from another where reports group them: its fingerprint and severity (see
/// `Finding.fingerprint`), nine bytes a finding where a long run has millions of findings.
package struct FindingKey: Hashable, Sendable {
    package var fingerprint: UInt64
    package var severity: Severity

    package init(_ finding: borrowing Finding) {
        fingerprint = finding.fingerprintValue
        severity = finding.severity
    }
}

/// The keys of one result's findings, in the findings' order.
package struct FindingKeys {
    fileprivate let storage: ChunkedArray<FindingKey>
    fileprivate let start: Int
    package let count: Int

    package var indices: Range<Int> { 0..<count }

    package subscript(position: Int) -> FindingKey { storage[start + position] }
}
