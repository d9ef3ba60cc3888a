import ConformFindings
import ConformSchema
import ConformValues
import Foundation

/// `openapi-conform.yaml`: project settings that travel with a description.
///
/// ```yaml
/// formats:                     # custom formats: name → ECMA-262 pattern the value must match
///   ldg_string: '^ldg_[A-Za-z0-9]+$'
/// rules:                       # severity per rule id: error, warning, note or off
///   spec-unknown-format: note
/// ignore:                      # drop a rule's findings for one operation (operationId or `METHOD /path`) or path
///   - rule: request-parameter-unknown
///     operation: list-companies
///   - rule: response-status-undocumented
///     path: /health
/// servers:                     # more servers the traffic may have been recorded against (as --server adds)
///   - http://localhost:8080/api
/// strict:                      # the letter of the specification where real descriptions rely on a reading
///   - nullable
/// ```
/// When no `--config` is given, `openapi-conform.yaml` in the description's folder is used if it exists.
public struct ConformConfig: Sendable {
    public static let fileName = "openapi-conform.yaml"

    /// Where the config was read from; nil for the built-in defaults.
    public var path: String?
    public var formats: [String: String] = [:]
    /// Severity per rule; `nil` means the rule is switched off.
    public var severities: [RuleID: Severity?] = [:]
    /// Findings to drop, by rule and operation or path.
    public var ignores: [Ignore] = []
    /// Servers to route traffic to besides the description's own (`servers:`, and `--server` on the command line).
    public var servers: [String] = []
    /// The leniencies switched off (`strict:`): see `Strictness`.
    public var strict: Set<Strictness> = []

    /// Where real descriptions break the letter of the specification in a way nearly all mean one thing, the tool
    /// follows that meaning and lint names the construct once (README: "Leniencies"); each of these switches one
    /// such reading off.
    public enum Strictness: String, Sendable, Hashable, CaseIterable {
        /// `nullable: true` has an effect only beside `type`, as OpenAPI 3.0.3 words it (otherwise null is allowed).
        case nullable
        /// A `$ref` where the OpenAPI version allows no Reference Object is an error and is not followed.
        case misplacedReferences = "misplaced-ref"
        /// `/pets/` and `/pets` are different paths (otherwise a trailing slash is not significant).
        case trailingSlash = "trailing-slash"
    }

    /// One `ignore` entry: a rule (or every rule) for an operation or a path template (or everywhere).
    public struct Ignore: Sendable, Hashable {
        public var rule: RuleID?
        public var operation: OperationSelector?
        /// A path template such as `/health`.
        public var path: String?

        public init(rule: RuleID? = nil, operation: OperationSelector? = nil, path: String? = nil) {
            self.rule = rule
            self.operation = operation
            self.path = path
        }

        func matches(_ finding: Finding, operationIDs: [OperationKey: String]) -> Bool {
            if let rule, rule != finding.rule { return false }
            if let operation {
                guard let key = finding.operation, operation.matches(key, operationID: operationIDs[key]) else { return false }
            }
            if let path, finding.operation?.path != path { return false }
            return true
        }
    }

    public init() {}

    /// The format registry with this config's custom formats.
    package var formatRegistry: FormatRegistry { FormatRegistry(custom: formats) }

    /// The config for a description: the explicit file when given, else `openapi-conform.yaml` beside the spec.
    public static func resolve(explicit: String?, spec: String) throws(LoadError) -> ConformConfig {
        if let explicit { return try load(path: explicit) }
        let directory = URL(fileURLWithPath: spec).deletingLastPathComponent().path
        let beside = (spec.contains("/") ? directory + "/" : "") + fileName
        guard FileManager.default.fileExists(atPath: beside) else { return ConformConfig() }
        return try load(path: beside)
    }

    public static func load(path: String) throws(LoadError) -> ConformConfig {
        let document = try DocumentReader.read(path: path)
        return try ConformConfigParser(document: document).parse()
    }

    /// Findings with this config's severities applied; findings of switched-off rules and ignored ones are
    /// dropped. `operationIDs` gives each operation's operationId, so ignores may name either.
    public func apply(to findings: [Finding], operationIDs: [OperationKey: String] = [:]) -> [Finding] {
        guard !severities.isEmpty || !ignores.isEmpty else { return findings }
        return findings.compactMap { finding in
            if ignores.contains(where: { $0.matches(finding, operationIDs: operationIDs) }) { return nil }
            guard let override = severities[finding.rule] else { return finding }
            guard let severity = override else { return nil }
            var adjusted = finding
            adjusted.severity = severity
            return adjusted
        }
    }
}
