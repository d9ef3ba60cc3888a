@_spi(Tape) import ConformValues
import Foundation

/// Parses every line of a JSONL file into a `JSONTape`, the one-pass parse each recorded exchange and each JSON
/// body goes through, next to Foundation's `JSONSerialization` on the same lines, the two timed in alternation
/// (see `Timing.alternatingMedians`). The lines are read and split up front; neither side's time includes that.
///
///     tape FILE: N lines, X MB, tape X MB/s (X ns/line), JSONSerialization X MB/s, ratio X×
struct TapeBenchmark {
    let path: String
    let runs: Int

    func run() -> Int32 {
        guard let contents = FileManager.default.contents(atPath: path) else {
            FileHandle.standardError.write(Data("openapi-conform-bench: cannot read \(path)\n".utf8))
            return 2
        }
        let bytes = Array(contents)
        let lines = bytes.split(separator: UInt8(ascii: "\n")).filter { !$0.isEmpty }.map { Array($0) }
        let datas = lines.map { Data($0) }
        guard !lines.isEmpty else {
            FileHandle.standardError.write(Data("openapi-conform-bench: \(path) holds no lines\n".utf8))
            return 2
        }
        // Every line must parse, or the rates would compare a parse with an early failure.
        for (number, line) in lines.enumerated() where JSONTapeParser.parse(line, limits: .default) == nil {
            FileHandle.standardError.write(Data("openapi-conform-bench: \(path):\(number + 1) is not JSON\n".utf8))
            return 2
        }
        let megabytes = Double(lines.reduce(0) { $0 + $1.count }) / 1_000_000
        let (tape, foundation) = Timing.alternatingMedians(runs, {
            var entries = 0
            for line in lines { entries &+= JSONTapeParser.parse(line, limits: .default)?.entries.count ?? 0 }
            return entries
        }, {
            var parsed = 0
            for data in datas where (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil { parsed += 1 }
            return parsed
        })
        print(String(
            format: "tape %@: %d lines, %.3f MB, tape %.1f MB/s (%.0f ns/line), JSONSerialization %.1f MB/s, ratio %.2f×",
            (path as NSString).lastPathComponent, lines.count, megabytes, megabytes / tape, tape / Double(lines.count) * 1e9,
            megabytes / foundation, foundation / tape))
        return 0
    }
}
