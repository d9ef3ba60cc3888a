import ConformFindings
import ConformValues

/// Setting `LoadLimits` by name, as the config's `limits:` section and `--limit NAME=VALUE` write them; both go
/// through here so that they accept the same names and values and word their mistakes alike.
extension LoadLimits {
    /// Sets the bound `name` from its written value; returns why it cannot be set (an unknown name, with the
    /// nearest known one, or a value that is not a positive whole number), or nil when it was set.
    package mutating func set(_ name: String, to value: String) -> String? {
        guard let known = Name(rawValue: name) else {
            let names = Name.allCases.map(\.rawValue)
            let hint = EditDistance.suggestion(for: name, among: names).map { "; did you mean '\($0)'?" } ?? ""
            return "unknown limit '\(name.prefix(64))'\(hint) (the limits are \(names.joined(separator: ", ")))"
        }
        guard let number = Self.number(value, bytes: known.isBytes) else {
            let unit = known.isBytes ? ", optionally with a KiB, MiB or GiB suffix" : ""
            return "the limit '\(name)' is a positive whole number\(unit), not '\(value.prefix(64))'"
        }
        self[known] = number
        return nil
    }

    /// `NAME=VALUE` as `--limit` takes it.
    package mutating func set(assignment: String) -> String? {
        guard let equals = assignment.firstIndex(of: "=") else {
            return "a limit is written NAME=VALUE, such as 'depth=1000', not '\(assignment.prefix(64))'"
        }
        return set(String(assignment[..<equals]), to: String(assignment[assignment.index(after: equals)...]))
    }

    /// A positive whole number (`_` may group digits), scaled by a binary suffix for sizes; nil for anything else
    /// or for a number too large to hold.
    private static func number(_ text: String, bytes: Bool) -> Int? {
        var digits = Substring(text)
        var scale = 1
        if bytes {
            for (suffix, factor) in [("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30)] where digits.hasSuffix(suffix) {
                digits = digits.dropLast(suffix.count)
                scale = factor
            }
        }
        guard digits.count <= 18, let number = Int(String(digits.filter { $0 != "_" })), number > 0 else { return nil }
        let (scaled, overflow) = number.multipliedReportingOverflow(by: scale)
        return overflow ? nil : scaled
    }
}

/// The limits a command line sets (`--limit NAME=VALUE`, `--allow-external-refs`, `--allow-remote-refs`), applied
/// over the config's: the command line wins, as `--server` adds to the config's servers.
package struct LimitOverrides: Sendable {
    /// Each `--limit` checked and resolved, in the order given (a later one for the same name wins).
    package private(set) var values: [(name: LoadLimits.Name, value: Int)] = []
    package var allowExternalReferences = false
    package var allowRemoteReferences = false

    package init() {}

    /// Reads `NAME=VALUE` assignments; throws the first one's problem.
    package init(assignments: [String], allowExternalReferences: Bool, allowRemoteReferences: Bool = false) throws(LimitProblem) {
        for assignment in assignments {
            var scratch = LoadLimits.default
            if let problem = scratch.set(assignment: assignment) { throw LimitProblem(assignment: assignment, message: problem) }
            let name = LoadLimits.Name(rawValue: String(assignment.prefix { $0 != "=" }))!
            values.append((name, scratch[name]))
        }
        self.allowExternalReferences = allowExternalReferences
        self.allowRemoteReferences = allowRemoteReferences
    }

    package func apply(to limits: inout LoadLimits) {
        for (name, value) in values { limits[name] = value }
        if allowExternalReferences { limits.allowExternalReferences = true }
        if allowRemoteReferences { limits.allowRemoteReferences = true }
    }
}

/// A `--limit` that cannot be read, in words for the usage error.
package struct LimitProblem: Error, Sendable {
    package var assignment: String
    package var message: String
}
