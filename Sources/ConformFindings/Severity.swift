/// How much a finding matters. `error` fails a run (exit 1); `warning` fails it only under `--fail-on warning`;
/// `note` records something that could not be checked or is worth knowing, and never fails a run.
public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible {
    case note
    case warning
    case error

    public var description: String { rawValue }

    private var rank: Int {
        switch self {
        case .note: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
