import ConformChecks
import ConformSpec
import ConformValues
import Foundation

/// Descriptions, payloads checked against them, and configs.
enum DescriptionTargets {
    /// Where the fuzzed description claims to be: a folder that does not exist, so its relative `$ref`s reach no
    /// file (absolute ones still can; `limits` bounds what they read).
    static let entryPath = NSTemporaryDirectory() + "/openapi-conform-fuzz-absent/openapi"

    /// Each file a description reaches is cut off at the fuzzer's own input limit (a `$ref` to `/dev/zero`).
    static let limits = LoadLimits(maxDocumentBytes: FuzzTarget.maxInputBytes)

    /// Loading, `$ref` resolution, the model and schema compilation: what `Contract` does before any traffic.
    static func spec(_ input: [UInt8]) {
        blackHole(contract(input, lint: false)?.findings.count)
    }

    /// `spec` with the lint rules too.
    static func lint(_ input: [UInt8]) {
        blackHole(contract(input, lint: true)?.findings.count)
    }

    static func contract(_ input: [UInt8], lint: Bool) -> Contract? {
        guard let entry = try? DocumentReader.read(SourceFile(path: entryPath, bytes: input), limits: limits),
              let loaded = try? SpecLoader.load(entry: entry, limits: limits)
        else { return nil }
        return Contract(loaded: loaded, config: ConformConfig(), lint: lint)
    }

    /// A payload (JSON, or YAML when it does not start like JSON) checked against one schema of the bundled
    /// descriptions, chosen by the input's length so that every seed reaches some schema whatever its first bytes.
    static func payload(_ input: [UInt8]) {
        let validators = bundledValidators
        guard !validators.isEmpty else { return }
        let result = validators[input.count % validators.count].validate(file: "payload", bytes: input)
        blackHole(result.findings.map(\.message.count).reduce(0, &+))
    }

    /// A validator for every component schema of every description in `specs/`, built on first use. The
    /// descriptions are found beside this source file, in the repository the fuzz target was built from.
    static let bundledValidators: [PayloadValidator] = {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        let specs = root.appendingPathComponent("specs")
        let apis = (try? FileManager.default.contentsOfDirectory(atPath: specs.path))?.sorted() ?? []
        return apis.flatMap { api -> [PayloadValidator] in
            let path = specs.appendingPathComponent(api).appendingPathComponent("openapi.yaml").path
            guard let contract = try? Contract(path: path) else { return [] }
            return contract.document.components.schemas.compactMap { try? PayloadValidator(.schema($0.name), contract: contract) }
        }
    }()

    static func config(_ input: [UInt8]) {
        guard let document = try? DocumentReader.read(SourceFile(path: "openapi-conform.yaml", bytes: input)) else { return }
        blackHole(try? ConformConfig.parse(document))
    }
}
