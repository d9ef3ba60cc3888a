import ConformTraffic
import ConformValues

/// The recording readers, each given the input as a file of its format (the name and the format both say it, so
/// no sniffing decides which reader runs).
enum TrafficTargets {
    static func har(_ input: [UInt8]) { readAll(input, name: "fuzz.har", format: .har) }
    static func jsonl(_ input: [UInt8]) { readAll(input, name: "fuzz.jsonl", format: .jsonl) }
    static func vcr(_ input: [UInt8]) { readAll(input, name: "fuzz.yaml", format: .vcr) }
    static func pact(_ input: [UInt8]) { readAll(input, name: "fuzz.json", format: .pact) }

    /// A body under each `Content-Encoding` this tool undoes: gzip members, a zlib stream, raw DEFLATE (for input
    /// that is not text), each bounded at 4 MiB of output.
    static func inflate(_ input: [UInt8]) {
        var bytes = 0
        for coding in ["gzip", "deflate"] {
            switch ContentCoding.decode(input, contentEncoding: coding, limit: 4 << 20) {
            case .bytes(let decoded): bytes &+= decoded.count
            case .undecodable(let name): bytes &+= name.utf8.count
            case .malformed(let message): bytes &+= message.utf8.count
            }
        }
        blackHole(bytes)
    }

    /// Opens the recording and reads every exchange or entry error, rendering each error as a report would.
    static func readAll(_ input: [UInt8], name: String, format: TrafficFormat) {
        guard let reader = try? TrafficReader.open(bytes: input, name: name, format: format) else { return }
        var bytes = 0
        for result in reader {
            switch result {
            case .exchange(let exchange):
                bytes &+= exchange.request.body.byteCount &+ (exchange.response?.body.byteCount ?? 0)
            case .unreadable(let error, _):
                bytes &+= error.description.utf8.count
            }
        }
        blackHole(bytes)
    }
}

/// Keeps a computed value alive so the optimiser cannot drop the work that made it.
@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}
