import ConformFindings
import ConformTraffic
import ConformValues
import Foundation

/// Traffic to check: a file (format by extension or content) or bytes already read (standard input).
public enum TrafficInput: Sendable {
    case file(String)
    case bytes([UInt8], name: String)

    public var name: String {
        switch self {
        case .file(let path): return path
        case .bytes(_, let name): return name
        }
    }
}

/// Everything a traffic check found, exchange by exchange, in file order.
public struct TrafficReport: Sendable {
    /// Results in the batches they were checked in: appending a batch never copies earlier results, so a long
    /// recording's report grows without the doubling reallocations of one big array.
    var batches: [[ExchangeResult]] = []

    /// Every exchange's result, in file order.
    public var results: FlattenSequence<[[ExchangeResult]]> { batches.joined() }
    /// Entries and files that could not be read, as located `traffic-unreadable` findings.
    public var unreadable: [Finding] = []
    /// Findings left out because the baseline lists them.
    public var baselined = 0

    /// No traffic: the report of a description checked on its own (`lint` in a report format).
    public init() {}

    public var findings: [Finding] { results.flatMap(\.findings) + unreadable }
    /// Exchanges with a finding at error severity, counted as batches are added.
    public private(set) var failedCount = 0
    public private(set) var exchangeCount = 0

    mutating func append(_ batch: [ExchangeResult]) {
        batches.append(batch)
        exchangeCount += batch.count
        failedCount += batch.filter { $0.verdict == .fail }.count
    }
}

/// Reads traffic, checks every exchange against a description in parallel batches, and applies the config
/// (severities, ignores), redaction and the baseline. Memory stays bounded by the batch size: readers stream,
/// and a result keeps findings, not bodies.
public struct TrafficValidation: Sendable {
    public let description: Description
    public var baseline: Baseline?
    /// Exchanges handed to the workers at a time.
    public var batchSize = 512
    /// Called after each batch with the number of exchanges checked so far (the CLI's progress line).
    public var progress: (@Sendable (Int) -> Void)?

    public init(description: Description, baseline: Baseline? = nil) {
        self.description = description
        self.baseline = baseline
    }

