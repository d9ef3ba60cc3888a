import ConformTestSupport
import ConformValues
import Foundation

@testable import ConformTraffic

/// Helpers shared by the traffic reader tests.
enum TrafficTest {
    static func fixture(_ name: String) -> String {
        TestPaths.fixture("ConformTrafficTests", name)
    }

    /// Every result of a recording, read to the end.
    static func read(_ path: String, chunkSize: Int = ChunkedInput.defaultChunkSize) throws -> [ExchangeReadResult] {
        Array(try TrafficReader.open(path: path, format: nil, chunkSize: chunkSize))
    }

    /// The exchanges of a list of results, failing on none.
    static func exchanges(_ results: [ExchangeReadResult]) -> [HTTPExchange] {
        results.compactMap { if case .exchange(let exchange) = $0 { return exchange } else { return nil } }
    }

    /// The errors of a list of results with their indexes.
    static func errors(_ results: [ExchangeReadResult]) -> [(error: LoadError, index: Int)] {
        results.compactMap { if case .unreadable(let error, let index) = $0 { return (error, index) } else { return nil } }
    }

    /// A result in one comparable line: everything the readers produce, errors included.
    static func describe(_ result: ExchangeReadResult) -> String {
        switch result {
        case .exchange(let exchange):
            let request = exchange.request
            var text = "\(exchange.source.index)@\(exchange.source.line ?? -1) \(request.method) \(request.url) "
            text += describe(request.headers) + " " + describe(request.body)
            if let response = exchange.response {
                text += " → \(response.status) " + describe(response.headers) + " " + describe(response.body)
            }
            return text + " #" + (exchange.comment ?? "")
        case .unreadable(let error, let index):
            return "\(index) ✗ \(error)"
        }
    }

    /// A result in short: index, method and URL, or the error's location and message without its snippet.
    static func outline(_ result: ExchangeReadResult) -> String {
        switch result {
        case .exchange(let exchange):
            return "\(exchange.source.index) \(exchange.request.method) \(exchange.request.url)"
        case .unreadable(let error, let index):
            return "\(index) ✗ \(error.location): \(error.message)"
        }
    }

    static func describe(_ headers: HTTPHeaders) -> String {
        headers.map { "\($0.name)=\($0.value)" }.joined(separator: ";")
    }

    static func describe(_ body: HTTPBody) -> String {
        switch body {
        case .none: return "none"
        case .bytes(let bytes): return "bytes(\(bytes.count)):\(String(decoding: bytes, as: UTF8.self))"
        case .json, .recordedJSON: return "json:" + JSONWriter.string(body.jsonValue ?? .null)
        }
    }

    /// A fresh temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("conform-traffic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
