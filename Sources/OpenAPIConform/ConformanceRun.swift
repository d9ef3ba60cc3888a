import ConformChecks
import ConformFindings
import ConformSpec
import ConformValues
import Foundation

/// The one pipeline every command builds its work with: load the description with its config into a `Contract`
/// (with the lint rules for `lint` and `run`), check the traffic, and gather both into the report every format
/// renders. `lint` is this pipeline without traffic; `payload` stops at the contract and checks payload files
/// against it.
public struct ConformanceRun: Sendable {
    /// The API's name in reports.
    public var name: String
    /// The description's entry file; with `specBytes`, only the name its findings are shown under.
    public var specPath: String
    /// The entry document's bytes when they come from no file (standard input). Relative `$ref`s in it then
    /// resolve against the working directory, and the config is looked for there (`ConformConfig.resolve`).
    public var specBytes: [UInt8]?
    /// The config file; nil uses `openapi-conform.yaml` beside the description when there is one.
    public var configPath: String?
    /// Whether to run the lint rules on top of the findings every command reports.
    public var lint: Bool
    public var failOn: Severity = .error
    public var baseline: Baseline?
    public var minimumCoverage: Double?
    /// Servers the traffic may have been recorded against, besides the description's and the config's (`--server`).
    public var servers: [String] = []
    /// Check only exchanges to these hosts (`--host`); nil checks all.
    public var hosts: [String]?
    /// Check only this share of the exchanges (`--shard K/N`); nil checks all.
    public var shard: Shard?
    /// `--limit` and `--allow-external-refs`, applied over the config's `limits:`.
    package var limitOverrides = LimitOverrides()
    /// Called after each batch of exchanges with the number checked so far.
    public var progress: (@Sendable (Int) -> Void)?

    public init(name: String, specPath: String, configPath: String? = nil, lint: Bool) {
        self.name = name
        self.specPath = specPath
        self.configPath = configPath
        self.lint = lint
    }

    /// Loads the description and its config. Throws only when the description's entry file or the config cannot
    /// be read; every other problem of the description is one of the contract's findings.
    public func contract() throws(LoadError) -> Contract {
        var config = try ConformConfig.resolve(explicit: configPath, spec: specPath)
        config.servers += servers
        limitOverrides.apply(to: &config.limits)
        guard let specBytes else {
            return try Contract(path: specPath, config: config, lint: lint, failOn: failOn, baseline: baseline)
        }
        guard specBytes.count <= config.limits.maxDocumentBytes else {
            throw LoadError(
                .tooLarge, "the description is \(specBytes.count) bytes, more than the document-bytes limit of \(config.limits.maxDocumentBytes)",
                at: SourceLocation(file: specPath, line: 1, column: 1))
        }
        let entry = try DocumentReader.read(SourceFile(path: specPath, bytes: specBytes), limits: config.limits)
        return Contract(loaded: try SpecLoader.load(entry: entry, limits: config.limits), config: config, lint: lint, failOn: failOn, baseline: baseline)
    }

    /// Loads the description and checks `traffic`. With no traffic the report is about the description alone.
    public func report(
        _ traffic: [TrafficInput] = [], paths: PathDisplay = .currentDirectory, at date: Date = ReportDate.now()
    ) async throws(LoadError) -> ConformanceReport {
        let contract = try contract()
        var report = ConformanceReport(name: name, contract: contract, minimumCoverage: minimumCoverage, generatedAt: date, paths: paths)
        var validation = TrafficValidation(contract: contract, hosts: hosts)
        validation.shard = shard
        validation.progress = progress
        await validation.run(traffic, into: &report)
        return report
    }

    /// The API's name in reports for a description path: the folder of `specs/<api>/openapi.yaml` (or
    /// `swagger`, `api`), else the file's name without its extension.
    public static func name(of specPath: String) -> String {
        let url = URL(fileURLWithPath: specPath)
        let file = url.deletingPathExtension().lastPathComponent
        return ["openapi", "swagger", "api"].contains(file.lowercased()) ? url.deletingLastPathComponent().lastPathComponent : file
    }
}
