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
    /// Reading overlaps checking: while one batch is checked on all cores, the next is read (and the finished one's
    /// results are added to the report), so neither waits for the other. Results are still added batch by batch in
    /// input order.
    public func run(_ inputs: [TrafficInput], into report: inout ConformanceReport) async {
        // Entries of every file in order, readable or not: what a shard's share is counted in.
        var position = 0
        var inFlight: Task<[ExchangeResult], Never>?
        for input in inputs {
            report.add(source: input.source)
            let reader: TrafficReader
            do {
                reader = try Self.open(input, limits: contract.config.limits)
            } catch {
                if shard?.isFirst ?? true { report.add(unreadable: Self.unreadable(error, source: input.source, index: nil)) }
                continue
            }
            var batch: [HTTPExchange] = []
            batch.reserveCapacity(batchSize)
            for item in reader {
                defer { position += 1 }
                if let shard, !shard.owns(position) { continue }
                switch item {
                case .exchange(let exchange):
                    if let skippedHost = skippedHost(of: exchange) {
                        report.skip(host: skippedHost)
                    } else {
                        batch.append(exchange)
                    }
                case .unreadable(let error, let index):
                    report.add(unreadable: Self.unreadable(error, source: input.source, index: index))
                }
                if batch.count >= batchSize {
                    await finish(inFlight, into: &report)
                    inFlight = check(batch)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty {
                await finish(inFlight, into: &report)
                inFlight = check(batch)
            }
        }
        await finish(inFlight, into: &report)
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

    /// Starts checking a batch on all cores; its results come back in the batch's order.
    private func check(_ batch: [HTTPExchange]) -> Task<[ExchangeResult], Never> {
        let contract = self.contract
        return Task {
            let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, batch.count))
            let slice = (batch.count + workers - 1) / workers
            return await withTaskGroup(of: (Int, [ExchangeResult]).self) { group in
                for worker in 0..<workers {
                    let range = (worker * slice)..<min(batch.count, (worker + 1) * slice)
                    guard !range.isEmpty else { continue }
                    group.addTask { (worker, batch[range].map(contract.validate)) }
                }
                var parts: [(Int, [ExchangeResult])] = []
                for await part in group { parts.append(part) }
                return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
            }
        }
    }

    /// Waits for a batch being checked and adds its results in order.
    private func finish(_ inFlight: Task<[ExchangeResult], Never>?, into report: inout ConformanceReport) async {
        guard let inFlight else { return }
        for result in await inFlight.value { report.add(result) }
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
