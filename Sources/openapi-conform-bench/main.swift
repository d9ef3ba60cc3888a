import Foundation
import OpenAPIConform
import ConformValues

/// Release benchmark. `openapi-conform-bench load FILE [--runs N]` loads a description to the model and, for
/// comparison, scans the same bytes with libyaml's event parser alone (the floor any YAML loader sits on).
/// Prints medians; run with `swift run -c release openapi-conform-bench load FILE`.
let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 2, arguments[0] == "load" else {
    FileHandle.standardError.write(Data("usage: openapi-conform-bench load FILE [--runs N]\n".utf8))
    exit(2)
}
let path = arguments[1]
let runs = arguments.firstIndex(of: "--runs").flatMap { Int(arguments[$0 + 1]) } ?? 7

exit(LoadBenchmark(path: path, runs: runs).run())
