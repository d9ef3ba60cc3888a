import Foundation
import OpenAPIConform
import ConformValues

/// Measures loading a description (every file its `$ref`s reach) against a raw libyaml event scan of the same
/// files, and reports MB/s for each as the median of several runs. A time is until the result is ready; freeing
/// it is timed in a row of its own.
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
        let sources = loaded.bundle.documents.map { SourceFile(path: $0.key, bytes: $0.value.file.bytes) }
        let libyamlParse = Timing.median(runs) {
            sources.map { try? YAMLReader.readWithLibyaml($0) }
        }
        let parse = Timing.median(runs) {
            sources.map { try? DocumentReader.read($0) }
        }
        let loadOnly = Timing.median(runs) {
            try? SpecLoader.load(path: path)
        }
        let modelOnly = Timing.median(runs) {
            ModelBuilder.build(loaded)
        }
        // The ratio the aim is stated in: the full load against the scan, timed in alternation.
        let (pairedScan, full) = Timing.alternatingMedians(runs, {
            var events = 0
            for file in files { events += YAMLEventStream.scanEvents(file) }
            return events
        }, {
            (try? SpecLoader.load(path: path)).map { ($0, ModelBuilder.build($0)) }
        })
        let freeing = Timing.medianOfFreeing(runs) {
            (try? SpecLoader.load(path: path)).map { ($0, ModelBuilder.build($0)) }
        }
        let lint = Timing.median(runs) {
            try? Contract(path: path, config: ConformConfig(), lint: true)
        }

        print("openapi-conform-bench load \(path)")
        print("  \(loaded.bundle.documents.count) files, \(String(format: "%.2f", megabytes)) MB, median of \(runs) runs")
        row("libyaml event scan (in memory)", scan, megabytes)
        row("values + source map via libyaml (in memory)", libyamlParse, megabytes)
        row("values + source map (in memory)", parse, megabytes)
        row("load + resolve $refs (from disk)", loadOnly, megabytes)
        row("model", modelOnly, megabytes)
        row("load + resolve + model (from disk)", full, megabytes)
        row("  libyaml event scan, timed in alternation", pairedScan, megabytes)
        row("freeing the loaded description and model", freeing, megabytes)
        row("lint (load + model + rules)", lint, megabytes)
        print(String(format: "  model load / raw scan: %.0f%% (the two timed in alternation); with the freeing: %.0f%%",
                     pairedScan / full * 100, pairedScan / (full + freeing) * 100))
        return 0
    }

    private func row(_ label: String, _ seconds: Double, _ megabytes: Double) {
        let padded = label.padding(toLength: 44, withPad: " ", startingAt: 0)
        print(String(format: "  %@ %8.1f ms  %7.1f MB/s", padded, seconds * 1000, megabytes / seconds))
    }
}
