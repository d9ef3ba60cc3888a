import ConformTraffic
import Foundation
import OpenAPIConform

#if canImport(Glibc)
import Glibc
#endif

/// Checks recorded traffic against a description and reports exchanges per second, as the median of several runs
/// after a warm-up:
///
/// - single thread: every exchange read into memory first (not timed), then `ExchangeValidator.validate` over all
///   of them on one thread, so the figure compares with a single-threaded peer. JSONL bodies that the reader
///   hands over already parsed (`HTTPBody.json`) are turned back into their compact JSON bytes before timing, so
///   body parsing is timed as it is for a peer that gets bytes; the pre-parsed figure is printed beside it.
/// - pipeline: `TrafficValidation.run` over the file: reading, parallel checking, config, redaction.
///
/// `--memory` runs `TrafficValidation` once over the file and prints throughput and peak RSS (`VmHWM`), for the
/// large-HAR memory check; `--memory --stream` reads and checks on one thread keeping only counts, the memory floor
/// to compare it with. Output lines are stable, for `Peers/compare-traffic.sh`:
///
///     openapi-conform traffic FILE: exchanges N, pass N, fail N, unreadable N, bodies X MB
///     openapi-conform single-thread: X exchanges/s, X us/exchange, X MB/s of bodies, CPU time X exchanges/s (median of N runs)
///     openapi-conform single-thread-preparsed: (the same fields)
///     openapi-conform pipeline: X exchanges/s, X MB/s of file, N workers, pass N, fail N (median of N runs)
///     openapi-conform verdicts: fnv1a:HEX
///
///     openapi-conform memory FILE: exchanges N, pass N, fail N, unreadable N, findings N, file X MB, X s, X exchanges/s, X MB/s, peak RSS X MB
///     openapi-conform memory-stream FILE: (the same fields)
struct TrafficBenchmark {
    let specPath: String
    let trafficPath: String
    let runs: Int
    let memoryOnly: Bool
    /// Where to write one `id verdict` line per exchange (single-thread pass), for comparing with a peer.
    let verdictsPath: String?
    /// With `memoryOnly`: read and check on one thread without `TrafficValidation`, keeping nothing.
    var streamOnly = false

    func run() -> Int32 {
        let description: Contract
        do {
            description = try Contract(path: specPath)
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            return 2
        }
        return memoryOnly ? memory(description) : throughput(description)
    }

    // MARK: Throughput

