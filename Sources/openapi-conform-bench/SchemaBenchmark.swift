import ConformSchema
@_spi(Tape) import ConformValues
import Foundation

/// Validates a JSONL file of payloads against one JSON Schema (2020-12) and reports, as the median of several
/// runs after a warm-up: compile time, the fast `isValid` pass over every payload (ns per payload, validations
/// per second, MB/s of payload text) and the collecting `validate` pass over the payloads that fail.
///
/// Payloads are parsed up front and laid out as `JSONTape`s, the form validation reads (the peers likewise get
/// payloads already parsed into Python objects); neither is timed. The output is one stable line that
/// `Peers/compare-schemas.sh` reads, with the valid count and a hash of every verdict so that the harness can
/// check that the tools compared agree payload by payload:
///
///     schemas FILE: N payloads, X MB, compile X ms, isValid X ns/payload X/s X MB/s, validate(invalid) N payloads X ns/payload X failures, valid N/N, verdicts fnv1a:HEX
struct SchemaBenchmark {
    let schemaPath: String
    let payloadsPath: String
    let runs: Int

    func run() -> Int32 {
        guard let schemaBytes = FileManager.default.contents(atPath: schemaPath).map(Array.init),
            let payloadBytes = FileManager.default.contents(atPath: payloadsPath).map(Array.init)
        else {
            FileHandle.standardError.write(Data("openapi-conform-bench: cannot read \(schemaPath) or \(payloadsPath)\n".utf8))
            return 2
        }
        let schema: JSONValue
        var payloads: [JSONTape] = []
        var bytes = 0
        do {
            schema = try JSONReader.parse(schemaBytes, path: schemaPath)
            for (number, line) in payloadBytes.split(separator: UInt8(ascii: "\n")).enumerated() where !line.isEmpty {
                payloads.append(JSONTape(try JSONReader.parse(Array(line), path: "\(payloadsPath):\(number + 1)")))
                bytes += line.count
            }
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            return 2
        }
        guard !payloads.isEmpty else {
            FileHandle.standardError.write(Data("openapi-conform-bench: \(payloadsPath) holds no payloads\n".utf8))
            return 2
        }
        let megabytes = Double(bytes) / 1_000_000

        let (compiled, root, diagnostics) = Self.compile(schema, path: schemaPath)
        for message in Set(diagnostics.map(\.message)).sorted() {
            FileHandle.standardError.write(Data("openapi-conform-bench: \((schemaPath as NSString).lastPathComponent): \(message)\n".utf8))
        }
        let compileTime = Timing.median(runs) { Self.compile(schema, path: schemaPath).compiled.count }

        // Verdicts once, outside the timing: the valid count, a hash of every verdict, and the failing payloads.
        var verdictHash: UInt64 = 0xcbf2_9ce4_8422_2325
        var invalid: [JSONTape] = []
        for payload in payloads {
            let valid = compiled.isValid(payload, against: root)
            verdictHash = (verdictHash ^ UInt64(valid ? 0x31 : 0x30)) &* 0x0000_0100_0000_01b3
            if !valid { invalid.append(payload) }
        }
        let validCount = payloads.count - invalid.count

        let fast = Timing.median(runs) {
            var count = 0
            for payload in payloads where compiled.isValid(payload, against: root) { count += 1 }
            return count
        }
        var failureCount = 0
        for payload in invalid { failureCount += compiled.validate(payload, against: root).count }
        let collecting = invalid.isEmpty ? 0 : Timing.median(runs) {
            var count = 0
            for payload in invalid { count += compiled.validate(payload, against: root).count }
            return count
        }

        let perPayload = fast / Double(payloads.count) * 1e9
        let perInvalid = invalid.isEmpty ? 0 : collecting / Double(invalid.count) * 1e9
        print(String(
            format: "schemas %@: %d payloads, %.3f MB, compile %.3f ms, isValid %.0f ns/payload %.0f/s %.1f MB/s, validate(invalid) %d payloads %.0f ns/payload %d failures, valid %d/%d, verdicts fnv1a:%016llx",
            (schemaPath as NSString).lastPathComponent, payloads.count, megabytes, compileTime * 1000,
            perPayload, Double(payloads.count) / fast, megabytes / fast,
            invalid.count, perInvalid, failureCount, validCount, payloads.count, verdictHash))
        return 0
    }

    /// One compilation from scratch: the schema as its own document, compiled from its root.
    static func compile(_ schema: JSONValue, path: String) -> (compiled: CompiledSchemas, root: SchemaID, diagnostics: [SchemaDiagnostic]) {
        var compiler = SchemaCompiler(options: SchemaOptions())
        let document = compiler.addSchemaDocument(schema, uri: "file:///bench/schema.json", file: path, dialect: .draft2020_12)
        let root = compiler.compile(document: document, pointer: .root)
        return (compiler.finish(), root, compiler.diagnostics)
    }
}
