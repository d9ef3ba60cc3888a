import ConformChecks
import ConformFindings
import ConformTraffic
import ConformValues
import Foundation

/// Traffic to check: a file (format by extension or content) or bytes already read (standard input).
public enum TrafficInput: Sendable {
    case file(String)
    case bytes([UInt8], name: String)

    /// The source its exchanges are stamped with.
    public var source: TrafficSource {
        switch self {
        case .file(let path): return .file(path)
        case .bytes(_, let name): return .file(name)
        }
    }
}

/// Reads traffic files and checks every exchange with `Contract.validate`, in parallel batches, adding the
/// results to a report in file order. Memory stays bounded by the batch size: readers stream, and a result keeps
/// findings, not bodies.
public struct TrafficValidation: Sendable {
    public let contract: Contract
    /// Exchanges handed to the workers at a time.
    public var batchSize = 512
    /// Tasks a batch is split over: one per core. The report is the same for any number.
    public var workers = ProcessInfo.processInfo.activeProcessorCount
    /// Called after each batch with the number of exchanges checked so far (the CLI's progress line).
    public var progress: (@Sendable (Int) -> Void)?
    /// The hosts whose exchanges are checked (`--host`, matched without regard to case; a name without a port
    /// matches every port, `localhost:8080` only that one); the others are counted per host as skipped. Nil checks
    /// every exchange.
    public var hosts: Set<String>?
    /// The share of the entries to check (`--shard`); nil checks them all.
    public var shard: Shard?

    public init(contract: Contract, hosts: [String]? = nil) {
        self.contract = contract
        self.hosts = hosts.map { Set($0.map { $0.lowercased() }) }
    }

    /// Checks every exchange of `inputs` and adds the results and unreadable entries to `report`.
    ///
    /// This thread only cuts entries from the files (a byte scan) and adds outcomes to the report; each batch is
    /// read (JSON parse, mapping) and checked on all cores while the next batch is cut. Outcomes are added batch by
    /// batch in input order, so the report is the same however many cores there are.
    public func run(_ inputs: [TrafficInput], into report: inout ConformanceReport) async {
        // Entries of every file in order, readable or not: what a shard's share is counted in.
        var position = 0
        var inFlight: Task<Outcomes, Never>?
        var batch: [TrafficEntry] = []
        batch.reserveCapacity(batchSize)
        for input in inputs {
            report.add(source: input.source)
            let reader: TrafficReader
            do {
                reader = try Self.open(input, limits: contract.config.limits)
            } catch {
                if shard?.isFirst ?? true {
                    // After the entries before it, as it would be in a report written as the files are read.
                    if !batch.isEmpty {
                        inFlight = await hand(batch, after: inFlight, into: &report)
                        batch.removeAll(keepingCapacity: true)
                    }
                    await finish(inFlight, into: &report)
                    inFlight = nil
                    report.add(unreadable: Self.unreadable(error, source: input.source, index: nil))
                }
                continue
            }
            while let entry = reader.nextEntry() {
                defer { position += 1 }
                if let shard, !shard.owns(position) { continue }
                batch.append(entry)
                if batch.count >= batchSize {
                    inFlight = await hand(batch, after: inFlight, into: &report)
                    batch.removeAll(keepingCapacity: true)
                }
            }
        }
        if !batch.isEmpty { inFlight = await hand(batch, after: inFlight, into: &report) }
        await finish(inFlight, into: &report)
    }

    /// Starts checking `batch`, then adds the outcomes of the batch before it: the workers start on the new batch
    /// while this thread adds the results of the last one, instead of waiting for it.
    private func hand(
        _ batch: [TrafficEntry], after previous: Task<Outcomes, Never>?, into report: inout ConformanceReport
    ) async -> Task<Outcomes, Never> {
        let next = check(batch)
        await finish(previous, into: &report)
        return next
    }

    /// What became of one entry.
    private enum Outcome: Sendable {
        case checked(ExchangeResult)
        case unreadable(Finding)
        /// Not checked: its host is not one of `hosts`.
        case skipped(host: String)
    }

    /// Reads an entry and checks its exchange.
    private func outcome(of entry: TrafficEntry) -> Outcome {
        switch entry.read() {
        case .exchange(let exchange):
            if let skippedHost = skippedHost(of: exchange) { return .skipped(host: skippedHost) }
            return .checked(contract.validate(exchange))
        case .unreadable(let error, let index):
            return .unreadable(Self.unreadable(error, source: .file(entry.path), index: index))
        }
    }

