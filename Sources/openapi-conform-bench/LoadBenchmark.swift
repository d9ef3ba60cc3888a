import Foundation
import OpenAPIConform
import ConformValues

/// Measures loading a description (every file its `$ref`s reach) against a raw libyaml event scan of the same
/// files, and reports MB/s for each as the median of several runs.
struct LoadBenchmark {
    let path: String
    let runs: Int

    func run() -> Int32 {
        let loaded: LoadedSpec
        do {
            loaded = try SpecLoader.load(path: path)
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            return 2
        }
        // The same files the loader reads, held in memory so the scan measures parsing, not disk.
        let files = loaded.bundle.documents.values.map(\.file.bytes)
        let bytes = files.reduce(0) { $0 + $1.count }
        let megabytes = Double(bytes) / 1_000_000

        let scan = Timing.median(runs) {
            var events = 0
            for file in files { events += YAMLEventStream.scanEvents(file) }
            return events
        }
        let parse = Timing.median(runs) {
            var count = 0
            for (path, document) in loaded.bundle.documents {
                count += (try? DocumentReader.read(SourceFile(path: path, bytes: document.file.bytes))) == nil ? 0 : 1
            }
            return count
        }
        let loadOnly = Timing.median(runs) {
            (try? SpecLoader.load(path: path))?.bundle.documents.count ?? 0
        }
        let modelOnly = Timing.median(runs) {
            ModelBuilder.build(loaded).document.operations.count
        }
        // The ratio the aim is stated in: the full load against the scan, timed in alternation.
        let (pairedScan, full) = Timing.alternatingMedians(runs, {
            var events = 0
            for file in files { events += YAMLEventStream.scanEvents(file) }
            return events
        }, {
            guard let spec = try? SpecLoader.load(path: path) else { return 0 }
            return ModelBuilder.build(spec).document.operations.count
        })
        let lint = Timing.median(runs) {
            (try? SpecLinter().lint(path: path))?.findings.count ?? 0
        }

        print("openapi-conform-bench load \(path)")
        print("  \(loaded.bundle.documents.count) files, \(String(format: "%.2f", megabytes)) MB, median of \(runs) runs")
        row("libyaml event scan (in memory)", scan, megabytes)
        row("read to values + source map (in memory)", parse, megabytes)
        row("  of which load + resolve $refs", loadOnly, megabytes)
        row("  of which model", modelOnly, megabytes)
        row("load + resolve + model (from disk)", full, megabytes)
        row("  libyaml event scan, timed in alternation", pairedScan, megabytes)
        row("lint (load + model + rules)", lint, megabytes)
        print(String(format: "  model load / raw scan: %.0f%% (the two timed in alternation)", pairedScan / full * 100))
        return 0
    }

    private func row(_ label: String, _ seconds: Double, _ megabytes: Double) {
        let padded = label.padding(toLength: 42, withPad: " ", startingAt: 0)
        print(String(format: "  %@ %8.1f ms  %7.1f MB/s", padded, seconds * 1000, megabytes / seconds))
    }
}
