/// Exit codes, per DESIGN.md: 0 conformant, 1 findings at the failing severity, 2 usage or input error.
enum ExitStatus: Int32 {
    case success = 0
    case findings = 1
    case usageOrInput = 2
}

/// One subcommand: its argument table, and what it does with the parsed arguments.
protocol Command: Sendable {
    static var spec: CommandSpec { get }
    init(_ arguments: ParsedArguments) throws(UsageError)
    func run() async -> ExitStatus
}

/// Every subcommand, in the order `--help` lists them.
enum Commands {
    static let all: [any Command.Type] = [LintCommand.self, ValidateCommand.self, MergeCommand.self, PayloadCommand.self, MockCommand.self, ProbeCommand.self, ProxyCommand.self, RunCommand.self]

    static func named(_ name: String) -> (any Command.Type)? {
        all.first { $0.spec.name == name }
    }

    static var names: [String] { all.map { $0.spec.name } }
}