    /// The host an exchange is skipped for, or nil when it is to be checked.
    private func skippedHost(of exchange: HTTPExchange) -> String? {
        guard let hosts else { return nil }
        guard let host = RequestURL(exchange.request.url).hostWithoutDefaultPort?.lowercased() else { return "(no host)" }
        if hosts.contains(host) { return nil }
        // `[::1]:8080` keeps its brackets, so the port is what follows the last colon after them.
        let name = host.lastIndex(of: ":").flatMap { colon in host[colon...].contains("]") ? nil : String(host[..<colon]) }
        if let name, hosts.contains(name) { return nil }
        return host
    }

    private static func open(_ input: TrafficInput, limits: LoadLimits) throws(LoadError) -> TrafficReader {
        switch input {
        case .file(let path): return try TrafficReader.open(path: path, limits: limits)
        case .bytes(let bytes, let name): return try TrafficReader.open(bytes: bytes, name: name, limits: limits)
        }
    }

    private static func unreadable(_ error: LoadError, source: TrafficSource, index: Int?) -> Finding {
        // The location names the file; the message does not repeat it, so it reads the same wherever the file is.
        let entry = index.map { "entry \($0) could not be read: " } ?? ""
        return Finding(
            rule: .trafficUnreadable, message: entry + error.message,
            exchange: index.map { ExchangeReference(source: source, index: $0) },
            sourceLocation: error.location,
            notes: error.sourceLine.map { [Snippet.render(line: $0, column: error.location.column)] } ?? [])
    }

    /// Starts reading and checking a batch on all cores; its outcomes come back in the batch's order, one array per
    /// worker (joining them would copy every result once more).
    private func check(_ batch: [TrafficEntry]) -> Task<Outcomes, Never> {
        let validation = self
        return Task {
            let workers = max(1, min(validation.workers, batch.count))
            let slice = (batch.count + workers - 1) / workers
            return await withTaskGroup(of: (Int, [Outcome]).self) { group in
                for worker in 0..<workers {
                    let range = (worker * slice)..<min(batch.count, (worker + 1) * slice)
                    guard !range.isEmpty else { continue }
                    group.addTask {
                        var outcomes: [Outcome] = []
                        outcomes.reserveCapacity(range.count)
                        for index in range { outcomes.append(validation.outcome(of: batch[index])) }
                        return (worker, outcomes)
                    }
                }
                var parts = [[Outcome]](repeating: [], count: workers)
                for await (worker, outcomes) in group { parts[worker] = outcomes }
                return Outcomes(parts)
            }
        }
    }

    /// A batch's outcomes, one array per worker, taken out once by the thread that adds them to the report: so
    /// the results are moved into the report, not copied (a copy retains each of a result's strings, some of them
    /// shared with every other result, and with every core).
    private final class Outcomes: @unchecked Sendable {
        private var parts: [[Outcome]]

        init(_ parts: [[Outcome]]) {
            self.parts = parts
        }

        /// Each outcome in order, moved out; called once, after the workers are done.
        func drain(_ body: (consuming Outcome) -> Void) {
            var parts: [[Outcome]] = []
            swap(&parts, &self.parts)
            for part in parts.indices {
                for index in parts[part].indices {
                    // Swapped out rather than read, which would copy it: an empty host costs nothing to make.
                    var outcome = Outcome.skipped(host: "")
                    swap(&outcome, &parts[part][index])
                    body(outcome)
                }
            }
        }
    }

    /// Waits for a batch being checked and adds its outcomes in order.
    private func finish(_ inFlight: Task<Outcomes, Never>?, into report: inout ConformanceReport) async {
        guard let inFlight else { return }
        await inFlight.value.drain { outcome in
            switch consume outcome {
            case .checked(let result): report.add(result)
            case .unreadable(let finding): report.add(unreadable: finding)
            case .skipped(let host): report.skip(host: host)
            }
        }
        progress?(report.exchangeCount)
    }
}

extension Contract {
    /// Checks every exchange of traffic files (HAR, JSONL, VCR cassettes, Pact files) on all cores and returns the
    /// report of them, in file order, with coverage; `name` is the API's name in it (the description's name when
    /// nil). Entries that cannot be read are the report's `unreadable` findings.
    public func validate(traffic inputs: [TrafficInput], name: String? = nil) async -> ConformanceReport {
        var report = ConformanceReport(name: name ?? ConformanceRun.name(of: bundle.entryPath), contract: self)
        await TrafficValidation(contract: self).run(inputs, into: &report)
        return report
    }
}