    public func run(_ inputs: [TrafficInput]) async -> TrafficReport {
        let validator = ExchangeValidator(document: description.document, schemas: description.schemas)
        let redactor = description.redactor
        let operationIDs = Dictionary(
            description.document.operations.compactMap { operation in operation.operationID.map { (operation.displayName, $0) } },
            uniquingKeysWith: { first, _ in first })
        var report = TrafficReport()
        // Operation names, messages, pointers and notes repeat across exchanges (the same defect in many
        // responses); sharing one copy of each keeps a long recording's report small.
        var names = SharedValues()
        for input in inputs {
            let reader: TrafficReader
            do {
                reader = try Self.open(input)
            } catch {
                report.unreadable.append(Self.unreadable(error, file: input.name, index: nil))
                continue
            }
            var batch: [HTTPExchange] = []
            for item in reader {
                switch item {
                case .exchange(let exchange):
                    batch.append(exchange)
                case .unreadable(let error, let index):
                    report.unreadable.append(Self.unreadable(error, file: input.name, index: index))
                }
                if batch.count >= batchSize {
                    await process(batch, validator: validator, redactor: redactor, operationIDs: operationIDs, names: &names, into: &report)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            await process(batch, validator: validator, redactor: redactor, operationIDs: operationIDs, names: &names, into: &report)
        }
        return report
    }

    private static func open(_ input: TrafficInput) throws(LoadError) -> TrafficReader {
        switch input {
        case .file(let path): return try TrafficReader.open(path: path)
        case .bytes(let bytes, let name): return try TrafficReader.open(bytes: bytes, name: name)
        }
    }

    private static func unreadable(_ error: LoadError, file: String, index: Int?) -> Finding {
        // The location names the file; the message does not repeat it, so it reads the same wherever the file is.
        let entry = index.map { "entry \($0) could not be read: " } ?? ""
        return Finding(
            rule: .trafficUnreadable, message: entry + error.message,
            exchange: index.map { ExchangeReference(file: file, index: $0) },
            sourceLocation: error.location,
            notes: error.sourceLine.map { [Snippet.render(line: $0, column: error.location.column)] } ?? [])
    }

    /// Checks a batch on all cores, then finishes each result in order.
    private func process(
        _ batch: [HTTPExchange], validator: ExchangeValidator, redactor: Redactor, operationIDs: [String: String],
        names: inout SharedValues, into report: inout TrafficReport
    ) async {
        guard !batch.isEmpty else { return }
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, batch.count))
        let slice = (batch.count + workers - 1) / workers
        let results = await withTaskGroup(of: (Int, [ExchangeResult]).self) { group in
            for worker in 0..<workers {
                let range = (worker * slice)..<min(batch.count, (worker + 1) * slice)
                guard !range.isEmpty else { continue }
                group.addTask { (worker, batch[range].map(validator.validate)) }
            }
            var parts: [(Int, [ExchangeResult])] = []
            for await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
        var finishedBatch: [ExchangeResult] = []
        finishedBatch.reserveCapacity(batch.count)
        for (exchange, result) in zip(batch, results) {
            var finished = finish(result, exchange: exchange, redactor: redactor, operationIDs: operationIDs, baselined: &report.baselined)
            finished.operation = finished.operation.map { names.shared($0) }
            finished.findings = finished.findings.map { finding in
                var compact = finding
                compact.operation = finding.operation.map { names.shared($0) }
                compact.specPointer = finding.specPointer.map { names.shared($0) }
                compact.instancePointer = finding.instancePointer.map { names.shared($0) }
                compact.expected = finding.expected.map { names.shared($0) }
                compact.actual = finding.actual.map { names.shared($0) }
                compact.message = names.shared(finding.message)
                compact.notes = names.shared(finding.notes)
                return compact
            }
            finishedBatch.append(finished)
        }
        report.append(finishedBatch)
        progress?(report.exchangeCount)
    }

    /// Config, redaction and baseline, applied to one result.
    private func finish(_ result: ExchangeResult, exchange: HTTPExchange, redactor: Redactor, operationIDs: [String: String], baselined: inout Int) -> ExchangeResult {
        var finished = result
        var findings = description.config.apply(to: result.findings, operationIDs: operationIDs)
        if let baseline {
            let before = findings.count
            findings.removeAll { baseline.contains($0) }
            baselined += before - findings.count
        }
        guard !findings.isEmpty else {
            // A passing exchange is identified by its source and comment; its URL is not kept.
            finished.findings = []
            finished.url = nil
            finished.comment = result.comment.map { redactor.scrub($0, secrets: redactor.secrets(of: exchange)) }
            return finished
        }
        let secrets = redactor.secrets(of: exchange)
        finished.url = result.url.map { redactor.scrub(redactor.redact(url: $0), secrets: secrets) }
        finished.comment = result.comment.map { redactor.scrub($0, secrets: secrets) }
        finished.findings = findings.map { finding in
            var clean = finding
            clean.message = redactor.scrub(finding.message, secrets: secrets)
            clean.expected = finding.expected.map { redactor.scrub($0, secrets: secrets) }
            clean.actual = finding.actual.map { redactor.scrub($0, secrets: secrets) }
            clean.notes = finding.notes.map { redactor.scrub($0, secrets: secrets) }
            return clean
        }
        return finished
    }
}

/// One stored copy of each repeated value, so that equal strings, pointers and note lists share storage.
struct SharedValues {
    private var strings: [String: String] = [:]
    private var pointers: [SpecPointer: SpecPointer] = [:]
    private var instancePointers: [JSONPointer: JSONPointer] = [:]
    private var notes: [[String]: [String]] = [:]

    mutating func shared(_ value: String) -> String {
        if let known = strings[value] { return known }
        strings[value] = value
        return value
    }

    mutating func shared(_ value: SpecPointer) -> SpecPointer {
        if let known = pointers[value] { return known }
        pointers[value] = value
        return value
    }

    mutating func shared(_ value: JSONPointer) -> JSONPointer {
        if let known = instancePointers[value] { return known }
        instancePointers[value] = value
        return value
    }

    mutating func shared(_ value: [String]) -> [String] {
        guard !value.isEmpty else { return value }
        if let known = notes[value] { return known }
        notes[value] = value
        return value
    }
}