    private func throughput(_ description: Contract) -> Int32 {
        var parsed: [HTTPExchange] = []
        var unreadable = 0
        do {
            for item in try TrafficReader.open(path: trafficPath) {
                switch item {
                case .exchange(let exchange): parsed.append(exchange)
                case .unreadable(let error, _):
                    unreadable += 1
                    FileHandle.standardError.write(Data(("openapi-conform-bench: " + error.description + "\n").utf8))
                }
            }
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            return 2
        }
        guard !parsed.isEmpty else {
            FileHandle.standardError.write(Data("openapi-conform-bench: \(trafficPath) holds no exchanges\n".utf8))
            return 2
        }
        let exchanges = parsed.map(Self.withByteBodies)
        let bodyBytes = exchanges.reduce(0) { $0 + $1.request.body.byteCount + ($1.response?.body.byteCount ?? 0) }
        let bodyMegabytes = Double(bodyBytes) / 1_000_000
        let fileMegabytes = Double((try? FileManager.default.attributesOfItem(atPath: trafficPath)[.size] as? Int) ?? 0) / 1_000_000

        let validator = description.validator

        // Verdicts once, outside the timing.
        var verdictHash: UInt64 = 0xcbf2_9ce4_8422_2325
        var failed = 0
        var lines = ""
        for (number, exchange) in exchanges.enumerated() {
            let fails = Self.fails(validator.validate(exchange))
            if fails { failed += 1 }
            verdictHash = (verdictHash ^ UInt64(fails ? 0x30 : 0x31)) &* 0x0000_0100_0000_01b3
            lines += "\(exchange.comment ?? String(number)) \(fails ? "fail" : "pass")\n"
        }
        let preparsedFailed = parsed.reduce(0) { $0 + (Self.fails(validator.validate($1)) ? 1 : 0) }
        if preparsedFailed != failed {
            FileHandle.standardError.write(Data(
                "openapi-conform-bench: note: \(failed) failures with byte bodies, \(preparsedFailed) with pre-parsed bodies\n".utf8))
        }
        if let verdictsPath {
            _ = FileManager.default.createFile(atPath: verdictsPath, contents: Data(lines.utf8))
        }

        let (single, singleCPU) = medianWithCPU(runs) {
            var count = 0
            for exchange in exchanges where Self.fails(validator.validate(exchange)) { count += 1 }
            return count
        }
        let (preparsed, preparsedCPU) = medianWithCPU(runs) {
            var count = 0
            for exchange in parsed where Self.fails(validator.validate(exchange)) { count += 1 }
            return count
        }
        let path = trafficPath
        var pipelineFailed = 0
        var pipelineCount = 0
        let pipeline = Timing.median(runs) {
            let report = blocking { await Self.check(path, against: description) }
            pipelineFailed = report.failedCount
            pipelineCount = report.results.count
            return report.results.count
        }

        let count = Double(exchanges.count)
        let name = (trafficPath as NSString).lastPathComponent
        print(String(
            format: "openapi-conform traffic %@: exchanges %d, pass %d, fail %d, unreadable %d, bodies %.3f MB",
            name, exchanges.count, exchanges.count - failed, failed, unreadable, bodyMegabytes))
        print(String(
            format: "openapi-conform single-thread: %.0f exchanges/s, %.2f us/exchange, %.2f MB/s of bodies, CPU time %.0f exchanges/s (median of %d runs)",
            count / single, single / count * 1e6, bodyMegabytes / single, count / singleCPU, runs))
        print(String(
            format: "openapi-conform single-thread-preparsed: %.0f exchanges/s, %.2f us/exchange, %.2f MB/s of bodies, CPU time %.0f exchanges/s (median of %d runs)",
            count / preparsed, preparsed / count * 1e6, bodyMegabytes / preparsed, count / preparsedCPU, runs))
        print(String(
            format: "openapi-conform pipeline: %.0f exchanges/s, %.2f MB/s of file, %d workers, pass %d, fail %d (median of %d runs)",
            Double(pipelineCount) / pipeline, fileMegabytes / pipeline, ProcessInfo.processInfo.activeProcessorCount,
            pipelineCount - pipelineFailed, pipelineFailed, runs))
        print(String(format: "openapi-conform verdicts: fnv1a:%016llx", verdictHash))
        return 0
    }

    /// The whole pipeline `validate` runs on a file: checks on all cores, results gathered into a report.
    static func check(_ path: String, against contract: Contract) async -> ConformanceReport {
        var report = ConformanceReport(name: "bench", contract: contract)
        await TrafficValidation(contract: contract).run([.file(path)], into: &report)
        return report
    }

    /// Whether the checks alone (before config and baseline) fail an exchange: an error among its findings.
    static func fails(_ result: ExchangeResult) -> Bool {
        result.findings.contains { $0.severity == .error }
    }

    /// The exchange with pre-parsed JSON bodies written back to their compact bytes, as a peer receives them.
    static func withByteBodies(_ exchange: HTTPExchange) -> HTTPExchange {
        var copy = exchange
        copy.request.body = byteBody(exchange.request.body)
        if let response = exchange.response {
            copy.response?.body = byteBody(response.body)
        }
        return copy
    }

    private static func byteBody(_ body: HTTPBody) -> HTTPBody {
        body.jsonValue == nil ? body : .bytes(body.wireBytes)
    }

    // MARK: Memory

