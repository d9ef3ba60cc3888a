import ConformFindings
import Foundation

/// The façade `run` drives for one API: lint the description, check its recorded traffic, and gather both into
/// the report every format renders. The description is loaded once and shared by lint and the traffic check.
public struct ConformanceRun: Sendable {
    public var name: String
    public var specPath: String
    public var trafficPaths: [String]
    public var config: ConformConfig
    public var threshold: Severity = .error
    public var minimumCoverage: Double?
    public var baseline: Baseline?
    /// Called after each batch of exchanges with the number checked so far.
    public var progress: (@Sendable (Int) -> Void)?

    public init(name: String, specPath: String, trafficPaths: [String], config: ConformConfig) {
        self.name = name
        self.specPath = specPath
        self.trafficPaths = trafficPaths
        self.config = config
    }

    /// Lints and checks; throws only when the description itself cannot be loaded.
    public func report(paths: PathDisplay = .currentDirectory, at date: Date = ReportDate.now()) async throws(LoadError) -> ConformanceReport {
        let lint = try SpecLinter(config: config).lint(path: specPath)
        let description = Description(linted: lint, config: config)
        var validation = TrafficValidation(description: description, baseline: baseline)
        validation.progress = progress
        let traffic = await validation.run(trafficPaths.map { .file($0) })
        return ConformanceReport(
            name: name, description: description, lintFindings: lint.findings, traffic: traffic, trafficFiles: trafficPaths,
            threshold: threshold, minimumCoverage: minimumCoverage, generatedAt: date, paths: paths)
    }
}
