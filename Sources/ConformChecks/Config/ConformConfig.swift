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
/// limits:                      # bounds on hostile input, by name (README: "Limits"); as --limit NAME=VALUE
///   depth: 1000
///   document-bytes: 512MiB
/// allow-external-refs: true    # relative $refs may leave the description's folder (--allow-external-refs)
/// allow-remote-refs: true      # $refs to http(s) URLs are fetched (--allow-remote-refs)
/// ```
/// When no `--config` is given, `resolve(explicit:spec:)` finds one beside the description or in a folder above.
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
    /// Bounds on what reading the description and the traffic may cost, and whether `$ref`s may leave the
    /// description's folder (`limits:`, `allow-external-refs:`).
    package var limits = LoadLimits.default

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
        /// A `pattern` between slashes that nothing matches as written (`/^[0-9]+$/`) is read as written (otherwise
        /// as the expression between the slashes).
        case patternSlashes = "pattern-slashes"
    }

    /// Why `url` cannot be a server for the run, or nil when it can: a server is an absolute URL with a scheme and
    /// a host (`http://127.0.0.1:8080/api`), or a path (`/api`) for traffic recorded without hosts.
    package static func serverURLProblem(_ url: String) -> String? {
        if url.hasPrefix("/") { return nil }
        guard let separator = url.range(of: "://") else {
            return "a server is a URL with its scheme, such as 'http://\(url.isEmpty ? "localhost:8080" : url)'"
        }
        let scheme = url[..<separator.lowerBound]
        guard let first = scheme.first, first.isLetter, scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) else {
            return "'\(scheme)' is not a URL scheme"
        }
        let host = url[separator.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return host.isEmpty ? "a server URL names a host after '\(scheme)://'" : nil
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

    /// The config for a description: the explicit file when given; else the first `openapi-conform.yaml` or
    /// `openapi-conform.yml` beside the description, then in the working directory and each folder above it up to
    /// the repository root (the first folder holding `.git`), as Spectral and Redocly find theirs, so one config at
    /// the root serves every description of a repository. Outside a repository only the working directory is
    /// searched after the description's folder (a stray file in a home folder must not change a run). A
    /// description read from standard input (a path without a folder) starts at the working directory. No file
    /// found: the built-in defaults. `path` of the result says which file was used.
    public static func resolve(explicit: String?, spec: String) throws(LoadError) -> ConformConfig {
        if let explicit { return try load(path: explicit) }
        let names = [fileName, "openapi-conform.yml"]
        // Folders as prefixes of the candidate paths, kept relative when the description's path is.
        var folders = [spec.lastIndex(of: "/").map { String(spec[...$0]) } ?? ""]
        let manager = FileManager.default
        var directory = URL(fileURLWithPath: manager.currentDirectoryPath).standardizedFileURL
        var climbed: [String] = [""]
        var prefix = ""
        while directory.path != "/" {
            if manager.fileExists(atPath: directory.appendingPathComponent(".git").path) { break }
            directory.deleteLastPathComponent()
            prefix += "../"
            climbed.append(prefix)
        }
        let insideRepository = manager.fileExists(atPath: directory.appendingPathComponent(".git").path)
        folders += insideRepository ? climbed : [""]
        for folder in folders {
            for name in names where manager.fileExists(atPath: folder + name) {
                return try load(path: folder + name)
            }
        }
        return ConformConfig()
    }

    public static func load(path: String) throws(LoadError) -> ConformConfig {
        try parse(DocumentReader.read(path: path))
    }

    /// The config a document already read holds (the fuzz target of the config parser reads from memory).
    package static func parse(_ document: LoadedDocument) throws(LoadError) -> ConformConfig {
        try ConformConfigParser(document: document).parse()
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
