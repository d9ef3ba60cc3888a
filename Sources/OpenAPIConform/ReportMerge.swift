import ConformChecks
import ConformFindings
import ConformReports
import ConformValues
import Foundation

/// `merge`: the JSON reports of the shards of one run (`validate --shard K/N` on N machines) put together into the
/// report that one run over all the traffic writes. Exchanges and unreadable entries are put back in input order
/// (the traffic files in the order given, then each file's entries), so coverage, counts, verdicts and every
/// format come out as one run's; the description's own findings come from loading it again, with the options the
/// shards were given.
public enum ReportMerge {
    /// A report that cannot be merged, with the file it is about.
    public struct Problem: Error, CustomStringConvertible {
        public var file: String
        public var message: String
        public var description: String { "\(file): \(message)" }
    }

    /// The fields every shard of one run has alike.
    private struct Run: Equatable {
        var api: String
        var spec: String
        var failOn: String
        var traffic: [JSONValue]
        var minimum: JSONValue
    }

    /// Merges `files` (JSON reports of `validate`, at least one) against `contract`, the description loaded as the
    /// shards loaded it. The contract must fail on the severity the reports say.
    public static func merge(
        _ files: [String], contract: Contract, paths: PathDisplay = .currentDirectory, at date: Date = ReportDate.now()
    ) throws(Problem) -> ConformanceReport {
        let decoder = ReportDecoder(bundle: contract.bundle, paths: paths)
        var run: Run?
        var results: [ExchangeResult] = []
        var unreadable: [Finding] = []
        var skipped: [(host: String, exchanges: Int)] = []
        var baselined = 0
        for file in files {
            guard FileManager.default.fileExists(atPath: file) else { throw Problem(file: file, message: "no such file") }
            let document: JSONValue
            do {
                document = try JSONReader.parse(Array(try Data(contentsOf: URL(fileURLWithPath: file))), path: file)
            } catch let error as LoadError {
                throw Problem(file: file, message: "not a JSON report: \(error.message) (line \(error.location.line))")
            } catch {
                throw Problem(file: file, message: "cannot be read: \(error.localizedDescription)")
            }
            guard document["version"]?.intValue == JSONReporter.version, let api = document["api"]?.stringValue,
                let spec = document["spec"]?["path"]?.stringValue, let failOn = document["failOn"]?.stringValue,
                let traffic = document["traffic"]?.arrayValue, let exchanges = document["exchanges"]?.arrayValue
            else {
                throw Problem(file: file, message: "not a JSON report of 'validate' version \(JSONReporter.version) (written with --format json)")
            }
            let this = Run(api: api, spec: spec, failOn: failOn, traffic: traffic, minimum: document["coverage"]?["minimum"] ?? .null)
            if let run, run != this {
                throw Problem(file: file, message: "is the report of another run than \(files[0]) (its API, description, --fail-on, --min-coverage or traffic files differ)")
            }
            run = this
            do {
                for exchange in exchanges { results.append(try decoder.result(exchange)) }
                for finding in document["unreadable"]?.arrayValue ?? [] { unreadable.append(try decoder.finding(finding)) }
            } catch {
                throw Problem(file: file, message: error.message)
            }
            for entry in document["skipped"]?.arrayValue ?? [] {
                guard let host = entry["host"]?.stringValue, let count = entry["exchanges"]?.intValue else { continue }
                if let index = skipped.firstIndex(where: { $0.host == host }) { skipped[index].exchanges += count } else { skipped.append((host, count)) }
            }
            // A shard's total counts the description's baselined findings once, and its exchanges' each.
            baselined += (document["summary"]?["baselined"]?.intValue ?? 0) - contract.baselinedFindings
        }
        guard let run else { throw Problem(file: "-", message: "no report to merge") }
        guard run.failOn == contract.failOn.rawValue else {
            throw Problem(file: files[0], message: "the shards failed on '\(run.failOn)', the merge on '\(contract.failOn.rawValue)'; give merge the same --fail-on")
        }
        let sources: [TrafficSource]
        do {
            sources = try run.traffic.map { value throws(ReportDecoder.Problem) in try decoder.source(value) }
        } catch {
            throw Problem(file: files[0], message: error.message)
        }
        let order = Dictionary(sources.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        func position(_ reference: ExchangeReference?, located: SourceLocation?) -> (Int, Int) {
            let source = reference?.source ?? located.map { TrafficSource.file($0.file) }
            return (source.flatMap { order[$0] } ?? sources.count, reference?.index ?? -1)
        }
        results.sort { position($0.source, located: nil) < position($1.source, located: nil) }
        unreadable.sort { position($0.exchange, located: $0.sourceLocation) < position($1.exchange, located: $1.sourceLocation) }

        var report = ConformanceReport(
            name: run.api, contract: contract, sources: sources, minimumCoverage: run.minimum.doubleValue, generatedAt: date, paths: paths)
        for result in results { report.add(result) }
        for finding in unreadable { report.add(unreadable: finding) }
        for (host, count) in skipped { report.skip(host: host, exchanges: count) }
        report.addBaselined(baselined)
        return report
    }
}