    private func memory(_ description: Contract) -> Int32 {
        let fileMegabytes = Double((try? FileManager.default.attributesOfItem(atPath: trafficPath)[.size] as? Int) ?? 0) / 1_000_000
        if streamOnly { return stream(description, fileMegabytes: fileMegabytes) }
        let path = trafficPath
        let start = DispatchTime.now().uptimeNanoseconds
        let report = blocking { await Self.check(path, against: description) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let findings = report.results.reduce(0) { $0 + $1.findings.count }
        let failed = report.failedCount
        let peak = Self.peakResidentKilobytes()
        print(String(
            format: "openapi-conform memory %@: exchanges %d, pass %d, fail %d, unreadable %d, findings %d, file %.1f MB, %.2f s, %.0f exchanges/s, %.1f MB/s, peak RSS %.1f MB",
            (trafficPath as NSString).lastPathComponent, report.results.count, report.results.count - failed, failed,
            report.unreadable.count, findings, fileMegabytes, seconds, Double(report.results.count) / seconds,
            fileMegabytes / seconds, Double(peak) / 1024))
        return 0
    }

    /// `--memory --stream`: the reader and the validator alone, one thread, keeping counts only — the memory
    /// floor of checking the file, to compare with the full pipeline, which keeps every result.
    private func stream(_ description: Contract, fileMegabytes: Double) -> Int32 {
        let validator = description.validator
        let start = DispatchTime.now().uptimeNanoseconds
        var count = 0
        var failed = 0
        var findings = 0
        var unreadable = 0
        do {
            for item in try TrafficReader.open(path: trafficPath) {
                switch item {
                case .exchange(let exchange):
                    let result = validator.validate(exchange)
                    count += 1
                    findings += result.findings.count
                    if Self.fails(result) { failed += 1 }
                case .unreadable:
                    unreadable += 1
                }
            }
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            return 2
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print(String(
            format: "openapi-conform memory-stream %@: exchanges %d, pass %d, fail %d, unreadable %d, findings %d, file %.1f MB, %.2f s, %.0f exchanges/s, %.1f MB/s, peak RSS %.1f MB",
            (trafficPath as NSString).lastPathComponent, count, count - failed, failed, unreadable, findings,
            fileMegabytes, seconds, Double(count) / seconds, fileMegabytes / seconds,
            Double(Self.peakResidentKilobytes()) / 1024))
        return 0
    }

    /// `VmHWM` of /proc/self/status in kB (0 where there is no /proc).
    static func peakResidentKilobytes() -> Int { statusKilobytes("VmHWM:") }

    /// A kB field of /proc/self/status (0 where there is no /proc).
    static func statusKilobytes(_ field: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix(field) {
            return Int(line.dropFirst(field.count).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "") ?? 0
        }
        return 0
    }

    // MARK: Timing

    /// Median wall time and median CPU time of this thread over `runs` calls, after one warm-up call. CPU time is
    /// what a loaded machine does not inflate, so single-threaded rates compare fairly across processes.
    private func medianWithCPU(_ runs: Int, _ work: () -> Int) -> (wall: Double, cpu: Double) {
        var sink = work()
        var walls: [Double] = []
        var cpus: [Double] = []
        for _ in 0..<max(1, runs) {
            let cpuStart = Self.threadCPUSeconds()
            let start = DispatchTime.now().uptimeNanoseconds
            sink &+= work()
            walls.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            cpus.append(Self.threadCPUSeconds() - cpuStart)
        }
        if sink == Int.min { print(sink) }
        walls.sort()
        cpus.sort()
        return (walls[walls.count / 2], cpus[cpus.count / 2])
    }

    /// CPU seconds the calling thread has used.
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

/// Runs async work to completion from synchronous code: the work runs on the cooperative pool while the calling
/// (main) thread waits, so the benchmark's top-level code stays synchronous.
private func blocking<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        box.value = await work()
        done.signal()
    }
    done.wait()
    return box.value!
}

private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
