import ConformChecks
import ConformTraffic
import Foundation

/// Recorded exchanges checked against descriptions: the JSONL reader, then routing, parameter styles and their
/// coercion, security, form, multipart and JSON bodies, responses, redaction and the findings' wording. The
/// descriptions are the bundled ones and the test fixtures written to exercise every parameter style and body
/// encoding; the input's length chooses one, so that every seed reaches some description whatever its bytes.
enum ExchangeTarget {
    static func exchange(_ input: [UInt8]) {
        let contracts = fixtureContracts
        guard !contracts.isEmpty, let reader = try? TrafficReader.open(bytes: input, name: "fuzz.jsonl", format: .jsonl) else { return }
        let contract = contracts[input.count % contracts.count]
        var bytes = 0
        for result in reader {
            guard case .exchange(let exchange) = result else { continue }
            let checked = contract.validate(exchange)
            for finding in checked.findings { bytes &+= finding.message.utf8.count &+ finding.notes.count }
        }
        blackHole(bytes)
    }

    /// The bundled descriptions and the parameter, body and request fixtures, found beside this source file in the
    /// repository the target was built from; loaded on first use.
    static let fixtureContracts: [Contract] = {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        let specs = root.appendingPathComponent("specs")
        let bundled = ((try? FileManager.default.contentsOfDirectory(atPath: specs.path)) ?? []).sorted().map {
            specs.appendingPathComponent($0).appendingPathComponent("openapi.yaml").path
        }
        let fixtures = ["units/parameters.yaml", "units/bodies.yaml", "requests/openapi.yaml"].map {
            root.appendingPathComponent("Tests/ConformChecksTests/Fixtures").appendingPathComponent($0).path
        }
        return (bundled + fixtures).compactMap { try? Contract(path: $0) }
    }()
}
