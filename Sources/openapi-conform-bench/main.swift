import Foundation

/// Release benchmarks (`swift run -c release openapi-conform-bench <benchmark> …`):
/// - `load FILE [--runs N]`: a description loaded to the model, against a raw libyaml event scan of its files.
/// - `schemas --schema FILE --payloads FILE [--runs N]`: payloads validated against a JSON Schema.
/// - `traffic --spec SPEC --traffic FILE [--runs N] [--verdicts OUT] [--memory [--stream]]`: recorded exchanges checked against a description.
/// - `tape FILE [--runs N]`: each line of a JSONL file parsed into a tape, against Foundation's JSONSerialization.
let arguments = Array(CommandLine.arguments.dropFirst())
let runs = arguments.firstIndex(of: "--runs").flatMap { $0 + 1 < arguments.count ? Int(arguments[$0 + 1]) : nil } ?? 7

func usage() -> Never {
    FileHandle.standardError.write(Data("""
        usage: openapi-conform-bench load FILE [--runs N]
               openapi-conform-bench schemas --schema FILE --payloads FILE [--runs N]
               openapi-conform-bench traffic --spec SPEC --traffic FILE [--runs N] [--verdicts OUT] [--memory [--stream]]
               openapi-conform-bench tape FILE [--runs N]

        """.utf8))
    exit(2)
}

func option(_ name: String) -> String? {
    arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}

switch arguments.first {
case "load" where arguments.count >= 2:
    exit(LoadBenchmark(path: arguments[1], runs: runs).run())
case "schemas":
    guard let schema = option("--schema"), let payloads = option("--payloads") else { usage() }
    exit(SchemaBenchmark(schemaPath: schema, payloadsPath: payloads, runs: runs).run())
case "traffic":
    guard let spec = option("--spec"), let traffic = option("--traffic") else { usage() }
    exit(TrafficBenchmark(
        specPath: spec, trafficPath: traffic, runs: runs, memoryOnly: arguments.contains("--memory"),
        verdictsPath: option("--verdicts"), streamOnly: arguments.contains("--stream")).run())
case "tape" where arguments.count >= 2:
    exit(TapeBenchmark(path: arguments[1], runs: runs).run())
default:
    usage()
}
